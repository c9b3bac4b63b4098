import { InputError } from '../_shared/errors.ts';
import { createRng } from '../_shared/random.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption, confidenceLevel, countTable } from '../_shared/validate.ts';
import { normalQuantileUpper } from '../distributions/normal.ts';
import { fisher2x2 } from './_fisher2x2.ts';
import { FEXACT_LOG_TOLERANCE, fisherNetwork } from './_fisherNetwork.ts';
import { logFactorialTable } from './_logFactorial.ts';
import { randomTable } from './_r2dtable.ts';
import { droppedWarning, reduceTable } from './_table.ts';

export interface FisherSimulateOptions {
  /** number of random tables (R's `B`) @default 10000 */
  replicates?: number;
  /** seed of the MT19937 stream (required: every random result is reproducible) */
  seed: number;
}

export interface FisherExactOptions {
  /** 2 × 2 only (r × c tests are two-sided by nature): direction for the odds ratio. @default 'two-sided' */
  alternative?: Alternative;
  /** 2 × 2 only: level of the CI of the odds ratio. @default 0.95 */
  confLevel?: number;
  /**
   * 2 × 2 only: report the conditional maximum-likelihood odds ratio with its exact conditional CI
   * (R's `fisher.test`, true), or the sample odds ratio ad/(bc) with Woolf's logit CI
   * exp(log OR ± z·√(1/a + 1/b + 1/c + 1/d)) (SPSS "Risk Estimate", epiR; false). With a zero cell the
   * sample odds ratio has no Woolf CI: the conditional estimate is reported instead, with a warning.
   * The p-value is the same either way.
   * @default true
   */
  conditionalMle?: boolean;
  /**
   * Monte Carlo p-value instead of the exact one for r × c tables (R's `simulate.p.value = TRUE, B`),
   * or the fallback used when the exact computation exceeds `maxWork`. Ignored for 2 × 2 (always exact).
   */
  simulate?: FisherSimulateOptions;
  /**
   * Work limit of the exact r × c network algorithm, in elementary steps (arcs generated, past
   * probabilities pushed or finished, completions enumerated, tail-search visits; about 10–100 ns each; the
   * pushed pasts also bound memory).
   * R's analogue is `workspace`. Beyond it the result carries a warning, exact bounds on the p-value, and
   * a seeded Monte Carlo p-value (`simulate`, or 10000 replicates with seed 1).
   * @default 1e7 (a few seconds of CPU at most)
   */
  maxWork?: number;
}

export interface FisherExactResult extends TestResult {
  /** probability of the observed table given its margins under independence */
  readonly observedProbability: number;
  /** r × c only, when the exact computation stopped at `maxWork`: the exact p-value lies in this interval */
  readonly pValueBounds?: readonly [number, number];
  /** Monte Carlo only: replicates and seed used */
  readonly replicates?: number;
  readonly seed?: number;
}

const DEFAULT_MAX_WORK = 1e7;

