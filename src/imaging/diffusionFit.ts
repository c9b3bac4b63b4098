/**
 * Voxel-wise diffusion model fits on signal curves: mono-exponential ADC and the mean-signal diffusion kurtosis
 * model S(b) = S0·exp(−b·D + b²·D²·K/6) (Jensen & Helpern 2010; Henriques 2018, DIPY's MSDKI).
 *
 * All kernels work on voxel-major Float64Array blocks (`signal[i * volumes + t]`) and write into preallocated
 * outputs, so they run unchanged in worker threads. Hand-written 3×3 solves: a general matrix library would
 * cost more than the fit itself (≈ 40 flops per voxel).
 *
 * b-values are in s/mm², so D and ADC come out in mm²/s (the feature layer reports 10⁻³ mm²/s).
 */
import { InputError } from '../stats/_shared/errors.ts';

/** Per-voxel flag bits (a voxel may carry several). */
export const FLAG = Object.freeze({
  /** some measured signal used by the fit was ≤ 0 (floored at `minSignal` before the log, as DIPY) */
  NONPOSITIVE_SIGNAL: 1,
  /** the mean signal increases between two consecutive b-values used by the fit */
  NON_MONOTONE: 2,
  /** no usable estimate: singular system, non-finite result, D ≤ 0 (DKI), all signal ≤ minSignal, NLS not converged */
  FIT_FAILURE: 4,
  /** DKI: K outside the physical range; the map holds the range bound */
  K_CLIPPED: 8,
});

/** DIPY's MIN_POSITIVE_SIGNAL: signals are floored here before taking logs. */
export const MIN_SIGNAL = 1e-4;

/** b-values grouped into unique shells, as DIPY's mean_signal_bvalue (exact equality, not DIPY's rounding). */
export interface Shells {
  /** unique b-values, ascending (s/mm²) */
  readonly b: Float64Array;
  /** number of volumes averaged for each unique b-value (DIPY's `ng`) */
  readonly count: Float64Array;
  /** for each volume, the index of its shell, or −1 when the volume is not used */
  readonly shellOf: Int32Array;
  /** number of volumes in the series */
  readonly volumes: number;
}

/**
 * Groups the volumes' b-values into shells, keeping only `use` (all b-values by default).
 * @throws InputError when fewer than `minShells` distinct b-values remain, or a requested b-value is absent
 */
export function makeShells(bvals: readonly number[], use?: readonly number[], minShells = 2): Shells {
  const wanted = use ? new Set(use) : undefined;
  if (use) {
    for (const b of use)
      if (!bvals.includes(b))
        throw new InputError('b-values', `present in the series (${[...new Set(bvals)].join(', ')})`, b);
  }
  const unique = [...new Set(bvals.filter((b) => !wanted || wanted.has(b)))].sort((x, y) => x - y);
  if (unique.length < minShells)
    throw new InputError('b-values', `at least ${minShells} distinct values for this fit`, unique);
  const index = new Map(unique.map((b, j) => [b, j]));
  const shellOf = new Int32Array(bvals.length);
  const count = new Float64Array(unique.length);
  bvals.forEach((b, t) => {
    const j = index.get(b);
    shellOf[t] = j ?? -1;
    if (j !== undefined) count[j]++;
  });
  return Object.freeze({ b: Float64Array.from(unique), count, shellOf, volumes: bvals.length });
}

/**
 * Shells from a grouping made elsewhere (see shells.ts `selectShells`): `b[j]` is the b-value used for shell j,
 * `shellOf[t]` the shell of volume t or −1. Counts are the volumes per shell (DIPY's `ng`).
 * @throws InputError when the spec is inconsistent (a shell without volumes, b not ascending)
 */
