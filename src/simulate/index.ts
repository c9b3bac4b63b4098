/**
 * `restudy simulate`: seeded synthetic cohorts that reproduce a paper's printed marginals, with a sidecar of
 * the seed, generator version, every conflict between printed numbers and the resolution chosen, and a report
 * of how close each target came.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Codebook } from '../data/codebook.ts';
import { InputError, InternalError } from '../stats/_shared/errors.ts';
import { createRng } from '../stats/_shared/random.ts';
import { GENERATOR_VERSION, type Simulation, simulateShen2025 } from './shen2025/generate.ts';
import { checkTargets, type TargetCheck, targetsMarkdown } from './shen2025/report.ts';

export type { Simulation } from './shen2025/generate.ts';
export { GENERATOR_VERSION } from './shen2025/generate.ts';
export type { TargetCheck } from './shen2025/report.ts';
export type { Conflict } from './shen2025/resolve.ts';

/** Studies the simulator knows. */
export const SIMULATED_STUDIES = ['shen2025'] as const;
export type SimulatedStudy = (typeof SIMULATED_STUDIES)[number];

export interface SimulationOutput {
  study: SimulatedStudy;
  seed: number;
  simulation: Simulation;
  checks: TargetCheck[];
  /** File contents, byte-identical for the same seed and generator version. */
  files: { csv: string; meta: string; targetsJson: string; targetsMd: string };
}

/**
 * Runs the generator of `study` with `seed` and renders its files (nothing is written).
 * @param study a study in {@link SIMULATED_STUDIES}
 * @param seed positive 32-bit integer
 * @param codebook the study's codebook (fixes the column order and the number formats)
 * @throws InputError for an unknown study or an invalid seed
 */
export function simulate(study: string, seed: number, codebook: Codebook): SimulationOutput {
  if (!(SIMULATED_STUDIES as readonly string[]).includes(study)) {
    throw new InputError('study', `one of ${SIMULATED_STUDIES.join(', ')}`, study);
  }
  createRng(seed); // validates the seed
  const simulation = simulateShen2025({ seed });
  const checks = checkTargets(simulation.rows, simulation.aims);
  // optional columns the generator does not simulate (the voi_* counts of `restudy features`) are left out
  const simulated = new Set(Object.keys(simulation.rows[0] ?? {}));
  const rendered = {
    ...codebook,
    columns: codebook.columns.filter((c) => c.required !== false || simulated.has(c.name)),
  };
  const csv = renderCsv(simulation.rows, rendered);
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const met = checks.filter((c) => c.within).length;
  const meta = {
    study,
    seed,
    generator: 'restudy simulate (src/simulate/shen2025)',
    generatorVersion: GENERATOR_VERSION,
    codebook: `data/${study}/codebook.yaml (study ${codebook.study}, version ${codebook.version})`,
    rows: simulation.rows.length,
    columns: rendered.columns.length,
    csvSha256: sha256,
    synthetic: 'SYNTHETIC DATA: generated to reproduce printed marginals; not patient data.',
    randomness: 'createRng (MT19937) with one substream per part: seed′ = fmix32(FNV-1a("<seed>:<part label>"))',
    targetsMet: `${met} of ${checks.length}`,
    conflicts: simulation.conflicts,
    decisions: simulation.decisions,
    aims: simulation.aims,
    search: simulation.search,
  };
  const header = [
    `# Synthetic cohort ${study}: targets report`,
    '',
    `Seed ${seed}, generator ${GENERATOR_VERSION}, ${simulation.rows.length} rows. ${met} of ` +
      `${checks.length} targets met.`,
    'Every target is recomputed from the rows (tolerance column); conflicts between printed numbers and their',
    'resolutions are listed in cohort.synthetic.meta.json and below.',
    '',
    '## Conflicts and decisions',
    '',
    ...[...simulation.conflicts, ...simulation.decisions].map(
      (c) =>
        `- **${c.kind}** ${c.location}: printed ${c.printed}. ${c.problem}. Resolution: ` +
        `${c.resolution}${c.evidence ? ` (${c.evidence})` : ''}`,
    ),
    '',
    '## Summary',
  ];
  const targetsSummary = { study, seed, generatorVersion: GENERATOR_VERSION, met, total: checks.length, checks };
  return {
    study: study as SimulatedStudy,
    seed,
    simulation,
    checks,
    files: {
      csv,
      meta: `${JSON.stringify(meta, null, 2)}\n`,
      targetsJson: `${JSON.stringify(targetsSummary, null, 2)}\n`,
      targetsMd: targetsMarkdown(checks, header),
    },
  };
}

/** Paths of the sidecar files next to `csvPath` (`x.csv` → `x.meta.json`, `x.targets.json`, `x.targets.md`). */
export function sidecarPaths(csvPath: string): { csv: string; meta: string; targetsJson: string; targetsMd: string } {
  const stem = csvPath.replace(/\.csv$/i, '');
  return {
    csv: csvPath,
    meta: `${stem}.meta.json`,
    targetsJson: `${stem}.targets.json`,
    targetsMd: `${stem}.targets.md`,
  };
}

/** Writes the four files of a simulation (directories created as needed). Returns the paths written. */
export function writeSimulation(output: SimulationOutput, csvPath: string): ReturnType<typeof sidecarPaths> {
  const paths = sidecarPaths(csvPath);
  mkdirSync(dirname(csvPath), { recursive: true });
  writeFileSync(paths.csv, output.files.csv);
  writeFileSync(paths.meta, output.files.meta);
  writeFileSync(paths.targetsJson, output.files.targetsJson);
  writeFileSync(paths.targetsMd, output.files.targetsMd);
  return paths;
}

/**
 * CSV text in codebook column order: missing → `NA`, integers as integers, other numbers with 4 decimals
 * (the generator works in exact units of 1e-4, so the text is exact), LF line endings, no quoting needed.
 */
export function renderCsv(rows: readonly Record<string, string | number | null>[], codebook: Codebook): string {
  const columns = codebook.columns;
  const names = new Set(columns.map((c) => c.name));
  for (const key of Object.keys(rows[0] ?? {})) {
    if (!names.has(key)) throw new InternalError(`simulated column ${key} is not in codebook ${codebook.study}`);
  }
  const lines = [columns.map((c) => c.name).join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          if (!(c.name in row)) throw new InternalError(`simulated row lacks codebook column ${c.name}`);
          const v = row[c.name];
          if (v === null) return 'NA';
          if (typeof v === 'string') {
            if (/[",\n\r]/.test(v)) throw new InternalError(`value ${v} of ${c.name} would need quoting`);
            return v;
          }
          if (!Number.isFinite(v)) throw new InternalError(`non-finite value in ${c.name}`);
          if (c.type === 'integer' || c.type === 'percent' || (c.name === 'size_mm' && Number.isInteger(v)))
            return String(v);
          return v.toFixed(4);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
