/**
 * The 21 DKI histogram features (consensus values) per patient.
 *
 * Model (documented in the sidecar): a patient latent "cellularity" C ~ N(0,1) drives every map (ADC and D
 * down, K up); per map L = ±0.8·C + 0.6·N(0,1); location statistics (mean, median, p5, p95) = L + 0.3·N(0,1)
 * + δ_f·s, where s = +½ for HER2-low NME-related lesions, −½ for HER2-over NME-related lesions and 0
 * otherwise (the Table 4 comparison); shape statistics use log-normal draws whose skew is the smallest that
 * keeps every value above a physical floor (skewness ≥ −2, excess kurtosis ≥ −1.2, entropy > 0). Each feature
 * is then rescaled per group to the printed mean and SD exactly (affine map), rounded to 4 decimals, and
 * δ_f is found by bisection so that the NME-related AUC equals the Table 4 value. Per-patient order (p5 ≤
 * median ≤ p95, p5 ≤ mean ≤ p95) and kurtosis ≥ skewness² − 2 are repaired by swapping values between patients
 * of the same group and the same Table 4 stratum, which leaves group moments and Table 4 AUCs unchanged.
 */
import type { Rng } from '../../stats/_shared/random.ts';
import { aucGreater, meanSd } from '../_measures.ts';
import {
  GROUPS,
  type Group,
  HISTOGRAM_STATS,
  type HistogramStat,
  MAPS,
  type MapName,
  parseMeanSd,
  TABLE3,
  TABLE4,
} from './targets.ts';

export const UNITS = 10000; // values are kept as integers in units of 1e-4

export interface QuantInput {
  group: readonly Group[];
  nmeRelated: readonly boolean[];
}

export interface QuantResult {
  /** feature → per-patient integer value in units of 1e-4 */
  values: Record<string, number[]>;
  /** feature → δ used (0 when the feature has no Table 4 target) */
  delta: Record<string, number>;
  /** feature → log-normal σ used for shape features (0 = normal) */
  sigma: Record<string, number>;
  aucs: Record<string, number>;
  violations: number;
  violationKinds: Record<string, number>;
  swaps: number;
}

const LOCATION: readonly HistogramStat[] = ['mean', 'median', 'p5', 'p95'];
const SHAPE_FLOOR: Record<string, number> = { skewness: -2, kurtosis: -1.2, entropy: 0.05 };

/** Table 4 AUC in its direction: P(HER2-low value is on the HER2-low side of a HER2-over value). */
export function table4Auc(
  feature: string,
  values: readonly number[],
  group: readonly Group[],
  nme: readonly boolean[],
): number {
  const low: number[] = [];
  const over: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!nme[i]) continue;
    if (group[i] === 'low') low.push(values[i]);
    else if (group[i] === 'over') over.push(values[i]);
  }
  return TABLE4[feature].direction === 'low_higher' ? aucGreater(low, over) : aucGreater(over, low);
}

function matchMoments(raw: readonly number[], group: readonly Group[], feature: string): number[] {
  const out = new Array<number>(raw.length);
  for (const g of GROUPS) {
    const idx: number[] = [];
    for (let i = 0; i < raw.length; i++) if (group[i] === g) idx.push(i);
    const { mean, sd } = parseMeanSd(TABLE3[feature][g]);
    const d = meanSd(idx.map((i) => raw[i]));
    for (const i of idx) out[i] = Math.round(UNITS * (mean + (sd * (raw[i] - d.mean)) / d.sd));
  }
  return out;
}