/**
 * Fisher's exact test of independence in an r × c table of counts, as R's `fisher.test`.
 *
 * 2 × 2: the conditional distribution of the top-left cell given all margins is hypergeometric (odds
 * ratio 1) or Fisher's non-central hypergeometric. Two-sided p = Σ P(tables) over tables with
 * P ≤ P(observed)·(1 + 1e-7) (R's relErr); one-sided p from the tails. The estimate is the conditional
 * maximum-likelihood odds ratio, and the CI the exact conditional (Cornfield) interval; both are roots
 * found as R does (Brent's method with R's `uniroot` tolerance ε^0.25 ≈ 1.2e-4, so they agree with R's
 * printed values, not beyond that tolerance). O(min margin) per evaluation.
 *
 * r × c: p = Σ P(tables with the observed margins) over tables with log P ≤ log P(observed) + 3.45254e-7
 * (FEXACT's tolerance, as R), computed exactly by a network algorithm (Mehta & Patel 1983): nodes are
 * the sorted remaining row totals after each column, equal past probabilities at a node are merged,
 * and whole subtrees are accepted or dropped from valid bounds on their most and least probable
 * completions; tied row totals are expanded once per permutation class; the last expansion finishes each
 * undecided past against the sorted completions of its two-columns-left child instead of merging it.
 * Exponential in the worst case: the paper's tables take milliseconds; weakly associated 5 × 5 tables with
 * n = 155 that take R's FEXACT (workspace 2e8) 13–133 s take 2–7 s here with `maxWork: 1e10`, beyond the
 * default limit; a moderately associated one is beyond reach for both (R ran over 20 min unfinished).
 * `maxWork` caps the work, and then a seeded Monte Carlo p-value (Patefield's algorithm, as
 * R's `simulate.p.value`: p = (1 + #{P(sim) ≤ P(obs)})/(B + 1)) with its standard error is returned
 * with a warning, together with exact bounds on p.
 *
 * Empty rows/columns carry no information and are dropped (the p-value is unchanged; R does the same
 * inside FEXACT). A 2 × 2 table with an empty row or column is analysed as R does (p = 1, estimate and
 * CI at their limits) with a warning.
 *
 * Differences from R: nothing by default. `maxWork` replaces R's `workspace` (R stops with an error
 * "FEXACT error 7 / increase workspace"; here the result says so and offers the Monte Carlo p).
 *
 * @param table r × c matrix of non-negative integer counts, r, c ≥ 2
 * @param opts alternative (2 × 2), confLevel (2 × 2), conditionalMle (2 × 2), simulate { replicates, seed }, maxWork
 * @returns frozen htest-shaped result: pValue, observedProbability, n; for 2 × 2 also estimate
 *   (conditional MLE odds ratio), confInt, confLevel, alternative, nullValue 1; for Monte Carlo also se,
 *   replicates, seed; conventions { exact, method, tolerance, ... }, warnings
 * @throws InputError for a non-rectangular/negative/non-integer table, a total of 0, a bad alternative (or a
 *   one-sided alternative for a table larger than 2 × 2, which R silently ignores), a bad
 *   confLevel, a non-integer or non-positive maxWork, or simulate without a valid seed/replicates
 * @example
 * // Shen et al. 2025, mass internal enhancement × HER2 group (4 × 3, n = 141)
 * fisherExactTest([[1, 0, 0], [30, 43, 30], [14, 12, 8], [1, 0, 2]]).pValue; // => 0.320450 (R 0.3204504984)
 *
 * References: Fisher RA (1935) The logic of inductive inference. J R Stat Soc 98:39–82.
 * Mehta CR, Patel NR (1983) A network algorithm for performing Fisher's exact test in r × c contingency
 * tables. J Am Stat Assoc 78:427–434. Mehta CR, Patel NR (1986) Algorithm 643: FEXACT. ACM Trans Math Softw
 * 12:154–161. Clarkson DB, Fan Y, Joe H (1993) A remark on algorithm 643. ACM Trans Math Softw 19:484–488.
 * Patefield WM (1981) Algorithm AS 159. Appl Stat 30:91–97. Cornfield J (1956) A statistical problem
 * arising from retrospective studies. Proc 3rd Berkeley Symp 4:135–148.
 */
