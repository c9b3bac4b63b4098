import { chisqSf } from '../stats/distributions/index.ts';
import { contains, fmt, fmtIv, pText } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

/**
 * The contingency tests the check needs, with the signatures of the Foundation contract
 * (`chiSquareTest`, `fisherExactTest` in src/stats/contingency). Injected so each check stays a pure
 * function; `src/audit/contingencyTests.ts` wires the real ones.
 */
export interface ContingencyTests {
  chiSquare(
    table: number[][],
    opts: { correct: boolean },
  ): { readonly statistic: number; readonly df: number; readonly pValue: number };
  fisher(table: number[][]): { readonly pValue: number };
}

/** Conventions tried, by the name SPSS prints in its Chi-Square Tests table. */
export type PConvention = 'pearson' | 'yates' | 'likelihood-ratio' | 'fisher';
export const CONVENTION_LABEL: Record<PConvention, string> = {
  pearson: 'Pearson χ²',
  yates: 'χ² with Yates correction',
  'likelihood-ratio': 'likelihood-ratio G²',
  fisher: 'Fisher exact',
};

/** Drops rows and columns whose total is 0 (as SPSS and R's fisher.test do; chisq.test would give NaN). */
export function dropEmpty(table: readonly (readonly number[])[]): number[][] {
  const rows = table.filter((r) => r.reduce((a, b) => a + b, 0) > 0);
  if (rows.length === 0) return [];
  const keep = rows[0].map((_, j) => rows.some((r) => r[j] > 0));
  return rows.map((r) => r.filter((_, j) => keep[j]));
}

/** Likelihood-ratio G² = 2 Σ O ln(O/E) with its χ² p (SPSS's "Likelihood Ratio" row). */
export function likelihoodRatioP(table: readonly (readonly number[])[]): number {
  const n = table.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  const rowT = table.map((r) => r.reduce((a, b) => a + b, 0));
  const colT = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
  let g = 0;
  table.forEach((r, i) =>
    r.forEach((o, j) => {
      if (o > 0) g += o * Math.log((o * n) / (rowT[i] * colT[j]));
    }),
  );
  return chisqSf(2 * g, (table.length - 1) * (table[0].length - 1));
}

/** p of every convention that applies to the table (Yates only for 2 × 2). */
export function contingencyPValues(
  table: readonly (readonly number[])[],
  tests: ContingencyTests,
): Partial<Record<PConvention, number>> {
  const t = dropEmpty(table);
  if (t.length < 2 || t[0].length < 2) return {};
  const out: Partial<Record<PConvention, number>> = {
    pearson: tests.chiSquare(t, { correct: false }).pValue,
    'likelihood-ratio': likelihoodRatioP(t),
    fisher: tests.fisher(t).pValue,
  };
  if (t.length === 2 && t[0].length === 2) out.yates = tests.chiSquare(t, { correct: true }).pValue;
  return out;
}

export interface ContingencyMatch {
  readonly convention: PConvention;
  /** Bonferroni factor applied (1 = none) */
  readonly factor: number;
  readonly p: number;
}

/** Which conventions (optionally Bonferroni-adjusted by one of `factors`, capped at 1) reproduce p. */
export function matchingConventions(
  ps: Partial<Record<PConvention, number>>,
  reported: Interval,
  factors: readonly number[] = [1],
): ContingencyMatch[] {
  const out: ContingencyMatch[] = [];
  for (const factor of factors) {
    for (const [conv, p] of Object.entries(ps) as [PConvention, number][]) {
      const q = Math.min(1, p * factor);
      if (contains(reported, q)) out.push({ convention: conv, factor, p: q });
    }
  }
  return out;
}

/**
 * A changed table that reproduces the printed p: `delta` counts moved from row `from` to row `to`
 * in column `column`.
 */
export interface NearbyTable {
  readonly column: number;
  readonly from: number;
  readonly to: number;
  readonly delta: number;
  readonly table: readonly (readonly number[])[];
  readonly matches: readonly ContingencyMatch[];
}

/**
 * Nearest tables (fewest counts moved between two levels within one group, so every group n stays
 * as printed) that reproduce the printed p under some convention; up to `maxDelta` counts.
 */
export function nearbyTables(
  table: readonly (readonly number[])[],
  reported: Interval,
  tests: ContingencyTests,
  opts: { factors?: readonly number[]; maxDelta?: number; limit?: number } = {},
): NearbyTable[] {
  const maxDelta = opts.maxDelta ?? 3;
  const limit = opts.limit ?? 6;
  const r = table.length;
  const c = table[0]?.length ?? 0;
  for (let delta = 1; delta <= maxDelta; delta++) {
    const found: NearbyTable[] = [];
    for (let col = 0; col < c; col++) {
      for (let from = 0; from < r; from++) {
        if (table[from][col] < delta) continue;
        for (let to = 0; to < r; to++) {
          if (to === from) continue;
          const t = table.map((row) => [...row]);
          t[from][col] -= delta;
          t[to][col] += delta;
          const matches = matchingConventions(contingencyPValues(t, tests), reported, opts.factors);
          if (matches.length > 0) found.push({ column: col, from, to, delta, table: t, matches });
        }
      }
    }
    if (found.length > 0) return found.slice(0, limit);
  }
  return [];
}

