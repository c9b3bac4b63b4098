/**
 * Tests by name, as the study language spells them (analyses/README.md), and the `auto` rule. Shared by the
 * summary table (omnibus and pairwise p's) and the logistic model's screening block. Browser-safe.
 */
import * as S from '../api.ts';
import type { Conventions } from '../conventions.ts';
import { fixed, pStatement } from '../format.ts';
import type { ConventionValue } from '../types.ts';

/** Every test name a spec may use, in the order the error message lists them. */
export const TEST_NAMES = [
  'auto',
  'chisq',
  'chisq-pearson',
  'chisq-yates',
  'fisher',
  'mann-whitney',
  't',
  't-student',
  't-welch',
  'kruskal',
  'anova',
  'welch-anova',
  'none',
] as const;
export type TestName = (typeof TEST_NAMES)[number];

const CATEGORICAL_TESTS: ReadonlySet<string> = new Set([
  'auto',
  'chisq',
  'chisq-pearson',
  'chisq-yates',
  'fisher',
  'none',
]);
const NUMERIC_TESTS: ReadonlySet<string> = new Set([
  'auto',
  'mann-whitney',
  't',
  't-student',
  't-welch',
  'kruskal',
  'anova',
  'welch-anova',
  'none',
]);
const TWO_GROUP_TESTS: ReadonlySet<string> = new Set(['mann-whitney', 't', 't-student', 't-welch']);

export const isTestName = (name: string): name is TestName => (TEST_NAMES as readonly string[]).includes(name);

/** Why `test` does not fit a row of this type with this many groups, or null when it does. */
export function testMisfit(test: TestName, type: 'categorical' | 'numeric', groups: number): string | null {
  const allowed = type === 'categorical' ? CATEGORICAL_TESTS : NUMERIC_TESTS;
  if (!allowed.has(test)) {
    return `${test} does not apply to a ${type} variable (use one of ${[...allowed].join(', ')})`;
  }
  if (TWO_GROUP_TESTS.has(test) && groups !== 2) return `${test} compares two groups; this table has ${groups}`;
  if (test !== 'none' && test !== 'auto' && groups < 2)
    return `${test} needs a grouping column (\`by\`) with two or more groups`;
  return null;
}

export interface TestOutcome {
  /** The test that produced p (after `auto`): a concrete name. */
  name: Exclude<TestName, 'auto' | 'none' | 't' | 'chisq'> | 'chisq';
  p: number;
  statistic: number | null;
  df: number | null;
  /** Short tag printed beside the p (χ², Fisher, MW, t, KW, ANOVA, Welch). */
  tag: string;
  method: string;
  conventions: Record<string, ConventionValue>;
  /** Warnings of the statistical function (degenerate data: all tied, zero variance …). */
  warnings?: readonly string[];
}

const nonEmpty = (table: number[][]): boolean => {
  const rows = table.filter((r) => r.some((v) => v > 0)).length;
  const cols = table[0].map((_, j) => j).filter((j) => table.some((r) => r[j] > 0)).length;
  return rows >= 2 && cols >= 2;
};

/** Monte Carlo tables that stand for an r × c Fisher test above `exactUpTo` (R's `fisher.test` default B). */
export const FISHER_SIMULATED_REPLICATES = 2000;

/** The seed of a Monte Carlo Fisher p when the caller gives none (as fisherExactTest's own fallback). */
const DEFAULT_FISHER_SEED = 1;

/**
 * A categorical test on a levels × groups table: `chisq*`, `fisher`, or `auto` (Pearson χ² unless an expected
 * count is below the preset's threshold, then Fisher). Null when the table has fewer than two non-empty
 * rows or columns (the test is not defined).
 *
 * Size switch (issue 14): above the preset's `exactUpTo` rows an exact r × c test costs far more than it can
 * change, so `auto` keeps Pearson χ² (Fisher's asymptotic form) where it would have chosen Fisher, and an
 * explicit `fisher` on a table larger than 2 × 2 reports a seeded Monte Carlo p (R's `simulate.p.value`,
 * {@link FISHER_SIMULATED_REPLICATES} tables; 2 × 2 stays exact: its hypergeometric sum is O(n)). Either
 * switch is printed in the cell's method and conventions. At or below `exactUpTo` nothing changes.
 * @param seed called only when a Monte Carlo p is drawn, so that the study's seed stream is not consumed
 *   otherwise. @default () => 1
 */