export function fisherExactTest(
  table: readonly (readonly number[])[],
  opts: FisherExactOptions = {},
): FisherExactResult {
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const maxWork = opts.maxWork ?? DEFAULT_MAX_WORK;
  if (typeof maxWork !== 'number' || !(maxWork >= 1) || !Number.isFinite(maxWork))
    throw new InputError('maxWork', 'a positive finite number', maxWork);
  let replicates = 10000;
  if (opts.simulate !== undefined) {
    const s = opts.simulate;
    if (s === null || typeof s !== 'object') throw new InputError('simulate', 'an object { replicates, seed }', s);
    replicates = s.replicates ?? 10000;
    if (!Number.isInteger(replicates) || replicates < 1)
      throw new InputError('simulate.replicates', 'a positive integer', s.replicates);
    if (!Number.isInteger(s.seed) || s.seed < 1 || s.seed > 0xffffffff)
      throw new InputError('simulate.seed', 'a positive integer ≤ 4294967295', s.seed);
  }
  const raw = countTable(table, 'table', 2, 2);
  const is2x2 = raw.length === 2 && raw[0].length === 2;
  if (is2x2) return twoByTwo(raw, alternative, confLevel, opts.conditionalMle ?? true);
  if (opts.alternative !== undefined && opts.alternative !== 'two-sided') {
    throw new InputError('alternative', "'two-sided' for an r × c table larger than 2 × 2 (as R)", opts.alternative);
  }
  const t = reduceTable(raw);
  const warnings = droppedWarning(t, 'the test');
  const n = t.n;
  if (t.counts.length < 2 || t.colTotals.length < 2) {
    warnings.push('fewer than two non-empty rows or columns: only one table has these margins, so the p-value is 1');
    return freezeResult({
      method: "Fisher's Exact Test for Count Data",
      pValue: 1,
      n,
      observedProbability: 1,
      conventions: { exact: true, algorithm: 'single table', tolerance: 'none' },
      warnings,
    });
  }
  const lf = logFactorialTable(n);
  const simulateOnly = opts.simulate !== undefined;
  if (!simulateOnly) {
    const net = fisherNetwork(t.counts, { maxWork });
    if (net.complete) {
      return freezeResult({
        method: "Fisher's Exact Test for Count Data",
        pValue: net.pValue,
        n,
        observedProbability: net.observedProbability,
        conventions: {
          exact: true,
          algorithm: 'network (Mehta-Patel) with exact two-column completion',
          tolerance: `log P <= log P(observed) + ${FEXACT_LOG_TOLERANCE} (FEXACT, as R)`,
        },
        warnings,
      });
    }
    const seed = 1;
    const mc = monteCarlo(t.counts, t.rowTotals, t.colTotals, lf, replicates, seed);
    warnings.push(
      `exact computation exceeded maxWork = ${maxWork} steps; the exact p-value lies in ` +
        `[${fmt(net.pValue)}, ${fmt(net.upperBound)}]. ` +
        `Reported p-value is a Monte Carlo estimate (${replicates} replicates, seed ${seed}, SE ` +
        `${fmt(mc.se)}); raise maxWork for the exact value or pass simulate: { replicates, seed } to ` +
        `control the simulation`,
    );
    return freezeResult({
      method: `Fisher's Exact Test for Count Data with simulated p-value (based on ${replicates} replicates)`,
      pValue: mc.pValue,
      se: mc.se,
      n,
      observedProbability: net.observedProbability,
      pValueBounds: [net.pValue, net.upperBound] as const,
      replicates,
      seed,
      conventions: {
        exact: false,
        algorithm: 'Monte Carlo (Patefield 1981), after the network algorithm hit maxWork',
        pValueFormula: '(1 + #{P(sim) <= P(obs)}) / (B + 1), as R',
        maxWork,
      },
      warnings,
    });
  }
  const seed = (opts.simulate as FisherSimulateOptions).seed;
  const mc = monteCarlo(t.counts, t.rowTotals, t.colTotals, lf, replicates, seed);
  let observedPath = 0;
  for (const row of t.counts) for (const v of row) observedPath -= lf[v];
  let logConst = -lf[n];
  for (const r of t.rowTotals) logConst += lf[r];
  for (const c of t.colTotals) logConst += lf[c];
  return freezeResult({
    method: `Fisher's Exact Test for Count Data with simulated p-value (based on ${replicates} replicates)`,
    pValue: mc.pValue,
    se: mc.se,
    n,
    observedProbability: Math.exp(logConst + observedPath),
    replicates,
    seed,
    conventions: {
      exact: false,
      algorithm: 'Monte Carlo (Patefield 1981)',
      pValueFormula: '(1 + #{P(sim) <= P(obs)}) / (B + 1), as R',
    },
    warnings,
  });
}

