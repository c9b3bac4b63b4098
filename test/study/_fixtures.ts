/** Shared helpers: RunInputs built from the hand-made mini cohort (no files), with optional overrides. */
import { loadStudy, type LoadedStudy } from '../../src/study/spec.ts';
import type { RunInputs } from '../../src/study/run.ts';
import { miniCohort, type MiniRow } from './_miniCohort.ts';

export const LEVELS: Record<string, string[]> = {
  her2_group: ['zero', 'low', 'over'], menopause: ['pre', 'post'], er: ['positive', 'negative'], pr: ['positive', 'negative'], hr: ['positive', 'negative'],
  ki67_group: ['low', 'high'], fgt: ['a_b', 'c_d'], bpe: ['minimal_mild', 'moderate_marked'], multifocal: ['yes', 'no'], lesion_type: ['mass', 'nme', 'mass_with_nme'],
  lesion_class: ['mass', 'nme_related'], t2_hyperintensity: ['present', 'absent'], edema: ['present', 'absent'], mass_shape: ['oval_round', 'irregular'],
  mass_margin: ['circumscribed', 'not_circumscribed'], mass_enhancement: ['homogeneous', 'heterogeneous', 'rim', 'dark_septations'],
  nme_distribution: ['focal', 'linear', 'segmental', 'regional_diffuse'], nme_enhancement: ['homogeneous', 'heterogeneous', 'clumped', 'clustered_ring'],
};

export function miniInputs(opts: { rows?: MiniRow[]; loaded?: LoadedStudy; levelLabels?: RunInputs['levelLabels'] } = {}): RunInputs {
  const rows = opts.rows ?? miniCohort(7);
  const levelLabels: RunInputs['levelLabels'] = opts.levelLabels ?? Object.fromEntries(Object.entries(LEVELS).map(([k, v]) => [k, Object.fromEntries(v.map((l) => [l, l]))]));
  return {
    loaded: opts.loaded ?? loadStudy('analyses/shen2025'),
    rows,
    levels: LEVELS,
    levelLabels,
    published: [
      { id: 'table1/age/p', location: { table: 'table1', row: 'age', column: 'p' }, printed: '0.709', value: 0.709, interval: [0.7085, 0.7095], kind: 'p' },
      { id: 'table1/er/p', location: { table: 'table1', row: 'er', column: 'p' }, printed: '< 0.001', value: 0.001, interval: [0, 0.001], bound: 'upper', kind: 'p' },
      { id: 'table1/age/p1', location: { table: 'table1', row: 'age', column: 'p1' }, printed: 'NA', value: null, interval: null, kind: 'p' },
      { id: 'table2/fgt:a_b/zero', location: { table: 'table2', row: 'fgt:a_b', column: 'zero' }, printed: '13/60 (21.7%)', value: 13, interval: [13, 13], kind: 'count' },
      { id: 'abstract/er/p1', location: { table: 'abstract', row: 'er', column: 'p1' }, printed: '< 0.001', value: 0.001, interval: [0, 0.001], bound: 'upper', kind: 'p' },
    ],
    input: { cohort: 'mini', cohortSha256: '0'.repeat(64), rows: rows.length, codebook: 'mini', published: 'inline', publishedCount: 5 },
  };
}
