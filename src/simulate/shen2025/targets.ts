/**
 * What Shen et al. (Tomography 2025;11:31) print, transcribed as the simulator's TARGETS (the printed text is
 * kept verbatim; numbers are parsed from it at run time). Table 2 follows ../shared/seed/READING-NOTES.md;
 * cells marked (r) there were reconstructed by the reader and are flagged `reconstructed`.
 *
 * These are inputs to a generator, not the audit's transcription (src/data/published/ owns that); the tests
 * cross-check the two when both exist.
 */

export const GROUPS = ['zero', 'low', 'over'] as const;
export type Group = (typeof GROUPS)[number];
export const GROUP_N: Record<Group, number> = { zero: 60, low: 91, over: 81 };

/** One categorical variable of Table 1 or 2: printed cells per level and group ("13/60 (21.7%)" or "30 (50.0%)"). */
export interface CategoricalTarget {
  table: 'table1' | 'table2';
  variable: string;
  /** Rows the percentages refer to: all patients, mass lesions, or NME-related lesions. */
  subset: 'all' | 'mass' | 'nme_related';
  levels: Record<
    string,
    { zero: string; low: string; over: string; total?: string; reconstructed?: Partial<Record<Group, true>> }
  >;
  /** Printed p (three groups), p¹ (low vs zero), p² (low vs over). */
  p: { p: string; p1: string; p2: string };
}