export function shellsFromSpec(spec: { readonly b: readonly number[]; readonly shellOf: readonly number[] }): Shells {
  const count = new Float64Array(spec.b.length);
  for (const j of spec.shellOf) {
    if (j >= spec.b.length || (j < 0 && j !== -1) || !Number.isInteger(j)) {
      throw new InputError('shellOf', `-1 or 0..${spec.b.length - 1}`, j);
    }
    if (j >= 0) count[j]++;
  }
  spec.b.forEach((b, j) => {
    if (!(count[j] > 0)) throw new InputError(`shells[${j}]`, 'a shell with at least one volume', b);
    if (j > 0 && !(b > spec.b[j - 1])) {
      throw new InputError('shell b-values', 'strictly ascending values', Array.from(spec.b));
    }
  });
  const shellOf = Int32Array.from(spec.shellOf);
  return Object.freeze({ b: Float64Array.from(spec.b), count, shellOf, volumes: spec.shellOf.length });
}

/** Fills `mean` (length shells) with the shell means of one voxel; returns the flags for its raw signal. */
function shellMeans(signal: ArrayLike<number>, offset: number, shells: Shells, mean: Float64Array): number {
  mean.fill(0);
  let flags = 0;
  let finite = true;
  for (let t = 0; t < shells.volumes; t++) {
    const j = shells.shellOf[t];
    if (j < 0) continue;
    const s = signal[offset + t];
    if (!Number.isFinite(s)) finite = false;
    else if (s <= 0) flags |= FLAG.NONPOSITIVE_SIGNAL;
    mean[j] += s;
  }
  for (let j = 0; j < mean.length; j++) {
    mean[j] /= shells.count[j];
    if (j > 0 && mean[j] > mean[j - 1]) flags |= FLAG.NON_MONOTONE;
  }
  if (!finite) flags |= FLAG.FIT_FAILURE;
  return flags;
}

/** Output arrays of {@link fitAdcBlock}. */
export interface AdcOut {
  /** ADC (mm²/s); NaN where FIT_FAILURE */
  adc: Float64Array;
  flags: Uint8Array;
}

/**
 * Mono-exponential ADC per voxel. With two shells this is the paper's two-point formula
 * ADC = ln(S_lo/S_hi)/(b_hi − b_lo) (b = 0, 800: ln(S0/S800)/800); with more shells, the least-squares slope of
 * ln S on b over the shell means, each shell weighted by its number of volumes. Shell means are floored at
 * {@link MIN_SIGNAL} before the log (flagged NONPOSITIVE_SIGNAL). A negative ADC is kept as a value and flagged
 * NON_MONOTONE. O(volumes) per voxel.
 */
export function fitAdcBlock(signal: Float64Array, voxels: number, shells: Shells, out: AdcOut, start = 0): void {
  const ns = shells.b.length;
  const mean = new Float64Array(ns);
  const b = shells.b;
  const w = shells.count;
  let sw = 0;
  let sb = 0;
  for (let j = 0; j < ns; j++) {
    sw += w[j];
    sb += w[j] * b[j];
  }
  const bbar = sb / sw;
  let sbb = 0;
  for (let j = 0; j < ns; j++) sbb += w[j] * (b[j] - bbar) * (b[j] - bbar);
  for (let i = 0; i < voxels; i++) {
    let flags = shellMeans(signal, i * shells.volumes, shells, mean);
    let value = NaN;
    if (!(flags & FLAG.FIT_FAILURE)) {
      if (ns === 2) {
        value = Math.log(Math.max(mean[0], MIN_SIGNAL) / Math.max(mean[1], MIN_SIGNAL)) / (b[1] - b[0]);
      } else {
        let sxy = 0;
        for (let j = 0; j < ns; j++) sxy += w[j] * (b[j] - bbar) * Math.log(Math.max(mean[j], MIN_SIGNAL));
        value = -sxy / sbb;
      }
      if (!Number.isFinite(value)) {
        flags |= FLAG.FIT_FAILURE;
        value = NaN;
      }
    }
    out.adc[start + i] = value;
    out.flags[start + i] = flags;
  }
}

/** Options of the DKI fit. */
export interface DkiOptions {
  /**
   * 'wls': weighted linear LS on log signal (DIPY MSDKI); 'nls': WLS then Levenberg–Marquardt on the signal.
   * @default 'wls'
   */
  method?: 'wls' | 'nls';
  /**
   * WLS weights: 'observed' = count·S² from the measured shell means (DIPY msdki.wls_fit_msdki);
   * 'predicted' = count·Ŝ² from an OLS fit first (the scheme of DIPY dki._wls_iter, Veraart 2013). @default 'observed'
   */
  weights?: 'observed' | 'predicted';
  /** physical range of K; estimates outside are clipped to it and flagged. @default [0, 3] */
  kRange?: readonly [number, number];
}

