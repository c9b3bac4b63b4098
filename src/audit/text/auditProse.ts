import type { AuditKind, CheckOutcome } from '../types.ts';
import { checkProseAuc, checkProseDescriptives, checkProseOddsRatio, checkProsePercent } from './checkEstimates.ts';
import { checkProseTest, type ProseTestOutcome } from './checkTest.ts';
import { extractProse, joinLines } from './extract.ts';
import { toProseLines } from './lines.ts';
import { type ProseOptions, resolveProseOptions } from './options.ts';
import type { ProseAudit, ProseCheck, ProseLine, ProseLocation, ProseResult } from './types.ts';

function rowOf(l: ProseLocation): string {
  return l.page === undefined ? `line-${l.line}` : `page-${l.page}/line-${l.line}`;
}

function outcomesOf(
  r: ProseResult,
  o: ProseOptions,
  oneTailedAllowed: boolean,
  cellsOnLine: (r: ProseResult) => number,
): { kind: AuditKind; outcome: CheckOutcome | ProseTestOutcome }[] {
  switch (r.kind) {
    case 'test':
      return [{ kind: 'reported-test', outcome: checkProseTest(r.test!, o, oneTailedAllowed) }];
    case 'odds-ratio':
      return [{ kind: 'odds-ratio', outcome: checkProseOddsRatio(r.fields) }];
    case 'auc':
      return [{ kind: 'auc-ci', outcome: checkProseAuc(r.fields) }];
    case 'percent':
      return [{ kind: 'percent', outcome: checkProsePercent(r.fields, cellsOnLine(r)) }];
    case 'descriptives':
      return checkProseDescriptives(r.fields, o);
  }
}

/**
 * Reads the statistics a paper prints in its prose and audits each one.
 *
 * Reads t(df), F(df1, df2), r(df), χ²(df[, N = n]) in its spellings (χ2, χ², x2, X2, chi2, chi_2,
 * chi-square(…), G2, Δχ2), z/Z, Q/Qw/Qb with a p, "p < x", "ns" or a statistic printed with < or >;
 * ORs with CI and p, AUCs with CI, k/n (x%), and "M = 3.45, SD = 1.20, N = 28" (GRIM/GRIMMER). Each
 * test is checked as statcheck does, made exact over rounding intervals, with the options' α,
 * p = α, p = .000 and one-tailed rules.
 *
 * Input: a whole text (split on line breaks) or the lines a document reader made, each with its
 * `line` and, for paginated documents, `page` (lines are joined with '\n', so a result broken over
 * two lines is read and placed at its first character). Output: `results` (every statistic read,
 * with its location and the text as printed) and `checks` (`ProseCheck`: an `AuditCheck` with
 * location `{ table: 'text', row: 'page-<p>/line-<l>' | 'line-<l>', column: 'col-<c>' }` and id
 * `<kind>:text/<row>/col-<c>`, the source location and text, for inconsistent test results
 * statcheck's `errorClass` 'error' | 'decision-error', for t/z/r the `readings` that fit), the
 * one-tailed mentions and a summary. Pure and browser-safe (no `node:` imports); linear time.
 *
 * @param input the text, or its lines with positions
 * @param options see `ProseOptions` (defaults and statcheck's beside them)
 * @throws InputError for an invalid option
 * @example
 * auditProse('t(28) = 2.1, p = .01').summary.errors; // => 1 (t(28) ∈ [2.05, 2.15] gives p ∈ [.0403, .0498])
 */
export function auditProse(input: string | readonly ProseLine[], options: Partial<ProseOptions> = {}): ProseAudit {
  const o = resolveProseOptions(options);
  const lines = toProseLines(input);
  const { results, oneTailedMentions } = extractProse(joinLines(lines));
  const oneTailedAllowed = o.oneTailed === 'all' || (o.oneTailed === 'detect' && oneTailedMentions.length > 0);
  const cells = new Map<string, number>();
  const lineKey = (r: ProseResult) => rowOf(r.location);
  for (const r of results) if (r.kind === 'percent') cells.set(lineKey(r), (cells.get(lineKey(r)) ?? 0) + 1);
  const ids = new Set<string>();
  const checks: ProseCheck[] = [];
  for (const r of results) {
    for (const { kind, outcome } of outcomesOf(r, o, oneTailedAllowed, (x) => cells.get(lineKey(x)) ?? 0)) {
      const row = rowOf(r.location);
      const base = `${kind}:text/${row}/col-${r.location.column}`;
      let id = base;
      for (let j = 2; ids.has(id); j++) id = `${base}#${j}`;
      ids.add(id);
      const notes = r.test?.readingNotes.map((n) => `read: ${n}`) ?? [];
      const check: ProseCheck = {
        id,
        kind,
        location: { table: 'text', row, column: `col-${r.location.column}` },
        inputs: [],
        ...outcome,
        arithmetic: [`found: "${r.text}"`, ...notes, ...outcome.arithmetic],
        source: { ...r.location, text: r.text },
      };
      checks.push(Object.freeze(check));
    }
  }
  const count = (f: (c: ProseCheck) => boolean) => checks.filter(f).length;
  const consistent = count((c) => c.status === 'consistent');
  const errors = count((c) => c.status === 'inconsistent');
  return Object.freeze({
    results: Object.freeze(results.map((r) => Object.freeze(r))),
    checks: Object.freeze(checks),
    oneTailedMentions: Object.freeze(oneTailedMentions),
    summary: {
      read: results.length,
      consistent,
      errors,
      decisionErrors: count((c) => c.errorClass === 'decision-error'),
      other: checks.length - consistent - errors,
    },
  });
}
