/**
 * `restudy run <study-dir>`: reproduce every table and figure of a study and write the report folder.
 * Exit codes: 0 ok; 1 an analysis could not be computed; 2 bad input (spec, codebook, cohort, options),
 * with the file, row and column named.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../io/index.ts';
import { assertReportOutUsable, writeReport } from '../report/write.ts';
import { FigureDrawer } from '../runtime/figureDrawer.ts';
import { runsBuiltCode } from '../runtime/worker.ts';
import { InputError } from '../stats/_shared/errors.ts';
import { dataModules, loadInputs } from '../study/load.ts';
import { OptimismPool } from '../study/parallel.ts';
import { AnalysisError, checkInputs, startAnalyses } from '../study/run.ts';
import { SpecError } from '../study/spec.ts';
import type { FigureResult, StudyResult } from '../study/types.ts';
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

/**
 * Worker threads for the optimism bootstraps (--threads; 0 = this thread). Results do not depend on it. Default:
 * one worker when there is a second core, so the bootstraps run while this thread draws the figures; none when
 * running from the TypeScript sources (a worker would spend seconds transpiling).
 */
function threadCount(v: string | undefined): number {
  if (v === undefined) return runsBuiltCode && availableParallelism() >= 2 ? 1 : 0;
  return Number(v); // a non-negative integer: checked before any work starts
}

class BadOption extends Error {}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 0xffffffff)
    throw new BadOption(`--${name} must be a positive integer; got "${v}"`);
  return n;
}

/** A progress reporter on stderr, only when stderr is a TTY. */
async function makeProgress(): Promise<
  { update: (task: string, done: number, total: number) => void; stop: () => void } | undefined
