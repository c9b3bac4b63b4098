/**
 * @internal Many refits of one logistic model on resamples of its rows (Harrell's bootstrap optimism), with nothing
 * rebuilt per refit. Identical rows (same covariates and outcome) are collapsed once into distinct "patterns" with
 * their multiplicities and the design is built once on them; a resample is then a vector of counts per pattern
 * (a multinomial weight vector), and a refit is the engine's frequency-weighted IRLS started where glm starts on
 * the expanded rows. In exact arithmetic every iterate equals that of `logisticRegression` on the expanded sample
 * (only the order of the floating-point sums differs), so the same MLE is reached after the same iterations.
 * Cost per refit: O(P·p²) per iteration for P drawn patterns and p coefficients, however many rows the cohort has
 * (a resampled cohort has as many patterns as its source has distinct rows); no per-row objects.
 */
import { buildDesign, type Design } from './_design.ts';
import { createFitWorkspace, type EngineInput, expit, fitEngine, linearPredictor } from './_fit.ts';

/** glm.control defaults, as `logisticRegression` uses them for maximum likelihood. */
const MAX_ITERATIONS = 25;
const TOLERANCE = 1e-8;

/** The distinct rows of (X, y). */
export interface RowPatterns {
  /** number of distinct rows */
  readonly size: number;
  /** the pattern of each original row */
  readonly patternOf: Int32Array;
  /** how many original rows each pattern stands for */
  readonly multiplicity: Float64Array;
  /** outcome of each pattern, 0 or 1 */
  readonly y: Float64Array;
}

/** Refits of one model on resamples; see the module comment. */
export interface LogisticRefitter {
  readonly patterns: RowPatterns;
  /**
   * Fits the model to the resample given by `counts` (rows drawn of each pattern) and writes the fitted probability
   * of every pattern into `probabilities`. Returns null when `logisticRegression` on the expanded resample would
   * throw (a covariate constant in the resample, or aliased columns); else whether the IRLS converged.
   */
  refit(counts: Float64Array, probabilities: Float64Array): { converged: boolean } | null;
}

/** Collapses identical rows of (X, y) into patterns, in order of first appearance. */
export function rowPatterns(X: readonly (readonly number[])[], y: readonly number[]): RowPatterns & { rows: number[] } {
  const n = y.length;
  const index = new Map<string, number>();
  const patternOf = new Int32Array(n);
  const rows: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${y[i]}|${X[i].join(',')}`;
    let k = index.get(key);
    if (k === undefined) {
      k = rows.length;
      index.set(key, k);
      rows.push(i);
      counts.push(0);
    }
    counts[k] += 1;
    patternOf[i] = k;
  }
  return {
    size: rows.length,
    patternOf,
    multiplicity: Float64Array.from(counts),
    y: Float64Array.from(rows, (i) => y[i]),
    rows,
  };
}

/**
 * Prepares refits of the logistic model of `y` on `X` (rows of predictors, no intercept column).
 * @throws InputError as `logisticRegression` does for invalid X or y
 */
export function createLogisticRefitter(X: readonly (readonly number[])[], y: readonly number[]): LogisticRefitter {
  const { rows, ...patterns } = rowPatterns(X, y);
  const size = patterns.size;
  const k = X.length ? X[0].length : 0;
  const raw = new Float64Array(size * k);
  rows.forEach((i, r) => raw.set(X[i], r * k));
  let design: Design | null = null;
  try {
    design = buildDesign(
      rows.map((i) => X[i]),
      patterns.y,
      undefined,
      undefined,
    );
  } catch {
    design = null; // a covariate constant in the whole data: constant in every resample too
  }
  const eta = new Float64Array(size);
  // the drawn patterns only (about 1 − 1/e of them), in pattern order: the engine skips a zero-weight row in every
  // sum, so the fit on them takes the same floating-point steps, without the wasted passes over the others
  const p = design === null ? 0 : design.p;
  const drawnX = new Float64Array(size * p);
  const drawnY = new Float64Array(size);
  const drawnCounts = new Float64Array(size);
  // one engine input for every refit, on the arrays above (the engine reads the first n rows of each)
  const input: EngineInput = {
    x: drawnX,
    n: 0,
    p,
    y: drawnY,
    w: drawnCounts,
    firth: false,
    fixed: -1,
    fixedValue: 0,
    start: null,
    maxIterations: MAX_ITERATIONS,
    tolerance: TOLERANCE,
    checkAliasing: true,
    frequencyWeights: true,
    workspace: createFitWorkspace(size, p),
  };

  /** A covariate that takes one value on every drawn row makes buildDesign throw on the expanded resample. */
  const constantColumn = (counts: Float64Array): boolean => {
    let first = 0;
    while (first < size && counts[first] === 0) first++;
    for (let j = 0; j < k; j++) {
      const v = raw[first * k + j];
      let varies = false;
      for (let r = first + 1; r < size && !varies; r++) varies = counts[r] > 0 && raw[r * k + j] !== v;
      if (!varies) return true;
    }
    return false;
  };

  return {
    patterns,
    refit(counts, probabilities) {
      if (design === null || constantColumn(counts)) return null;
      const x = design.x;
      let drawn = 0;
      for (let r = 0; r < size; r++) {
        if (counts[r] === 0) continue;
        // element by element: a subarray view per row costs more than the copy
        for (let j = 0, from = r * p, to = drawn * p; j < p; j++) drawnX[to + j] = x[from + j];
        drawnY[drawn] = design.y[r];
        drawnCounts[drawn] = counts[r];
        drawn++;
      }
      input.n = drawn;
      const fit = fitEngine(input);
      if (fit.aliased.length > 0) return null;
      // predictions from the coefficients, as `predict` (not the engine's η, which is glm's start when no step
      // was taken)
      linearPredictor(design.x, size, design.p, fit.coef, eta);
      for (let r = 0; r < size; r++) probabilities[r] = expit(eta[r]);
      return { converged: fit.converged };
    },
  };
}
