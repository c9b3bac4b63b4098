import { InternalError } from '../_shared/errors.ts';
import { type ArgsortWorkspace, argsortFloat64, createArgsortWorkspace } from './_argsort.ts';
import type { RocDirection } from './_data.ts';

/**
 * DeLong placements (structural components) by sorting, after Sun & Xu (2014): each group is argsorted once
 * (radix sort on the float bits, O(N)) and the two sorted groups are merged once, so placements are written
 * back in the original observation order (needed for the paired covariance). Ties count 1/2.
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

/**
 * Placements by one radix argsort per group and one merge of the two sorted groups. For each distinct
 * value v with c cases and d controls, and j controls / i cases strictly below v: each case at v gets
 * 2j + d (twice the controls it beats, ties ½) and each control at v gets 2i + c (twice the cases below it).
 */
export function delongPlacements(
  cases: Float64Array,
  controls: Float64Array,
  direction: RocDirection,
  workspace?: ArgsortWorkspace,
): Placements {
  const m = cases.length;
  const n = controls.length;
  const ws = workspace ?? createArgsortWorkspace(Math.max(m, n));
  const sc = argsortFloat64(cases, ws);
  const sk = argsortFloat64(controls, ws);
  const caseV = new Float64Array(m);
  const controlV = new Float64Array(n);
  const cs = sc.sorted;
  const ks = sk.sorted;
  const cp = sc.perm;
  const kp = sk.perm;
  let i = 0;
  let j = 0;
  let caseTwiceSum = 0;
  let controlTwiceSum = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && cs[i] < ks[j]) ? cs[i] : ks[j];
    let i2 = i;
    while (i2 < m && cs[i2] === v) i2++;
    let j2 = j;
    while (j2 < n && ks[j2] === v) j2++;
    const c = i2 - i;
    const d = j2 - j;
    const caseTwice = 2 * j + d;
    const controlTwice = 2 * i + c;
    for (let k = i; k < i2; k++) caseV[cp[k]] = caseTwice;
    for (let k = j; k < j2; k++) controlV[kp[k]] = controlTwice;
    caseTwiceSum += c * caseTwice;
    controlTwiceSum += d * controlTwice;
    i = i2;
    j = j2;
  }
  // caseV = 2·#controls below + #tied; controlV = 2·#cases below + #tied
  const twoN = 2 * n;
  const twoM = 2 * m;
  // Runtime invariant (as pROC's delongPlacements check): the case-side and control-side sums are the
  // same Mann–Whitney count, computed independently; both are exact integers.
  if (caseTwiceSum !== twoM * n - controlTwiceSum) {
    throw new InternalError(
      `DeLong placements disagree: case sum ${caseTwiceSum}, control sum ${twoM * n - controlTwiceSum} (m = ` +
        `${m}, n = ${n}); please report`,
    );
  }
  if (direction === '<') {
    for (let k = 0; k < m; k++) caseV[k] /= twoN;
    for (let k = 0; k < n; k++) controlV[k] = (twoM - controlV[k]) / twoM;
    return { caseV, controlV, theta: caseTwiceSum / (twoN * m), nCases: m, nControls: n };
  }
  for (let k = 0; k < m; k++) caseV[k] = (twoN - caseV[k]) / twoN;
  for (let k = 0; k < n; k++) controlV[k] /= twoM;
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
  return (
    covariance(p.caseV, p.theta, p.caseV, p.theta) / p.nCases +
    covariance(p.controlV, p.theta, p.controlV, p.theta) / p.nControls
  );
}
