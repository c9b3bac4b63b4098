/**
 * @internal Validation of (X, y, weights) and the internal design: intercept plus centred and scaled
 * predictor columns (an affine reparametrisation: Newton/IRLS iterates are equivariant under it, so
 * estimates equal the unscaled fit; it only improves the conditioning of XᵀWX for columns such as
 * "year" whose mean dwarfs their spread). Constant columns are refused here; aliasing among columns is
 * detected on the engine's first XᵀWX (all weights positive there) by {@link aliasedColumns}.
 */
import { InputError } from '../_shared/errors.ts';
import { choleskyInPlace } from './_linalg.ts';

export interface Design {
  n: number;
  /** number of parameters (intercept + k predictors) */
  p: number;
  /** number of predictors */
  k: number;
  /** row-major n × p: [1, (x₁ − m₁)/s₁, …] */
  x: Float64Array;
  y: Float64Array;
  w: Float64Array | null;
  /** column means and scales used (length k) */
  centre: Float64Array;
  scale: Float64Array;
  names: string[];
  /** observations with positive weight */
  nUsed: number;
  /** Σ w·y */
  events: number;
  /** Σ w */
  totalWeight: number;
}

/**
 * A column is declared aliased when 1 − R², R² from regressing it (weighted, centred and scaled) on the
 * intercept and the earlier columns, is below this value. R's glm.fit QR uses a tolerance of
 * min(1e-7, epsilon/1000) = 1e-11 on the residual *norm* (1e-22 on its square), which is below what a
 * double-precision normal-equations solve can resolve; such a coefficient is not estimable in practice.
 */
export const ALIAS_TOLERANCE = 1e-10;

export function buildDesign(
  X: readonly (readonly number[])[] | readonly ArrayLike<number>[],
  y: readonly number[] | ArrayLike<number>,
  weights: readonly number[] | ArrayLike<number> | undefined,
  names: readonly string[] | undefined,
): Design {
  if (y === null || y === undefined || typeof (y as ArrayLike<number>).length !== 'number') {
    throw new InputError('y', 'an array of 0/1 outcomes', y);
  }
  const n = y.length;
  if (n < 1) throw new InputError('y', 'a non-empty array of 0/1 outcomes', y);
  if (!Array.isArray(X)) throw new InputError('X', 'an array of rows (number[][]), without an intercept column', X);
  // X = [] is accepted as the intercept-only model
  const intercetOnly = X.length === 0;
  if (!intercetOnly && X.length !== n) {
    throw new InputError('X', `an array of ${n} rows (one per element of y)`, `${X.length} rows`);
  }
  let k = 0;
  if (!intercetOnly) {
    const first = X[0];
    if (first === null || first === undefined || typeof (first as ArrayLike<number>).length !== 'number') {
      throw new InputError('X[0]', 'an array of numbers', first);
    }
    k = first.length;
  }
  if (names !== undefined) {
    if (!Array.isArray(names) || names.length !== k) {
      throw new InputError('names', `an array of ${k} predictor names (one per column of X)`, names);
    }
    const seen = new Set<string>(['(Intercept)']);
    names.forEach((nm, j) => {
      if (typeof nm !== 'string' || nm.length === 0) throw new InputError(`names[${j}]`, 'a non-empty string', nm);
      if (seen.has(nm)) throw new InputError(`names[${j}]`, 'a unique name (not "(Intercept)" and not repeated)', nm);
      seen.add(nm);
    });
  }
  const colNames = names !== undefined ? [...names] : Array.from({ length: k }, (_, j) => `x${j + 1}`);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new InputError(`y[${i}]`, '0 or 1 (binary outcome)', v);
    yy[i] = v;
  }
  let w: Float64Array | null = null;
  if (weights !== undefined) {
    if (weights === null || typeof (weights as ArrayLike<number>).length !== 'number' || weights.length !== n) {
      throw new InputError('weights', `an array of ${n} non-negative finite prior weights`, weights);
    }
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = weights[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new InputError(`weights[${i}]`, 'a non-negative finite number', v);
      w[i] = v;
    }
  }
  const p = k + 1;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = intercetOnly ? [] : X[i];
    if (
      row === null ||
      row === undefined ||
      typeof (row as ArrayLike<number>).length !== 'number' ||
      row.length !== k
    ) {
      throw new InputError(`X[${i}]`, `a row of ${k} numbers (X must be rectangular)`, row);
    }
    const base = i * p;
    x[base] = 1;
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`X[${i}][${j}]`, 'a finite number', v);
      x[base + j + 1] = v;
    }
  }
  let nUsed = 0;
  let events = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    if (wi > 0) nUsed++;
    totalWeight += wi;
    events += wi * yy[i];
  }
  if (nUsed === 0) throw new InputError('weights', 'positive for at least one observation', 'all zero');
  // weighted centring and scaling over observations with positive weight (row-major passes)
  const centre = new Float64Array(k);
  const scale = new Float64Array(k);
  for (let i = 0, base = 0; i < n; i++, base += p) {
    const wi = w === null ? 1 : w[i];
    for (let j = 0; j < k; j++) centre[j] += wi * x[base + j + 1];
  }
  for (let j = 0; j < k; j++) centre[j] /= totalWeight;
  for (let i = 0, base = 0; i < n; i++, base += p) {
    const wi = w === null ? 1 : w[i];
    for (let j = 0; j < k; j++) {
      const d = x[base + j + 1] - centre[j];
      scale[j] += wi * d * d;
    }
  }
  for (let j = 0; j < k; j++) scale[j] = Math.sqrt(scale[j] / totalWeight);
  for (let j = 0; j < k; j++) {
    // a spread at rounding level of the mean (1e-13 relative) is a constant column too
    if (!(scale[j] > 1e-13 * Math.abs(centre[j])) || !(scale[j] > 0)) {
      throw new InputError(
        `X column ${j} ("${colNames[j]}")`,
        'not constant (a constant column is aliased with the intercept; R would report its coefficient as NA)',
        'a constant column',
      );
    }
  }
  for (let i = 0; i < n; i++) {
    const base = i * p;
    for (let j = 0; j < k; j++) x[base + j + 1] = (x[base + j + 1] - centre[j]) / scale[j];
  }
  // rank deficiency is checked by the engine on its first XᵀWX (see aliasedColumns), saving a pass
  return { n, p, k, x, y: yy, w, centre, scale, names: colNames, nUsed, events, totalWeight };
}