export const CATEGORICAL_TARGETS: CategoricalTarget[] = [
  {
    table: 'table1',
    variable: 'menopause',
    subset: 'all',
    p: { p: '0.521', p1: 'NA', p2: 'NA' },
    levels: {
      pre: { total: '94 (40.5%)', zero: '23 (38.3%)', low: '41 (45.1%)', over: '30 (37.0%)' },
      post: { total: '138 (59.5%)', zero: '37 (61.7%)', low: '50 (54.9%)', over: '51 (63.0%)' },
    },
  },
  {
    table: 'table1',
    variable: 'er',
    subset: 'all',
    p: { p: '< 0.001', p1: '< 0.001', p2: '<0.001' },
    levels: {
      positive: { total: '134 (57.8%)', zero: '30 (50.0%)', low: '74 (81.3%)', over: '30 (37.0%)' },
      negative: { total: '98 (42.2%)', zero: '30 (50.0%)', low: '17 (18.7%)', over: '51 (63.0%)' },
    },
  },
  {
    table: 'table1',
    variable: 'pr',
    subset: 'all',
    p: { p: '< 0.001', p1: '< 0.001', p2: '< 0.001' },
    levels: {
      positive: { total: '104 (44.8%)', zero: '23 (38.3%)', low: '63 (69.2%)', over: '18 (22.2%)' },
      negative: { total: '128 (55.2%)', zero: '37 (61.7%)', low: '28 (30.8%)', over: '63 (77.8%)' },
    },
  },
  {
    table: 'table1',
    variable: 'hr',
    subset: 'all',
    p: { p: '<0.001', p1: '< 0.001', p2: '< 0.001' },
    levels: {
      positive: { total: '134 (57.8%)', zero: '30 (50.0%)', low: '74 (81.3%)', over: '30 (37.0%)' },
      negative: { total: '98 (42.2%)', zero: '30 (50.0%)', low: '17 (18.7%)', over: '51 (63.0%)' },
    },
  },
  {
    table: 'table1',
    variable: 'ki67_group',
    subset: 'all',
    p: { p: '< 0.001', p1: '< 0.001', p2: '0.025' },
    levels: {
      low: { total: '108 (46.6%)', zero: '16 (26.7%)', low: '56 (61.5%)', over: '36 (44.4%)' },
      high: { total: '124 (53.4%)', zero: '44 (73.3%)', low: '35 (38.5%)', over: '45 (55.6%)' },
    },
  },
  {
    table: 'table2',
    variable: 'fgt',
    subset: 'all',
    p: { p: '0.967', p1: 'NA', p2: 'NA' },
    levels: {
      a_b: { zero: '13/60 (21.7%)', low: '21/91 (23.1%)', over: '19/81 (23.5%)' },
      c_d: { zero: '47/60 (78.3%)', low: '50/91 (54.9%)', over: '62/81 (76.5%)' },
    },
  },
  {
    table: 'table2',
    variable: 'bpe',
    subset: 'all',
    p: { p: '0.206', p1: 'NA', p2: 'NA' },
    levels: {
      minimal_mild: { zero: '47/60 (78.3%)', low: '71/91 (78.0%)', over: '71/81 (87.7%)' },
      moderate_marked: { zero: '13/60 (21.7%)', low: '20/91 (22.0%)', over: '10/81 (12.3%)' },
    },
  },
  {
    table: 'table2',
    variable: 'multifocal',
    subset: 'all',
    p: { p: '0.550', p1: 'NA', p2: 'NA' },
    levels: {
      yes: { zero: '20/60 (33.3%)', low: '33/91 (36.3%)', over: '34/81 (42.0%)' },
      no: { zero: '40/60 (66.7%)', low: '58/91 (63.7%)', over: '47/81 (58.0%)' },
    },
  },
  {
    table: 'table2',
    variable: 'lesion_type',
    subset: 'all',
    p: { p: '0.017', p1: '0.094', p2: '0.145' },
    levels: {
      mass: { zero: '46/60 (76.7%)', low: '55/91 (60.4%)', over: '40/81 (49.4%)' },
      nme: { zero: '7/60 (11.7%)', low: '14/91 (15.4%)', over: '13/81 (16.0%)' },
      mass_with_nme: { zero: '7/60 (11.7%)', low: '22/91 (24.2%)', over: '28/81 (34.6%)' },
    },
  },
  {
    table: 'table2',
    variable: 'lesion_class',
    subset: 'all',
    p: { p: '0.005', p1: '0.038', p2: '0.279' },
    levels: {
      nme_related: { zero: '14/60 (23.3%)', low: '36/91 (39.6%)', over: '41/81 (50.6%)' },
      mass: { zero: '46/60 (76.7%)', low: '55/91 (60.4%)', over: '40/81 (49.4%)' },
    },
  },
  {
    table: 'table2',
    variable: 't2_hyperintensity',
    subset: 'all',
    p: { p: '0.008', p1: '0.009', p2: '0.008' },
    levels: {
      present: { zero: '28/60 (46.7%)', low: '62/91 (68.1%)', over: '39/81 (48.1%)' },
      absent: { zero: '32/60 (53.3%)', low: '29/91 (31.9%)', over: '42/81 (51.9%)' },
    },
  },
  {
    table: 'table2',
    variable: 'edema',
    subset: 'all',
    p: { p: '0.257', p1: 'NA', p2: 'NA' },
    levels: {
      present: { zero: '35/60 (58.3%)', low: '59/91 (64.8%)', over: '58/81 (71.6%)' },
      absent: { zero: '25/60 (41.7%)', low: '32/91 (35.2%)', over: '23/81 (28.4%)' },
    },
  },
  {
    table: 'table2',
    variable: 'mass_shape',
    subset: 'mass',
    p: { p: '<0.001', p1: '<0.001', p2: '0.009' },
    levels: {
      oval_round: { zero: '29/46 (63.0%)', low: '11/55 (20.0%)', over: '18/40 (45.0%)' },
      irregular: { zero: '17/46 (37.0%)', low: '44/55 (80.0%)', over: '22/40 (55.0%)' },
    },
  },
  {
    table: 'table2',
    variable: 'mass_margin',
    subset: 'mass',
    p: { p: '<0.001', p1: '<0.001', p2: '0.659' },
    levels: {
      circumscribed: { zero: '30/46 (65.2%)', low: '16/55 (29.1%)', over: '10/40 (25.0%)' },
      not_circumscribed: { zero: '16/46 (34.8%)', low: '39/55 (70.9%)', over: '30/40 (75.0%)' },
    },
  },
  {
    table: 'table2',
    variable: 'mass_enhancement',
    subset: 'mass',
    p: { p: '0.320', p1: 'NA', p2: 'NA' },
    levels: {
      homogeneous: { zero: '1/46 (2.2%)', low: '0/55 (0.0%)', over: '0/40 (0.0%)' },
      heterogeneous: { zero: '30/46 (65.2%)', low: '43/55 (78.2%)', over: '30/40 (75.0%)' },
      rim: { zero: '14/46 (30.4%)', low: '12/55 (21.8%)', over: '8/40 (20.0%)' },
      dark_septations: { zero: '1/46 (2.2%)', low: '0/55 (0.0%)', over: '2/40 (5.0%)' },
    },
  },
  {
    table: 'table2',
    variable: 'nme_distribution',
    subset: 'nme_related',
    p: { p: '0.597', p1: 'NA', p2: 'NA' },
    levels: {
      focal: { zero: '1/14 (7.1%)', low: '0/36 (0.0%)', over: '2/41 (4.9%)' },
      linear: { zero: '6/14 (42.9%)', low: '18/36 (50.0%)', over: '20/41 (48.8%)' },
      segmental: { zero: '4/14 (28.6%)', low: '15/36 (41.7%)', over: '14/41 (34.1%)' },
      regional_diffuse: { zero: '3/14 (21.4%)', low: '3/36 (8.3%)', over: '5/41 (12.2%)' },
    },
  },
  {
    table: 'table2',
    variable: 'nme_enhancement',
    subset: 'nme_related',
    p: { p: '0.733', p1: 'NA', p2: 'NA' },
    levels: {
      homogeneous: { zero: '0/14 (0.0%)', low: '0/36 (0.0%)', over: '0/41 (0.0%)' },
      heterogeneous: {
        zero: '11/14 (78.6%)',
        low: '24/36 (66.7%)',
        over: '24/41 (58.5%)',
        reconstructed: { low: true, over: true },
      },
      clumped: { zero: '3/14 (21.4%)', low: '10/36 (27.8%)', over: '15/41 (36.6%)' },
      clustered_ring: {
        zero: '0/14 (0.0%)',
        low: '2/36 (5.6%)',
        over: '2/41 (4.9%)',
        reconstructed: { low: true, over: true },
      },
    },
  },
];

