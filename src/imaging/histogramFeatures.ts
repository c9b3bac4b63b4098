/**
 * First-order ("histogram") features of the values of a parameter map inside a VOI: mean, median, 5th and 95th
 * percentiles, skewness, kurtosis and entropy, with every convention explicit.
 */
import { InputError } from '../stats/_shared/errors.ts';
import { kurtosis, type MomentType, mean as sampleMean, skewness } from '../stats/descriptive/moments.ts';
import { type QuantileType, quantile } from '../stats/descriptive/quantile.ts';

/** Entropy discretisation (IBSI 1, section 2.7 "Intensity discretisation"). */
export type Binning =
  /**
   * fixed bin size (IBSI FBS): bin = ⌊(x − origin)/width⌋, bins closed on the left:
   * [origin + k·w, origin + (k+1)·w)
   */
  | { mode: 'width'; width: number; origin: number }
  /** fixed bin number (IBSI FBN): bin = ⌊count·(x − min)/(max − min)⌋ + 1, with x = max in bin `count` */
  | { mode: 'count'; count: number };

/** Conventions of {@link histogramFeatures}. */
export interface HistogramConventions {
  /** Hyndman–Fan quantile type for median, p5 and p95 (R `quantile(type=)`), @default 7 */
  quantileType: QuantileType;
  /**
   * e1071 moment estimator (1 = g₁/g₂ population ratios as IBSI, 2 = SPSS G₁/G₂, 3 = b₁/b₂), @default 1;
   * kurtosis is excess (−3) in all types
   */
  momentType: MomentType;
  binning: Binning;
  /** entropy log base, @default 2 (IBSI) */
  logBase: number;
}

/** Default conventions and the reasons for them (recorded in every output). */
export const DEFAULT_CONVENTIONS: Readonly<Omit<HistogramConventions, 'binning'>> & {
  reasons: Readonly<Record<string, string>>;
} = Object.freeze({
  quantileType: 7 as QuantileType,
  momentType: 1 as MomentType,
  logBase: 2,
  reasons: Object.freeze({
    quantileType:
      'type 7 (linear interpolation between order statistics): the default of R, numpy.percentile and pyradiomics, ' +
      'the open tools a reader can re-run; the vendor toolbox (Siemens Body Diffusion Toolbox 0.2.2) does not ' +
      'document its rule. With hundreds of voxels the types differ by less than one inter-voxel gap.',
    momentType:
      'type 1 (population moment ratios g1 = m3/m2^1.5, g2 = m4/m2^2 − 3, excess): the voxels of a VOI are the ' +
      'whole population of interest, and IBSI 1 defines skewness and (excess) kurtosis this way. ' +
      'SPSS/e1071 type 2 is available via --moments 2.',
    binning:
      'fixed bin width (IBSI FBS) with bins anchored at 0: ADC, D and K are calibrated physical quantities, ' +
      'so the same width gives comparable entropies across patients; fixed bin count (FBN) is available via ' +
      '--bin-count.',
    logBase: 'log base 2, as IBSI 1.',
  }),
});

/** Features of one map in one VOI. NaN only with a `warnings` entry explaining it. */
export interface HistogramFeatures {
  n: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  skewness: number;
  kurtosis: number;
  entropy: number;
  /** number of occupied bins used by the entropy */
  bins: number;
  warnings: string[];
}

/**
 * Discretised-intensity entropy −Σ p_k log_base p_k over the occupied bins (IBSI 1 "intensity histogram entropy").
 * O(n) with a hash map of bin indices.
 * @throws InputError for a non-positive or non-finite bin width/count or log base ≤ 0 or = 1
 */