export function categoricalTest(
  table: number[][],
  test: TestName,
  conv: Conventions,
  seed: () => number = () => DEFAULT_FISHER_SEED,
): TestOutcome | null {
  if (!nonEmpty(table)) return null;
  const yatesWanted = test === 'chisq-yates' || ((test === 'chisq' || test === 'auto') && conv.yates);
  const chi = S.chiSquare(table, yatesWanted);
  const threshold = conv.fisherWhenExpectedBelow;
  const conventions: Record<string, ConventionValue> = {
    yates: conv.yates,
    fisherWhenExpectedBelow: threshold,
    rule: test,
  };
  const size = `${chi.observed.length} × ${chi.observed[0].length}`;
  const is2x2 = chi.observed.length === 2 && chi.observed[0].length === 2;
  const n = chi.observed.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
  const large = n > conv.exactUpTo;
  const sizeNote = `n = ${n} > exactUpTo ${conv.exactUpTo}`;
  const smallest = `the smallest expected count is ${fixed(chi.minExpected, 2)} < ${threshold}`;
  const autoWantsFisher = test === 'auto' && chi.minExpected < threshold;
  if (test === 'fisher' || (autoWantsFisher && !large)) {
    const simulate =
      test === 'fisher' && large && !is2x2 ? { replicates: FISHER_SIMULATED_REPLICATES, seed: seed() } : undefined;
    const f = S.fisher(table, simulate);
    const why =
      test === 'fisher'
        ? 'as the spec asks'
        : `chosen because ${smallest} (${chi.cellsBelow5} cell${chi.cellsBelow5 === 1 ? '' : 's'} below 5)`;
    const monteCarlo = simulate
      ? `${sizeNote}: Monte Carlo p from ${simulate.replicates} random tables with these margins ` +
        `(seed ${simulate.seed})`
      : null;
    return {
      name: 'fisher',
      p: f.pValue,
      statistic: null,
      df: null,
      tag: simulate ? 'Fisher (MC)' : 'Fisher',
      method: `Fisher's exact test (${size}), ${why}${monteCarlo ? `; ${monteCarlo} stands for the exact one` : ''}`,
      conventions: {
        ...conventions,
        chosen: 'fisher',
        ...(simulate
          ? {
              exactUpTo: conv.exactUpTo,
              sizeSwitch: `${sizeNote}: Monte Carlo p (${simulate.replicates} tables, seed ${simulate.seed})`,
            }
          : {}),
      },
    };
  }
  const yates = yatesWanted && is2x2;
  let rule = test === 'auto' ? `; every expected count ≥ ${threshold} (smallest ${fixed(chi.minExpected, 2)})` : '';
  const switched = autoWantsFisher && large;
  if (switched) {
    rule = `; ${smallest}, but ${sizeNote}: Pearson χ², the asymptotic form, stands for Fisher's exact test`;
  }
  return {
    name: test === 'chisq-yates' || test === 'chisq-pearson' ? test : 'chisq',
    p: chi.pValue,
    statistic: chi.statistic,
    df: chi.df,
    tag: 'χ²',
    method:
      `Pearson χ² = ${fixed(chi.statistic, 3)}, df = ${chi.df}` +
      `${yates ? ', Yates-corrected' : ', no continuity correction'}${rule}`,
    conventions: switched
      ? { ...conventions, chosen: 'chisq', exactUpTo: conv.exactUpTo, sizeSwitch: `${sizeNote}: χ² for Fisher` }
      : { ...conventions, chosen: 'chisq' },
  };
}

/** The Mann–Whitney options of the preset (R's `exact = NULL` rule is `exact: undefined`). */
export function mannWhitneyOptions(conv: Conventions): { exact?: boolean; correct: boolean } {
  const { exact, correct } = conv.mannWhitney;
  return exact === 'auto' ? { correct } : { exact: exact === 'always', correct };
}

/** Shapiro–Wilk's limit (R's shapiro.test and Royston's approximation): 3 to 5 000 values. */
export const SHAPIRO_MAX_N = 5000;

export interface AutoChoice {
  test: 'anova' | 'kruskal' | 't-student' | 't-welch' | 'mann-whitney';
  why: string;
}

