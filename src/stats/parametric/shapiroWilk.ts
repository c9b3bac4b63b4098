import { InputError } from '../_shared/errors.ts';
import { freezeResult, type TestResult } from '../_shared/result.ts';
import { finiteSample } from '../_shared/validate.ts';
import { normalQuantile, normalSf } from '../distributions/normal.ts';

/** Result of {@link shapiroWilk}. */
export interface ShapiroWilkResult extends TestResult {
  /** W, the squared correlation between the ordered sample and the approximate normal-scores coefficients */
  readonly statistic: number;
  readonly statisticName: 'W';
}

/** c_0 + c_1 x + c_2 x² + … (Horner). */
function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
  return value;
}

// Royston (1992, 1995) approximations: coefficients of the polynomials in 1/√n (a_n, a_{n−1}) and in
// n or log n (mean and log-sd of the normalising transformation of 1 − W).
const LAST_COEFFICIENT = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const SECOND_LAST_COEFFICIENT = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const SMALL_GAMMA = [-2.273, 0.459];
const SMALL_MEAN = [0.544, -0.39978, 0.025054, -6.714e-4];
const SMALL_LOG_SD = [1.3822, -0.77857, 0.062767, -0.0020322];
const LARGE_MEAN = [-1.5861, -0.31082, -0.083751, 0.0038915];
const LARGE_LOG_SD = [-0.4803, -0.082676, 0.0030302];

/**
 * Shapiro–Wilk test of normality, as R's `shapiro.test` (Royston's 1995 algorithm AS R94, n = 3 … 5000),
 * and SPSS EXAMINE's "Tests of Normality: Shapiro-Wilk".
 *
 * Algorithm (Royston 1992/1995): coefficients a_i from normal scores m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) with
 * the two extreme ones from Royston's polynomials in 1/√n, W = squared correlation of a and the sorted
 * sample (1 − W computed as (√(SaSx) − Sax)(√(SaSx) + Sax)/(SaSx) to keep precision near 1). p-value:
 * n = 3 exact, 6/π·(asin √W − asin √(3/4)); 4 ≤ n ≤ 11: −log(γ − log(1 − W)) normal with mean and sd
 * polynomial in n (γ = −2.273 + 0.459 n); n ≥ 12: log(1 − W) normal with mean and sd polynomial in log n.
 * O(n log n) (one sort). Written from Royston (1995); the package `simple-statistics` has no
 * Shapiro–Wilk, hence this implementation.
 *
 * Differences from R: none intended. As R, when log(1 − W) ≥ γ for 4 ≤ n ≤ 11 the p-value is the
 * placeholder 1e-99 (a warning says so). All values identical throws (R: "all 'x' values are identical").
 *
 * @param x sample of 3 to 5000 finite numbers
 * @returns W (`statistic`), `pValue`, n, warnings
 * @throws InputError when n < 3 or n > 5000, a value is not finite, or all values are identical
 *
 * @example
 * // datasets::PlantGrowth$weight (Dobson 1983), 30 values
 * shapiroWilk(weight); // => { statistic: 0.98268301609859, pValue: 0.89150736822740 }
 *
 * References: Shapiro SS, Wilk MB (1965). An analysis of variance test for normality (complete samples).
 * Biometrika 52:591–611. Royston P (1992). Approximating the Shapiro-Wilk W-test for non-normality.
 * Statistics and Computing 2:117–119. Royston P (1995). Remark AS R94: A remark on algorithm AS 181: the
 * W-test for normality. Applied Statistics 44(4):547–551.
 */
export function shapiroWilk(x: ArrayLike<number>): ShapiroWilkResult {
  const sorted = finiteSample(x, 'x', 3).sort();
  const n = sorted.length;
  if (n > 5000) throw new InputError('x', 'a sample of at most 5000 values (Royston’s approximation)', n);
  const range = sorted[n - 1] - sorted[0];
  if (range === 0) throw new InputError('x', 'a sample whose values are not all identical', sorted[0]);
  const half = Math.floor(n / 2);
  // coefficients for the upper half, largest first: a[0] pairs with x_(n) − x_(1)
  const a = new Float64Array(half);
  if (n === 3) {
    a[0] = Math.SQRT1_2;
  } else {
    const m = new Float64Array(half);
    let sumSquares = 0;
    for (let i = 0; i < half; i++) {
      m[i] = -normalQuantile((i + 1 - 0.375) / (n + 0.25)); // positive normal scores, largest first
      sumSquares += m[i] * m[i];
    }
    sumSquares *= 2;
    const norm = Math.sqrt(sumSquares);
    const u = 1 / Math.sqrt(n);
    a[0] = polynomial(LAST_COEFFICIENT, u) + m[0] / norm;
    let first: number;
    let fac: number;
    if (n > 5) {
      a[1] = polynomial(SECOND_LAST_COEFFICIENT, u) + m[1] / norm;
      fac = Math.sqrt((sumSquares - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a[0] * a[0] - 2 * a[1] * a[1]));
      first = 2;
    } else {
      fac = Math.sqrt((sumSquares - 2 * m[0] * m[0]) / (1 - 2 * a[0] * a[0]));
      first = 1;
    }
    for (let i = first; i < half; i++) a[i] = m[i] / fac;
  }
  // squared correlation between the full antisymmetric coefficient vector and the sorted sample
  let sumX = 0;
  for (let i = 0; i < n; i++) sumX += sorted[i] / range;
  const meanX = sumX / n;
  let sumA = 0; // Σ coefficients (0 up to rounding; kept to mirror a correlation)
  const coef = (i: number): number => (i < half ? -a[i] : i >= n - half ? a[n - 1 - i] : 0);
  for (let i = 0; i < n; i++) sumA += coef(i);
  const meanA = sumA / n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0; i < n; i++) {
    const da = coef(i) - meanA;
    const dx = sorted[i] / range - meanX;
    ssa += da * da;
    ssx += dx * dx;
    sax += da * dx;
  }
  const root = Math.sqrt(ssa * ssx);
  const oneMinusW = ((root - sax) * (root + sax)) / (ssa * ssx);
  const statistic = 1 - oneMinusW;
  const warnings: string[] = [];
  let pValue: number;
  if (n === 3) {
    pValue = Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(statistic)) - Math.asin(Math.sqrt(0.75))));
  } else {
    let y = Math.log(oneMinusW);
    let mean: number;
    let sd: number;
    if (n <= 11) {
      const gamma = polynomial(SMALL_GAMMA, n);
      if (y >= gamma) {
        warnings.push('W is below the range of Royston’s small-sample approximation: p reported as 1e-99, as R');
        return freezeResult({
          method: 'Shapiro-Wilk normality test',
          statistic,
          statisticName: 'W' as const,
          pValue: 1e-99,
          n,
          conventions: { algorithm: 'Royston 1995 (AS R94)' },
          warnings,
        });
      }
      y = -Math.log(gamma - y);
      mean = polynomial(SMALL_MEAN, n);
      sd = Math.exp(polynomial(SMALL_LOG_SD, n));
    } else {
      const logN = Math.log(n);
      mean = polynomial(LARGE_MEAN, logN);
      sd = Math.exp(polynomial(LARGE_LOG_SD, logN));
    }
    pValue = normalSf((y - mean) / sd);
  }
  return freezeResult({
    method: 'Shapiro-Wilk normality test',
    statistic,
    statisticName: 'W' as const,
    pValue,
    n,
    conventions: { algorithm: 'Royston 1995 (AS R94)' },
    warnings,
  });
}