/**
 * Aliased columns of a symmetric positive semi-definite p × p Gram-type matrix (XᵀWX with positive
 * weights has the same null space as the weighted XᵀX): sequential Cholesky with the relative pivot
 * tolerance {@link ALIAS_TOLERANCE}; a column whose pivot falls below it is aliased, dropped, and the
 * factorisation continues, so every aliased column is named (R's pivoting also keeps earlier columns).
 * O(p³) when no column is aliased, O(p⁴) otherwise; p small.
 */
export function aliasedColumns(gram: Float64Array, p: number): number[] {
  // Usually nothing is aliased: then every trial below is a leading block of the whole matrix, whose pivots are
  // those of one factorisation of the whole matrix (same operations, same order), so one O(p³) pass decides.
  if (choleskyInPlace(gram.slice(), p, ALIAS_TOLERANCE) < 0) return [];
  const aliased: number[] = [];
  let kept: number[] = [];
  for (let j = 0; j < p; j++) {
    const trial = [...kept, j];
    const q = trial.length;
    const sub = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub[a * q + b] = gram[trial[a] * p + trial[b]];
    if (choleskyInPlace(sub, q, ALIAS_TOLERANCE) >= 0) aliased.push(j);
    else kept = trial;
  }
  return aliased;
}

/** Throws the InputError for aliased columns (0 = intercept, j = X column j − 1). */
export function throwAliased(aliased: readonly number[], names: readonly string[]): never {
  const list = aliased.map((j) => (j === 0 ? '(Intercept)' : `${names[j - 1]} (X column ${j - 1})`)).join(', ');
  throw new InputError(
    'X',
    'of full column rank together with the intercept (R would report NA for an aliased coefficient; restudy ' +
      'refuses; drop or merge the column)',
    `aliased (linearly dependent on earlier columns): ${list}`,
  );
}
