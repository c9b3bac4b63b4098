/**
 * Two readers per feature, built around the consensus value.
 *
 * Qualitative: reader 1 and reader 2 agree with the consensus except on a set of patients where one of them
 * (chosen at random) read another level; the consensus is the third reader's tie-break, so it always equals
 * one of the two readers. The set is grown and edited by a seeded hill-climb until Cohen's kappa rounds to
 * its target (3 decimals).
 *
 * Quantitative: r1 = c + e, r2 = c − e with e in the same 1e-4 units as c, so the consensus is exactly the mean
 * of the two readers. For mean/median/p5/p95 the reader difference is shared by the four statistics of a map
 * (one VOI per reader), e = s_f·w; for skewness and entropy e = s_f·u; for kurtosis e is proportional to
 * (c + 2) (the excess-kurtosis floor), so readers never cross it. s_f is found by bisection on ICC(A,1).
 */
import type { Rng } from '../../stats/_shared/random.ts';
import { iccTwoRaters } from '../_measures.ts';
import { UNITS } from './quantitative.ts';
import { HISTOGRAM_STATS, MAPS, type MapName } from './targets.ts';

export interface QualReaders {
  r1: (string | null)[];
  r2: (string | null)[];
  kappa: number;
  disagreements: number;
}

/** Readers for one qualitative feature. `consensus[i] === null` rows (not applicable) stay null. */
export function qualitativeReaders(
  rng: Rng,
  consensus: readonly (string | null)[],
  levels: readonly string[],
  target: number,
): QualReaders {
  const rows = consensus.map((c, i) => (c === null ? -1 : i)).filter((i) => i >= 0);
  const m = rows.length;
  const levelIndex = new Map(levels.map((l, k) => [l, k] as const));
  const cons = rows.map((i) => levelIndex.get(consensus[i] as string) as number);
  const used = [...new Set(cons)].sort((a, b) => a - b);
  // state per rated row (local index): which reader deviates (0 none, 1, 2) and to which level
  const dev = new Int8Array(m);
  const alt = new Int32Array(m).fill(-1);
  const countA = new Float64Array(levels.length);
  const countB = new Float64Array(levels.length);
  let agree = 0;
  const a = (r: number) => (dev[r] === 1 ? alt[r] : cons[r]);
  const b = (r: number) => (dev[r] === 2 ? alt[r] : cons[r]);
  const contribute = (r: number, sign: number) => {
    countA[a(r)] += sign;
    countB[b(r)] += sign;
    if (a(r) === b(r)) agree += sign;
  };
  const reset = () => {
    dev.fill(0);
    alt.fill(-1);
    countA.fill(0);
    countB.fill(0);
    agree = 0;
    for (let r = 0; r < m; r++) contribute(r, 1);
  };
  const kappa = () => {
    let pe = 0;
    for (let l = 0; l < levels.length; l++) pe += (countA[l] / m) * (countB[l] / m);
    return pe === 1 ? 1 : (agree / m - pe) / (1 - pe);
  };
  const setRow = (r: number, d: number, level: number) => {
    contribute(r, -1);
    dev[r] = d;
    alt[r] = level;
    contribute(r, 1);
  };
  const pickAlt = (r: number): number => {
    const others = used.filter((l) => l !== cons[r]);
    return others[rng.integer(others.length)];
  };
  // For D = 1, 2, … disagreements (six restarts each): place D at random, then move them (to another row,
  // to the other reader, to another level), keeping moves that shrink |kappa − target| (plus plateau moves and
  // rare small uphill ones, to leave local optima); the first D that rounds to the
  // target wins. Moving a disagreement between rows of different consensus levels changes the readers'
  // marginals, which gives the fine control over chance agreement that 3-decimal targets need.
  let best: { dev: Int8Array; alt: Int32Array; miss: number } | undefined;
  if (used.length >= 2) {
    const order = Array.from({ length: m }, (_, r) => r);
    for (let attempt = 0; attempt < 6 * Math.floor(m / 3); attempt++) {
      const d = 1 + Math.floor(attempt / 6); // six restarts per number of disagreements
      reset();
      for (let k = 0; k < d; k++) {
        const j = k + rng.integer(m - k);
        [order[k], order[j]] = [order[j], order[k]];
        setRow(order[k], 1 + rng.integer(2), pickAlt(order[k]));
      }
      let miss = Math.abs(kappa() - target);
      if (kappa() < target - 0.05) break; // more disagreements only lower kappa further
      for (let move = 0; move < 3000 && miss > 0.0002; move++) {
        const i = order[rng.integer(d)];
        const saved = { d: dev[i], l: alt[i] };
        const kind = rng.integer(3);
        let j = -1;
        if (kind === 0) {
          const pos = d + rng.integer(Math.max(1, m - d));
          if (pos >= m) continue;
          j = order[pos];
          setRow(i, 0, -1);
          setRow(j, saved.d, pickAlt(j));
        } else if (kind === 1) {
          setRow(i, 3 - saved.d, saved.l);
        } else {
          setRow(i, saved.d, pickAlt(i));
        }
        const next = Math.abs(kappa() - target);
        if (
          next < miss ||
          (next === miss && rng.uniform() < 0.5) ||
          rng.uniform() < 0.02 * Math.exp(-(next - miss) / 0.002)
        ) {
          miss = next;
          if (j >= 0) {
            const pi = order.indexOf(i);
            const pj = order.indexOf(j);
            [order[pi], order[pj]] = [order[pj], order[pi]];
          }
        } else {
          if (j >= 0) setRow(j, 0, -1);
          setRow(i, saved.d, saved.l);
        }
      }
      miss = Math.abs(kappa() - target);
      if (!best || miss < best.miss) best = { dev: dev.slice(), alt: alt.slice(), miss };
      if (miss <= 0.0002) break;
    }
  }
  reset();
  if (best) for (let r = 0; r < m; r++) if (best.dev[r] !== 0) setRow(r, best.dev[r], best.alt[r]);
  const r1 = consensus.map(() => null as string | null);
  const r2 = consensus.map(() => null as string | null);
  rows.forEach((i, r) => {
    r1[i] = levels[a(r)];
    r2[i] = levels[b(r)];
  });
  let disagreements = 0;
  for (let r = 0; r < m; r++) if (dev[r] !== 0) disagreements++;
  return { r1, r2, kappa: kappa(), disagreements };
}

