import type { RocDirection } from './_data.ts';

/**
 * DeLong placements (structural components) by sorting, after Sun & Xu (2014): each group is sorted once
 * (typed-array sort, O(N log N)) and every observation of the other group is located by binary search, so
 * placements stay in the original observation order (needed for the paired covariance) without an
 * index sort. Ties count 1/2.
 *
 * Placements are returned doubled and as integers: `casePlacements2[i] = 2·#{controls below case i} + #{tied}`
 * (for `'<'`), so `theta = Σ casePlacements2 / (2·m·n)` is exact up to 2^53.
 */
export interface Placements {
  /** V10 for each case, as pROC's `X`: fraction of controls the case beats (ties ½). */
  caseV: Float64Array;
  /** V01 for each control, as pROC's `Y`: fraction of cases that beat the control (ties ½). */
  controlV: Float64Array;
  /** Mann–Whitney AUC, Σ V10 / m, computed from exact integer sums. */
  theta: number;
  nCases: number;
  nControls: number;
}

/** Index of the first element ≥ x in sorted `a`. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** runEnd[k] = index one past the run of values equal to sorted[k]. O(n). */
function runEnds(sorted: Float64Array): Uint32Array {
  const out = new Uint32Array(sorted.length);
  let end = sorted.length;
  for (let k = sorted.length - 1; k >= 0; k--) {
    if (k < sorted.length - 1 && sorted[k] !== sorted[k + 1]) end = k + 1;
    out[k] = end;
  }
  return out;
}

/**
 * For each query value q: lo + hi where lo = #{ref < q}, hi = #{ref ≤ q} (= 2·below + tied).
 * Writes into `out`; returns the sum (an exact integer while < 2^53).
 */
function twiceBelow(query: Float64Array, sortedRef: Float64Array, ends: Uint32Array, out: Float64Array): number {
  let sum = 0;
  const n = sortedRef.length;
  for (let i = 0; i < query.length; i++) {
    const q = query[i];
    const lo = lowerBound(sortedRef, q);
    const hi = lo < n && sortedRef[lo] === q ? ends[lo] : lo;
    const v = lo + hi;
    out[i] = v;
    sum += v;
  }
  return sum;
}

export function delongPlacements(cases: Float64Array, controls: Float64Array, direction: RocDirection): Placements {
  const m = cases.length;
  const n = controls.length;
  const sortedControls = Float64Array.from(controls).sort();
  const sortedCases = Float64Array.from(cases).sort();
  const caseV = new Float64Array(m);
  const controlV = new Float64Array(n);
  // '<': a case beats a control when case > control. caseTwice = 2·#controls < case + #ties.
  const caseTwiceSum = twiceBelow(cases, sortedControls, runEnds(sortedControls), caseV);
  twiceBelow(controls, sortedCases, runEnds(sortedCases), controlV);
  // controlV currently = 2·#cases < control + #ties; cases that beat it ('<') = 2m − that.
  const twoN = 2 * n;
  const twoM = 2 * m;
  if (direction === '<') {
    for (let i = 0; i < m; i++) caseV[i] /= twoN;
    for (let j = 0; j < n; j++) controlV[j] = (twoM - controlV[j]) / twoM;
    return { caseV, controlV, theta: caseTwiceSum / (twoN * m), nCases: m, nControls: n };
  }
  for (let i = 0; i < m; i++) caseV[i] = (twoN - caseV[i]) / twoN;
  for (let j = 0; j < n; j++) controlV[j] /= twoM;
  return { caseV, controlV, theta: (twoN * m - caseTwiceSum) / (twoN * m), nCases: m, nControls: n };
}

/** Σ (a_i − ma)(b_i − mb) / (len − 1). */
export function covariance(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** DeLong variance of one AUC: S10/m + S01/n (pROC's `var(V$X)/m + var(V$Y)/n`). */
export function delongVariance(p: Placements): number {
  return covariance(p.caseV, p.theta, p.caseV, p.theta) / p.nCases + covariance(p.controlV, p.theta, p.controlV, p.theta) / p.nControls;
}