function fmtTable(t: readonly (readonly number[])[]): string {
  return t.map((r) => r.join(' ')).join(' / ');
}

/**
 * Recomputes a printed p from the printed counts (rows = levels, columns = groups) with Pearson χ²,
 * Yates (2 × 2), likelihood-ratio G² and Fisher's exact test — and, for pairwise comparisons, each of
 * them Bonferroni-adjusted by `factors` — and says which convention reproduces the printed p.
 * Inconsistent when none does; then names the nearest tables (one group's counts moved between two
 * levels, group n unchanged) that would, as the likely typo.
 */
export function checkContingencyP(
  table: readonly (readonly number[])[],
  reported: Interval,
  printedP: string,
  tests: ContingencyTests,
  opts: {
    readonly factors?: readonly number[];
    readonly rowLabels?: readonly string[];
    readonly columnLabels?: readonly string[];
    readonly searchNearby?: boolean;
  } = {},
): CheckOutcome & {
  readonly pValues: Partial<Record<PConvention, number>>;
  readonly matches: readonly ContingencyMatch[];
  readonly nearby: readonly NearbyTable[];
} {
  const factors = opts.factors ?? [1];
  const pValues = contingencyPValues(table, tests);
  const arithmetic = [
    `table (rows ${opts.rowLabels?.join(', ') ?? 'levels'}; ` +
      `columns ${opts.columnLabels?.join(', ') ?? 'groups'}): ${fmtTable(table)}`,
  ];
  const dropped = dropEmpty(table);
  if (dropped.length !== table.length || (dropped[0]?.length ?? 0) !== (table[0]?.length ?? 0))
    arithmetic.push(`empty rows/columns dropped: ${fmtTable(dropped)}`);
  if (Object.keys(pValues).length === 0) {
    return {
      status: 'not-checkable',
      reported: printedP,
      recomputed: null,
      message: 'fewer than two non-empty levels or groups',
      arithmetic,
      severity: 'high',
      pValues,
      matches: [],
      nearby: [],
    };
  }
  for (const [conv, p] of Object.entries(pValues) as [PConvention, number][]) {
    arithmetic.push(
      `${CONVENTION_LABEL[conv]}: p = ${fmt(p, 4)}${factors
        .filter((f) => f > 1)
        .map((f) => `; × ${f} = ${fmt(Math.min(1, p * f), 4)}`)
        .join('')}`,
    );
  }
  arithmetic.push(`printed ${pText(printedP)} stands for ${fmtIv(reported)}`);
  const matches = matchingConventions(pValues, reported, factors);
  const recomputed = (Object.entries(pValues) as [PConvention, number][])
    .map(([c, p]) => `${c} ${fmt(p, 3)}`)
    .join(', ');
  const label = (m: ContingencyMatch): string =>
    `${CONVENTION_LABEL[m.convention]}${m.factor > 1 ? ` × ${m.factor} (Bonferroni)` : ''}`;
  if (matches.length > 0) {
    const unadjusted = matches.filter((m) => m.factor === 1);
    const best = unadjusted.length ? unadjusted : matches;
    return {
      status: 'consistent',
      reported: printedP,
      recomputed,
      message: `reproduced by ${best.map(label).join(', ')}`,
      arithmetic,
      severity: 'high',
      pValues,
      matches,
      nearby: [],
    };
  }
  const nearby = opts.searchNearby === false ? [] : nearbyTables(table, reported, tests, { factors });
  const rl = (i: number): string => opts.rowLabels?.[i] ?? `row ${i + 1}`;
  const cl = (j: number): string => opts.columnLabels?.[j] ?? `column ${j + 1}`;
  const hint = nearby.length
    ? `; nearest tables that would: ${nearby
        .slice(0, 3)
        .map(
          (t) =>
            `${cl(t.column)} ${rl(t.from)} ${table[t.from][t.column]}→${t.table[t.from][t.column]}, ` +
            `${rl(t.to)} ${table[t.to][t.column]}→${t.table[t.to][t.column]} ` +
            `(${t.matches.map(label).join(', ')})`,
        )
        .join('; ')}`
    : '; no table within 3 moved counts reproduces it';
  for (const t of nearby.slice(0, 3))
    arithmetic.push(
      `nearby: ${fmtTable(t.table)} → ${t.matches.map((m) => `${label(m)} p = ${fmt(m.p, 4)}`).join(', ')}`,
    );
  return {
    status: 'inconsistent',
    reported: printedP,
    recomputed,
    message: `no convention reproduces ${pText(printedP)} from the printed counts (${recomputed})${hint}`,
    arithmetic,
    severity: 'high',
    pValues,
    matches,
    nearby,
  };
}
