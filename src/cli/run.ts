/**
 * `restudy run <study-dir>`: reproduce every table and figure of a study and write the report folder.
 * Exit codes: 0 ok; 1 an analysis could not be computed; 2 bad input (spec, codebook, cohort, options),
 * with the file, row and column named.
 */
import type { Command } from 'commander';
import { InputError } from '../stats/_shared/errors.ts';
import { dataModules, loadInputs } from '../study/load.ts';
import { AnalysisError, runAnalyses } from '../study/run.ts';
import { SpecError } from '../study/spec.ts';
import { assertReportOutUsable, writeReport } from '../report/write.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export interface RunCliOptions {
  data?: string;
  out: string;
  codebook?: string;
  published?: string | false;
  preset?: string;
  seed?: string;
  replicates?: string;
  threads?: string;
  json?: boolean;
  force?: boolean;
}

/** Worker threads for the optimism bootstraps (--threads; default 0 = this thread). Results do not depend on it. */
function threadCount(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

class BadOption extends Error {}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new BadOption(`--${name} must be a positive integer; got "${v}"`);
  return n;
}

/** A progress reporter on stderr, only when stderr is a TTY. */
async function makeProgress(): Promise<{ update: (task: string, done: number, total: number) => void; stop: () => void } | undefined> {
  if (!process.stderr.isTTY) return undefined;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ stream: process.stderr, format: '{task} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  let current = '';
  return {
    update(task, done, total) {
      if (!started) {
        bar.start(total, done, { task });
        started = true;
      }
      if (task !== current) {
        current = task;
        bar.setTotal(total);
      }
      bar.update(done, { task });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Runs the command; returns the exit code (never calls process.exit). */
export async function runCommand(studyDir: string, opts: RunCliOptions, io: { stdout: (s: string) => void; stderr: (s: string) => void } = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  let inputs;
  let seed: number | undefined;
  let replicates: number | undefined;
  try {
    seed = positiveInt('seed', opts.seed);
    replicates = positiveInt('replicates', opts.replicates);
    if (opts.threads !== undefined && !/^\d+$/.test(opts.threads)) throw new BadOption(`--threads must be a non-negative integer; got "${opts.threads}"`);
    const given = [studyDir, opts.data, opts.codebook, opts.published].filter((p) => typeof p === 'string');
    assertReportOutUsable(opts.out, given, { force: opts.force });
    inputs = await loadInputs(studyDir, { data: opts.data, codebook: opts.codebook, published: opts.published === false ? null : opts.published });
    const { cohort, codebook, published } = inputs.input;
    assertReportOutUsable(opts.out, [...given, cohort, codebook, ...(published === null ? [] : [published])], { force: opts.force });
    if (opts.preset && !inputs.loaded.study.presets[opts.preset]) {
      throw new BadOption(`--preset must be one of ${Object.keys(inputs.loaded.study.presets).join(', ')}; got "${opts.preset}"`);
    }
  } catch (error) {
    const { DataError, formatIssue } = await dataModules();
    if (error instanceof DataError) {
      io.stderr(`restudy run: the cohort or codebook is not valid:\n${error.issues.filter((i) => i.severity === 'error').map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    } else {
      io.stderr(`restudy run: ${(error as Error).message}\n`);
    }
    return EXIT_BAD_INPUT;
  }
  const progress = await makeProgress();
  let result;
  try {
    result = await runAnalyses(inputs, { preset: opts.preset, seed, bootstrapReplicates: replicates, progress: progress?.update, threads: threadCount(opts.threads) });
  } catch (error) {
    progress?.stop();
    const e = error as Error;
    io.stderr(`restudy run: an analysis could not be computed: ${e.message}${e instanceof AnalysisError && e.cause instanceof InputError ? ' (the data reaching a statistical function were not valid for it)' : ''}\n`);
    return EXIT_ANALYSIS_PROBLEM;
  }
  progress?.stop();
  const written = await writeReport(result, opts.out, { force: opts.force });
  const flips = result.sensitivity.filter((s) => s.flips).length;
  if (opts.json) {
    io.stdout(JSON.stringify({ out: opts.out, files: written.files, preset: result.preset.name, seed: result.seed, summary: result.summary, sensitivityFlips: flips }, null, 2) + '\n');
  } else {
    const tot = result.summary.reduce((a, s) => [a[0] + s.agrees, a[1] + s.differs, a[2] + s.notPrinted], [0, 0, 0]);
    io.stdout(`restudy run: ${result.study.id}, preset ${result.preset.name}, seed ${result.seed}\n`);
    for (const s of result.summary) io.stdout(`  ${s.table.padEnd(14)} agrees ${String(s.agrees).padStart(4)}  differs ${String(s.differs).padStart(4)}  not printed ${String(s.notPrinted).padStart(4)}\n`);
    io.stdout(`  ${'all'.padEnd(14)} agrees ${String(tot[0]).padStart(4)}  differs ${String(tot[1]).padStart(4)}  not printed ${String(tot[2]).padStart(4)}\n`);
    io.stdout(`  method sensitivity: ${flips} of ${result.sensitivity.length} conclusions flip between conventions\n`);
    io.stdout(`wrote ${written.files.length} files to ${opts.out}/ (open ${opts.out}/index.html)\n`);
  }
  return EXIT_OK;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('reproduce every table and figure of a study folder and write the report (index.html, results.json, CSVs)')
    .argument('<study-dir>', 'folder with study.yaml and one YAML spec per table/figure, e.g. analyses/shen2025')
    .option('--data <file>', "cohort table (CSV or XLSX); default: the study's data.cohort")
    .option('--codebook <file>', "codebook (YAML/JSON); default: the study's data.codebook")
    .option('--published <dir>', "printed numbers to compare with; default: the study's data.published")
    .option('--no-published', 'do not compare with printed numbers')
    .requiredOption('--out <dir>', 'output folder for the report')
    .option('--preset <name>', 'conventions preset: spss (the paper) or r (R defaults)')
    .option('--seed <n>', "bootstrap seed (positive integer); default: the study's seed")
    .option('--replicates <n>', "bootstrap replicates; default: the study's bootstrapReplicates")
    .option('--threads <n>', 'worker threads for the optimism bootstraps (0 = none); results are identical whatever the number')
    .option('--json', 'print a JSON summary on stdout')
    .option('--force', 'replace a non-empty --out folder that restudy did not write')
    .action(async (studyDir: string, opts: RunCliOptions) => {
      process.exitCode = await runCommand(studyDir, opts);
    });
}

export { BadOption, SpecError };
