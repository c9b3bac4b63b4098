/**
 * The Shen 2025 synthetic cohort: 232 patients whose marginals reproduce Tables 1–2 exactly (where the printed
 * numbers are consistent), Table 1 continuous summaries and Table 3 means ± SD within printed rounding, and the
 * structure behind the paper's findings (mass-lesion logistic model, Table 4 AUCs, reader agreement).
 */
import type { Rng } from '../../stats/_shared/random.ts';
import { permutedMultiset, shuffle, substream, topK } from '../_random.ts';
import { fitQuantiles, integersWithMeanSd, ki67Values, lognormalIntegers, type QuantileTarget } from './continuous.ts';
import { type MassTargets, SCREENED_OUT, searchMassStructure } from './massModel.ts';
import { generateQuantitative, type QuantResult, UNITS } from './quantitative.ts';
import { qualitativeReaders, quantitativeReaders, spreadTargets } from './readers.ts';
import {
  type Conflict,
  checkAgeTotal,
  type ResolvedCounts,
  resolveCategoricalCounts,
  resolveOddsRatio,
} from './resolve.ts';
import {
  AGE_TARGET,
  AGREEMENT,
  GROUP_N,
  GROUPS,
  type Group,
  HISTOGRAM_STATS,
  KI67_TARGET,
  MAPS,
  MASS_MODEL,
  parseMeanSd,
  parseMedianIqr,
  SIZE_TARGET,
  TABLE4,
} from './targets.ts';

export const GENERATOR_VERSION = '1.0.0';

export type SimValue = string | number | null;

export interface SimulationOptions {
  seed: number;
  /** Seeded candidates tried for the mass-lesion structure and the quantitative features. @default 4 */
  candidates?: number;
  /** Annealing steps per mass-structure candidate. @default 3000 */
  massIterations?: number;
}

export interface Simulation {
  /** Rows in output order, keyed by codebook column name. */
  rows: Record<string, SimValue>[];
  conflicts: Conflict[];
  decisions: Conflict[];
  /** Loss values and chosen parameters of the searches (for the sidecar). */
  search: Record<string, unknown>;
  /** Targets the generator aimed at (resolved). */
  aims: { kappa: Record<string, number>; icc: Record<string, number>; massModel: MassTargets };
}

const QUALITATIVE_FEATURES = [
  'lesion_type',
  'multifocal',
  'mass_shape',
  't2_hyperintensity',
  'edema',
  'mass_margin',
  'fgt',
  'bpe',
  'mass_enhancement',
  'nme_distribution',
  'nme_enhancement',
] as const;

const LEVELS: Record<string, string[]> = {
  fgt: ['a_b', 'c_d'],
  bpe: ['minimal_mild', 'moderate_marked'],
  multifocal: ['yes', 'no'],
  lesion_type: ['mass', 'nme', 'mass_with_nme'],
  t2_hyperintensity: ['present', 'absent'],
  edema: ['present', 'absent'],
  mass_shape: ['oval_round', 'irregular'],
  mass_margin: ['circumscribed', 'not_circumscribed'],
  mass_enhancement: ['homogeneous', 'heterogeneous', 'rim', 'dark_septations'],
  nme_distribution: ['focal', 'linear', 'segmental', 'regional_diffuse'],
  nme_enhancement: ['homogeneous', 'heterogeneous', 'clumped', 'clustered_ring'],
};

const countsOf = (counts: ResolvedCounts, variable: string, g: Group): [string, number][] =>
  Object.entries(counts[variable]).map(([level, byGroup]) => [level, byGroup[g]]);

