/**
 * Small, private statistics used INSIDE the simulator's search loops (thousands of evaluations on ~100 rows).
 * They are deliberately minimal; the targets report (report.ts) and the tests re-check the final cohort with the
 * public, R-validated functions of src/stats (see test/simulate/). Not exported from the package.
 */
import { chisqSf, normalSf } from '../stats/distributions/index.ts';

/** Mann–Whitney AUC: P(X_pos > X_neg) + ½ P(X_pos = X_neg). O(n·m) (n, m < 100 here). */
export function aucGreater(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  let wins = 0;
  for (let i = 0; i < positives.length; i++) {
    for (let j = 0; j < negatives.length; j++) {
      const d = positives[i] - negatives[j];
      wins += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    }
  }
  return wins / (positives.length * negatives.length);
}

/** Unweighted Cohen's kappa of two raters' codes. */
export function cohenKappaSimple(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const levels = [...new Set([...a, ...b])];
  let agree = 0;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  let pe = 0;
  for (const l of levels) pe += ((ca.get(l) ?? 0) / n) * ((cb.get(l) ?? 0) / n);
  const po = agree / n;
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

/**
 * Two-rater intraclass correlations from the two-way ANOVA mean squares (Shrout & Fleiss 1979; McGraw &
 * Wong 1996): ICC(A,1) = ICC(2,1) two-way random, absolute agreement, single measures; ICC(C,1) = ICC(3,1)
 * consistency.
 */
export function iccTwoRaters(x1: ArrayLike<number>, x2: ArrayLike<number>): { agreement: number; consistency: number } {
  const n = x1.length;
  const k = 2;
  let grand = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    grand += x1[i] + x2[i];
    m1 += x1[i];
    m2 += x2[i];
  }
  grand /= n * k;
  m1 /= n;
  m2 /= n;
  let ssRows = 0;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) {
    const rowMean = (x1[i] + x2[i]) / 2;
    ssRows += k * (rowMean - grand) ** 2;
    ssTotal += (x1[i] - grand) ** 2 + (x2[i] - grand) ** 2;
  }
  const ssCols = n * ((m1 - grand) ** 2 + (m2 - grand) ** 2);
  const ssError = ssTotal - ssRows - ssCols;
  const msr = ssRows / (n - 1);
  const msc = ssCols / (k - 1);
  const mse = ssError / ((n - 1) * (k - 1));
  return {
    agreement: (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n),
    consistency: (msr - mse) / (msr + (k - 1) * mse),
  };
}

export interface SimpleLogit {
  coefficients: number[];
  standardErrors: number[];
  pValues: number[];
  fitted: number[];
  converged: boolean;
}

/** Logistic regression by IRLS (Newton–Raphson) with an intercept prepended; Wald SEs and two-sided p. */
export function logitFit(x: number[][], y: number[]): SimpleLogit {
  const n = y.length;
  const p = x[0].length + 1;
  const design = x.map((row) => [1, ...row]);
  let beta = new Array<number>(p).fill(0);
  let converged = false;
  let info: number[][] = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Array<number>(p).fill(0);
    info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += design[i][j] * beta[j];
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        grad[j] += design[i][j] * (y[i] - mu);
        for (let l = 0; l <= j; l++) info[j][l] += w * design[i][j] * design[i][l];
      }
    }
    for (let j = 0; j < p; j++) for (let l = j + 1; l < p; l++) info[j][l] = info[l][j];
    const step = solveSymmetric(info, grad);
    if (!step) break;
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) {
      converged = true;
      break;
    }
  }
  // information at the final estimate (the loop's matrix belongs to the previous iterate)
  info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += design[i][j] * beta[j];
    const mu = 1 / (1 + Math.exp(-eta));
    const w = mu * (1 - mu);
    for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) info[j][l] += w * design[i][j] * design[i][l];
  }
  const inverse = invertSymmetric(info);
  const standardErrors = inverse ? inverse.map((row, j) => Math.sqrt(row[j])) : new Array<number>(p).fill(Number.NaN);
  const fitted = design.map((row) => 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * beta[j], 0))));
  return {
    coefficients: beta,
    standardErrors,
    pValues: beta.map((b, j) => Math.min(1, 2 * normalSf(Math.abs(b / standardErrors[j])))),
    fitted,
    converged: converged && Math.max(...beta.map(Math.abs)) < 15,
  };
}

function solveSymmetric(a: number[][], b: number[]): number[] | undefined {
  const inv = invertSymmetric(a);
  if (!inv) return undefined;
  return inv.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
}

/** Gauss–Jordan inverse with partial pivoting (p ≤ 5 here). */
function invertSymmetric(a: number[][]): number[][] | undefined {
  const p = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-12) return undefined;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * p; j++) m[c][j] /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f !== 0) for (let j = 0; j < 2 * p; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(p));
}

/** Pearson χ² test of independence on an r×c table of counts (no continuity correction). */
export function pearsonChiSquare(table: number[][]): { statistic: number; df: number; pValue: number } {
  const rows = table.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = table[0].map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const total = rows.reduce((s, v) => s + v, 0);
  let statistic = 0;
  let usedRows = 0;
  let usedCols = 0;
  for (const r of rows) if (r > 0) usedRows++;
  for (const c of cols) if (c > 0) usedCols++;
  table.forEach((row, i) =>
    row.forEach((o, j) => {
      const e = (rows[i] * cols[j]) / total;
      if (e > 0) statistic += (o - e) ** 2 / e;
    }),
  );
  const df = (usedRows - 1) * (usedCols - 1);
  return { statistic, df, pValue: chisqSf(statistic, df) };
}

/** Sample mean and SD (n − 1). */
export function meanSd(x: ArrayLike<number>): { mean: number; sd: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  return { mean: m, sd: Math.sqrt(ss / (n - 1)) };
}

/** Quantile of type 6 (SPSS, Minitab): position (n + 1)p, linear interpolation, clamped to the sample. */
export function quantileType6(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n + 1) * p;
  if (h <= 1) return sorted[0];
  if (h >= n) return sorted[n - 1];
  const lo = Math.floor(h);
  return sorted[lo - 1] + (h - lo) * (sorted[lo] - sorted[lo - 1]);
}
