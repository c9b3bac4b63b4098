import { InputError } from '../_shared/errors.ts';
import { finiteSample } from '../_shared/validate.ts';

/** Arithmetic mean, with a second pass that removes the first pass's rounding error (as R's `mean`). */
export function mean(x: ArrayLike<number>): number {
  const v = finiteSample(x, 'x');
  return meanOf(v);
}

/** @internal mean of validated data; R's two-pass refinement. */
export function meanOf(v: ArrayLike<number>): number {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const m = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += v[i] - m;
  return m + r / n;
}

/** Sample variance with the n − 1 denominator; R: `var(x)`. Needs n ≥ 2. */
export function variance(x: ArrayLike<number>): number {
  const v = finiteSample(x, 'x', 2);
  return sumSquaredDeviations(v, meanOf(v)) / (v.length - 1);
}

/** Sample standard deviation (n − 1 denominator); R: `sd(x)`, SPSS "Std. Deviation". */
export function standardDeviation(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/** @internal Σ (xᵢ − m)². */
export function sumSquaredDeviations(v: ArrayLike<number>, m: number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const d = v[i] - m;
    s += d * d;
  }
  return s;
}

/** Moment estimator variants, as e1071's `type`: 1 = g (biased), 2 = G (SPSS, SAS), 3 = b (MINITAB, BMDP). */
export type MomentType = 1 | 2 | 3;

function centralMoments(v: Float64Array): { m2: number; m3: number; m4: number } {
  const m = meanOf(v);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < v.length; i++) {
    const d = v[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = v.length;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

function momentType(type: unknown): MomentType {
  if (type === 1 || type === 2 || type === 3) return type;
  throw new InputError('type', '1, 2 or 3 (e1071 moment estimator)', type);
}

/**
 * Sample skewness, as `e1071::skewness(x, type)`:
 * type 1 g₁ = m₃/m₂^{3/2}; type 2 G₁ = g₁·√(n(n−1))/(n−2) (SPSS, Excel SKEW); type 3 b₁ = g₁·((n−1)/n)^{3/2}.
 * Default type 2 because the paper used SPSS (e1071's default is 3).
 * Zero variance gives NaN, as e1071, and that is the only NaN it returns.
 * @throws InputError for non-finite data, n < 3 with type 2, n < 1 otherwise.
 */
export function skewness(x: ArrayLike<number>, opts: { type?: MomentType } = {}): number {
  const type = momentType(opts.type ?? 2);
  const v = finiteSample(x, 'x', type === 2 ? 3 : 1);
  const n = v.length;
  const { m2, m3 } = centralMoments(v);
  const g1 = m3 / m2 ** 1.5;
  if (type === 1) return g1;
  if (type === 2) return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  return g1 * ((n - 1) / n) ** 1.5;
}

/**
 * Sample excess kurtosis, as `e1071::kurtosis(x, type)`:
 * type 1 g₂ = m₄/m₂² − 3; type 2 G₂ = ((n+1)g₂ + 6)(n−1)/((n−2)(n−3)) (SPSS, Excel KURT);
 * type 3 b₂ = (g₂+3)(1−1/n)² − 3.
 * Default type 2 (SPSS). Zero variance gives NaN, as e1071.
 * @throws InputError for non-finite data, n < 4 with type 2, n < 1 otherwise.
 */
export function kurtosis(x: ArrayLike<number>, opts: { type?: MomentType } = {}): number {
  const type = momentType(opts.type ?? 2);
  const v = finiteSample(x, 'x', type === 2 ? 4 : 1);
  const n = v.length;
  const { m2, m4 } = centralMoments(v);
  const g2 = m4 / (m2 * m2) - 3;
  if (type === 1) return g2;
  if (type === 2) return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return (g2 + 3) * (1 - 1 / n) ** 2 - 3;
}