function twoByTwo(
  raw: number[][],
  alternative: Alternative,
  confLevel: number,
  conditionalMle: boolean,
): FisherExactResult {
  const warnings: string[] = [];
  const rowsEmpty = raw.some((row) => row[0] + row[1] === 0);
  const colsEmpty = [0, 1].some((j) => raw[0][j] + raw[1][j] === 0);
  const n = raw[0][0] + raw[0][1] + raw[1][0] + raw[1][1];
  if (n === 0) throw new InputError('table', 'a table with at least one positive count', raw);
  if (rowsEmpty || colsEmpty) {
    warnings.push(
      'a row or column of the 2×2 table is empty: only one table has these margins (p = 1) and the odds ' +
        "ratio is not identifiable; estimate and CI are R's limits",
    );
  } else if (raw[0][0] * raw[1][1] === 0 || raw[0][1] * raw[1][0] === 0) {
    warnings.push('a zero cell: the conditional MLE of the odds ratio is 0 or Inf and one CI limit is 0 or Inf (as R)');
  }
  const part = fisher2x2(raw, alternative, confLevel);
  let estimate = part.estimate;
  let confInt: [number, number] = part.confInt;
  let estimateName = 'odds ratio (conditional MLE)';
  let ciMethod = 'exact conditional (Cornfield), roots by Brent with R uniroot tolerance';
  if (!conditionalMle) {
    const [[a, b], [c, d]] = raw;
    if (a * b * c * d === 0) {
      warnings.push(
        'sample odds ratio requested, but a zero cell leaves it without a Woolf CI; the conditional MLE and ' +
          'exact CI are reported instead',
      );
    } else {
      estimate = (a * d) / (b * c);
      const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
      const tail = alternative === 'two-sided' ? (1 - confLevel) / 2 : 1 - confLevel;
      const z = normalQuantileUpper(tail);
      const lower = Math.exp(Math.log(estimate) - z * se);
      const upper = Math.exp(Math.log(estimate) + z * se);
      confInt = alternative === 'less' ? [0, upper] : alternative === 'greater' ? [lower, Infinity] : [lower, upper];
      estimateName = 'odds ratio (sample, ad/bc)';
      ciMethod = 'Woolf logit (SPSS Risk Estimate)';
    }
  }
  return freezeResult({
    method: "Fisher's Exact Test for Count Data",
    pValue: part.pValue,
    alternative,
    estimate,
    estimateName,
    nullValue: 1,
    confInt,
    confLevel,
    n,
    observedProbability: part.observedProbability,
    conventions: {
      exact: true,
      algorithm: 'hypergeometric (2x2)',
      tolerance: 'P <= P(observed) * (1 + 1e-7) (as R)',
      estimate: estimateName,
      confInt: ciMethod,
    },
    warnings,
  });
}

function monteCarlo(
  counts: number[][],
  rowTotals: number[],
  colTotals: number[],
  lf: Float64Array,
  replicates: number,
  seed: number,
): { pValue: number; se: number } {
  const rng = createRng(seed);
  let observedPath = 0;
  for (const row of counts) for (const v of row) observedPath -= lf[v];
  // R: STATISTIC = −Σ lfactorial(x); counts tmp ≤ STATISTIC / (1 + 64 eps)
  const limit = observedPath / (1 + 64 * Number.EPSILON);
  const out = new Int32Array(rowTotals.length * colTotals.length);
  const colLeft = new Int32Array(colTotals.length);
  let atMost = 0;
  for (let b = 0; b < replicates; b++) if (randomTable(rowTotals, colTotals, lf, rng, out, colLeft) <= limit) atMost++;
  const pValue = (1 + atMost) / (replicates + 1);
  const share = atMost / replicates;
  return { pValue, se: Math.sqrt((share * (1 - share)) / replicates) };
}

function fmt(x: number): string {
  return x.toPrecision(4);
}