/** Runs the whole generator. Pure function of the options. */
export function simulateShen2025(options: SimulationOptions): Simulation {
  const { seed } = options;
  const candidates = options.candidates ?? 4;
  const massIterations = options.massIterations ?? 3000;
  const { counts, conflicts: countConflicts } = resolveCategoricalCounts();
  const conflicts: Conflict[] = [...countConflicts.filter((c) => c.kind !== 'decision'), ...checkAgeTotal()];
  const decisions: Conflict[] = countConflicts.filter((c) => c.kind === 'decision');
  const orLowZero = resolveOddsRatio('lowVsZero');
  const orLowOver = resolveOddsRatio('lowVsOver');
  conflicts.push(...orLowZero.conflicts, ...orLowOver.conflicts);

  // ---- patients, grouped (output order is shuffled at the end)
  const group: Group[] = [];
  for (const g of GROUPS) for (let k = 0; k < GROUP_N[g]; k++) group.push(g);
  const n = group.length;
  const members: Record<Group, number[]> = { zero: [], low: [], over: [] };
  group.forEach((g, i) => members[g].push(i));
  const cat: Record<string, (string | null)[]> = {};
  const setColumn = (name: string) => (cat[name] = new Array<string | null>(n).fill(null));

  const rngCat = substream(seed, 'categorical');
  for (const name of [
    'lesion_type',
    'lesion_class',
    'er',
    'pr',
    'hr',
    'ki67_group',
    'fgt',
    'bpe',
    'multifocal',
    'edema',
    't2_hyperintensity',
    'mass_shape',
    'mass_margin',
    'mass_enhancement',
    'nme_distribution',
    'nme_enhancement',
    'menopause',
  ])
    setColumn(name);
  for (const g of GROUPS) {
    const idx = members[g];
    const assign = (name: string, rows: number[], values: string[]) =>
      rows.forEach((i, k) => (cat[name][i] = values[k]));
    assign('lesion_type', idx, permutedMultiset(rngCat, countsOf(counts, 'lesion_type', g)));
    for (const i of idx) cat.lesion_class[i] = cat.lesion_type[i] === 'mass' ? 'mass' : 'nme_related';
    assign('er', idx, permutedMultiset(rngCat, countsOf(counts, 'er', g)));
    const erPositive = shuffle(
      rngCat,
      idx.filter((i) => cat.er[i] === 'positive'),
    );
    const prPositive = new Set(erPositive.slice(0, counts.pr.positive[g]));
    for (const i of idx) {
      cat.pr[i] = prPositive.has(i) ? 'positive' : 'negative';
      cat.hr[i] = cat.er[i] === 'positive' || cat.pr[i] === 'positive' ? 'positive' : 'negative';
    }
    // Ki-67 high more often in ER-negative tumours (realism; counts stay exact)
    const high = topK(
      idx.map((i) => rngCat.normal() + (cat.er[i] === 'negative' ? 0.7 : 0)),
      counts.ki67_group.high[g],
    );
    idx.forEach((i, k) => (cat.ki67_group[i] = high.has(k) ? 'high' : 'low'));
    for (const name of ['fgt', 'bpe', 'multifocal', 'edema'])
      assign(name, idx, permutedMultiset(rngCat, countsOf(counts, name, g)));
    const mass = idx.filter((i) => cat.lesion_type[i] === 'mass');
    const nme = idx.filter((i) => cat.lesion_class[i] === 'nme_related');
    assign('mass_enhancement', mass, permutedMultiset(rngCat, countsOf(counts, 'mass_enhancement', g)));
    assign('nme_distribution', nme, permutedMultiset(rngCat, countsOf(counts, 'nme_distribution', g)));
    assign('nme_enhancement', nme, permutedMultiset(rngCat, countsOf(counts, 'nme_enhancement', g)));
  }

  // ---- mass-lesion structure (t2, shape, margin)
  const isMass = group.map((_, i) => cat.lesion_type[i] === 'mass');
  const massTargets: MassTargets = {
    lowVsZero: { or: orLowZero.target, p: Number(MASS_MODEL.lowVsZero.p), auc: Number(MASS_MODEL.lowVsZero.auc) },
    lowVsOver: { or: orLowOver.target, p: Number(MASS_MODEL.lowVsOver.p), auc: Number(MASS_MODEL.lowVsOver.auc) },
  };
  const massCounts = {
    t2Present: counts.t2_hyperintensity.present,
    irregular: counts.mass_shape.irregular,
    notCircumscribed: counts.mass_margin.not_circumscribed,
  };
  let bestMass: ReturnType<typeof searchMassStructure> | undefined;
  const massLosses: number[] = [];
  const positiveLevel: Record<string, string> = {
    fgt: 'c_d',
    bpe: 'moderate_marked',
    multifocal: 'yes',
    edema: 'present',
  };
  const extra = Object.fromEntries(SCREENED_OUT.map((f) => [f, cat[f].map((v) => (v === positiveLevel[f] ? 1 : 0))]));
  for (let c = 0; c < candidates; c++) {
    const result = searchMassStructure(
      substream(seed, `mass:${c}`),
      group,
      isMass,
      massCounts,
      massTargets,
      massIterations,
      extra,
    );
    massLosses.push(result.loss);
    if (!bestMass || result.loss < bestMass.loss) bestMass = result;
  }
  const massState = (bestMass as NonNullable<typeof bestMass>).state;
  const negativeLevel: Record<string, string> = { fgt: 'a_b', bpe: 'minimal_mild', multifocal: 'no', edema: 'absent' };
  for (let i = 0; i < n; i++) {
    for (const f of SCREENED_OUT) cat[f][i] = massState.extra[f][i] === 1 ? positiveLevel[f] : negativeLevel[f];
    cat.t2_hyperintensity[i] = massState.t2[i] === 1 ? 'present' : 'absent';
    if (isMass[i]) {
      cat.mass_shape[i] = massState.shape[i] === 1 ? 'irregular' : 'oval_round';
      cat.mass_margin[i] = massState.margin[i] === 1 ? 'not_circumscribed' : 'circumscribed';
    }
  }

  // ---- age (exact mean/SD per group) and menopause (older women post-menopausal)
  const num: Record<string, number[]> = { age: new Array(n), ki67: new Array(n), size_mm: new Array(n) };
  const rngAge = substream(seed, 'age');
  for (const g of GROUPS) {
    const t = parseMeanSd(AGE_TARGET[g]);
    const ages = integersWithMeanSd(rngAge, GROUP_N[g], t.mean, t.sd, t.meanDecimals, [25, 85]);
    members[g].forEach((i, k) => (num.age[i] = ages[k]));
    const post = topK(
      members[g].map((i) => num.age[i] + 3 * rngAge.normal()),
      counts.menopause.post[g],
    );
    members[g].forEach((i, k) => (cat.menopause[i] = post.has(k) ? 'post' : 'pre'));
  }

  // ---- Ki-67 (total median and quartiles; split at 40% fixed by ki67_group)
  const ki = parseMedianIqr(KI67_TARGET.total);
  const kiResult = ki67Values(
    substream(seed, 'ki67'),
    group.map((_, i) => cat.ki67_group[i] === 'low'),
    ki.q1,
    ki.median,
    ki.q3,
  );
  kiResult.values.forEach((v, i) => (num.ki67[i] = v));

  // ---- size: per-group and total median and quartiles (type 6), integers in mm
  const rngSize = substream(seed, 'size');
  const sizeTargets: QuantileTarget[] = [];
  for (const key of ['zero', 'low', 'over', 'total'] as const) {
    const t = parseMedianIqr(SIZE_TARGET[key]);
    const rows = key === 'total' ? group.map((_, i) => i) : members[key];
    sizeTargets.push(
      { label: `${key} Q1`, members: rows, p: 0.25, value: t.q1 },
      { label: `${key} median`, members: rows, p: 0.5, value: t.median },
      { label: `${key} Q3`, members: rows, p: 0.75, value: t.q3 },
    );
  }
  for (const g of GROUPS) {
    const t = parseMedianIqr(SIZE_TARGET[g]);
    const sizes = lognormalIntegers(rngSize, GROUP_N[g], t.median, t.q1, t.q3, [6, 150]);
    members[g].forEach((i, k) => (num.size_mm[i] = sizes[k]));
  }
  const sizeMiss = fitQuantiles(
    rngSize,
    num.size_mm,
    sizeTargets,
    (_, v) => v >= 6 && v <= 150,
    (i) => {
      const t = parseMedianIqr(SIZE_TARGET[group[i]]);
      return lognormalIntegers(rngSize, 1, t.median, t.q1, t.q3, [6, 150])[0];
    },
    200000,
  );

  // ---- quantitative features: best of several seeded candidates
  const nmeRelated = group.map((_, i) => cat.lesion_class[i] === 'nme_related');
  let bestQuant: QuantResult | undefined;
  let bestQuantLoss = Number.POSITIVE_INFINITY;
  const quantLosses: number[] = [];
  for (let c = 0; c < candidates; c++) {
    const result = generateQuantitative(substream(seed, `quant:${c}`), { group, nmeRelated });
    const loss =
      Object.entries(result.aucs).reduce((s, [f, a]) => s + (a - Number(TABLE4[f].auc)) ** 2, 0) * 1e4 +
      100 * result.violations;
    quantLosses.push(loss);
    if (loss < bestQuantLoss) {
      bestQuantLoss = loss;
      bestQuant = result;
    }
  }
  const quant = bestQuant as QuantResult;

  // ---- readers
  const kappaOrder = [...QUALITATIVE_FEATURES];
  const [kLo, kHi] = AGREEMENT.kappa.split(/\s*to\s*/).map(Number);
  const kappaTargets = spreadTargets(kappaOrder, kLo, kHi);
  const qual: Record<string, { r1: (string | null)[]; r2: (string | null)[]; kappa: number; disagreements: number }> =
    {};
  // The paper prints only the range: the features at its two ends must round to 0.957 and 0.820 exactly, the
  // others only lie inside it. Each end is given to the first feature (in kappaOrder from that end) whose
  // readers round to it, with up to 8 seeded attempts per feature.
  const hits = (k: number, t: number) => Math.abs(k - t) <= 0.0005 - 1e-12;
  const assigned = new Set<string>();
  for (const [end, candidatesInOrder] of [
    [kHi, kappaOrder],
    [kLo, [...kappaOrder].reverse()],
  ] as const) {
    search: for (const feature of candidatesInOrder) {
      if (assigned.has(feature)) continue;
      for (let attempt = 0; attempt < 8; attempt++) {
        const r = qualitativeReaders(
          substream(seed, `kappa:${feature}:${attempt}`),
          cat[feature],
          LEVELS[feature],
          end,
        );
        if (hits(r.kappa, end)) {
          qual[feature] = r;
          kappaTargets[feature] = end;
          assigned.add(feature);
          break search;
        }
      }
    }
  }
  for (const feature of QUALITATIVE_FEATURES) {
    if (assigned.has(feature)) continue;
    // keep interior targets strictly inside the range so they never become a new end
    kappaTargets[feature] = Math.min(kHi - 0.002, Math.max(kLo + 0.002, kappaTargets[feature]));
    qual[feature] = qualitativeReaders(
      substream(seed, `kappa:${feature}`),
      cat[feature],
      LEVELS[feature],
      kappaTargets[feature],
    );
  }
  const iccOrder = ['mean', 'median', 'p95', 'p5', 'entropy', 'skewness', 'kurtosis'];
  const iccTargets: Record<string, number> = {};
  for (const map of MAPS) {
    const [lo, hi] = AGREEMENT.icc[map].split(/[–-]/).map(Number);
    Object.assign(
      iccTargets,
      spreadTargets(
        iccOrder.map((s) => `${map}_${s}`),
        lo,
        hi,
      ),
    );
  }
  const quantReaders = quantitativeReaders(substream(seed, 'icc'), quant.values, iccTargets);

  // ---- rows in a random order, IDs S001…
  const order = shuffle(
    substream(seed, 'order'),
    group.map((_, i) => i),
  );
  const fmt = (units: number) => units / UNITS;
  const rows = order.map((i, k) => {
    const row: Record<string, SimValue> = {
      patient_id: `S${String(k + 1).padStart(3, '0')}`,
      her2_group: group[i],
      age: num.age[i],
      menopause: cat.menopause[i],
      er: cat.er[i],
      pr: cat.pr[i],
      hr: cat.hr[i],
      ki67: num.ki67[i],
      ki67_group: cat.ki67_group[i],
      size_mm: num.size_mm[i],
    };
    for (const f of [
      'fgt',
      'bpe',
      'multifocal',
      'lesion_type',
      'lesion_class',
      't2_hyperintensity',
      'edema',
      'mass_shape',
      'mass_margin',
      'mass_enhancement',
      'nme_distribution',
      'nme_enhancement',
    ])
      row[f] = cat[f][i];
    for (const f of QUALITATIVE_FEATURES) {
      row[`${f}_r1`] = qual[f].r1[i];
      row[`${f}_r2`] = qual[f].r2[i];
    }
    for (const map of MAPS) {
      for (const stat of HISTOGRAM_STATS) {
        const f = `${map}_${stat}`;
        row[f] = fmt(quant.values[f][i]);
        row[`${f}_r1`] = fmt(quantReaders.r1[f][i]);
        row[`${f}_r2`] = fmt(quantReaders.r2[f][i]);
      }
    }
    return row;
  });

  decisions.push(
    {
      id: 'consensus:quantitative',
      kind: 'decision',
      location: 'quantitative columns <map>_<stat>',
      printed: 'Table 3 (no reader values printed)',
      problem: 'the paper does not say whether Table 3 uses one reader, the mean of both, or a third reading',
      resolution:
        'the unsuffixed column is the mean of the two readers exactly (r1 = c + e, r2 = c − e in 1e-4 ' +
        'units); ICC is aimed at ICC(A,1) (two-way random, absolute agreement, single measures; SPSS ' +
        '"Two-Way Random, Absolute Agreement, Single Measures")',
    },
    {
      id: 'consensus:qualitative',
      kind: 'decision',
      location: 'qualitative columns <feature>',
      printed: 'section 2.4.1: a third radiologist decided disagreements',
      problem: 'reader-level ratings are not published',
      resolution:
        'the unsuffixed column is the consensus; on disagreement rows exactly one reader differs from it ' +
        '(the third reader sided with the other). mass_*_r1/_r2 are recorded for consensus mass lesions, ' +
        'nme_*_r1/_r2 for consensus NME-related lesions (kappa is computed on those rows)',
    },
    {
      id: 'targets:kappa',
      kind: 'decision',
      location: 'section 3.4 kappa range',
      printed: AGREEMENT.kappa,
      problem: 'only the range over features is printed',
      resolution:
        `the two ends of the range are met exactly by one feature each, the other features aim at ` +
        `targets spread evenly inside it (highest first): ` +
        `${kappaOrder.map((f) => `${f} ${kappaTargets[f].toFixed(3)}`).join(', ')}`,
    },
    {
      id: 'targets:icc',
      kind: 'decision',
      location: 'section 3.4 ICC ranges',
      printed: `ADC ${AGREEMENT.icc.adc}, Dapp ${AGREEMENT.icc.d}, Kapp ${AGREEMENT.icc.k}`,
      problem: 'only ranges per map are printed',
      resolution: `per-feature ICC(A,1) targets spread evenly over each range in the order ${iccOrder.join(' > ')}`,
    },
    {
      id: 'ki67:values',
      kind: 'decision',
      location: 'table1 Ki-67 median (IQR)',
      printed: KI67_TARGET.total,
      problem:
        'only the total median and quartiles are printed; per-group Ki-67 distributions are unknown; 108 ' +
        'values < 40 and a median of exactly 40 need at least 9 values equal to 40',
      resolution:
        'integer Ki-67 on a 5%-step grid, split at 40 by ki67_group, searched until the total type-6 (SPSS) ' +
        'quartiles are exactly 25/40/60; values are assigned to groups only through ki67_group',
    },
    {
      id: 'size:quartiles',
      kind: 'decision',
      location: 'table1 size median (IQR)',
      printed: Object.values(SIZE_TARGET).join('; '),
      problem: 'quartile definition not stated',
      resolution:
        'integer millimetres with SPSS type-6 quartiles (26.25 and 50.75 for n = 60 are type-6 values on ' +
        'integers; type 7 cannot produce them from neighbouring integers 26/27 and 50/51)',
    },
    {
      id: 'structure:mass_model',
      kind: 'decision',
      location: 'section 3.2 / Table S2',
      printed:
        `${MASS_MODEL.lowVsZero.or} (${MASS_MODEL.lowVsZero.ci}), p = ${MASS_MODEL.lowVsZero.p}; ` +
        `${MASS_MODEL.lowVsOver.or} (${MASS_MODEL.lowVsOver.ci}), p = ${MASS_MODEL.lowVsOver.p}`,
      problem: 'the joint distribution of T2 hyperintensity, shape and margin is not printed',
      resolution:
        'simulated annealing on within-group swaps (counts unchanged) minimising Σ[(ln OR − ln OR*)/0.05]² ' +
        '+ [(AUC − AUC*)/0.01]² + [(ln p − ln p*)/0.2]² over both models, plus penalties unless the ' +
        'univariable screening in mass lesions (Pearson χ² per contrast) gives p ≤ 0.05 for T2 and p ≥ ' +
        '0.15 for FGT, BPE, multifocality and edema (the paper screened in T2, shape and margin only); ' +
        'best of the seeded candidates. Margin low vs over is fixed by its counts at p ≈ 0.66, so a ' +
        'per-contrast screening cannot select it there',
    },
  );

  return {
    rows,
    conflicts,
    decisions,
    search: {
      massModel: { losses: massLosses, chosenLoss: bestMass?.loss },
      quantitative: {
        losses: quantLosses,
        chosenLoss: bestQuantLoss,
        delta: quant.delta,
        lognormalSigma: quant.sigma,
        orderViolationsLeft: quant.violations,
        violationKinds: quant.violationKinds,
        repairSwaps: quant.swaps,
      },
      ki67: { quartileMiss: kiResult.miss },
      size: { quartileMiss: sizeMiss },
      qualitativeReaders: Object.fromEntries(
        Object.entries(qual).map(([f, r]) => [f, { disagreements: r.disagreements }]),
      ),
      quantitativeReaders: { errorScale: quantReaders.scale, frozenPatients: quantReaders.frozen },
    },
    aims: { kappa: kappaTargets, icc: iccTargets, massModel: massTargets },
  };
}

export type { Rng };
