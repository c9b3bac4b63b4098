/**
 * `restudy features`: DWI series + b-values + VOI mask(s) → one row of ADC/D/K histogram features per patient, with a
 * sidecar JSON that records every convention; `--manifest` runs a whole cohort (resumable, shardable) and
 * `restudy features merge` joins the shards. Exit codes: 0 ok, 1 some patients of a batch failed (listed),
 * 2 bad input or usage.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import { parseShard, readManifest } from '../imaging/batch/manifest.ts';
import { mergeShards } from '../imaging/batch/merge.ts';
import { type BatchSummary, batchPaths, runBatch } from '../imaging/batch/runBatch.ts';
import {
  DEFAULT_MAX_FLAGGED_SHARE,
  extractFeatures,
  type FeatureOptions,
  FLAG_CODES,
  FLAG_NAMES,
  type FlaggedPolicy,
  type FlagName,
  type MapName,
} from '../imaging/extractFeatures.ts';
import { FitPool } from '../imaging/fitVoxels.ts';
import type { Binning } from '../imaging/histogramFeatures.ts';
import { type BUnits, DEFAULT_B0_THRESHOLD, DEFAULT_SHELL_TOLERANCE } from '../imaging/shells.ts';
import { defaultPatientId, MAP_FILES, sidecarPath, writeFeatureOutputs, writeMaps } from '../imaging/singleOutput.ts';
import { UsageError } from '../io/errors.ts';
import { assertOutputsSafe } from '../io/outputSafety.ts';
import { InputError } from '../stats/_shared/errors.ts';
import type { MomentType } from '../stats/descriptive/moments.ts';
import type { QuantileType } from '../stats/descriptive/quantile.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export { sidecarPath };

interface RawOptions {
  dwi?: string;
  bvals?: string;
  mask?: string;
  mask2?: string;
  manifest?: string;
  shard?: string;
  id?: string;
  out?: string;
  append?: boolean;
  adcB: string;
  dkiB?: string;
  shellTolerance: string;
  b0Threshold: string;
  bUnits: BUnits;
  fit: 'wls' | 'nls';
  weights: 'observed' | 'predicted';
  kRange: string;
  flagged: string;
  maxFlaggedShare: string;
  quantileType: string;
  moments: string;
  binWidth: string;
  binOrigin: string;
  binCount?: string;
  logBase: string;
  workers: string;
  mapsDir?: string;
  maxInputMb: string;
  maxInflatedMb: string;
  progress: boolean;
}

function nonNegative(text: string, param: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(v) && v >= 0)) throw new InputError(param, 'a number ≥ 0 (s/mm²)', text);
  return v;
}

function megabytes(text: string, param: string): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0)) throw new InputError(param, 'a positive number of MiB', text);
  return Math.floor(v * 1024 * 1024);
}

function numberList(text: string, param: string): number[] {
  const parts = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v)))
    throw new InputError(param, 'a comma-separated list of numbers', text);
  return values;
}

/** `0.1` (all maps) or `adc=0.1,d=0.1,k=0.05`. */
function perMap(text: string, param: string): Record<MapName, number> {
  if (!text.includes('=')) {
    const [v] = numberList(text, param);
    return { adc: v, d: v, k: v };
  }
  const out: Record<MapName, number> = { adc: NaN, d: NaN, k: NaN };
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key !== 'adc' && key !== 'd' && key !== 'k')
      throw new InputError(param, 'map names adc, d, k (e.g. adc=0.1,d=0.1,k=0.05)', key);
    out[key] = Number(value);
  }
  for (const key of ['adc', 'd', 'k'] as const) {
    if (!(out[key] > 0 || (param === '--bin-origin' && Number.isFinite(out[key]))))
      throw new InputError(
        `${param} ${key}`,
        param === '--bin-origin' ? 'a finite number' : 'a positive number',
        out[key],
      );
  }
  return out;
}