export function generateQuantitative(rng: Rng, input: QuantInput): QuantResult {
  const { group, nmeRelated } = input;
  const n = group.length;
  const s = group.map((g, i) => (nmeRelated[i] ? (g === 'low' ? 0.5 : g === 'over' ? -0.5 : 0) : 0));
  const stratum = group.map((g, i) => `${g}:${s[i]}`);
  const cellularity = Array.from({ length: n }, () => rng.normal());
  const values: Record<string, number[]> = {};
  const delta: Record<string, number> = {};
  const sigma: Record<string, number> = {};
  const aucs: Record<string, number> = {};
  for (const map of MAPS) {
    const sign = map === 'k' ? 1 : -1;
    const latent = cellularity.map((c) => sign * 0.8 * c + 0.6 * rng.normal());
    const shapeZ: Record<string, number[]> = {};
    shapeZ.skewness = Array.from({ length: n }, () => rng.normal());
    shapeZ.kurtosis = shapeZ.skewness.map((z) => 0.8 * z + 0.6 * rng.normal());
    shapeZ.entropy = latent.map((l) => 0.4 * l + 0.9 * rng.normal());
    for (const stat of HISTOGRAM_STATS) {
      const feature = `${map}_${stat}`;
      const isLocation = LOCATION.includes(stat);
      // p95 across patients is right-skewed (exp(0.25·y)); a symmetric p95 with its larger SD would dip below
      // the median in the lower tail
      const base = isLocation
        ? latent.map((l) => l + 0.3 * rng.normal()).map((y) => (stat === 'p95' ? Math.exp(0.25 * y) : y))
        : shapeZ[stat];
      let chosenSigma = 0;
      let transformed = base;
      if (!isLocation) {
        // smallest log-normal σ (0 = normal) that keeps the matched values above the floor
        for (const candidate of [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4]) {
          const t = candidate === 0 ? base : base.map((z) => Math.exp(candidate * z));
          const matched = matchMoments(t, group, feature);
          if (Math.min(...matched) / UNITS >= SHAPE_FLOOR[stat]) {
            chosenSigma = candidate;
            transformed = t;
            break;
          }
          chosenSigma = candidate;
          transformed = t;
        }
      }
      sigma[feature] = chosenSigma;
      const withDelta = (d: number) =>
        matchMoments(
          transformed.map((v, i) => v + d * s[i]),
          group,
          feature,
        );
      if (TABLE4[feature]) {
        const target = Number(TABLE4[feature].auc);
        const direction = TABLE4[feature].direction === 'low_higher' ? 1 : -1;
        // With sign = direction·(map sign) the AUC grows with d; bisection on [0, 6].
        // δ may be negative: a chance difference between the NME strata can exceed the target at δ = 0.
        let lo = -3;
        let hi = 6;
        const f = (d: number) => table4Auc(feature, withDelta(direction * d), group, nmeRelated);
        for (let k = 0; k < 40; k++) {
          const mid = (lo + hi) / 2;
          if (f(mid) < target) lo = mid;
          else hi = mid;
        }
        const dLo = direction * lo;
        const dHi = direction * hi;
        const aLo = table4Auc(feature, withDelta(dLo), group, nmeRelated);
        const aHi = table4Auc(feature, withDelta(dHi), group, nmeRelated);
        delta[feature] = Math.abs(aLo - target) <= Math.abs(aHi - target) ? dLo : dHi;
      } else {
        delta[feature] = 0;
      }
      values[feature] = withDelta(delta[feature]);
    }
    if (map === 'k') {
      // K histograms are heavy-tailed: a patient's skewness is bounded by its kurtosis (skew² ≤ kurt + 2 for
      // any distribution), so K skewness is derived from the matched K kurtosis, sqrt(kurt + 2)·U(0.3, 0.7),
      // then rescaled to the printed mean and SD like every other feature.
      const kurt = values.k_kurtosis;
      const base = kurt.map((v) => Math.sqrt(Math.max(0, v / UNITS + 2)) * (0.3 + 0.4 * rng.uniform()));
      values.k_skewness = matchMoments(base, group, 'k_skewness');
      sigma.k_skewness = -1;
    }
  }

  // --- repairs by swaps inside (group, Table 4 stratum): group moments and Table 4 AUCs are unchanged
  let swaps = 0;
  const members = new Map<string, number[]>();
  stratum.forEach((key, i) => {
    const list = members.get(key) ?? [];
    list.push(i);
    members.set(key, list);
  });
  const okLocation = (map: MapName, i: number) => {
    const p5 = values[`${map}_p5`][i];
    const p95 = values[`${map}_p95`][i];
    const lo = Math.min(values[`${map}_mean`][i], values[`${map}_median`][i]);
    const hi = Math.max(values[`${map}_mean`][i], values[`${map}_median`][i]);
    return p5 <= lo && hi <= p95 && p5 > 0;
  };
  const okShape = (map: MapName, i: number) => {
    const skew = values[`${map}_skewness`][i] / UNITS;
    return values[`${map}_kurtosis`][i] / UNITS >= skew * skew - 2;
  };
  for (const map of MAPS) {
    // kurtosis: assign within each group in the order of |skewness| (plus noise), then repair by swaps
    for (const g of map === 'k' ? [] : GROUPS) {
      const idx = group.map((h, i) => (h === g ? i : -1)).filter((i) => i >= 0);
      const kurt = idx.map((i) => values[`${map}_kurtosis`][i]).sort((a, b) => a - b);
      const order = idx
        .map((i) => ({ i, key: Math.abs(values[`${map}_skewness`][i] / UNITS) + 0.3 * rng.normal() }))
        .sort((a, b) => a.key - b.key || a.i - b.i);
      order.forEach(({ i }, k) => {
        values[`${map}_kurtosis`][i] = kurt[k];
      });
    }
    for (const [feature, check] of [
      [`${map}_p95`, okLocation],
      [`${map}_p5`, okLocation],
      [`${map}_kurtosis`, okShape],
      [`${map}_skewness`, okShape],
    ] as const) {
      for (let i = 0; i < n; i++) {
        if (check(map, i)) continue;
        // features without a Table 4 target may move anywhere in the group; the others only inside their stratum
        const pool =
          (TABLE4[feature]
            ? members.get(stratum[i])
            : group.map((h, j) => (h === group[i] ? j : -1)).filter((j) => j >= 0)) ?? [];
        for (const j of pool) {
          if (j === i) continue;
          const v = values[feature];
          [v[i], v[j]] = [v[j], v[i]];
          if (check(map, i) && check(map, j)) {
            swaps++;
            break;
          }
          [v[i], v[j]] = [v[j], v[i]];
        }
      }
    }
  }
  let violations = 0;
  const violationKinds: Record<string, number> = {};
  for (const map of MAPS) {
    for (let i = 0; i < n; i++) {
      if (!okLocation(map, i)) violationKinds[`${map}:order`] = (violationKinds[`${map}:order`] ?? 0) + 1;
      if (!okShape(map, i))
        violationKinds[`${map}:kurtosis<skew²-2`] = (violationKinds[`${map}:kurtosis<skew²-2`] ?? 0) + 1;
      if (!okLocation(map, i) || !okShape(map, i)) violations++;
    }
  }
  for (const feature of Object.keys(TABLE4)) aucs[feature] = table4Auc(feature, values[feature], group, nmeRelated);
  return { values, delta, sigma, aucs, violations, violationKinds, swaps };
}
