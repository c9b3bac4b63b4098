/**
 * A small hand-made cohort for tests of the runner and the report (seeded, consistent with
 * data/shen2025/codebook.yaml: derived columns, presentWhen rules, two readers). Group differences are
 * built in so that some rows are significant and others are not.
 */
import { writeFileSync } from 'node:fs';
import { createRng } from '../../src/stats/_shared/random.ts';

export type MiniRow = Record<string, string | number | null>;

const MAPS = { adc: 1.0, d: 1.2, k: 0.9 } as const;
const STATS = ['mean', 'median', 'p5', 'p95', 'skewness', 'kurtosis', 'entropy'] as const;

export function miniCohort(
  seed = 7,
  sizes: Record<'zero' | 'low' | 'over', number> = { zero: 30, low: 40, over: 36 },
): MiniRow[] {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[], w: readonly number[]): T => {
    const u = rng.uniform() * w.reduce((a, b) => a + b, 0);
    let acc = 0;
    for (let i = 0; i < xs.length; i++) {
      acc += w[i];
      if (u < acc) return xs[i];
    }
    return xs[xs.length - 1];
  };
  const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
  const flip = <T>(v: T, levels: readonly T[], p: number): T =>
    rng.uniform() < p ? levels[rng.integer(levels.length)] : v;
  const rows: MiniRow[] = [];
  let id = 0;
  for (const g of ['zero', 'low', 'over'] as const) {
    for (let i = 0; i < sizes[g]; i++) {
      id += 1;
      const r: MiniRow = { patient_id: `P${String(id).padStart(3, '0')}`, her2_group: g };
      r.age = Math.max(25, Math.min(90, Math.round(48 + 10 * rng.normal())));
      r.menopause = (r.age as number) >= 50 ? 'post' : 'pre';
      r.er = pick(['positive', 'negative'], g === 'low' ? [0.8, 0.2] : [0.45, 0.55]);
      r.pr = pick(['positive', 'negative'], g === 'low' ? [0.7, 0.3] : [0.3, 0.7]);
      r.hr = r.er === 'positive' || r.pr === 'positive' ? 'positive' : 'negative';
      r.ki67 = Math.max(1, Math.min(95, Math.round((g === 'low' ? 32 : 48) + 18 * rng.normal())));
      r.ki67_group = (r.ki67 as number) < 40 ? 'low' : 'high';
      r.size_mm = round(Math.exp(3.7 + 0.4 * rng.normal()), 1);
      r.fgt = pick(['a_b', 'c_d'], [0.25, 0.75]);
      r.bpe = pick(['minimal_mild', 'moderate_marked'], [0.8, 0.2]);
      r.multifocal = pick(['yes', 'no'], [0.35, 0.65]);
      r.lesion_type = pick(
        ['mass', 'nme', 'mass_with_nme'],
        g === 'zero' ? [0.75, 0.12, 0.13] : g === 'low' ? [0.6, 0.15, 0.25] : [0.45, 0.2, 0.35],
      );
      r.lesion_class = r.lesion_type === 'mass' ? 'mass' : 'nme_related';
      r.t2_hyperintensity = pick(['present', 'absent'], g === 'low' ? [0.7, 0.3] : [0.45, 0.55]);
      r.edema = pick(['present', 'absent'], [0.65, 0.35]);
      const mass = r.lesion_type === 'mass';
      const nme = r.lesion_class === 'nme_related';
      r.mass_shape = mass
        ? pick(['oval_round', 'irregular'], g === 'low' ? [0.2, 0.8] : g === 'zero' ? [0.6, 0.4] : [0.45, 0.55])
        : null;
      r.mass_margin = mass
        ? pick(['circumscribed', 'not_circumscribed'], g === 'zero' ? [0.6, 0.4] : [0.3, 0.7])
        : null;
      r.mass_enhancement = mass
        ? pick(['homogeneous', 'heterogeneous', 'rim', 'dark_septations'], [0.03, 0.72, 0.22, 0.03])
        : null;
      r.nme_distribution = nme
        ? pick(['focal', 'linear', 'segmental', 'regional_diffuse'], [0.05, 0.47, 0.35, 0.13])
        : null;
      r.nme_enhancement = nme
        ? pick(['homogeneous', 'heterogeneous', 'clumped', 'clustered_ring'], [0.02, 0.65, 0.28, 0.05])
        : null;
      const cat: Record<string, readonly string[]> = {
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
      for (const [v, levels] of Object.entries(cat)) {
        const c = r[v];
        if (v === 'lesion_type') {
          // keep reader lesion types consistent with the presentWhen rules of the reader columns
          r[`${v}_r1`] = c;
          r[`${v}_r2`] = c;
          continue;
        }
        r[`${v}_r1`] = c === null ? null : flip(c as string, levels, 0.08);
        r[`${v}_r2`] = c === null ? null : flip(c as string, levels, 0.08);
      }
      for (const [map, base] of Object.entries(MAPS)) {
        const shift = map === 'k' ? (g === 'over' ? -0.08 : 0) : g === 'over' ? 0.1 : g === 'low' ? 0.04 : 0;
        const mean = base + shift + 0.17 * rng.normal();
        const values: Record<string, number> = {
          mean,
          median: mean - 0.015 + 0.01 * rng.normal(),
          p5: mean * 0.68 + 0.03 * rng.normal(),
          p95: mean * 1.4 + 0.05 * rng.normal(),
          skewness: 0.5 + 0.5 * rng.normal(),
          kurtosis: Math.max(-2.5, 1.2 + 1.2 * rng.normal()),
          entropy: Math.max(0.2, (map === 'k' ? 1.1 : 2.9) + 0.25 * rng.normal()),
        };
        for (const st of STATS) {
          const v = values[st];
          const noise = 0.04 * Math.max(0.2, Math.abs(v));
          r[`${map}_${st}`] = round(v, 4);
          r[`${map}_${st}_r1`] = round(v + noise * rng.normal(), 4);
          r[`${map}_${st}_r2`] = round(v + noise * rng.normal(), 4);
        }
      }
      rows.push(r);
    }
  }
  return rows;
}

/** Writes rows as CSV (header from the first row; null → empty). */
export function writeCsv(path: string, rows: MiniRow[]): void {
  const cols = Object.keys(rows[0]);
  const esc = (v: string | number | null): string =>
    v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  writeFileSync(
    path,
    [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c] ?? null)).join(','))].join('\n') + '\n',
  );
}