/** Converts command-line strings into typed {@link FeatureOptions}. @throws InputError for malformed values */
export function parseFeatureOptions(raw: RawOptions): FeatureOptions {
  const qt = Number(raw.quantileType);
  if (!(Number.isInteger(qt) && qt >= 1 && qt <= 9))
    throw new InputError('--quantile-type', 'an integer from 1 to 9 (R quantile type)', raw.quantileType);
  const mt = Number(raw.moments);
  if (mt !== 1 && mt !== 2 && mt !== 3) throw new InputError('--moments', '1, 2 or 3 (e1071 type)', raw.moments);
  const kRange = numberList(raw.kRange, '--k-range');
  if (kRange.length !== 2 || !(kRange[0] < kRange[1]))
    throw new InputError('--k-range', 'two increasing numbers "lo,hi"', raw.kRange);
  const logBase = raw.logBase === 'e' ? Math.E : Number(raw.logBase);
  if (!(logBase > 0 && logBase !== 1))
    throw new InputError('--log-base', '2, e, 10 or another positive number other than 1', raw.logBase);
  let binning: Record<MapName, Binning>;
  if (raw.binCount !== undefined) {
    const count = Number(raw.binCount);
    if (!(Number.isInteger(count) && count >= 1))
      throw new InputError('--bin-count', 'a positive integer', raw.binCount);
    binning = { adc: { mode: 'count', count }, d: { mode: 'count', count }, k: { mode: 'count', count } };
  } else {
    const width = perMap(raw.binWidth, '--bin-width');
    const origin = perMap(raw.binOrigin, '--bin-origin');
    binning = {
      adc: { mode: 'width', width: width.adc, origin: origin.adc },
      d: { mode: 'width', width: width.d, origin: origin.d },
      k: { mode: 'width', width: width.k, origin: origin.k },
    };
  }
  let workers: number | 'auto' = 'auto';
  if (raw.workers !== 'auto') {
    workers = Number(raw.workers);
    if (!(Number.isInteger(workers) && workers >= 1))
      throw new InputError('--workers', '"auto" or a positive integer', raw.workers);
  }
  const tolerance = nonNegative(raw.shellTolerance, '--shell-tolerance');
  const b0Threshold = nonNegative(raw.b0Threshold, '--b0-threshold');
  const share = Number(raw.maxFlaggedShare);
  if (!(share >= 0 && share <= 1))
    throw new InputError('--max-flagged-share', 'a share from 0 to 1 (e.g. 0.25)', raw.maxFlaggedShare);
  return {
    shells: { tolerance, b0Threshold, units: raw.bUnits },
    maxFlaggedShare: share,
    maxInputBytes: megabytes(raw.maxInputMb, '--max-input-mb'),
    maxInflatedBytes: megabytes(raw.maxInflatedMb, '--max-inflated-mb'),
    adcBvalues: numberList(raw.adcB, '--adc-b'),
    dkiBvalues: raw.dkiB !== undefined ? numberList(raw.dkiB, '--dki-b') : undefined,
    dki: { method: raw.fit, weights: raw.weights, kRange: [kRange[0], kRange[1]] },
    flagged: parseFlagged(raw.flagged),
    quantileType: qt as QuantileType,
    momentType: mt as MomentType,
    binning,
    logBase,
    workers,
  };
}

function parseFlagged(text: string): FlaggedPolicy {
  if (text === 'exclude' || text === 'keep') return text;
  const names = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const n of names) {
    if (!(FLAG_NAMES as readonly string[]).includes(n))
      throw new InputError('--flagged', `exclude, keep or a comma list of ${FLAG_NAMES.join(', ')}`, text);
  }
  return names as FlagName[];
}

/** Refuses a missing output folder and outputs that would overwrite an input, before any work starts. */
function checkOutputs(inputs: string[], outputs: string[], created: string[] = []): void {
  for (const out of outputs.filter((o) => !created.includes(o))) {
    const folder = dirname(resolve(out));
    if (!existsSync(folder)) throw new UsageError(`the folder of ${out} does not exist (${folder}); create it first`);
    if (!statSync(folder).isDirectory()) throw new UsageError(`the folder of ${out} is not a folder (${folder})`);
    if (existsSync(out) && statSync(out).isDirectory())
      throw new UsageError(`${out} is a folder; give a file name for the table`);
  }
  assertOutputsSafe({ inputs, outputs });
}

function progressBar(raw: RawOptions, format: string): cliProgress.SingleBar | undefined {
  if (!raw.progress || !process.stderr.isTTY) return undefined;
  return new cliProgress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}