/** Output arrays of {@link fitDkiBlock}. */
export interface DkiOut {
  /** D (mm²/s); NaN where FIT_FAILURE */
  d: Float64Array;
  /** K after clipping to kRange; NaN where FIT_FAILURE */
  k: Float64Array;
  /** K before clipping (NaN only when not computable) */
  kRaw: Float64Array;
  s0: Float64Array;
  flags: Uint8Array;
}

// b is scaled to ms/µm² (b/1000) inside the solve so the 3×3 normal matrix is well conditioned.
const B_SCALE = 1000;

/**
 * Solves the symmetric positive-definite 3×3 system A x = r (A packed a00,a01,a02,a11,a12,a22) by Cholesky;
 * false if not PD.
 */
function solve3(
  a00: number,
  a01: number,
  a02: number,
  a11: number,
  a12: number,
  a22: number,
  r0: number,
  r1: number,
  r2: number,
  x: Float64Array,
): boolean {
  if (!(a00 > 0)) return false;
  const l00 = Math.sqrt(a00);
  const l10 = a01 / l00;
  const l20 = a02 / l00;
  const d1 = a11 - l10 * l10;
  if (!(d1 > 1e-14 * a11)) return false;
  const l11 = Math.sqrt(d1);
  const l21 = (a12 - l20 * l10) / l11;
  const d2 = a22 - l20 * l20 - l21 * l21;
  if (!(d2 > 1e-14 * a22)) return false;
  const l22 = Math.sqrt(d2);
  const y0 = r0 / l00;
  const y1 = (r1 - l10 * y0) / l11;
  const y2 = (r2 - l20 * y0 - l21 * y1) / l22;
  x[2] = y2 / l22;
  x[1] = (y1 - l21 * x[2]) / l11;
  x[0] = (y0 - l10 * x[1] - l20 * x[2]) / l00;
  return true;
}

/** Weighted LS of y on columns (−b, b²/6, 1) with weights w; writes (D·1000, D²K·10⁶, ln S0) to beta. */
function wlsSolve(bs: Float64Array, y: Float64Array, w: Float64Array, beta: Float64Array): boolean {
  let a00 = 0,
    a01 = 0,
    a02 = 0,
    a11 = 0,
    a12 = 0,
    a22 = 0,
    r0 = 0,
    r1 = 0,
    r2 = 0;
  for (let j = 0; j < bs.length; j++) {
    const x0 = -bs[j];
    const x1 = (bs[j] * bs[j]) / 6;
    const wj = w[j];
    const yj = y[j];
    a00 += wj * x0 * x0;
    a01 += wj * x0 * x1;
    a02 += wj * x0;
    a11 += wj * x1 * x1;
    a12 += wj * x1;
    a22 += wj;
    r0 += wj * x0 * yj;
    r1 += wj * x1 * yj;
    r2 += wj * yj;
  }
  return solve3(a00, a01, a02, a11, a12, a22, r0, r1, r2, beta);
}

/**
 * Levenberg–Marquardt on Σ count_j (S̄_j − S0·exp(−b_j D + b_j² D² K/6))² over (S0, D, K), from `p` = (S0, D·1000, K).
 * Marquardt's diagonal scaling; converged when an accepted step changes every parameter by ≤ 1e-10 relative, or when no
 * damping gives a downhill step and the gradient is ≈ 0; gives up after 200 iterations.
 * @returns true on convergence with finite parameters
 */
