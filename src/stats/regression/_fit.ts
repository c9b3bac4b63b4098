/**
 * @internal The logistic-regression engine: Newton–Raphson (= IRLS, Fisher scoring with the canonical
 * logit link) for maximum likelihood, and Firth's modified-score iteration for the penalised
 * likelihood, both with step-halving and an optional coefficient held fixed (for profile likelihood).
 *
 * Design matrix: row-major Float64Array n × p (intercept column included by the caller). Each
 * iteration is one pass over the data (two for Firth: hat values need the inverse information), each
 * O(n·p²), plus an O(p³) Cholesky.
 *
 * Numerical conventions mirror R's `glm.fit` + `binomial()`: start from mustart = (w·y + ½)/(w + 1);
 * working weights clamp the linear predictor at |η| > 30 exactly as R's C `logit_linkinv`/`logit_mu_eta`
 * (μ.η = DBL_EPSILON there), convergence when |dev − dev_old| / (|dev| + 0.1) < ε.
 */
import { aliasedColumns } from './_design.ts';
import {
  choleskyInPlace,
  choleskyInverse,
  choleskyLogDet,
  choleskySolveInPlace,
  subMatrix,
  subMatrixInto,
} from './_linalg.ts';

/** R's THRESH in family.c: beyond |η| > 30 the logit link is clamped. */
export const ETA_THRESHOLD = 30;
const DBL_EPSILON = Number.EPSILON;

export interface EngineInput {
  /** row-major n × p design (with intercept column if wanted) */
  x: Float64Array;
  n: number;
  p: number;
  /** 0/1 outcome */
  y: Float64Array;
  /** prior weights (≥ 0) or null for all 1 */
  w: Float64Array | null;
  firth: boolean;
  /** index of a coefficient held fixed at `fixedValue`, or −1 */
  fixed: number;
  fixedValue: number;
  /** starting coefficients (length p); null = glm's mustart (ML only) or 0 (Firth) */
  start: Float64Array | null;
  maxIterations: number;
  /** glm's epsilon: relative change in (penalised) deviance */
  tolerance: number;
  /** check the first XᵀWX for aliased columns and stop at once if any (main fits) */
  checkAliasing?: boolean;
  /**
   * `w` counts identical rows (a bootstrap sample collapsed to distinct rows): start from μ = (y + ½)/2, where
   * glm starts on the expanded data, instead of glm's (w·y + ½)/(w + 1) for prior weights. Every later iterate
   * then equals the expanded fit's in exact arithmetic (only the order of the sums differs).
   */
  frequencyWeights?: boolean;
  /**
   * Buffers for a maximum-likelihood fit of this n and p, reused from fit to fit (many refits of one model): the
   * output's `coef`, `eta`, `information` and `lastStep` are then views into them, valid until the next fit.
   */
  workspace?: FitWorkspace;
}

/** The arrays of a maximum-likelihood fit (see {@link createFitWorkspace}). */
export interface FitWorkspace {
  readonly n: number;
  readonly p: number;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  readonly workingWeights: Float64Array;
  readonly newEta: Float64Array;
  readonly expNegAbsEta: Float64Array;
  readonly newExpNegAbsEta: Float64Array;
  /** two of each per-iteration array: an iteration fills one while the other still holds the accepted one */
  readonly evaluations: [EvaluationBuffers, EvaluationBuffers];
  readonly coefs: [Float64Array, Float64Array];
  readonly lastStep: Float64Array;
  /** Cholesky of the free block, and the solution */
  readonly factor: Float64Array;
  readonly solution: Float64Array;
}

interface EvaluationBuffers {
  information: Float64Array;
  score: Float64Array;
  workingRhs: Float64Array;
  xw: Float64Array;
}

function evaluationBuffers(p: number): EvaluationBuffers {
  return {
    information: new Float64Array(p * p),
    score: new Float64Array(p),
    workingRhs: new Float64Array(p),
    xw: new Float64Array(p),
  };
}