/**
 * The `auto` rule for a numeric row: Shapiro–Wilk in every group; all p ≥ normalityAlpha → t (two groups,
 * the preset's `tTest`) or one-way ANOVA, else Mann–Whitney or Kruskal–Wallis. Above 5 000 values in a
 * group Shapiro–Wilk is not defined, so the rank test is chosen, and the reason says so.
 */
export function autoNumeric(groups: number[][], codes: readonly string[], conv: Conventions): AutoChoice {
  const two = groups.length === 2;
  const parametric: AutoChoice['test'] = two ? (conv.tTest === 'welch' ? 't-welch' : 't-student') : 'anova';
  const rank: AutoChoice['test'] = two ? 'mann-whitney' : 'kruskal';
  const names = {
    anova: 'ANOVA',
    kruskal: 'Kruskal–Wallis',
    't-student': 'Student t',
    't-welch': 'Welch t',
    'mann-whitney': 'Mann–Whitney',
  };
  const big = groups.findIndex((g) => g.length > SHAPIRO_MAX_N);
  if (big >= 0) {
    return {
      test: rank,
      why:
        `${codes[big]} has ${groups[big].length} values > ${SHAPIRO_MAX_N}` +
        `, where Shapiro–Wilk is not defined (R's limit)` +
        `: ${names[rank]} chosen without a normality test`,
    };
  }
  const sw = groups.map((g) => {
    if (g.length < 3) return null;
    try {
      return S.shapiro(g).pValue;
    } catch {
      return null; // all values identical: not testable, so not shown to be normal
    }
  });
  const normal = sw.every((p) => p !== null && p >= conv.normalityAlpha);
  const test = normal ? parametric : rank;
  const ps = sw.map((p, i) => pStatement(p, `${codes[i]} p`)).join(', ');
  return {
    test,
    why:
      `chosen by Shapiro–Wilk (${ps}): ` +
      `${normal ? `all ≥ ${conv.normalityAlpha}` : `some < ${conv.normalityAlpha} or not testable`}` +
      ` → ${names[test]}`,
  };
}

/** A numeric test on groups of values (concrete names only; `auto` is resolved by autoNumeric first). */
export function numericTest(
  groups: number[][],
  test: AutoChoice['test'] | 'welch-anova',
  conv: Conventions,
): TestOutcome {
  if (test === 'kruskal') {
    const kw = S.kruskal(groups);
    const method = `Kruskal–Wallis H = ${fixed(kw.statistic, 3)}, df = ${kw.df}, tie-corrected`;
    return {
      name: 'kruskal',
      p: kw.pValue,
      statistic: kw.statistic,
      df: kw.df,
      tag: 'KW',
      method,
      conventions: {},
      warnings: kw.warnings,
    };
  }
  if (test === 'anova' || test === 'welch-anova') {
    const welch = test === 'welch-anova';
    const an = S.anova(groups, !welch);
    const method = `${welch ? "Welch's" : 'one-way'} ANOVA F = ${fixed(an.statistic, 3)}`;
    return {
      name: test,
      p: an.pValue,
      statistic: an.statistic,
      df: an.df,
      tag: welch ? 'Welch' : 'ANOVA',
      method,
      conventions: {},
      warnings: an.warnings,
    };
  }
  if (test === 'mann-whitney') {
    const opts = mannWhitneyOptions(conv);
    const mw = S.mannWhitney(groups[0], groups[1], opts);
    const conventions: Record<string, ConventionValue> = { mannWhitney: JSON.stringify(conv.mannWhitney) };
    return {
      name: test,
      p: mw.pValue,
      statistic: mw.statistic,
      df: null,
      tag: 'MW',
      method: `${mw.method}, W = ${fixed(mw.statistic, 1)}`,
      conventions,
      warnings: mw.warnings,
    };
  }
  const student = test === 't-student';
  const t = S.tTest(groups[0], groups[1], student);
  const method =
    `${student ? "Student's" : "Welch's"} t = ${fixed(t.statistic, 3)}` + `, df = ${fixed(t.df, student ? 0 : 2)}`;
  return {
    name: test,
    p: t.pValue,
    statistic: t.statistic,
    df: t.df,
    tag: 't',
    method,
    conventions: { tTest: student ? 'student' : 'welch' },
    warnings: t.warnings,
  };
}