function levenbergMarquardt(bs: Float64Array, s: Float64Array, w: Float64Array, p: Float64Array): boolean {
  const n = bs.length;
  const f = new Float64Array(n);
  const sse = (q0: number, q1: number, q2: number): number => {
    let total = 0;
    for (let j = 0; j < n; j++) {
      const b = bs[j];
      const model = q0 * Math.exp(-b * q1 + (b * b * q1 * q1 * q2) / 6);
      const r = s[j] - model;
      total += w[j] * r * r;
    }
    return total;
  };
  let current = sse(p[0], p[1], p[2]);
  let lambda = 1e-3;
  const step = new Float64Array(3);
  for (let iter = 0; iter < 200; iter++) {
    let a00 = 0,
      a01 = 0,
      a02 = 0,
      a11 = 0,
      a12 = 0,
      a22 = 0,
      g0 = 0,
      g1 = 0,
      g2 = 0;
    for (let j = 0; j < n; j++) {
      const b = bs[j];
      const e = Math.exp(-b * p[1] + (b * b * p[1] * p[1] * p[2]) / 6);
      const model = p[0] * e;
      f[j] = model;
      const j0 = e;
      const j1 = model * (-b + (b * b * p[1] * p[2]) / 3);
      const j2 = (model * b * b * p[1] * p[1]) / 6;
      const r = s[j] - model;
      const wj = w[j];
      a00 += wj * j0 * j0;
      a01 += wj * j0 * j1;
      a02 += wj * j0 * j2;
      a11 += wj * j1 * j1;
      a12 += wj * j1 * j2;
      a22 += wj * j2 * j2;
      g0 += wj * j0 * r;
      g1 += wj * j1 * r;
      g2 += wj * j2 * r;
    }
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const ok = solve3(a00 * (1 + lambda), a01, a02, a11 * (1 + lambda), a12, a22 * (1 + lambda), g0, g1, g2, step);
      if (ok) {
        const q0 = p[0] + step[0];
        const q1 = p[1] + step[1];
        const q2 = p[2] + step[2];
        const next = sse(q0, q1, q2);
        if (Number.isFinite(next) && next <= current) {
          const relStep = Math.max(
            Math.abs(step[0]) / (Math.abs(p[0]) + 1e-12),
            Math.abs(step[1]) / (Math.abs(p[1]) + 1e-12),
            Math.abs(step[2]) / (Math.abs(p[2]) + 1e-12),
          );
          p[0] = q0;
          p[1] = q1;
          p[2] = q2;
          const done = relStep <= 1e-10 || next === 0;
          current = next;
          lambda = Math.max(lambda / 10, 1e-12);
          accepted = true;
          if (done) return Number.isFinite(p[0] + p[1] + p[2]);
          break;
        }
      }
      lambda *= 10;
      if (lambda > 1e12) break;
    }
    if (!accepted) {
      // no downhill step at any damping: at a (local) minimum to machine precision
      return Number.isFinite(p[0] + p[1] + p[2]) && Math.abs(g0) + Math.abs(g1) + Math.abs(g2) < 1e-6 * (1 + current);
    }
  }
  return false;
}

/**
 * Mean-signal DKI fit per voxel (b = 0, 800, 1400, 2000 in the paper; any ≥ 3 shells).
 *
 * Algorithm (DIPY msdki.wls_fit_msdki): shell means S̄_j, floored at 1e-4; y = ln S̄; design columns (−b, b²/6, 1);
 * WLS with W = diag(count_j·S̄_j²) (or count_j·Ŝ_j² from an OLS fit, `weights: 'predicted'`), solved by a 3×3
 * Cholesky in scaled units; D = β₀, K = β₁/β₀², S0 = exp(β₂). Voxels whose mean shell signal is ≤ 1e-4 are
 * failures (DIPY leaves them at 0). Optional Levenberg–Marquardt refinement on the signal from the WLS start.
 * Constraints: D ≤ 0 or non-finite → FIT_FAILURE (d, k NaN); K outside kRange → clipped and K_CLIPPED.
 * O(volumes) per voxel.
 *
 * Differences from DIPY 1.6 `MeanDiffusionKurtosisModel`: shells are grouped by exact b equality (DIPY rounds to
 * `bmag`); the normal equations are solved by Cholesky in scaled units instead of `pinv` of the unscaled matrix
 * (same result to ~1e-11 on well-conditioned voxels, more accurate on ill-conditioned ones); DIPY returns negative D
 * and any K unchanged, restudy flags them (`kRaw` keeps the unclipped K for comparison).
 *
 * References: Jensen JH, Helpern JA. MRI quantification of non-Gaussian water diffusion by kurtosis analysis.
 * NMR Biomed 2010;23:698–710. Henriques RN. Advanced methods for diffusion MRI data analysis and their application
 * to the healthy ageing brain. PhD thesis, University of Cambridge, 2018 (MSDKI). Veraart J et al. Weighted linear
 * least squares estimation of diffusion MRI parameters: strengths, limitations, and pitfalls.
 * NeuroImage 2013;81:335–46.
 *
 * @param signal voxel-major signals, `voxels × shells.volumes`
 * @param voxels number of voxels in `signal`
 * @param opts method, weights, kRange (see {@link DkiOptions})
 * @param out preallocated outputs; voxel i is written at `start + i`
 * @throws InputError when fewer than 3 shells are used
 * @example
 * // noise-free S0 = 1000, D = 1.2e-3 mm²/s, K = 0.8 at b = 0, 800, 1400, 2000
 * // fitDkiBlock(signal, 1, makeShells([0, 800, 1400, 2000]), {}, out); out.d[0] // => 0.0012, out.k[0] // => 0.8
 */