/** Table 1 continuous rows, verbatim. */
export const AGE_TARGET = {
  total: '49.00 ±10.59',
  zero: '47.87 ± 10.40',
  low: '48.41 ± 11.48',
  over: '49.32 ± 9.74',
} as const;
export const KI67_TARGET = { total: '40% (25%, 60%)' } as const;
export const SIZE_TARGET = {
  total: '40.00 (31.00, 53.75)',
  zero: '36.50 (26.25, 50.75)',
  low: '40.00 (31.00, 52.00)',
  over: '42.00 (31.00, 64.50)',
} as const;

export const MAPS = ['adc', 'd', 'k'] as const;
export type MapName = (typeof MAPS)[number];
export const HISTOGRAM_STATS = ['mean', 'median', 'p5', 'p95', 'skewness', 'kurtosis', 'entropy'] as const;
export type HistogramStat = (typeof HISTOGRAM_STATS)[number];

/** Table 3, mean ± SD per group (verbatim). */
export const TABLE3: Record<string, { zero: string; low: string; over: string }> = {
  adc_mean: { zero: '1.008 ± 0.181', low: '1.062 ± 0.188', over: '1.092 ± 0.181' },
  adc_median: { zero: '0.987 ± 0.177', low: '1.052 ± 0.192', over: '1.077 ± 0.183' },
  adc_p5: { zero: '0.681 ± 0.150', low: '0.708 ± 0.194', over: '0.722 ± 0.160' },
  adc_p95: { zero: '1.403 ± 0.283', low: '1.450 ± 0.248', over: '1.457 ± 0.264' },
  adc_skewness: { zero: '0.536 ± 0.550', low: '0.366 ± 0.506', over: '0.386 ± 0.608' },
  adc_kurtosis: { zero: '1.363 ± 1.771', low: '1.393 ± 1.121', over: '1.367 ± 1.599' },
  adc_entropy: { zero: '2.986 ± 0.230', low: '3.088 ± 0.163', over: '2.99 ± 0.200' },
  d_mean: { zero: '1.204 ± 0.227', low: '1.212 ± 0.199', over: '1.305 ± 0.221' },
  d_median: { zero: '1.176 ± 0.225', low: '1.191 ± 0.199', over: '1.280 ± 0.225' },
  d_p5: { zero: '0.849 ± 0.171', low: '0.850 ± 0.172', over: '0.952 ± 0.177' },
  d_p95: { zero: '1.659 ± 0.337', low: '1.651 ± 0.285', over: '1.734 ± 0.298' },
  d_skewness: { zero: '0.662 ± 0.483', low: '0.535 ± 0.487', over: '0.506 ± 0.562' },
  d_kurtosis: { zero: '1.024 ± 1.584', low: '0.966 ± 1.357', over: '0.953 ± 1.622' },
  d_entropy: { zero: '2.669 ± 0.274', low: '2.668 ± 0.242', over: '2.678 ± 0.268' },
  k_mean: { zero: '0.978 ± 0.180', low: '0.960 ± 0.168', over: '0.897 ± 0.140' },
  k_median: { zero: '0.947 ± 0.153', low: '0.919 ± 0.154', over: '0.874 ± 0.131' },
  k_p5: { zero: '0.600 ± 0.174', low: '0.580 ± 0.176', over: '0.593 ± 0.129' },
  k_p95: { zero: '1.459 ± 0.453', low: '1.458 ± 0.409', over: '1.282 ± 0.328' },
  k_skewness: { zero: '1.306 ± 1.135', low: '1.935 ± 3.165', over: '1.472 ± 2.151' },
  k_kurtosis: { zero: '7.498 ± 9.989', low: '26.481 ± 93.512', over: '15.162 ± 59.754' },
  k_entropy: { zero: '1.143 ± 0.421', low: '1.171 ± 0.383', over: '0.920 ± 0.408' },
};

