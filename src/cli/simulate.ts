/**
 * `restudy simulate --study shen2025 --seed 20250311 [--out data/shen2025/cohort.synthetic.csv]`
 * Writes the synthetic cohort CSV and its sidecars (meta.json, targets.json, targets.md), then re-reads the CSV
 * through the codebook (an ingest error is a bug: exit 1). Conflicts and the targets summary go to stdout.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCodebook } from '../data/codebook.ts';
import { DataError } from '../data/errors.ts';
import { readCohort } from '../data/readCohort.ts';
import { assertOutputsSafe, UsageError, writeFileAtomic } from '../io/index.ts';
import { SIMULATED_STUDIES, type SimulationOutput, sidecarPaths, simulate } from '../simulate/index.ts';
import { InputError } from '../stats/_shared/errors.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      "write a seeded synthetic cohort that reproduces a paper's printed marginals, " +
        'with a conflicts sidecar and a targets report',
    )
    .requiredOption('--study <name>', 'study id (shen2025)')
    .requiredOption('--seed <integer>', 'positive 32-bit integer seed (same seed → byte-identical files)')
    .option('--out <path>', 'CSV path (sidecars are written next to it)', undefined)
    .option('--codebook <path>', 'codebook YAML (default data/<study>/codebook.yaml)')
    .action((opts: { study: string; seed: string; out?: string; codebook?: string }) => {
      const seed = Number(opts.seed);
      if (!/^\d+$/.test(opts.seed)) {
        process.stderr.write(`restudy simulate: --seed must be a positive integer; got ${JSON.stringify(opts.seed)}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      if (!(SIMULATED_STUDIES as readonly string[]).includes(opts.study)) {
        process.stderr.write(
          `restudy simulate: --study must be one of ${SIMULATED_STUDIES.join(', ')}` +
            `; got ${JSON.stringify(opts.study)}\n`,
        );
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const codebookPath = resolve(opts.codebook ?? `data/${opts.study}/codebook.yaml`);
      const out = resolve(opts.out ?? `data/${opts.study}/cohort.synthetic.csv`);
      try {
        const paths = sidecarPaths(out);
        // checked before any work: --out must not be (or reach through a symlink) the codebook it reads
        assertOutputsSafe({ inputs: [codebookPath], outputs: Object.values(paths) });
        const codebook = loadCodebook(codebookPath);
        const output = simulate(opts.study, seed, codebook);
        writeAtomically(output, paths);
        const cohort = readCohort(paths.csv, codebook);
        const sim = output.simulation;
        const lines = [
          `wrote ${paths.csv} (${cohort.rows.length} rows × ${cohort.columns.length} columns` +
            `; ingest: ${cohort.warnings.length} warnings)`,
          `      ${paths.meta}`,
          `      ${paths.targetsJson}`,
          `      ${paths.targetsMd}`,
          `conflicts between printed numbers (${sim.conflicts.length}):`,
          ...sim.conflicts.map((c) => `  - [${c.kind}] ${c.location}: ${c.problem} → ${c.resolution}`),
          `decisions (${sim.decisions.length}): see ${paths.meta}`,
          `targets met: ${output.checks.filter((c) => c.within).length} of ${output.checks.length}`,
          ...output.checks
            .filter((c) => !c.within)
            .map(
              (c) =>
                `  not met: ${c.section} ${c.id}: target ${c.target}` +
                `, achieved ${c.achieved.toFixed(4)}${c.note ? ` (${c.note})` : ''}`,
            ),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = EXIT_OK;
      } catch (error) {
        if (error instanceof DataError) {
          process.stderr.write(`restudy simulate: ${error.message}\n`);
          process.exitCode = error.issues.some((i) => i.file === codebookPath) ? EXIT_BAD_INPUT : EXIT_ANALYSIS_PROBLEM;
        } else if (error instanceof InputError || error instanceof UsageError) {
          process.stderr.write(`restudy simulate: ${error.message}\n`);
          process.exitCode = EXIT_BAD_INPUT;
        } else {
          throw error;
        }
      }
    });
}

/** Writes the CSV and its three sidecars, each all-or-nothing (a killed run never leaves a truncated CSV). */
function writeAtomically(output: SimulationOutput, paths: ReturnType<typeof sidecarPaths>): void {
  mkdirSync(dirname(paths.csv), { recursive: true });
  writeFileAtomic(paths.csv, output.files.csv);
  writeFileAtomic(paths.meta, output.files.meta);
  writeFileAtomic(paths.targetsJson, output.files.targetsJson);
  writeFileAtomic(paths.targetsMd, output.files.targetsMd);
}