export function fitDkiBlock(
  signal: Float64Array,
  voxels: number,
  shells: Shells,
  opts: DkiOptions,
  out: DkiOut,
  start = 0,
): void {
  const ns = shells.b.length;
  if (ns < 3) throw new InputError('b-values', 'at least 3 distinct values for DKI', Array.from(shells.b));
  const method = opts.method ?? 'wls';
  const weighting = opts.weights ?? 'observed';
  const [kMin, kMax] = opts.kRange ?? [0, 3];
  const bs = shells.b.map((b) => b / B_SCALE);
  const mean = new Float64Array(ns);
  const y = new Float64Array(ns);
  const w = new Float64Array(ns);
  const beta = new Float64Array(3);
  const p = new Float64Array(3);
  for (let i = 0; i < voxels; i++) {
    let flags = shellMeans(signal, i * shells.volumes, shells, mean);
    let d = NaN;
    let kRaw = NaN;
    let s0 = NaN;
    let meanOfMeans = 0;
    for (let j = 0; j < ns; j++) {
      if (mean[j] < MIN_SIGNAL) mean[j] = MIN_SIGNAL;
      meanOfMeans += mean[j] / ns;
      y[j] = Math.log(mean[j]);
    }
    let ok = !(flags & FLAG.FIT_FAILURE) && meanOfMeans > MIN_SIGNAL;
    if (ok) {
      if (weighting === 'observed') {
        for (let j = 0; j < ns; j++) w[j] = shells.count[j] * mean[j] * mean[j];
      } else {
        ok = wlsSolve(bs, y, shells.count, beta);
        for (let j = 0; j < ns && ok; j++) {
          const fitted = -bs[j] * beta[0] + ((bs[j] * bs[j]) / 6) * beta[1] + beta[2];
          w[j] = shells.count[j] * Math.exp(2 * fitted);
        }
      }
      ok = ok && wlsSolve(bs, y, w, beta);
    }
    if (ok) {
      d = beta[0];
      kRaw = beta[1] / (beta[0] * beta[0]);
      s0 = Math.exp(beta[2]);
      if (method === 'nls') {
        p[0] = s0;
        p[1] = d;
        p[2] = kRaw;
        if (d > 0 && Number.isFinite(kRaw) && levenbergMarquardt(bs, mean, shells.count, p)) {
          s0 = p[0];
          d = p[1];
          kRaw = p[2];
        } else ok = false;
      }
      ok = ok && d > 0 && Number.isFinite(d) && Number.isFinite(kRaw) && Number.isFinite(s0);
    }
    let k = kRaw;
    if (!ok) {
      flags |= FLAG.FIT_FAILURE;
      d = NaN;
      k = NaN;
    } else if (k < kMin || k > kMax) {
      flags |= FLAG.K_CLIPPED;
      k = k < kMin ? kMin : kMax;
    }
    out.d[start + i] = d / B_SCALE;
    out.k[start + i] = k;
    out.kRaw[start + i] = kRaw;
    out.s0[start + i] = s0;
    out.flags[start + i] = flags;
  }
}