export interface QuantReaders {
  r1: Record<string, number[]>;
  r2: Record<string, number[]>;
  icc: Record<string, { agreement: number; consistency: number }>;
  scale: Record<string, number>;
  frozen: number;
}

const LOCATION = ['mean', 'median', 'p5', 'p95'];

/**
 * Readers for the 21 features. `targets[feature]` is the ICC(A,1) aimed at. Reader values keep every
 * per-patient order (p5 ≤ median/mean ≤ p95, kurtosis ≥ skewness² − 2, positive location values): a patient
 * whose reader values would break one gets the map's common difference for the four location statistics (a
 * pure shift keeps their order) or no difference for the shape statistics, and s_f is re-tuned.
 */
export function quantitativeReaders(
  rng: Rng,
  consensus: Record<string, number[]>,
  targets: Record<string, number>,
): QuantReaders {
  const n = consensus[`${MAPS[0]}_mean`].length;
  const r1: Record<string, number[]> = {};
  const r2: Record<string, number[]> = {};
  const icc: QuantReaders['icc'] = {};
  const scale: Record<string, number> = {};
  let frozen = 0;
  for (const map of MAPS) {
    const clip = (z: number) => Math.max(-2.6, Math.min(2.6, z));
    const shared = centred(Array.from({ length: n }, () => clip(rng.normal())));
    const own: Record<string, number[]> = {};
    for (const stat of HISTOGRAM_STATS) own[stat] = centred(Array.from({ length: n }, () => clip(rng.normal())));
    // fixed[feature][i] = a frozen e (units) or undefined
    const fixed: Record<string, (number | undefined)[]> = {};
    for (const stat of HISTOGRAM_STATS) fixed[stat] = new Array(n).fill(undefined);
    // slack of the skewness–kurtosis inequality per patient (real units): kurt + 2 − skew² ≥ 0
    const slack = Array.from({ length: n }, (_, i) => {
      const skew = consensus[`${map}_skewness`][i] / UNITS;
      return Math.max(0, consensus[`${map}_kurtosis`][i] / UNITS + 2 - skew * skew);
    });
    const errorOf = (stat: string, i: number, sf: number): number => {
      const frozenValue = fixed[stat][i];
      if (frozenValue !== undefined) return frozenValue;
      if (LOCATION.includes(stat)) return Math.round(sf * shared[i]);
      if (stat === 'entropy') return Math.round(sf * own[stat][i]);
      if (stat === 'skewness') {
        // |e_s| ≤ 0.95·sqrt(slack): both readers keep skew² ≤ kurt + 2 once kurtosis is paired below
        const limit = 0.95 * Math.sqrt(slack[i]) * UNITS;
        return Math.round(Math.max(-limit, Math.min(limit, sf * own[stat][i])));
      }
      // kurtosis: e_k = 2·skew·e_s + t·v·(slack − e_s²), t = min(1, sf/UNITS) — r1 and r2 both satisfy
      // kurt_r + 2 ≥ skew_r² (expand (skew ± e_s)²); the free part t·v·(…) sets the agreement.
      const es = errorOf('skewness', i, scale[`${map}_skewness`] ?? 0) / UNITS;
      const skew = consensus[`${map}_skewness`][i] / UNITS;
      const room = Math.max(0, slack[i] - es * es);
      const t = Math.min(1, sf / UNITS);
      const u = own[stat][i] / 2.6;
      const v = Math.sign(u) * (0.6 + 0.4 * Math.abs(u)); // |v| in [0.6, 1]
      const ek = 2 * skew * es + 0.98 * t * v * room;
      return Math.round(ek * UNITS);
    };
    const tune = (stat: string) => {
      const feature = `${map}_${stat}`;
      const c = consensus[feature];
      const target = targets[feature];
      const iccAt = (sf: number) => {
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const e = errorOf(stat, i, sf);
          a[i] = c[i] + e;
          b[i] = c[i] - e;
        }
        return iccTwoRaters(a, b).agreement;
      };
      let lo = 0;
      let hi = 1;
      while (iccAt(hi) > target && hi < 1e9) hi *= 2;
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (iccAt(mid) > target) lo = mid;
        else hi = mid;
      }
      scale[feature] = Math.abs(iccAt(lo) - target) <= Math.abs(iccAt(hi) - target) ? lo : hi;
    };
    const value = (stat: string, i: number, reader: 1 | 2) => {
      const e = errorOf(stat, i, scale[`${map}_${stat}`]);
      return consensus[`${map}_${stat}`][i] + (reader === 1 ? e : -e);
    };
    const patientOk = (i: number): boolean => {
      for (const reader of [1, 2] as const) {
        const p5 = value('p5', i, reader);
        const p95 = value('p95', i, reader);
        const m = value('mean', i, reader);
        const md = value('median', i, reader);
        if (!(p5 > 0 && p5 <= Math.min(m, md) && Math.max(m, md) <= p95)) return false;
        const skew = value('skewness', i, reader) / UNITS;
        if (value('kurtosis', i, reader) / UNITS < skew * skew - 2) return false;
        if (value('entropy', i, reader) <= 0) return false;
      }
      return true;
    };
    const done = new Set<number>();
    for (let round = 0; round < 20; round++) {
      for (const stat of HISTOGRAM_STATS) tune(stat);
      let changed = false;
      for (let i = 0; i < n; i++) {
        if (done.has(i) || patientOk(i)) continue;
        changed = true;
        frozen++;
        // common shift for the location statistics: the smallest of the four errors
        const errors = LOCATION.map((stat) => errorOf(stat, i, scale[`${map}_${stat}`]));
        const common = errors.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
        for (const stat of LOCATION) fixed[stat][i] = common;
        if (!patientOk(i)) for (const stat of LOCATION) fixed[stat][i] = 0;
        if (!patientOk(i)) for (const stat of ['skewness', 'kurtosis', 'entropy']) fixed[stat][i] = 0;
        if (!patientOk(i)) done.add(i); // the consensus itself breaks an order: nothing a reader error can fix
      }
      if (!changed) break;
    }
    for (const stat of HISTOGRAM_STATS) {
      const feature = `${map}_${stat}`;
      r1[feature] = Array.from({ length: n }, (_, i) => value(stat, i, 1));
      r2[feature] = Array.from({ length: n }, (_, i) => value(stat, i, 2));
      icc[feature] = iccTwoRaters(r1[feature], r2[feature]);
    }
  }
  return { r1, r2, icc, scale, frozen };
}

function centred(x: number[]): number[] {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return x.map((v) => v - m);
}

/** Evenly spaced targets between the printed range ends, rounded to 3 decimals, assigned in `order`. */
export function spreadTargets(order: readonly string[], lo: number, hi: number): Record<string, number> {
  const out: Record<string, number> = {};
  order.forEach((name, k) => {
    const t = order.length === 1 ? hi : hi - ((hi - lo) * k) / (order.length - 1);
    out[name] = Math.round(t * 1000) / 1000;
  });
  return out;
}

export type { MapName };