> {
  if (!process.stderr.isTTY) return undefined;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: '{task} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
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
export async function runCommand(
  studyDir: string,
  opts: RunCliOptions,
  io: { stdout: (s: string) => void; stderr: (s: string) => void } = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let inputs: Awaited<ReturnType<typeof loadInputs>> | undefined;
  let seed: number | undefined;
  let replicates: number | undefined;
  if (opts.threads !== undefined && !/^\d+$/.test(opts.threads)) {
    io.stderr(`restudy run: --threads must be a non-negative integer; got "${opts.threads}"\n`);
    return EXIT_BAD_INPUT;
  }
  // worker threads start first, so that they boot while the inputs load: one for the optimism bootstraps (or
  // --threads), one drawing the figures as soon as their analyses have run (neither depends on the other)
  const threads = threadCount(opts.threads);
  let progress: Awaited<ReturnType<typeof makeProgress>>;
  const pool = new OptimismPool({
    threads,
    onProgress: (done, total) => progress?.update('optimism bootstrap', done, total),
  });
  pool.start();
  const drawer = new FigureDrawer(threads > 0 ? 1 : 0);
  const stopWorkers = (): void => {
    pool.cancel();
    drawer.close();
  };
  try {
    seed = positiveInt('seed', opts.seed);
    replicates = positiveInt('replicates', opts.replicates);
    const given = [studyDir, opts.data, opts.codebook, opts.published].filter((p) => typeof p === 'string');
    assertReportOutUsable(opts.out, given, { force: opts.force });
    inputs = await loadInputs(studyDir, {
      data: opts.data,
      codebook: opts.codebook,
      published: opts.published === false ? null : opts.published,
    });
    const { cohort, codebook, published } = inputs.input;
    assertReportOutUsable(opts.out, [...given, cohort, codebook, ...(published === null ? [] : [published])], {
      force: opts.force,
    });
    // every name in the specs (and --preset) is checked before any analysis runs
    checkInputs(inputs, { preset: opts.preset });
  } catch (error) {
    const { DataError, formatIssue } = await dataModules();
    if (error instanceof DataError) {
      io.stderr(
        `restudy run: the cohort or codebook is not valid:\n${error.issues
          .filter((i) => i.severity === 'error')
          .map((i) => `  ${formatIssue(i)}`)
          .join('\n')}\n`,
      );
    } else {
      io.stderr(`restudy run: ${(error as Error).message}\n`);
    }
    stopWorkers();
    return EXIT_BAD_INPUT;
  }
  progress = await makeProgress();
  let result: StudyResult;
  let drawn: Map<FigureResult, string>;
  try {
    const started = startAnalyses(inputs, {
      preset: opts.preset,
      seed,
      bootstrapReplicates: replicates,
      progress: progress?.update,
      pool,
      onTable: (table) => drawer.submit(table.figures),
    });
    try {
      drawn = await drawer.all();
    } catch (error) {
      started.cancel();
      progress?.stop();
      io.stderr(`restudy run: ${(error as Error).message}\n`);
      return EXIT_ANALYSIS_PROBLEM;
    }
    result = await started.finish();
    // the report needs the result only: the cohort's rows and what the analyses kept of them (most of the heap at
    // 232 000 rows; the result itself was 40 MB) can go before it is written, so its strings reuse that memory
    inputs = undefined;
  } catch (error) {
    stopWorkers();
    progress?.stop();
    const e = error as Error;
    if (e instanceof SpecError) {
      io.stderr(`restudy run: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const dataNote =
      e instanceof AnalysisError && e.cause instanceof InputError
        ? ' (the data reaching a statistical function were not valid for it)'
        : '';
    io.stderr(`restudy run: an analysis could not be computed: ${e.message}${dataNote}\n`);
    return EXIT_ANALYSIS_PROBLEM;
  }
  progress?.stop();
  let written: Awaited<ReturnType<typeof writeReport>>;
  try {
    written = await writeReport(result, opts.out, { force: opts.force, drawn });
  } catch (error) {
    io.stderr(`restudy run: ${(error as Error).message}\n`);
    return error instanceof UsageError ? EXIT_BAD_INPUT : EXIT_ANALYSIS_PROBLEM;
  }
  const f = result.findings;
  if (opts.json) {
    const summary = {
      out: opts.out,
      files: written.files,
      preset: result.preset.name,
      seed: result.seed,
      framing: result.framing,
      synthetic: result.synthetic,
      summary: result.summary,
      findings: f,
    };
    io.stdout(JSON.stringify(summary, null, 2) + '\n');
  } else {
    io.stdout(
      `restudy run: ${result.study.id}, preset ${result.preset.name}, seed ${result.seed}` +
        `${result.synthetic ? ' (SYNTHETIC cohort)' : ''}\n`,
    );
    if (result.framing === 'reproduction') {
      const line = (name: string, a: number, d: number, n: number): string =>
        `  ${name.padEnd(14)} agrees ${String(a).padStart(4)}  differs ${String(d).padStart(4)}` +
        `  not printed ${String(n).padStart(4)}\n`;
      for (const s of result.summary) io.stdout(line(s.table, s.agrees, s.differs, s.notPrinted));
      io.stdout(line('all', f.numbers.agrees, f.numbers.differs, f.numbers.notPrinted));
    } else {
      io.stdout(
        `  analysis (no printed numbers to compare): ${result.tables.length}` +
          ` tables and figures, ${f.numbers.notPrinted} numbers\n`,
      );
    }
    io.stdout(
      `  method sensitivity: ${f.conclusionsThatFlip} of ${f.conclusions} conclusions flip between conventions\n`,
    );
    if (f.warnings.length)
      io.stdout(
        `  ${f.warnings.length} warning${f.warnings.length === 1 ? '' : 's'} in the report ` +
          `(e.g. ${f.warnings[0].table}: ${f.warnings[0].message.slice(0, 100)})\n`,
      );
    if (result.cohortWarnings.length)
      io.stdout(
        `  ${result.cohortWarnings.length} note(s) on reading the cohort, in the report ` +
          `(e.g. ${result.cohortWarnings[0].slice(0, 100)})\n`,
      );
    if (f.excludedRows)
      io.stdout(
        `  ${f.excludedRows} row exclusion${f.excludedRows === 1 ? '' : 's'}` +
          ` for missing values, listed per analysis in the report\n`,
      );
    io.stdout(`wrote ${written.files.length} files to ${opts.out}/ (open ${opts.out}/index.html)\n`);
  }
  return EXIT_OK;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'reproduce every table and figure of a study folder and write the report (index.html, results.json, CSVs)',
    )
    .argument('<study-dir>', 'folder with study.yaml and one YAML spec per table/figure, e.g. analyses/shen2025')
    .option('--data <file>', "cohort table (CSV or XLSX); default: the study's data.cohort")
    .option('--codebook <file>', "codebook (YAML/JSON); default: the study's data.codebook")
    .option('--published <dir>', "printed numbers to compare with; default: the study's data.published")
    .option('--no-published', 'do not compare with printed numbers')
    .requiredOption('--out <dir>', 'output folder for the report')
    .option('--preset <name>', "conventions preset: r or spss (built in), or one of the study's presets")
    .option('--seed <n>', "bootstrap seed (positive integer); default: the study's seed")
    .option('--replicates <n>', "bootstrap replicates; default: the study's bootstrapReplicates")
    .option(
      '--threads <n>',
      'worker threads for the optimism bootstraps, plus one drawing the figures (0 = none; default 1 on a machine ' +
        'with 2 or more cores); results are identical whatever the number',
    )
    .option('--json', 'print a JSON summary on stdout')
    .option('--force', 'replace a non-empty --out folder that restudy did not write')
    .action(async (studyDir: string, opts: RunCliOptions) => {
      process.exitCode = await runCommand(studyDir, opts);
    });
}

export { BadOption, SpecError };
