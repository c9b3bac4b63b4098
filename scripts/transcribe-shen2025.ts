/**
 * Transcription of the numbers printed by Shen et al., Tomography 2025, 11, 31 into the published-
 * numbers format (data/shen2025/published/*.json). The printed strings below are copied verbatim
 * from ../shared/seed/000_aecabc301ae83983.txt (Tables 1, 3, 4, sections 3.1–3.4, abstract) and
 * from READING-NOTES.md (Table 2, whose extraction is garbled). Values and rounding intervals are
 * derived from the printed text by makeEntry/makeCellEntries — the same rules loadPublished re-checks.
 * Printed values are kept even where they look wrong; the audit decides.
 *
 * Run: npx tsx scripts/transcribe-shen2025.ts   (rewrites the JSON files deterministically)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { makeCellEntries, makeEntry } from '../src/data/published/makeEntry.ts';
import type { PublishedKind, PublishedNumber, PublishedTable } from '../src/data/published/types.ts';

const OUT = 'data/shen2025/published';
const SOURCE = {
  citation:
    'Shen Y, Zhang X, Zheng J, et al. Distinguishing Low Expression Levels of Human Epidermal Growth Factor Receptor 2 in Breast Cancer: Insights from Qualitative and Quantitative Magnetic Resonance Imaging Analysis. Tomography 2025, 11, 31.',
  doi: '10.3390/tomography11030031',
  transcribedBy: 'restudy audit helper',
  transcribedOn: '2026-11-25',
};

type Row = { row: string; cells: Record<string, string>; reconstructed?: string[]; note?: string };

function cells(
  table: PublishedTable,
  rows: Row[],
  kinds: Record<string, PublishedKind>,
  opts: { printedIn?: string; range?: boolean; denominators?: Record<string, number> } = {},
): PublishedNumber[] {
  const out: PublishedNumber[] = [];
  for (const r of rows) {
    for (const [column, printed] of Object.entries(r.cells)) {
      const kind = kinds[column] ?? 'estimate';
      out.push(
        ...makeCellEntries(table, r.row, column, printed, kind, {
          reconstructed: r.reconstructed?.includes(column),
          denominator: opts.denominators?.[column],
          note: r.note,
          printedIn: opts.printedIn,
          range: opts.range,
        }),
      );
    }
  }
  return out;
}

function write(name: string, title: string, context: object | undefined, numbers: PublishedNumber[]): void {
  const file = {
    $schema: '../../schema/published.schema.json',
    study: 'shen2025',
    title,
    source: SOURCE,
    ...(context ? { context } : {}),
    numbers,
  };
  // one entry per line: diffs of a transcription stay readable
  const { numbers: entries, ...head } = file;
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  writeFileSync(`${OUT}/${name}`, `${headText},\n  "numbers": [\n${body}\n  ]\n}\n`);
}

const P: Record<string, PublishedKind> = {
  p: 'p',
  p1: 'p',
  p2: 'p',
  total: 'count',
  zero: 'count',
  low: 'count',
  over: 'count',
};
const cnt = (zero: string, low: string, over: string, total?: string): Record<string, string> =>
  total === undefined ? { zero, low, over } : { total, zero, low, over };
const pp = (p: string, p1 = 'NA', p2 = 'NA'): Record<string, string> => ({ p, p1, p2 });

const PAIRS = { p1: ['low', 'zero'], p2: ['low', 'over'] };
mkdirSync(OUT, { recursive: true });

// ---------------------------------------------------------------- Table 1
const t1: Row[] = [
  {
    row: 'age',
    cells: { ...cnt('47.87 ± 10.40', '48.41 ± 11.48', '49.32 ± 9.74', '49.00 ±10.59'), ...pp('0.709') },
    note: 'Age (mean ± SD, years)',
  },
  { row: 'menopause', cells: pp('0.521') },
  { row: 'menopause:pre', cells: cnt('23 (38.3%)', '41 (45.1%)', '30 (37.0%)', '94 (40.5%)') },
  { row: 'menopause:post', cells: cnt('37 (61.7%)', '50 (54.9%)', '51 (63.0%)', '138 (59.5%)') },
  { row: 'er', cells: pp('< 0.001', '< 0.001', '<0.001') },
  { row: 'er:positive', cells: cnt('30 (50.0%)', '74 (81.3%)', '30 (37.0%)', '134 (57.8%)') },
  { row: 'er:negative', cells: cnt('30 (50.0%)', '17 (18.7%)', '51 (63.0%)', '98 (42.2%)') },
  { row: 'pr', cells: pp('< 0.001', '< 0.001', '< 0.001') },
  { row: 'pr:positive', cells: cnt('23 (38.3%)', '63 (69.2%)', '18 (22.2%)', '104 (44.8%)') },
  { row: 'pr:negative', cells: cnt('37 (61.7%)', '28 (30.8%)', '63 (77.8%)', '128 (55.2%)') },
  { row: 'hr', cells: pp('<0.001', '<0.001', '<0.001') },
  { row: 'hr:positive', cells: cnt('30 (50.0%)', '74 (81.3%)', '30 (37.0%)', '134 (57.8%)') },
  { row: 'hr:negative', cells: cnt('30 (50.0%)', '17 (18.7%)', '51 (63.0%)', '98 (42.2%)') },
  {
    row: 'ki67',
    cells: { total: '40% (25%, 60%)' },
    note: 'Ki-67 expression status (median, IQR); the group cells are not legible in the extraction and are not transcribed',
  },
  { row: 'ki67_group', cells: pp('< 0.001', '< 0.001', '0.025'), note: 'Ki-67 expression status (cut-off 40%)' },
  { row: 'ki67_group:low', cells: cnt('16 (26.7%)', '56 (61.5%)', '36 (44.4%)', '108 (46.6%)'), note: 'Low (<40%)' },
  { row: 'ki67_group:high', cells: cnt('44 (73.3%)', '35 (38.5%)', '45 (55.6%)', '124 (53.4%)'), note: 'High (≥40%)' },
  {
    row: 'size_mm',
    cells: {
      ...cnt('36.50 (26.25, 50.75)', '40.00 (31.00, 52.00)', '42.00 (31.00, 64.50)', '40.00 (31.00, 53.75)'),
      ...pp('0.352'),
    },
    note: 'Size (median, IQR), mm',
  },
];
const t1Numbers = [
  ...(['total', 'zero', 'low', 'over'] as const).map((c, i) =>
    makeEntry('table1', 'her2_group', c, ['232', '60', '91', '81'][i], 'n', {
      note: `column header "${['Total (n = 232)', 'HER2-Zero (n = 60)', 'HER2-Low (n = 91)', 'HER2-Over (n = 81)'][i]}"`,
    }),
  ),
  ...cells('table1', t1, P, { denominators: { total: 232, zero: 60, low: 91, over: 81 } }),
];
write(
  'table1.json',
  'Table 1. Clinicopathological characteristics of patients according to HER2 expression levels.',
  {
    groups: { zero: 60, low: 91, over: 81 },
    comparisons: PAIRS,
    integerRows: ['age'],
    note: 'p: three groups; p1: HER2-low vs HER2-zero; p2: HER2-low vs HER2-over (table footnote)',
  },
  t1Numbers,
);

// ---------------------------------------------------------------- Table 2 (READING-NOTES.md)
const t2: Row[] = [
  { row: 'fgt', cells: pp('0.967') },
  { row: 'fgt:a_b', cells: cnt('13/60 (21.7%)', '21/91 (23.1%)', '19/81 (23.5%)') },
  { row: 'fgt:c_d', cells: cnt('47/60 (78.3%)', '50/91 (54.9%)', '62/81 (76.5%)') },
  { row: 'bpe', cells: pp('0.206') },
  { row: 'bpe:minimal_mild', cells: cnt('47/60 (78.3%)', '71/91 (78.0%)', '71/81 (87.7%)') },
  { row: 'bpe:moderate_marked', cells: cnt('13/60 (21.7%)', '20/91 (22.0%)', '10/81 (12.3%)') },
  { row: 'multifocal', cells: pp('0.550') },
  { row: 'multifocal:yes', cells: cnt('20/60 (33.3%)', '33/91 (36.3%)', '34/81 (42.0%)') },
  { row: 'multifocal:no', cells: cnt('40/60 (66.7%)', '58/91 (63.7%)', '47/81 (58.0%)') },
  { row: 'lesion_type', cells: pp('0.017', '0.094', '0.145') },
  { row: 'lesion_type:mass', cells: cnt('46/60 (76.7%)', '55/91 (60.4%)', '40/81 (49.4%)') },
  { row: 'lesion_type:nme', cells: cnt('7/60 (11.7%)', '14/91 (15.4%)', '13/81 (16.0%)') },
  { row: 'lesion_type:mass_with_nme', cells: cnt('7/60 (11.7%)', '22/91 (24.2%)', '28/81 (34.6%)') },
  { row: 'lesion_class', cells: pp('0.005', '0.038', '0.279') },
  { row: 'lesion_class:nme_related', cells: cnt('14/60 (23.3%)', '36/91 (39.6%)', '41/81 (50.6%)') },
  { row: 'lesion_class:mass', cells: cnt('46/60 (76.7%)', '55/91 (60.4%)', '40/81 (49.4%)') },
  { row: 't2_hyperintensity', cells: pp('0.008', '0.009', '0.008') },
  { row: 't2_hyperintensity:present', cells: cnt('28/60 (46.7%)', '62/91 (68.1%)', '39/81 (48.1%)') },
  { row: 't2_hyperintensity:absent', cells: cnt('32/60 (53.3%)', '29/91 (31.9%)', '42/81 (51.9%)') },
  { row: 'edema', cells: pp('0.257') },
  { row: 'edema:present', cells: cnt('35/60 (58.3%)', '59/91 (64.8%)', '58/81 (71.6%)') },
  { row: 'edema:absent', cells: cnt('25/60 (41.7%)', '32/91 (35.2%)', '23/81 (28.4%)') },
  { row: 'mass_shape', cells: pp('<0.001', '<0.001', '0.009') },
  { row: 'mass_shape:oval_round', cells: cnt('29/46 (63.0%)', '11/55 (20.0%)', '18/40 (45.0%)') },
  { row: 'mass_shape:irregular', cells: cnt('17/46 (37.0%)', '44/55 (80.0%)', '22/40 (55.0%)') },
  { row: 'mass_margin', cells: pp('<0.001', '<0.001', '0.659') },
  { row: 'mass_margin:circumscribed', cells: cnt('30/46 (65.2%)', '16/55 (29.1%)', '10/40 (25.0%)') },
  { row: 'mass_margin:not_circumscribed', cells: cnt('16/46 (34.8%)', '39/55 (70.9%)', '30/40 (75.0%)') },
  { row: 'mass_enhancement', cells: pp('0.320') },
  { row: 'mass_enhancement:homogeneous', cells: cnt('1/46 (2.2%)', '0/55 (0.0%)', '0/40 (0.0%)') },
  { row: 'mass_enhancement:heterogeneous', cells: cnt('30/46 (65.2%)', '43/55 (78.2%)', '30/40 (75.0%)') },
  { row: 'mass_enhancement:rim', cells: cnt('14/46 (30.4%)', '12/55 (21.8%)', '8/40 (20.0%)') },
  { row: 'mass_enhancement:dark_septations', cells: cnt('1/46 (2.2%)', '0/55 (0.0%)', '2/40 (5.0%)') },
  { row: 'nme_distribution', cells: pp('0.597') },
  {
    row: 'nme_distribution:focal',
    cells: cnt('1/14 (7.1%)', '0/36 (0.0%)', '2/41 (4.9%)'),
    note: 'level labels of the NME distribution rows are not legible; order follows BI-RADS (READING-NOTES.md)',
  },
  {
    row: 'nme_distribution:linear',
    cells: cnt('6/14 (42.9%)', '18/36 (50.0%)', '20/41 (48.8%)'),
    note: 'level label inferred (BI-RADS order)',
  },
  {
    row: 'nme_distribution:segmental',
    cells: cnt('4/14 (28.6%)', '15/36 (41.7%)', '14/41 (34.1%)'),
    note: 'level label inferred (BI-RADS order)',
  },
  {
    row: 'nme_distribution:regional_diffuse',
    cells: cnt('3/14 (21.4%)', '3/36 (8.3%)', '5/41 (12.2%)'),
    note: 'level label inferred (BI-RADS order)',
  },
  { row: 'nme_enhancement', cells: pp('0.733') },
  { row: 'nme_enhancement:homogeneous', cells: cnt('0/14 (0.0%)', '0/36 (0.0%)', '0/41 (0.0%)') },
  {
    row: 'nme_enhancement:heterogeneous',
    cells: cnt('11/14 (78.6%)', '24/36 (66.7%)', '24/41 (58.5%)'),
    reconstructed: ['low', 'low_pct', 'over', 'over_pct'],
  },
  { row: 'nme_enhancement:clumped', cells: cnt('3/14 (21.4%)', '10/36 (27.8%)', '15/41 (36.6%)') },
  {
    row: 'nme_enhancement:clustered_ring',
    cells: cnt('0/14 (0.0%)', '2/36 (5.6%)', '2/41 (4.9%)'),
    reconstructed: ['low', 'low_pct', 'over', 'over_pct'],
  },
];
// reconstructed applies to both entries of a cell: mark the _pct entries too
const t2Numbers = cells('table2', t2, P).map((e) => {
  const r = t2.find((x) => x.row === e.location.row);
  const base = e.location.column.replace(/_pct$/, '');
  return r?.reconstructed?.includes(base) && !e.reconstructed ? { ...e, reconstructed: true } : e;
});
write(
  'table2.json',
  'Table 2. Qualitative MRI features according to HER2 expression levels (row labels and illegible cells per READING-NOTES.md).',
  {
    groups: { zero: 60, low: 91, over: 81 },
    comparisons: PAIRS,
    note: 'p: three groups; p1: HER2-low vs HER2-zero; p2: HER2-low vs HER2-over. mass_* rows are computed in mass lesions (46/55/40), nme_* rows in NME-related lesions (14/36/41); those denominators are printed in each cell',
  },
  t2Numbers,
);

// ---------------------------------------------------------------- Table 3
const t3raw: [string, string, string, string, string, string?, string?][] = [
  ['adc_mean', '1.008 ± 0.181', '1.062 ± 0.188', '1.092 ± 0.181', '0.001', '1.000', '0.005'],
  ['adc_median', '0.987 ± 0.177', '1.052 ± 0.192', '1.077 ± 0.183', '0.001', '1.000', '0.007'],
  ['adc_p5', '0.681 ± 0.150', '0.708 ± 0.194', '0.722 ± 0.160', '< 0.001', '1.000', '0.001'],
  ['adc_p95', '1.403 ± 0.283', '1.450 ± 0.248', '1.457 ± 0.264', '0.313'],
  ['adc_skewness', '0.536 ± 0.550', '0.366 ± 0.506', '0.386 ± 0.608', '0.631'],
  ['adc_kurtosis', '1.363 ± 1.771', '1.393 ± 1.121', '1.367 ± 1.599', '0.249'],
  ['adc_entropy', '2.986 ± 0.230', '3.088 ± 0.163', '2.99 ± 0.200', '0.553'],
  ['d_mean', '1.204 ± 0.227', '1.212 ± 0.199', '1.305 ± 0.221', '0.001', '1.000', '0.004'],
  ['d_median', '1.176 ± 0.225', '1.191 ± 0.199', '1.280 ± 0.225', '0.002', '1.000', '0.007'],
  ['d_p5', '0.849 ± 0.171', '0.850 ± 0.172', '0.952 ± 0.177', '< 0.001', '1.000', '0.012'],
  ['d_p95', '1.659 ± 0.337', '1.651 ± 0.285', '1.734 ± 0.298', '0.044', '1.000', '0.063'],
  ['d_skewness', '0.662 ± 0.483', '0.535 ± 0.487', '0.506 ± 0.562', '0.133'],
  ['d_kurtosis', '1.024 ± 1.584', '0.966 ± 1.357', '0.953 ± 1.622', '0.111'],
  ['d_entropy', '2.669 ± 0.274', '2.668 ± 0.242', '2.678 ± 0.268', '0.594'],
  ['k_mean', '0.978 ± 0.180', '0.960 ± 0.168', '0.897 ± 0.140', '< 0.001', '0.700', '0.001'],
  ['k_median', '0.947 ± 0.153', '0.919 ± 0.154', '0.874 ± 0.131', '< 0.001', '0.696', '0.002'],
  ['k_p5', '0.600 ± 0.174', '0.580 ± 0.176', '0.593 ± 0.129', '0.396'],
  ['k_p95', '1.459 ± 0.453', '1.458 ± 0.409', '1.282 ± 0.328', '< 0.001', '0.714', '0.001'],
  ['k_skewness', '1.306 ± 1.135', '1.935 ± 3.165', '1.472 ± 2.151', '0.420'],
  ['k_kurtosis', '7.498 ± 9.989', '26.481 ± 93.512', '15.162 ± 59.754', '0.589'],
  ['k_entropy', '1.143 ± 0.421', '1.171 ± 0.383', '0.920 ± 0.408', '< 0.001', '1.000', '< 0.001'],
];
const t3: Row[] = t3raw.map(([row, zero, low, over, p, p1, p2]) => ({
  row,
  cells: { ...cnt(zero, low, over), ...pp(p, p1, p2) },
}));
const t3Numbers = [
  ...(['zero', 'low', 'over'] as const).map((c, i) =>
    makeEntry('table3', 'her2_group', c, ['60', '91', '81'][i], 'n', { note: 'column header' }),
  ),
  ...cells('table3', t3, P),
];
write(
  'table3.json',
  'Table 3. Quantitative MRI features (mean ± SD) according to HER2 expression levels. ADC and D in 10^-3 mm²/s.',
  { groups: { zero: 60, low: 91, over: 81 }, comparisons: PAIRS },
  t3Numbers,
);

// ---------------------------------------------------------------- Table 4 (+ section 3.3 prose about it)
const t4raw: [string, string, string, string, string, string][] = [
  ['adc_mean', '0.668', '0.543-0.794', '95.12', '38.89', '0.970'],
  ['adc_median', '0.666', '0.541 - 0.791', '95.12', '38.89', '0.957'],
  ['adc_p5', '0.693', '0.571-0.815', '90.24', '55.56', '0.702'],
  ['combined_adc', '0.694', '0.573-0.815', '50.00', '90.24', '0.454'],
  ['d_mean', '0.671', '0.545-0.796', '90.24', '44.44', '1.199'],
  ['d_median', '0.667', '0.542 - 0.792', '78.05', '58.33', '1.244'],
  ['d_p5', '0.683', '0.558 - 0.808', '92.68', '50.00', '0.839'],
  ['combined_d', '0.681', '0.556-0.806', '50.00', '92.68', '0.429'],
  ['k_mean', '0.680', '0.555 - 0.804', '78.05', '58.33', '0.925'],
  ['k_median', '0.667', '0.541 - 0.792', '75.61', '61.11', '0.883'],
  ['k_p95', '0.729', '0.615-0.843', '87.80', '52.78', '1.359'],
  ['k_entropy', '0.776', '0.666 - 0.887', '65.85', '91.67', '0.725'],
  ['combined_k', '0.786', '0.678 - 0.894', '91.67', '65.85', '0.666'],
  ['combined_all', '0.802', '0.701-0.903', '86.11', '70.73', '0.621'],
];
const single = t4raw.map((r) => r[0]).filter((r) => !r.startsWith('combined_'));
const combined = t4raw.map((r) => r[0]).filter((r) => r.startsWith('combined_'));
const t4: Row[] = t4raw.map(([row, auc, ci, sensitivity, specificity, cutoff]) => ({
  row,
  cells: { auc, auc_ci: ci, sensitivity, specificity, cutoff },
}));
const t4Kinds: Record<string, PublishedKind> = {
  auc: 'auc',
  sensitivity: 'percent',
  specificity: 'percent',
  cutoff: 'cutoff',
};
const s33 = { printedIn: 'section 3.3' };
const t4Numbers = [
  ...cells('table4', t4, t4Kinds),
  ...makeCellEntries('text', 'single_features', 'auc_range', '0.666 to 0.786', 'auc', {
    ...s33,
    range: true,
    note: '"The AUC values for individual histogram parameters ranged from 0.666 to 0.786."',
    refersTo: single.map((r) => `table4/${r}/auc`),
  }),
  ...makeCellEntries('text', 'combined_models', 'auc_range', '0.681 to 0.802', 'auc', {
    ...s33,
    range: true,
    note: '"When combining variables (...), the AUC values ranged from 0.681 to 0.802"',
    refersTo: combined.map((r) => `table4/${r}/auc`),
  }),
  makeEntry('text', 'combined_all', 'auc', '0.802', 'auc', {
    ...s33,
    note: '"the Combined_All model showing the best predictive performance (AUC = 0.802)"',
    refersTo: ['table4/combined_all/auc'],
  }),
  ...['adc', 'd', 'k'].map((m, i) =>
    makeEntry('text', `combined_all_vs_combined_${m}`, 'delong_p', ['0.029', '0.003', '0.54'][i], 'p', {
      ...s33,
      note: `DeLong test, Combined_All vs Combined_${m.toUpperCase()} ("significantly higher than that for Combined_ADC (p = 0.029) and Combined_D (p = 0.003) but not significantly different from that for Combined_K (p = 0.54)")`,
      refersTo: ['table4/combined_all/auc', `table4/combined_${m}/auc`],
    }),
  ),
];
write(
  'table4.json',
  'Table 4. ROC analysis of quantitative MRI features differentiating HER2-low and HER2-overexpression breast cancer in NME-related lesions (sensitivity and specificity in %), with the section 3.3 sentences about it.',
  {
    subset: 'lesion_class:nme_related',
    groups: { low: 36, over: 41 },
    comparison: ['low', 'over'],
    note: 'group sizes from Table 2 (NME-related lesions: HER2-low 36, HER2-over 41); Table 4 does not print them',
  },
  t4Numbers,
);

// ---------------------------------------------------------------- Table S2 (as quoted in section 3.2): mass lesions
const s32 = { printedIn: 'section 3.2' };
const tS2Numbers = [
  ...makeCellEntries('tableS2', 'low_vs_zero:mass_shape:irregular', 'or', '3.91 (1.38–11.05)', 'or', {
    ...s32,
    note: '"(odds ratio [OR] = 3.91, 95% confidence interval [CI]: 1.38–11.05, p = 0.010)"; Table S2 itself is not in the seed',
  }),
  makeEntry('tableS2', 'low_vs_zero:mass_shape:irregular', 'p', '0.010', 'p', s32),
  ...makeCellEntries('tableS2', 'low_vs_over:mass_shape:irregular', 'or', '2.23 (1.29–8.10)', 'or', {
    ...s32,
    note: '"(OR = 2.23, 95% CI: 1.29–8.10, p = 0.012)"; Table S2 itself is not in the seed',
  }),
  makeEntry('tableS2', 'low_vs_over:mass_shape:irregular', 'p', '0.012', 'p', s32),
  ...makeCellEntries('text', 'low_vs_zero:qualitative_model', 'auc', '0.763 (0.667–0.859)', 'auc', {
    ...s32,
    note: '"The AUC for distinguishing HER2-low from HER2-zero was 0.763 (95% CI: 0.667–0.859)"; mass lesions (Discussion)',
  }),
  ...makeCellEntries('text', 'low_vs_over:qualitative_model', 'auc', '0.663 (0.550–0.775)', 'auc', {
    ...s32,
    note: '"for HER2-low from HER2-overexpression, the AUC was 0.663 (95% CI: 0.550–0.775)"',
  }),
];
write(
  'tableS2.json',
  'Multivariable logistic regression in mass lesions (Table S2, as quoted in section 3.2) and the AUCs of the qualitative models.',
  {
    subset: 'lesion_class:mass',
    groups: { zero: 46, low: 55, over: 40 },
    note: 'mass lesions: HER2-zero 46, HER2-low 55, HER2-over 40 (Table 2)',
  },
  tS2Numbers,
);

// ---------------------------------------------------------------- Table S5 (as quoted in section 3.4)
const s34 = { printedIn: 'section 3.4', range: true };
const tS5Numbers = [
  ...makeCellEntries('tableS5', 'qualitative', 'kappa_range', '0.820 to 0.957', 'kappa', {
    ...s34,
    note: '"The kappa coefficients for qualitative MRI features ranged from 0.820 to 0.957"',
  }),
  ...makeCellEntries('tableS5', 'adc', 'icc_range', '0.811–0.883', 'icc', { ...s34, note: 'ICCs for ADC' }),
  ...makeCellEntries('tableS5', 'd', 'icc_range', '0.773–0.858', 'icc', { ...s34, note: 'ICCs for Dapp' }),
  ...makeCellEntries('tableS5', 'k', 'icc_range', '0.761–0.892', 'icc', { ...s34, note: 'ICCs for Kapp' }),
];
write('tableS5.json', 'Inter-observer agreement (Table S5, as quoted in section 3.4).', undefined, tS5Numbers);

// ---------------------------------------------------------------- Section 3.1 / 3.2 prose
const s31 = { printedIn: 'section 3.1' };
const textNumbers = [
  makeEntry('text', 'her2_group', 'total', '232', 'n', {
    ...s31,
    note: '"Among the 232 patients included in the study"',
    refersTo: ['table1/her2_group/total'],
  }),
  makeEntry('text', 'her2_group:zero', 'total', '60 (25.9%)', 'count', {
    ...s31,
    denominator: 232,
    refersTo: ['table1/her2_group/zero'],
  }),
  makeEntry('text', 'her2_group:zero', 'total_pct', '60 (25.9%)', 'percent', { ...s31, denominator: 232 }),
  makeEntry('text', 'her2_group:low', 'total', '91 (39.2%)', 'count', {
    ...s31,
    denominator: 232,
    refersTo: ['table1/her2_group/low'],
  }),
  makeEntry('text', 'her2_group:low', 'total_pct', '91 (39.2%)', 'percent', { ...s31, denominator: 232 }),
  makeEntry('text', 'her2_group:over', 'total', '81 (34.9%)', 'count', {
    ...s31,
    denominator: 232,
    refersTo: ['table1/her2_group/over'],
  }),
  makeEntry('text', 'her2_group:over', 'total_pct', '81 (34.9%)', 'percent', { ...s31, denominator: 232 }),
  makeEntry('text', 'multifocal:no', 'total', '145', 'count', {
    ...s31,
    note: '"145 patients presented with solitary lesions" (sum of the Table 2 cells)',
    refersTo: ['table2/multifocal:no/zero', 'table2/multifocal:no/low', 'table2/multifocal:no/over'],
  }),
  makeEntry('text', 'multifocal:yes', 'total', '87', 'count', {
    ...s31,
    note: '"87 had multifocal or multicentric lesions" (sum of the Table 2 cells)',
    refersTo: ['table2/multifocal:yes/zero', 'table2/multifocal:yes/low', 'table2/multifocal:yes/over'],
  }),
  makeEntry('text', 'ki67', 'total_median', '40%', 'median', {
    ...s31,
    note: '"based on the median Ki-67 level of 40%"',
    refersTo: ['table1/ki67/total_median'],
  }),
  makeEntry('text', 't2_hyperintensity', 'p1', '0.009', 'p', {
    ...s32,
    note: '"Intratumoral T2 hyperintensity was more frequently observed in HER2-low breast cancer than in HER2-zero and HER2-overexpressing cancers (p = 0.009 and p = 0.008, respectively)"; direction refers to t2_hyperintensity:present',
    refersTo: ['table2/t2_hyperintensity/p1'],
  }),
  makeEntry('text', 't2_hyperintensity', 'p2', '0.008', 'p', { ...s32, refersTo: ['table2/t2_hyperintensity/p2'] }),
  makeEntry('text', 'mass_shape', 'p1', '< 0.001', 'p', {
    ...s32,
    note: '"more likely to have irregular shapes than the other two groups (p < 0.001 and p = 0.009, respectively)"',
    refersTo: ['table2/mass_shape/p1'],
  }),
  makeEntry('text', 'mass_shape', 'p2', '0.009', 'p', { ...s32, refersTo: ['table2/mass_shape/p2'] }),
  makeEntry('text', 'mass_margin', 'p1', '< 0.001', 'p', {
    ...s32,
    note: '"non-circumscribed margins than HER2-zero cancers (p < 0.001)"',
    refersTo: ['table2/mass_margin/p1'],
  }),
  ...['adc_mean', 'adc_median', 'adc_p5', 'd_mean', 'd_median', 'd_p5'].map((row) =>
    makeEntry('text', row, 'p2', '< 0.05', 'p', {
      printedIn: 'section 3.3',
      note: '"the HER2-low group had lower ADC_mean, ADC_median, ADC_5%, D_mean, D_median, and D_5% values than the HER2-overexpression group (all p < 0.05)"',
      direction: 'lower',
      refersTo: [`table3/${row}/p2`],
    }),
  ),
  ...['k_mean', 'k_median', 'k_p95', 'k_entropy'].map((row) =>
    makeEntry('text', row, 'p2', '< 0.05', 'p', {
      printedIn: 'section 3.3',
      note: '"the HER2-low group had significantly higher K_mean, K_median, K_95%, and K_entropy values (all p < 0.05)"',
      direction: 'higher',
      refersTo: [`table3/${row}/p2`],
    }),
  ),
];
write(
  'text.json',
  'Numbers printed in the prose of sections 3.1–3.3.',
  { groups: { zero: 60, low: 91, over: 81 } },
  textNumbers,
);

// ---------------------------------------------------------------- Abstract
const ab = { printedIn: 'abstract' };
const allP = {
  ...ab,
  note: '"ER, PR, HR, and Ki-67 levels significantly differed between the HER2-low group and others (all p < 0.001)"',
};
const abstractNumbers = [
  makeEntry('abstract', 'her2_group', 'total', '232', 'n', {
    ...ab,
    note: '"MRI images from 232 patients"',
    refersTo: ['table1/her2_group/total'],
  }),
  makeEntry('abstract', 'her2_group', 'zero', '60', 'n', { ...ab, refersTo: ['table1/her2_group/zero'] }),
  makeEntry('abstract', 'her2_group', 'low', '91', 'n', { ...ab, refersTo: ['table1/her2_group/low'] }),
  makeEntry('abstract', 'her2_group', 'over', '81', 'n', { ...ab, refersTo: ['table1/her2_group/over'] }),
  ...['er', 'pr', 'hr', 'ki67_group'].flatMap((row) => [
    makeEntry('abstract', row, 'p1', '< 0.001', 'p', { ...allP, refersTo: [`table1/${row}/p1`] }),
    makeEntry('abstract', row, 'p2', '< 0.001', 'p', { ...allP, refersTo: [`table1/${row}/p2`] }),
  ]),
  makeEntry('abstract', 't2_hyperintensity', 'p1', '0.009', 'p', {
    ...ab,
    note: '"intratumoral T2 hyperintensity was more prevalent in HER2-low cases (p = 0.009, p = 0.008)"',
    refersTo: ['table2/t2_hyperintensity/p1'],
  }),
  makeEntry('abstract', 't2_hyperintensity', 'p2', '0.008', 'p', { ...ab, refersTo: ['table2/t2_hyperintensity/p2'] }),
  makeEntry('abstract', 'lesion_class', 'p1', '0.038', 'p', {
    ...ab,
    note: '"Mass lesions were more common in the HER2-zero group than in the HER2-low group (p = 0.038)"',
    refersTo: ['table2/lesion_class/p1'],
  }),
  makeEntry('abstract', 'mass_shape', 'p', '< 0.001', 'p', {
    ...ab,
    note: '"mass shape (p < 0.001) and margin (p < 0.001) significantly varied between the HER2 groups"',
    refersTo: ['table2/mass_shape/p'],
  }),
  makeEntry('abstract', 'mass_margin', 'p', '< 0.001', 'p', { ...ab, refersTo: ['table2/mass_margin/p'] }),
  makeEntry('abstract', 'low_vs_zero:mass_shape:irregular', 'p', '0.010', 'p', {
    ...ab,
    note: '"mass shape emerging as an independent predictive factor (HER2-low vs. HER2-zero: p = 0.010, HER2-low vs. HER2-over: p = 0.012)"',
    refersTo: ['tableS2/low_vs_zero:mass_shape:irregular/p'],
  }),
  makeEntry('abstract', 'low_vs_over:mass_shape:irregular', 'p', '0.012', 'p', {
    ...ab,
    refersTo: ['tableS2/low_vs_over:mass_shape:irregular/p'],
  }),
  ...makeCellEntries('abstract', 'low_vs_zero:qualitative_model', 'auc', '0.763 (0.667-0.859)', 'auc', {
    ...ab,
    note: '"an area under the curve (AUC) of 0.763 (95% confidence interval [CI]: 0.667-0.859)"',
    refersToCell: 'text/low_vs_zero:qualitative_model/auc',
  }),
  ...makeCellEntries('abstract', 'combined_all', 'auc', '0.802 (0.701–0.903)', 'auc', {
    ...ab,
    note: '"Combined variables achieved the highest predictive accuracy for HER2-low status, with an AUC of 0.802 (95% CI: 0.701–0.903)"',
    refersToCell: 'table4/combined_all/auc',
  }),
];
write(
  'abstract.json',
  'Numbers printed in the abstract.',
  { groups: { zero: 60, low: 91, over: 81 } },
  abstractNumbers,
);
console.log('wrote', OUT);
