/**
 * @internal Profile-likelihood confidence limits for one coefficient: the values b where the signed
 * root deviance r(b) = sign(b − b̂)·√(D(b) − D(b̂)) equals ±z₍₁₋α/₂₎, D(b) being the (penalised, for
 * Firth) deviance minimised over the other coefficients with this one held at b. R's
 * `confint.glm` (MASS ≤ 7.3-58 / stats ≥ 4.4) tabulates r on a grid and interpolates it with a spline;
 * here each limit is the root itself, found by Brent's method on r(b) − z after bracketing outward from
 * the Wald limit, so results agree with MASS only to its interpolation error (up to 5.7e-3 relative in
 * our 137 fixtures, largest at small n) and with the root solved by uniroot in R to 2e-10. Cost per
 * limit ≈ 10–20 constrained fits (each O(n·p²) per iteration), warm-started.
 */
import type { Design } from './_design.ts';
import { fitEngine } from './_fit.ts';

export interface ProfileContext {
  design: Design;
  firth: boolean;
  /** coefficients on the internal (centred, scaled) parametrisation */
  internalCoef: Float64Array;
  /** (penalised) deviance at the (polished) estimate */
  devianceAtEstimate: number;
}

export interface ProfileLimits {
  /** limits on the log-odds (coefficient) scale; ±Infinity when the profile never reaches the cut-off */
  lower: number;
  upper: number;
  /** constrained fits that failed to converge (the limit is then less reliable) */
  failedFits: number;
}

const INNER_TOLERANCE = 1e-12;
const INNER_MAX_ITERATIONS = 200;
/** outward search stops beyond this many Wald half-widths: the limit is then reported as infinite */
const MAX_EXPANSION = 2 ** 12;

/**
 * Profile limits of coefficient `index` (0 = intercept, j ≥ 1 = predictor j − 1) on the original scale.
 * `estimate` and `se` are b̂ and its Wald SE on the original scale.
 */
export function profileLimits(
  ctx: ProfileContext,
  index: number,
  estimate: number,
  se: number,
  zCritical: number,
): ProfileLimits {
  const { design } = ctx;
  const { n, p, k } = design;
  // Parametrisation in which coefficient `index` is a coordinate: slopes are coordinates of the centred
  // design (c_j = b_j·s_j); the intercept is the first coordinate of the uncentred (scaled) design.
  let x = design.x;
  const start = ctx.internalCoef.slice();
  let toInternal = (b: number): number => b * design.scale[index - 1];
  if (index === 0) {
    x = design.x.slice();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) x[i * p + j + 1] += design.centre[j] / design.scale[j];
    }
    start[0] = estimate;
    toInternal = (b: number): number => b;
  }
  let failedFits = 0;
  let warm: Float64Array = start.slice();
  const constrainedFit = (b: number, from: Float64Array | null) =>
    fitEngine({
      x,
      n,
      p,
      y: design.y,
      w: design.w,
      firth: ctx.firth,
      fixed: index,
      fixedValue: toInternal(b),
      start: from,
      maxIterations: INNER_MAX_ITERATIONS,
      tolerance: ctx.firth ? 1e-10 : INNER_TOLERANCE,
    });
  const deviance = (b: number): number => {
    // warm start from the previous constrained optimum; if that fails (far from it, linear predictors
    // beyond the |η| > 30 clamp make Newton steps useless), restart as glm.fit does with an offset:
    // from mustart (ML) or from zero (Firth)
    let fit = constrainedFit(b, warm);
    if (!fit.converged) fit = constrainedFit(b, null);
    if (!fit.converged) failedFits++;
    else warm = fit.coef;
    return ctx.firth ? fit.penalizedDeviance : fit.deviance;
  };
  const signedRoot = (b: number): number => {
    const d = deviance(b) - ctx.devianceAtEstimate;
    const r = Math.sqrt(Math.max(0, d));
    return b >= estimate ? r : -r;
  };
  const limit = (direction: 1 | -1): number => {
    warm = start.slice();
    const target = direction * zCritical;
    const h = zCritical * (se > 0 && Number.isFinite(se) ? se : 1);
    let inner = estimate;
    let innerValue = 0;
    let scale = 1;
    let outer = estimate + direction * h;
    let outerValue = signedRoot(outer);
    while (direction * (outerValue - target) < 0) {
      inner = outer;
      innerValue = outerValue;
      scale *= 2;
      if (scale > MAX_EXPANSION) return direction * Infinity;
      outer = estimate + direction * h * scale;
      outerValue = signedRoot(outer);
    }
    return brentRoot(
      (b) => signedRoot(b) - target,
      inner,
      outer,
      innerValue - target,
      outerValue - target,
      1e-11 * (Math.abs(estimate) + h),
    );
  };
  const lower = limit(-1);
  const upper = limit(1);
  return { lower, upper, failedFits };
}

/** Brent's (1973) zeroin on [a, b] with f(a), f(b) of opposite sign (or one zero). */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  xTolerance: number,
): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let pp: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        pp = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        pp = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (pp > 0) q = -q;
      else pp = -pp;
      if (2 * pp < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = pp / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}