/** Buffers for maximum-likelihood fits of n rows and p coefficients (at most n rows: a fit may use fewer). */
export function createFitWorkspace(n: number, p: number): FitWorkspace {
  const rows = (): Float64Array => new Float64Array(n);
  return {
    n,
    p,
    eta: rows(),
    mu: rows(),
    workingWeights: rows(),
    newEta: rows(),
    expNegAbsEta: rows(),
    newExpNegAbsEta: rows(),
    evaluations: [evaluationBuffers(p), evaluationBuffers(p)],
    coefs: [new Float64Array(p), new Float64Array(p)],
    lastStep: new Float64Array(p),
    factor: new Float64Array(p * p),
    solution: new Float64Array(p),
  };
}

export interface EngineOutput {
  coef: Float64Array;
  eta: Float64Array;
  /** −2 log-likelihood at coef (0/1 data: equals the binomial deviance) */
  deviance: number;
  /** deviance − log det I(coef) (Firth's penalised deviance); equals `deviance` for ML */
  penalizedDeviance: number;
  /** information XᵀWX (p × p) used for the last accepted step (ML: R's `qr` weights), or at coef (Firth) */
  information: Float64Array;
  iterations: number;
  converged: boolean;
  /** −1, or the (free) column at which XᵀWX became numerically singular and the fit stopped */
  singularColumn: number;
  /** step-halving could not reduce the deviance; the fit stopped there */
  halvingFailed: boolean;
  /** number of step-halvings performed */
  halvings: number;
  /** coefficient change of the last accepted iteration (ML), null when there was none from coefficients */
  lastStep: Float64Array | null;
  /** aliased columns found by `checkAliasing` (the fit stopped before its first step); else empty */
  aliased: number[];
}

/** log(1 + exp(t)) without overflow or cancellation. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** Inverse logit, accurate in both tails (no clamping). */
export function expit(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** η = X·β into `eta`. */
export function linearPredictor(x: Float64Array, n: number, p: number, coef: Float64Array, eta: Float64Array): void {
  for (let i = 0, row = 0; i < n; i++, row += p) {
    let s = 0;
    for (let k = 0; k < p; k++) s += x[row + k] * coef[k];
    eta[i] = s;
  }
}

/**
 * η = X·β into `eta` and the deviance −2 Σ wᵢ[yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)] at it, in one pass; e^{−|ηᵢ|} into
 * `expNegAbsEta` when given, so that the next {@link evaluate} at this η need not recompute it.
 */
export function linearPredictorAndDeviance(
  x: Float64Array,
  n: number,
  p: number,
  coef: Float64Array,
  eta: Float64Array,
  y: Float64Array,
  w: Float64Array | null,
  expNegAbsEta: Float64Array | null = null,
): number {
  let dev = 0;
  for (let i = 0, row = 0; i < n; i++, row += p) {
    let s = 0;
    for (let k = 0; k < p; k++) s += x[row + k] * coef[k];
    eta[i] = s;
    const wi = w === null ? 1 : w[i];
    if (wi === 0) continue; // no e^{−|s|}: evaluate skips zero-weight rows before reading it
    // softplus(±s) = max(±s, 0) + log1p(e^{−|s|}), the same floating-point operations as softplus()
    const t = Math.exp(-Math.abs(s));
    if (expNegAbsEta !== null) expNegAbsEta[i] = t;
    dev += wi * (y[i] === 1 ? (s < 0 ? -s + Math.log1p(t) : Math.log1p(t)) : s > 0 ? s + Math.log1p(t) : Math.log1p(t));
  }
  return 2 * dev;
}

/** −2 Σ wᵢ [yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)] computed from η (no log(0)). */
export function devianceFromEta(eta: Float64Array, y: Float64Array, w: Float64Array | null): number {
  let s = 0;
  const n = eta.length;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    if (wi === 0) continue;
    s += wi * (y[i] === 1 ? softplus(-eta[i]) : softplus(eta[i]));
  }
  return 2 * s;
}

