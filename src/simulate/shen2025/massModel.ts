/**
 * Joint structure of T2 hyperintensity, mass shape and mass margin so that, in mass lesions, the paper's
 * multivariable logistic models (HER2-low vs zero, HER2-low vs over; covariates t2 + irregular shape + not
 * circumscribed margin) give odds ratios, p-values and AUCs near the printed ones, and so that a per-contrast
 * univariable screening in mass lesions (Pearson χ², p < 0.1) selects T2 but not FGT, BPE, multifocality or
 * edema, as the paper reports. Counts per group never change: every move swaps two patients' values inside
 * one group.
 */
import type { Rng } from '../../stats/_shared/random.ts';
import { aucGreater, logitFit, pearsonChiSquare } from '../_measures.ts';
import { topK } from '../_random.ts';
import type { Group } from './targets.ts';

export interface MassState {
  /** per patient: 1 = T2 hyperintensity present */
  t2: number[];
  /** per patient: 1 = irregular, 0 = oval/round, -1 = not a mass lesion */
  shape: number[];
  /** per patient: 1 = not circumscribed, 0 = circumscribed, -1 = not a mass lesion */
  margin: number[];
  /** binary features that must NOT pass the paper's univariable screening (p < 0.1) in mass lesions */
  extra: Record<string, number[]>;
}

/** Features the paper screened out (p ≥ 0.1); T2, shape and margin were screened in. */
export const SCREENED_OUT = ['fgt', 'bpe', 'multifocal', 'edema'] as const;

/** Pearson χ² p of a binary feature between HER2-low and `other` among mass lesions. */
export function massScreeningP(
  values: readonly number[],
  state: MassState,
  group: readonly Group[],
  other: Group,
): number {
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < group.length; i++) {
    if (state.shape[i] < 0 || (group[i] !== 'low' && group[i] !== other)) continue;
    table[values[i]][group[i] === 'low' ? 0 : 1]++;
  }
  if (table[0][0] + table[0][1] === 0 || table[1][0] + table[1][1] === 0) return 1;
  return pearsonChiSquare(table).pValue;
}

export interface MassTargets {
  lowVsZero: { or: number; p: number; auc: number };
  lowVsOver: { or: number; p: number; auc: number };
}

export interface MassFit {
  or: number;
  orCi: [number, number];
  p: number;
  auc: number;
  converged: boolean;
}

/** Fits `low (1) vs other (0) ~ t2 + irregular + not_circumscribed` in mass lesions; returns the shape term. */
export function fitMassModel(state: MassState, group: readonly Group[], other: Group): MassFit {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < group.length; i++) {
    if (state.shape[i] < 0) continue;
    if (group[i] !== 'low' && group[i] !== other) continue;
    x.push([state.t2[i], state.shape[i], state.margin[i]]);
    y.push(group[i] === 'low' ? 1 : 0);
  }
  const fit = logitFit(x, y);
  const b = fit.coefficients[2];
  const se = fit.standardErrors[2];
  const pos = fit.fitted.filter((_, k) => y[k] === 1);
  const neg = fit.fitted.filter((_, k) => y[k] === 0);
  return {
    or: Math.exp(b),
    orCi: [Math.exp(b - 1.959963984540054 * se), Math.exp(b + 1.959963984540054 * se)],
    p: fit.pValues[2],
    auc: aucGreater(pos, neg),
    converged: fit.converged,
  };
}

/** The search loss: squared misses scaled by the tolerance aimed at (ln OR ±0.05, AUC ±0.01, ln p ±0.2). */
export function massLoss(state: MassState, group: readonly Group[], targets: MassTargets): number {
  let loss = 0;
  for (const [key, other] of [
    ['lowVsZero', 'zero'],
    ['lowVsOver', 'over'],
  ] as const) {
    const fit = fitMassModel(state, group, other);
    if (!fit.converged || !Number.isFinite(fit.or)) return Number.POSITIVE_INFINITY;
    const t = targets[key];
    loss += ((Math.log(fit.or) - Math.log(t.or)) / 0.05) ** 2;
    loss += ((fit.auc - t.auc) / 0.01) ** 2;
    loss += ((Math.log(fit.p) - Math.log(t.p)) / 0.2) ** 2;
    // the paper's screening: T2 in (p < 0.1; aim ≤ 0.05), the other binary features out (aim ≥ 0.15)
    const pT2 = massScreeningP(state.t2, state, group, other);
    if (pT2 > 0.05) loss += ((pT2 - 0.05) / 0.01) ** 2;
    for (const f of SCREENED_OUT) {
      const p = massScreeningP(state.extra[f], state, group, other);
      if (p < 0.15) loss += ((0.15 - p) / 0.02) ** 2;
    }
  }
  return loss;
}

/**
 * Initial state from a latent "aggressiveness" per mass patient (irregular shape and non-circumscribed margin
 * correlate, as in real tumours), exact counts per group, then simulated annealing on within-group swaps.
 */
export function searchMassStructure(
  rng: Rng,
  group: readonly Group[],
  isMass: readonly boolean[],
  counts: {
    t2Present: Record<Group, number>;
    irregular: Record<Group, number>;
    notCircumscribed: Record<Group, number>;
  },
  targets: MassTargets,
  iterations: number,
  extra: Record<string, number[]>,
): { state: MassState; loss: number } {
  const n = group.length;
  const state: MassState = {
    t2: new Array(n).fill(0),
    shape: new Array(n).fill(-1),
    margin: new Array(n).fill(-1),
    extra: Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, [...v]])),
  };
  const members: Record<Group, number[]> = { zero: [], low: [], over: [] };
  for (let i = 0; i < n; i++) members[group[i]].push(i);
  for (const g of ['zero', 'low', 'over'] as const) {
    const all = members[g];
    const mass = all.filter((i) => isMass[i]);
    const latent = mass.map(() => rng.normal());
    const irregular = topK(
      latent.map((u) => u + 0.8 * rng.normal()),
      counts.irregular[g],
    );
    const notCirc = topK(
      latent.map((u) => 0.7 * u + 0.7 * rng.normal()),
      counts.notCircumscribed[g],
    );
    mass.forEach((i, k) => {
      state.shape[i] = irregular.has(k) ? 1 : 0;
      state.margin[i] = notCirc.has(k) ? 1 : 0;
    });
    const t2 = topK(
      all.map(() => rng.normal()),
      counts.t2Present[g],
    );
    all.forEach((i, k) => {
      state.t2[i] = t2.has(k) ? 1 : 0;
    });
  }
  let loss = massLoss(state, group, targets);
  let best = { state: structuredClone(state), loss };
  const groups = ['zero', 'low', 'over'] as const;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const temperature = 2 * (1 - iteration / iterations) + 0.01;
    const g = groups[rng.integer(3)];
    const which = rng.integer(3 + SCREENED_OUT.length);
    const pool = which === 1 || which === 2 ? members[g].filter((i) => isMass[i]) : members[g];
    const values =
      which === 0
        ? state.t2
        : which === 1
          ? state.shape
          : which === 2
            ? state.margin
            : state.extra[SCREENED_OUT[which - 3]];
    const a = pool[rng.integer(pool.length)];
    const b = pool[rng.integer(pool.length)];
    if (values[a] === values[b]) continue;
    [values[a], values[b]] = [values[b], values[a]];
    const next = massLoss(state, group, targets);
    if (next <= loss || rng.uniform() < Math.exp((loss - next) / temperature)) {
      loss = next;
      if (loss < best.loss) best = { state: structuredClone(state), loss };
    } else {
      [values[a], values[b]] = [values[b], values[a]];
    }
  }
  return best;
}