/**
 * Table 4 (NME-related lesions, HER2-low n = 36 vs HER2-over n = 41): AUC of each single feature. The paper's
 * positive class for the single features is HER2-over (sensitivity 95.12% = 39/41 for ADC mean): HER2-over has
 * the higher ADC/D and the lower K, i.e. HER2-low has lower ADC/D and higher K.
 */
export const TABLE4: Record<string, { auc: string; ci: string; direction: 'low_lower' | 'low_higher' }> = {
  adc_mean: { auc: '0.668', ci: '0.543-0.794', direction: 'low_lower' },
  adc_median: { auc: '0.666', ci: '0.541 - 0.791', direction: 'low_lower' },
  adc_p5: { auc: '0.693', ci: '0.571-0.815', direction: 'low_lower' },
  d_mean: { auc: '0.671', ci: '0.545-0.796', direction: 'low_lower' },
  d_median: { auc: '0.667', ci: '0.542 - 0.792', direction: 'low_lower' },
  d_p5: { auc: '0.683', ci: '0.558 - 0.808', direction: 'low_lower' },
  k_mean: { auc: '0.680', ci: '0.555 - 0.804', direction: 'low_higher' },
  k_median: { auc: '0.667', ci: '0.541 - 0.792', direction: 'low_higher' },
  k_p95: { auc: '0.729', ci: '0.615-0.843', direction: 'low_higher' },
  k_entropy: { auc: '0.776', ci: '0.666 - 0.887', direction: 'low_higher' },
};

/** Section 3.2 / Table S2: multivariable logistic regression in mass lesions (t2 + shape + margin). */
export const MASS_MODEL = {
  lowVsZero: { or: '3.91', ci: '1.38–11.05', p: '0.010', auc: '0.763', aucCi: '0.667–0.859' },
  lowVsOver: { or: '2.23', ci: '1.29–8.10', p: '0.012', auc: '0.663', aucCi: '0.550–0.775' },
} as const;

/** Section 3.4 / Table S5 ranges. */
export const AGREEMENT = {
  kappa: '0.820 to 0.957',
  icc: { adc: '0.811–0.883', d: '0.773–0.858', k: '0.761–0.892' },
} as const;

// ------------------------------------------------------------------------------------------ parsing

/** "13/60 (21.7%)" or "30 (50.0%)" → count (and denominator when printed) and percent. */
export function parseCountCell(text: string): { count: number; denominator: number | null; percent: number } {
  const m = /^\s*(\d+)\s*(?:\/\s*(\d+))?\s*\(\s*([\d.]+)\s*%\s*\)\s*$/.exec(text);
  if (!m) throw new Error(`unparseable count cell ${JSON.stringify(text)}`);
  return { count: Number(m[1]), denominator: m[2] === undefined ? null : Number(m[2]), percent: Number(m[3]) };
}

/** "47.87 ± 10.40" → mean, sd and their decimals. */
export function parseMeanSd(text: string): { mean: number; sd: number; meanDecimals: number; sdDecimals: number } {
  const m = /^\s*([\d.]+)\s*±\s*([\d.]+)\s*$/.exec(text);
  if (!m) throw new Error(`unparseable mean ± SD ${JSON.stringify(text)}`);
  const decimals = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0);
  return { mean: Number(m[1]), sd: Number(m[2]), meanDecimals: decimals(m[1]), sdDecimals: decimals(m[2]) };
}

/** "36.50 (26.25, 50.75)" or "40% (25%, 60%)" → median, q1, q3, decimals. */
export function parseMedianIqr(text: string): { median: number; q1: number; q3: number; decimals: number } {
  const m = /^\s*([\d.]+)%?\s*\(\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*\)\s*$/.exec(text);
  if (!m) throw new Error(`unparseable median (IQR) ${JSON.stringify(text)}`);
  const decimals = m[1].includes('.') ? m[1].split('.')[1].length : 0;
  return { median: Number(m[1]), q1: Number(m[2]), q3: Number(m[3]), decimals };
}

/** Rounding interval of a printed number: "0.970" → [0.9695, 0.9705]. */
export function roundingInterval(value: number, decimals: number): [number, number] {
  const half = 0.5 * 10 ** -decimals;
  return [value - half, value + half];
}

/** Whether `x` rounds to `printed` at `decimals` (half-interval inclusive, with a 1e-9 guard for binary noise). */
export function withinRounding(x: number, printed: number, decimals: number): boolean {
  return Math.abs(x - printed) <= 0.5 * 10 ** -decimals + 1e-9;
}