interface Evaluation {
  deviance: number;
  /** full p × p XᵀWX (lower and upper filled) */
  information: Float64Array;
  /** Σ xᵢ wᵢ (yᵢ − μᵢ) */
  score: Float64Array;
  /** Σ xᵢ Wᵢ zᵢ, R's working response (used for the first step from mustart) */
  workingRhs: Float64Array;
}

/**
 * One pass: working weights W = w·μ(1 − μ) (R-clamped), information XᵀWX, score and, when `eta` is
 * the mustart predictor, R's working-response right-hand side XᵀWz. The deviance only when `wantDeviance`
 * (Firth; maximum likelihood has it from {@link linearPredictorAndDeviance}), else NaN; `expNegAbsEta`, when
 * given, holds e^{−|ηᵢ|} computed with η.
 */
function evaluate(
  inp: EngineInput,
  eta: Float64Array,
  workingWeights: Float64Array,
  mu: Float64Array,
  wantWorkingRhs: boolean,
  wantDeviance: boolean,
  expNegAbsEta: Float64Array | null,
  buffers: EvaluationBuffers = evaluationBuffers(inp.p),
): Evaluation {
  const { x, n, p, y, w } = inp;
  const { information, score, workingRhs, xw } = buffers;
  information.fill(0);
  score.fill(0);
  workingRhs.fill(0);
  let dev = 0;
  for (let i = 0, row = 0; i < n; i++, row += p) {
    const wi = w === null ? 1 : w[i];
    if (wi === 0) {
      // a zero-weight row takes no part: its μ is not read (Firth's adjustment skips zero working weights)
      workingWeights[i] = 0;
      mu[i] = NaN;
      continue;
    }
    const e = eta[i];
    // one exp and one log1p per row: t = e^{-|η|}, μ = 1/(1+t) or t/(1+t), log(1+e^{∓η}) = log1p(t) + max(∓η, 0)
    const t = expNegAbsEta === null ? Math.exp(-Math.abs(e)) : expNegAbsEta[i];
    const onePlusT = 1 + t;
    const m = e >= 0 ? 1 / onePlusT : t / onePlusT;
    mu[i] = m;
    const yi = y[i];
    if (wantDeviance) dev += wi * (Math.log1p(t) + (yi === 1 ? Math.max(-e, 0) : Math.max(e, 0)));
    let muEta: number;
    let variance: number;
    if (e > ETA_THRESHOLD || e < -ETA_THRESHOLD) {
      // R: mu.eta = DBL_EPSILON, mu = eps or 1 - eps
      muEta = DBL_EPSILON;
      variance = DBL_EPSILON * (1 - DBL_EPSILON);
    } else {
      muEta = t / (onePlusT * onePlusT);
      variance = muEta;
    }
    const ww = (wi * muEta * muEta) / variance;
    workingWeights[i] = ww;
    const resid = wi * (yi - m);
    let zTerm = 0;
    if (wantWorkingRhs)
      zTerm = ww * (e + (yi - (e > ETA_THRESHOLD ? 1 - DBL_EPSILON : e < -ETA_THRESHOLD ? DBL_EPSILON : m)) / muEta);
    for (let a = 0; a < p; a++) {
      const xa = x[row + a];
      xw[a] = ww * xa;
      score[a] += xa * resid;
    }
    if (wantWorkingRhs) for (let a = 0; a < p; a++) workingRhs[a] += x[row + a] * zTerm;
    for (let a = 0; a < p; a++) {
      const xwa = xw[a];
      const base = a * p;
      for (let b = 0; b <= a; b++) information[base + b] += xwa * x[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) information[b * p + a] = information[a * p + b];
  return { deviance: wantDeviance ? 2 * dev : NaN, information, score, workingRhs };
}

/**
 * Firth's adjustment: hat values hᵢ = Wᵢ xᵢᵀ I⁻¹ xᵢ and the modified score U* = U + Σ xᵢ hᵢ (½ − μᵢ).
 * Returns null when I is numerically singular.
 */
function firthModifiedScore(
  inp: EngineInput,
  ev: Evaluation,
  workingWeights: Float64Array,
  mu: Float64Array,
): { modified: Float64Array; logDet: number } | null {
  const { x, n, p } = inp;
  const chol = ev.information.slice();
  if (choleskyInPlace(chol, p) >= 0) return null;
  const logDet = choleskyLogDet(chol, p);
  const inv = choleskyInverse(chol, p);
  const modified = ev.score.slice();
  const tmp = new Float64Array(p);
  for (let i = 0, row = 0; i < n; i++, row += p) {
    const ww = workingWeights[i];
    if (ww === 0) continue;
    let quad = 0;
    for (let a = 0; a < p; a++) {
      let s = 0;
      const base = a * p;
      for (let b = 0; b < p; b++) s += inv[base + b] * x[row + b];
      tmp[a] = s;
      quad += s * x[row + a];
    }
    const h = ww * quad;
    const adj = h * (0.5 - mu[i]);
    for (let a = 0; a < p; a++) modified[a] += x[row + a] * adj;
  }
  return { modified, logDet };
}

function freeIndex(p: number, fixed: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < p; k++) if (k !== fixed) out.push(k);
  return out;
}

/** Solves I_ff δ = g_f. Returns δ (length of free) or the failing position. */
function solveFree(
  information: Float64Array,
  p: number,
  free: number[],
  rhs: Float64Array,
  buffers?: { factor: Float64Array; solution: Float64Array },
): Float64Array | number {
  const q = free.length;
  const a =
    buffers === undefined ? subMatrix(information, p, free) : subMatrixInto(buffers.factor, information, p, free);
  const bad = choleskyInPlace(a, q);
  if (bad >= 0) return free[bad];
  // (buffers of p: the first q entries are read, as the callers read a solution of q)
  const b = buffers === undefined ? new Float64Array(q) : buffers.solution;
  for (let i = 0; i < q; i++) b[i] = rhs[free[i]];
  choleskySolveInPlace(a, q, b);
  return b;
}

/** Fits by ML (IRLS/Newton) or Firth; see the module comment. */
export function fitEngine(inp: EngineInput): EngineOutput {
  return inp.firth ? fitFirth(inp) : fitMaximumLikelihood(inp);
}

function fitMaximumLikelihood(inp: EngineInput): EngineOutput {
  const { x, n, p, y, w, fixed, fixedValue, maxIterations, tolerance } = inp;
  const ws = inp.workspace ?? createFitWorkspace(n, p);
  if (ws.n < n || ws.p !== p) throw new RangeError(`fit workspace of ${ws.n} × ${ws.p} for ${n} × ${p}`);
  const free = freeIndex(p, fixed);
  // every loop below stops at n: a workspace may hold more rows than this fit has
  const { eta, mu, workingWeights, newEta, expNegAbsEta, newExpNegAbsEta } = ws;
  /** this fit's n entries of η (a view on the same memory when the workspace holds more rows) */
  const etaOfFit = ws.n === n ? eta : eta.subarray(0, n);
  let coef: Float64Array | null = null;
  let devOld: number;
  if (inp.start === null) {
    // glm.fit: mustart = (w y + 0.5)/(w + 1); eta = logit(mustart); devold from mustart
    devOld = 0;
    const asRows = inp.frequencyWeights === true;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i];
      const ms = asRows ? (y[i] + 0.5) / 2 : (wi * y[i] + 0.5) / (wi + 1);
      eta[i] = Math.log(ms / (1 - ms));
      if (wi !== 0) devOld += -2 * wi * (y[i] === 1 ? Math.log(ms) : Math.log1p(-ms));
    }
  } else {
    coef = ws.coefs[0];
    coef.set(inp.start);
    if (fixed >= 0) coef[fixed] = fixedValue;
    linearPredictor(x, n, p, coef, eta);
    devOld = devianceFromEta(etaOfFit, y, w);
  }
  let information: Float64Array = new Float64Array(p * p);
  let iterations = 0;
  let converged = false;
  let singularColumn = -1;
  let halvingFailed = false;
  let halvings = 0;
  let dev = devOld;
  let lastStep: Float64Array | null = null;
  // e^{−|η|} of the accepted η (from the deviance pass), reused by the next evaluate; none yet at glm's start
  let haveExpNegAbsEta = false;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    // this iteration's arrays are the pair not holding the last accepted information (`information`)
    const ev = evaluate(
      inp,
      eta,
      workingWeights,
      mu,
      coef === null,
      false,
      haveExpNegAbsEta ? expNegAbsEta : null,
      ws.evaluations[iter % 2],
    );
    if (iter === 1 && inp.checkAliasing) {
      // from mustart every working weight is positive, so XᵀWX has the null space of X (rows with w > 0)
      const aliased = aliasedColumns(ev.information, p);
      if (aliased.length > 0) {
        return {
          coef: new Float64Array(p),
          eta: etaOfFit,
          deviance: NaN,
          penalizedDeviance: NaN,
          information: ev.information,
          iterations: 0,
          converged: false,
          singularColumn: aliased[0],
          halvingFailed: false,
          halvings: 0,
          lastStep: null,
          aliased,
        };
      }
    }
    // the coefficient array not holding `coef`
    const newCoef = coef === ws.coefs[0] ? ws.coefs[1] : ws.coefs[0];
    if (coef === null) {
      const rhs = ev.workingRhs; // (not read again: changed in place)
      if (fixed >= 0) for (const f of free) rhs[f] -= fixedValue * ev.information[f * p + fixed];
      const sol = solveFree(ev.information, p, free, rhs, ws);
      if (typeof sol === 'number') {
        singularColumn = sol;
        iterations = iter - 1;
        break;
      }
      newCoef.fill(0);
      for (let i = 0; i < free.length; i++) newCoef[free[i]] = sol[i];
      if (fixed >= 0) newCoef[fixed] = fixedValue;
    } else {
      const sol = solveFree(ev.information, p, free, ev.score, ws);
      if (typeof sol === 'number') {
        singularColumn = sol;
        iterations = iter - 1;
        break;
      }
      newCoef.set(coef);
      for (let i = 0; i < free.length; i++) newCoef[free[i]] += sol[i];
    }
    information = ev.information;
    dev = linearPredictorAndDeviance(x, n, p, newCoef, newEta, y, w, newExpNegAbsEta);
    if (coef !== null) {
      // step-halving when the deviance is not finite or increases (R halves only on non-finite values)
      // (an increase below the convergence tolerance is rounding at the optimum, not divergence)
      let tries = 0;
      while (!(Number.isFinite(dev) && (dev <= devOld || (dev - devOld) / (Math.abs(dev) + 0.1) < tolerance))) {
        if (++tries > 30) {
          halvingFailed = true;
          break;
        }
        halvings++;
        for (let k = 0; k < p; k++) newCoef[k] = 0.5 * (newCoef[k] + coef[k]);
        dev = linearPredictorAndDeviance(x, n, p, newCoef, newEta, y, w, newExpNegAbsEta);
      }
      if (halvingFailed) {
        dev = devOld;
        break;
      }
    }
    if (coef !== null) {
      lastStep = ws.lastStep;
      for (let a = 0; a < p; a++) lastStep[a] = newCoef[a] - coef[a];
    }
    coef = newCoef;
    for (let i = 0; i < n; i++) {
      eta[i] = newEta[i];
      expNegAbsEta[i] = newExpNegAbsEta[i];
    }
    haveExpNegAbsEta = true;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  if (coef === null) {
    coef = new Float64Array(p);
    if (fixed >= 0) coef[fixed] = fixedValue;
  }
  return {
    coef,
    eta: etaOfFit,
    deviance: dev,
    penalizedDeviance: dev,
    information,
    iterations,
    converged,
    singularColumn,
    halvingFailed,
    halvings,
    lastStep,
    aliased: [],
  };
}