async function runSingle(raw: RawOptions, options: FeatureOptions): Promise<number> {
  for (const name of ['dwi', 'bvals', 'mask', 'out'] as const) {
    if (raw[name] === undefined)
      throw new UsageError(
        `--${name} is required (or give --manifest for a cohort); restudy features --help lists the options`,
      );
  }
  const dwi = raw.dwi as string;
  const bvals = raw.bvals as string;
  const out = raw.out as string;
  const masks = raw.mask2 ? [raw.mask as string, raw.mask2] : [raw.mask as string];
  const maps = raw.mapsDir ? MAP_FILES.map((f) => resolve(raw.mapsDir as string, f)) : [];
  if (raw.mapsDir && !existsSync(dirname(resolve(raw.mapsDir))))
    throw new UsageError(`the folder holding --maps-dir ${raw.mapsDir} does not exist`);
  checkOutputs([dwi, bvals, ...masks], [out, sidecarPath(out), ...maps], maps);
  const id = raw.id ?? defaultPatientId(dwi);
  if (raw.id === undefined)
    process.stderr.write(`restudy features: patient_id "${id}" taken from the DWI path (give --id to set it)\n`);
  const bar = progressBar(raw, 'fitting voxels [{bar}] {percentage}% {value}/{total}');
  let started = false;
  if (bar) {
    options.onProgress = (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    };
  }
  try {
    const result = await extractFeatures({ dwi, bvals, masks }, options);
    if (started) bar?.stop();
    process.stderr.write(`restudy features: shells of ${bvals}\n${indent(result.shellTable)}\n`);
    process.stderr.write(`restudy features: ${result.workers}\n`);
    writeFeatureOutputs(out, id, dwi, result, raw.append === true);
    if (raw.mapsDir) writeMaps(raw.mapsDir, result);
    for (const w of result.warnings) process.stderr.write(`restudy features: ${w}\n`);
    return EXIT_OK;
  } finally {
    if (started) bar?.stop();
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Patients from which `--workers auto` starts a pool: it costs 0.3–2 s to start, repaid from a handful on. */
const AUTO_POOL_PATIENTS = 4;

/** The pool size of a batch and the sentence that says how the patients run, and why. */
function batchWorkers(text: string, patients: number): { workers: number; note: string } {
  if (text === 'auto' && patients < AUTO_POOL_PATIENTS)
    return {
      workers: 1,
      note:
        `${patients} patient(s) run in this thread: --workers auto starts a pool from ${AUTO_POOL_PATIENTS} ` +
        'patients (its start-up costs more than it saves below); --workers N uses one anyway',
    };
  const asked = text === 'auto' ? availableParallelism() : Number(text);
  const workers = Math.min(asked, patients);
  if (workers <= 1)
    return { workers: 1, note: `${patients} patient(s) run in this thread${asked > 1 ? ' (one patient)' : ''}` };
  return {
    workers,
    note:
      `${patients} patients run on a pool of ${workers} worker threads, started once` +
      `${workers < asked ? ` (${asked} asked for; no more workers than patients)` : ''}`,
  };
}

async function runCohort(raw: RawOptions, options: FeatureOptions): Promise<number> {
  for (const name of ['dwi', 'bvals', 'mask', 'mask2', 'id', 'append', 'mapsDir'] as const) {
    if (raw[name] !== undefined && raw[name] !== false)
      throw new UsageError(
        `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} cannot be used with --manifest ` +
          '(each row names its own files)',
      );
  }
  if (raw.out === undefined)
    throw new UsageError('--out is required: the features table of the cohort (e.g. --out features.csv)');
  const manifest = readManifest(raw.manifest as string, options.maxInputBytes);
  const shard = raw.shard ? parseShard(raw.shard) : undefined;
  const paths = batchPaths(raw.out);
  const inputs = [manifest.file, ...manifest.patients.flatMap((p) => [p.dwi, p.bvals, ...p.masks])];
  const partsProbe = resolve(paths.parts, 'part.json');
  checkOutputs(inputs, [paths.table, paths.status, paths.sidecar, partsProbe], [partsProbe]);
  const { onProgress: _o, pool: _p, workers: _w, ...taskOptions } = options;
  const total = shard
    ? manifest.patients.filter((_, k) => k % shard.count === shard.index - 1).length
    : manifest.patients.length;
  const { workers, note } = batchWorkers(raw.workers, total);
  process.stderr.write(`restudy features: ${note}\n`);
  const pool = workers > 1 ? await FitPool.start(workers) : undefined;
  const bar = progressBar(raw, 'patients [{bar}] {value}/{total} {id}');
  bar?.start(total, 0, { id: '' });
  let summary: BatchSummary;
  try {
    summary = await runBatch({
      manifest,
      out: raw.out,
      options: taskOptions,
      shard,
      pool,
      onPatient: (done, _t, id) => bar?.update(done, { id }),
    });
  } finally {
    bar?.stop();
    await pool?.close();
  }
  const where = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  process.stderr.write(
    `restudy features: ${summary.total} patient(s)${where}: ${summary.fitted} fitted, ` +
      `${summary.skipped} already done (inputs and options unchanged), ${summary.failed.length} failed; ` +
      `${summary.warnings.length} warning(s) ` +
      `in ${summary.files.status}\n`,
  );
  for (const f of summary.failed) process.stderr.write(`  failed ${f.id} (manifest row ${f.row}): ${f.reason}\n`);
  process.stderr.write(`wrote ${summary.files.table}, ${summary.files.status}, ${summary.files.sidecar}\n`);
  return summary.failed.length > 0 ? EXIT_ANALYSIS_PROBLEM : EXIT_OK;
}

/** Maps an error to the exit code and message of the command; rethrows what is not the user's doing. */
function report(error: unknown): number {
  if (error instanceof InputError || error instanceof UsageError) {
    process.stderr.write(`restudy features: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  throw error;
}

const FLAG_HELP = `
Flags (bits of adc_flags/dki_flags in --maps-dir; counted per VOI in the voi_* columns):
${Object.entries(FLAG_CODES)
  .map(([code, text]) => `  ${code}  ${text}`)
  .join('\n')}
--maps-dir writes adc.nii.gz and d.nii.gz (10^-3 mm^2/s), k.nii.gz, adc_flags.nii.gz, dki_flags.nii.gz (float32,
values inside the union of the VOIs only, 0 elsewhere).
A manifest is a CSV with columns patient_id,dwi,bvals,voi_r1[,voi_r2], paths relative to the manifest. The batch
writes <out>, <stem>.status.csv (ok/failed and why, warnings), <stem>.conventions.json and <stem>.parts/ (resume
state); a rerun skips patients whose files and options are unchanged. Exit: 0 ok, 1 a patient failed, 2 bad input.`;

/** Registers `restudy features` and `restudy features merge`. */
export function registerFeatures(program: Command): void {
  const cmd = program
    .command('features')
    .description(
      'ADC, DKI (D, K) maps inside the VOI(s) of a DWI series and their histogram features ' +
        '(one CSV row per patient; --manifest for a cohort)',
    )
    .option('--dwi <file>', '4-D DWI series, NIfTI-1 (.nii or .nii.gz)')
    .option(
      '--bvals <file>',
      'b-values, one per volume (FSL bvals: one line, or one per line); s/mm² or ms/µm² (see --b-units)',
    )
    .option('--mask <file>', 'VOI mask of reader 1 (non-zero = inside), on the DWI grid')
    .option('--mask2 <file>', 'VOI mask of reader 2: adds _r1/_r2 columns; the unsuffixed columns become their mean')
    .option(
      '--id <patient_id>',
      'patient_id of the row (default: the DWI file name without extension and _dwi; its folder when the name is ' +
        'generic, e.g. P001/dwi.nii.gz → P001)',
    )
    .option('--manifest <csv>', 'a cohort: one row per patient (patient_id,dwi,bvals,voi_r1[,voi_r2]); resumable')
    .option(
      '--shard <i/n>',
      'with --manifest: only every n-th patient from the i-th (merge the shards with `restudy features merge`)',
    )
    .option('--out <file>', 'features CSV; conventions go to <stem>.conventions.json')
    .option('--append', 'append a row to an existing CSV made with identical options')
    .option(
      '--adc-b <list>',
      'nominal b-values of the ADC fit, matched to shells (2 → two-point formula, more → log-linear LS)',
      '0,800',
    )
    .option('--dki-b <list>', 'nominal b-values of the DKI fit (default: every shell)')
    .option(
      '--shell-tolerance <b>',
      'b-values (s/mm²) at most this far from a neighbour form one shell, used at the shell mean',
      String(DEFAULT_SHELL_TOLERANCE),
    )
    .option(
      '--b0-threshold <b>',
      'shells with mean b ≤ this (s/mm²) are b0 volumes, used as b = 0',
      String(DEFAULT_B0_THRESHOLD),
    )
    .addOption(
      new Option(
        '--b-units <unit>',
        'unit of the b-value file: auto (largest b below 10 → ms/µm², converted ×1000), s/mm2 or ms/um2',
      )
        .choices(['auto', 's/mm2', 'ms/um2'])
        .default('auto'),
    )
    .addOption(
      new Option('--fit <method>', 'DKI fit: wls (DIPY MSDKI) or nls (WLS then Levenberg–Marquardt)')
        .choices(['wls', 'nls'])
        .default('wls'),
    )
    .addOption(
      new Option('--weights <scheme>', 'WLS weights: observed (DIPY MSDKI: n·S²) or predicted (n·Ŝ² from OLS)')
        .choices(['observed', 'predicted'])
        .default('observed'),
    )
    .option('--k-range <lo,hi>', 'physical range of K; estimates outside are clipped and flagged', '0,3')
    .option(
      '--flagged <policy>',
      'flagged voxels: exclude (all flags), keep, or a comma list of flags to exclude ' +
        '(nonpositive, nonmonotone, k_clipped); failed fits are always left out',
      'exclude',
    )
    .option(
      '--max-flagged-share <p>',
      "warn when more than this share of a VOI's voxels is flagged",
      String(DEFAULT_MAX_FLAGGED_SHARE),
    )
    .option('--quantile-type <n>', 'R quantile type (1–9) for median, p5, p95', '7')
    .option(
      '--moments <n>',
      'e1071 skewness/kurtosis type: 1 population ratios (IBSI), 2 SPSS G1/G2, 3 b1/b2; kurtosis is excess',
      '1',
    )
    .option(
      '--bin-width <w>',
      'entropy bin width in map units (10⁻³ mm²/s for ADC and D): one value or adc=…,d=…,k=…',
      '0.1',
    )
    .option('--bin-origin <x>', 'left edge anchoring the fixed-width bins: one value or adc=…,d=…,k=…', '0')
    .option(
      '--bin-count <n>',
      'entropy with a fixed number of bins between the VOI min and max (IBSI FBN) instead of a fixed width',
    )
    .option('--log-base <b>', 'entropy log base: 2 (IBSI), e or 10', '2')
    .option(
      '--workers <n>',
      'worker threads: auto (one patient: all cores from 2 000 000 VOI voxels with WLS or 200 000 with NLS; ' +
        'a manifest: all cores from 4 patients, each worker fitting whole patients) or a number',
      'auto',
    )
    .option('--maps-dir <dir>', 'also write adc, d, k and flag maps (VOI union, float32 NIfTI) to this directory')
    .option('--max-input-mb <n>', 'largest b-value, mask or manifest file read (MiB)', '1024')
    .option('--max-inflated-mb <n>', 'largest inflated .nii.gz mask (MiB)', '2047')
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .addHelpText('after', FLAG_HELP)
    .showHelpAfterError('(restudy features --help lists the options)')
    .exitOverride()
    .action(async (raw: RawOptions) => {
      try {
        const options = parseFeatureOptions(raw);
        process.exitCode = raw.manifest !== undefined ? await runCohort(raw, options) : await runSingle(raw, options);
      } catch (error) {
        process.exitCode = report(error);
      }
    });
  cmd
    .command('merge')
    .description('join the tables of shards 1/n … n/n of one batch into the table an unsharded run writes')
    .argument('<tables...>', 'the features CSVs of the shards (their .status.csv and .conventions.json beside them)')
    .option('--out <file>', 'the merged features CSV (required)')
    .showHelpAfterError('(restudy features merge --help)')
    .exitOverride()
    .action((tables: string[], raw: { out?: string }) => {
      try {
        // commander hands an --out after the shard names to `features` itself, so look there too
        const out = raw.out ?? (cmd.opts() as RawOptions).out;
        if (out === undefined) throw new UsageError('--out is required: the merged features CSV');
        raw.out = out;
        const paths = batchPaths(out);
        const inputs = tables.flatMap((t) => Object.values(batchPaths(t)).slice(0, 3));
        checkOutputs(inputs, [paths.table, paths.status, paths.sidecar]);
        const merged = mergeShards(tables, out);
        process.stderr.write(
          `restudy features merge: ${merged.patients} patient(s) from ${tables.length} shard(s), ` +
            `${merged.failed} failed; wrote ${paths.table}, ${paths.status}, ${paths.sidecar}\n`,
        );
        process.exitCode = EXIT_OK;
      } catch (error) {
        process.exitCode = report(error);
      }
    });
}
