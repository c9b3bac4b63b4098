/**
 * @internal Small dense symmetric linear algebra for IRLS: p × p matrices in row-major Float64Array.
 * Hand-written because the systems are tiny (p ≤ a few dozen) and the cost is in the O(n·p²)
 * accumulation of XᵀWX, not here; a general matrix package would add allocation on the hot path.
 */

/**
 * In-place Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite p × p matrix (lower
 * triangle read and overwritten; the strict upper triangle is zeroed). Returns the index of the first
 * pivot that is not positive or is below `relTol` times the original diagonal entry (numerically
 * singular), or −1 on success.
 */
export function choleskyInPlace(a: Float64Array, p: number, relTol = 1e-13): number {
  for (let j = 0; j < p; j++) {
    const diagOriginal = a[j * p + j];
    let d = diagOriginal;
    for (let k = 0; k < j; k++) d -= a[j * p + k] * a[j * p + k];
    if (!(d > relTol * diagOriginal) || !(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) a[i * p + j] = 0;
  }
  return -1;
}

/** Solves L·Lᵀ·x = b in place (b overwritten by x) given the Cholesky factor from {@link choleskyInPlace}. */
export function choleskySolveInPlace(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * b[k];
    b[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
    b[i] = s / l[i * p + i];
  }
}

/** Inverse of A from its Cholesky factor L (A⁻¹ = L⁻ᵀ·L⁻¹), as a new full symmetric matrix. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const column = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolveInPlace(l, p, column);
    for (let i = 0; i < p; i++) inv[i * p + j] = column[i];
  }
  // symmetrise against rounding
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const v = 0.5 * (inv[i * p + j] + inv[j * p + i]);
      inv[i * p + j] = v;
      inv[j * p + i] = v;
    }
  }
  return inv;
}

/** log det A from its Cholesky factor: 2·Σ log L_jj. */
export function choleskyLogDet(l: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += Math.log(l[j * p + j]);
  return 2 * s;
}

/** Extracts the rows and columns `index` of a p × p matrix. */
export function subMatrix(a: Float64Array, p: number, index: readonly number[]): Float64Array {
  return subMatrixInto(new Float64Array(index.length ** 2), a, p, index);
}

/** {@link subMatrix} written into `out` (length ≥ q², row-major q × q in its first q² entries); returns `out`. */
export function subMatrixInto(out: Float64Array, a: Float64Array, p: number, index: readonly number[]): Float64Array {
  const q = index.length;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) out[i * q + j] = a[index[i] * p + index[j]];
  return out;
}