function fitFirth(inp: EngineInput): EngineOutput {
  const { x, n, p, fixed, fixedValue, maxIterations, tolerance } = inp;
  const free = freeIndex(p, fixed);
  const coef = inp.start === null ? new Float64Array(p) : inp.start.slice();
  if (fixed >= 0) coef[fixed] = fixedValue;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const workingWeights = new Float64Array(n);
  linearPredictor(x, n, p, coef, eta);
  let ev = evaluate(inp, eta, workingWeights, mu, false, true, null);
  if (inp.checkAliasing) {
    const aliased = aliasedColumns(ev.information, p);
    if (aliased.length > 0) {
      return {
        coef,
        eta,
        deviance: NaN,
        penalizedDeviance: NaN,
        information: ev.information,
        iterations: 0,
        converged: false,
        singularColumn: aliased[0],
        halvingFailed: false,
        halvings: 0,
        lastStep: null,
        aliased,
      };
    }
  }
  let adjusted = firthModifiedScore(inp, ev, workingWeights, mu);
  let iterations = 0;
  let converged = false;
  let singularColumn = -1;
  let halvingFailed = false;
  let halvings = 0;
  if (adjusted === null) {
    const chol = ev.information.slice();
    singularColumn = Math.max(0, choleskyInPlace(chol, p));
    return {
      coef,
      eta,
      deviance: ev.deviance,
      penalizedDeviance: NaN,
      information: ev.information,
      iterations,
      converged,
      singularColumn,
      halvingFailed,
      halvings,
      lastStep: null,
      aliased: [],
    };
  }
  let pdev = ev.deviance - adjusted.logDet;
  // convergence: squared Newton decrement U*ᵀ I⁻¹ U* below tolerance² (penalised scale), so the
  // remaining error is far below the step; brglm2 uses a similar absolute criterion on the adjusted score.
  const decrementTolerance = tolerance * tolerance;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    const sol = solveFree(ev.information, p, free, adjusted.modified);
    if (typeof sol === 'number') {
      singularColumn = sol;
      break;
    }
    let decrement = 0;
    free.forEach((k, i) => (decrement += sol[i] * adjusted!.modified[k]));
    const trial = coef.slice();
    free.forEach((k, i) => (trial[k] += sol[i]));
    let step = 1;
    let trialEv: Evaluation | null = null;
    let trialAdjusted: { modified: Float64Array; logDet: number } | null = null;
    let trialPdev = Infinity;
    const trialMu = new Float64Array(n);
    const trialWeights = new Float64Array(n);
    const trialEta = new Float64Array(n);
    for (let tries = 0; tries <= 30; tries++) {
      linearPredictor(x, n, p, trial, trialEta);
      trialEv = evaluate(inp, trialEta, trialWeights, trialMu, false, true, null);
      trialAdjusted = firthModifiedScore(inp, trialEv, trialWeights, trialMu);
      trialPdev = trialAdjusted === null ? Infinity : trialEv.deviance - trialAdjusted.logDet;
      if (Number.isFinite(trialPdev) && trialPdev <= pdev + 1e-10 * (Math.abs(pdev) + 1)) break;
      if (tries === 30) {
        halvingFailed = true;
        break;
      }
      halvings++;
      step *= 0.5;
      free.forEach((k, i) => (trial[k] = coef[k] + step * sol[i]));
    }
    if (halvingFailed || trialEv === null || trialAdjusted === null) break;
    coef.set(trial);
    eta.set(trialEta);
    mu.set(trialMu);
    workingWeights.set(trialWeights);
    ev = trialEv;
    adjusted = trialAdjusted;
    pdev = trialPdev;
    if (decrement < decrementTolerance) {
      converged = true;
      break;
    }
  }
  return {
    coef,
    eta,
    deviance: ev.deviance,
    penalizedDeviance: pdev,
    information: ev.information,
    iterations,
    converged,
    singularColumn,
    halvingFailed,
    halvings,
    lastStep: null,
    aliased: [],
  };
}