export function histogramEntropy(
  values: ArrayLike<number>,
  binning: Binning,
  logBase = 2,
): { entropy: number; bins: number } {
  if (!(logBase > 0 && logBase !== 1 && Number.isFinite(logBase)))
    throw new InputError('logBase', 'a positive number other than 1', logBase);
  const n = values.length;
  if (n === 0) return { entropy: NaN, bins: 0 };
  const counts = new Map<number, number>();
  if (binning.mode === 'width') {
    if (!(binning.width > 0 && Number.isFinite(binning.width)))
      throw new InputError('bin width', 'a positive finite number', binning.width);
    if (!Number.isFinite(binning.origin)) throw new InputError('bin origin', 'a finite number', binning.origin);
    for (let i = 0; i < n; i++) {
      const k = Math.floor((values[i] - binning.origin) / binning.width);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  } else {
    if (!(Number.isInteger(binning.count) && binning.count >= 1))
      throw new InputError('bin count', 'a positive integer', binning.count);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    const range = hi - lo;
    for (let i = 0; i < n; i++) {
      const k = range > 0 ? Math.min(Math.floor((binning.count * (values[i] - lo)) / range) + 1, binning.count) : 1;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log(p);
  }
  return { entropy: h / Math.log(logBase) + 0, bins: counts.size };
}

/**
 * Histogram features of the finite values of one map in one VOI.
 *
 * mean: R's two-pass `mean`; median, p5, p95: `quantile(x, c(.5, .05, .95), type = quantileType)`;
 * skewness, kurtosis: `e1071::skewness/kurtosis(x, type = momentType)` (kurtosis excess); entropy: see
 * {@link histogramEntropy}. O(n log n) for the sort.
 *
 * Degenerate VOIs give NaN with a warning: no voxels (all features), fewer than 3/4 voxels for type-2
 * skewness/kurtosis, zero variance (skewness and kurtosis undefined, as e1071).
 * @param values finite map values inside the VOI (ADC and D in 10⁻³ mm²/s, K unitless)
 * @param conventions quantile type, moment type, binning and log base (see {@link DEFAULT_CONVENTIONS})
 * @param label prefix of warning messages
 * @throws InputError for non-finite values (the caller removes failed fits first)
 * @example
 * // IBSI 1 digital phantom, 74 voxels (values 1×50, 3×1, 4×16, 6×7), one bin per integer, log2:
 * // histogramFeatures(v, {
 * //   quantileType: 7, momentType: 1, binning: { mode: 'width', width: 1, origin: 0.5 }, logBase: 2,
 * // })
 * // => mean 2.15, median 1, skewness 1.08, kurtosis −0.355, entropy 1.27 (IBSI reference values, 3 digits)
 */
export function histogramFeatures(
  values: ArrayLike<number>,
  conventions: HistogramConventions,
  label = 'map',
): HistogramFeatures {
  const n = values.length;
  const warnings: string[] = [];
  if (n === 0) {
    warnings.push(`${label}: no usable voxels in the VOI; every feature is NA`);
    return {
      n,
      mean: NaN,
      median: NaN,
      p5: NaN,
      p95: NaN,
      skewness: NaN,
      kurtosis: NaN,
      entropy: NaN,
      bins: 0,
      warnings,
    };
  }
  const m = sampleMean(values);
  const [median, p5, p95] = quantile(values, [0.5, 0.05, 0.95], { type: conventions.quantileType });
  const minSkew = conventions.momentType === 2 ? 3 : 1;
  const minKurt = conventions.momentType === 2 ? 4 : 1;
  let skew = NaN;
  let kurt = NaN;
  if (n >= minSkew) skew = skewness(values, { type: conventions.momentType });
  else
    warnings.push(`${label}: skewness type ${conventions.momentType} needs at least ${minSkew} voxels; got ${n}; NA`);
  if (n >= minKurt) kurt = kurtosis(values, { type: conventions.momentType });
  else
    warnings.push(`${label}: kurtosis type ${conventions.momentType} needs at least ${minKurt} voxels; got ${n}; NA`);
  if (n >= minSkew && (Number.isNaN(skew) || Number.isNaN(kurt)))
    warnings.push(`${label}: all ${n} voxel values are equal; skewness and kurtosis are undefined (NA)`);
  const { entropy, bins } = histogramEntropy(values, conventions.binning, conventions.logBase);
  return { n, mean: m, median, p5, p95, skewness: skew, kurtosis: kurt, entropy, bins, warnings };
}
