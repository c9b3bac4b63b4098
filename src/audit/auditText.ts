import { auditProse } from './text/auditProse.ts';
import { extractProse, joinLines } from './text/extract.ts';
import { toProseLines } from './text/lines.ts';
import type { ProseOptions } from './text/options.ts';
import type { ProseResultKind } from './text/types.ts';
import type { AuditCheck } from './types.ts';

export { TABLE_LIKE_CELLS } from './text/checkEstimates.ts';

/** One statistic found in prose, with where it was found (the line-and-column view of a `ProseResult`). */
export interface ExtractedStatistic {
  readonly kind: ProseResultKind;
  /** 1-based line and column of the match */
  readonly line: number;
  readonly column: number;
  /** the matched text as printed */
  readonly text: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Finds test results (t, F, r, χ² in its spellings, z, Q with p), "OR = 2.1 (95% CI 1.2–3.4), p = 0.01",
 * "AUC = 0.80 (95% CI 0.70–0.90)", "n/N (x%)" / "n of N (x%)" and "M = 3.45, SD = 1.20, N = 28" in a
 * text. See `auditProse` (src/audit/text/) for the formats and the rules.
 */
export function extractStatistics(text: string): ExtractedStatistic[] {
  return extractProse(joinLines(toProseLines(text))).results.map((r) => ({
    kind: r.kind,
    line: r.location.line,
    column: r.location.column,
    text: r.text,
    fields: r.fields,
  }));
}

/**
 * Audits the statistics found in prose (the checks of `auditProse`): test statistic → p (statcheck, exact),
 * OR/CI/p agreement, AUC CI symmetry, k/n → percent, GRIM/GRIMMER. Location: table 'text', row
 * `line-<n>`, column `col-<c>`.
 */
export function auditText(text: string, options: Partial<ProseOptions> = {}): AuditCheck[] {
  return [...auditProse(text, options).checks];
}
