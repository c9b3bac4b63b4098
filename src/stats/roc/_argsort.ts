/**
 * Stable argsort of a Float64Array by LSD radix sort on the IEEE-754 bits (six 11-bit passes over
 * order-preserving 64-bit keys; passes where every key shares the digit are skipped). O(N) time, 6·N
 * 32-bit words of scratch. Used for DeLong placements, where the observation order must be kept:
 * a comparator sort of an index array is ~10× slower in V8, and binary searches into a large sorted
 * array are dominated by cache misses.
 *
 * -0 sorts immediately before +0 (they compare equal with ===, so callers treat them as one tie run).
 * Inputs must not contain NaN (validated upstream).
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;
const MASK = BUCKETS - 1;

/** Scratch buffers reused across calls of the same size (six Uint32Arrays). */
export interface ArgsortWorkspace {
  size: number;
  buffers: Uint32Array[];
}

export function createArgsortWorkspace(size: number): ArgsortWorkspace {
  return { size, buffers: Array.from({ length: 6 }, () => new Uint32Array(size)) };
}

/**
 * Returns the stable sorting permutation and the sorted values. `perm` is a fresh array; the workspace
 * (if given, of size ≥ x.length) is overwritten.
 */
export function argsortFloat64(
  x: Float64Array,
  workspace?: ArgsortWorkspace,
): { perm: Uint32Array; sorted: Float64Array } {
  const n = x.length;
  const ws = workspace !== undefined && workspace.size >= n ? workspace : createArgsortWorkspace(n);
  const words = new Uint32Array(x.buffer, x.byteOffset, 2 * n);
  const loIdx = LITTLE_ENDIAN ? 0 : 1;
  const hiIdx = 1 - loIdx;
  let lo = ws.buffers[0].subarray(0, n);
  let hi = ws.buffers[1].subarray(0, n);
  let idx = ws.buffers[2].subarray(0, n);
  // all six digit histograms in one pass over the keys
  const hist = new Uint32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + hiIdx];
    let l = words[2 * i + loIdx];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    idx[i] = i;
    hist[l & MASK]++;
    hist[BUCKETS + ((l >>> 11) & MASK)]++;
    hist[2 * BUCKETS + (l >>> 22)]++;
    hist[3 * BUCKETS + (h & MASK)]++;
    hist[4 * BUCKETS + ((h >>> 11) & MASK)]++;
    hist[5 * BUCKETS + (h >>> 22)]++;
  }
  let lo2 = ws.buffers[3].subarray(0, n);
  let hi2 = ws.buffers[4].subarray(0, n);
  let idx2 = ws.buffers[5].subarray(0, n);
  const offsets = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    // skip a pass when one bucket holds every key
    let trivial = false;
    for (let b = 0; b < BUCKETS; b++) {
      const c = hist[base + b];
      if (c === n) {
        trivial = true;
        break;
      }
      if (c !== 0) break;
    }
    if (trivial || n === 0) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      offsets[b] = sum;
      sum += hist[base + b];
    }
    const useHi = pass >= 3;
    const shift = (pass % 3) * RADIX_BITS;
    const src = useHi ? hi : lo;
    for (let i = 0; i < n; i++) {
      const d = (src[i] >>> shift) & MASK;
      const o = offsets[d]++;
      lo2[o] = lo[i];
      hi2[o] = hi[i];
      idx2[o] = idx[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  // sorted values from the sorted keys (sequential), undoing the order-preserving transform
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let k = 0; k < n; k++) {
    let h = hi[k];
    let l = lo[k];
    if (h & 0x80000000) {
      h = (h & 0x7fffffff) >>> 0;
    } else {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    out[2 * k + hiIdx] = h;
    out[2 * k + loIdx] = l;
  }
  return { perm: idx.slice(), sorted };
}
