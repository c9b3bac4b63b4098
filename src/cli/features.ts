/**
 * `restudy features`: DWI series + b-values + VOI mask(s) → one row of ADC/D/K histogram features per patient,
 * with a sidecar JSON that records every convention.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import Papa from 'papaparse';
import { InputError } from '../stats/_shared/errors.ts';
import { extractFeatures, featureRow, FLAG_NAMES, type FeatureExtraction, type FeatureOptions, type FlaggedPolicy, type FlagName, type MapName } from '../imaging/extractFeatures.ts';
import type { Binning } from '../imaging/histogramFeatures.ts';
import { writeNifti } from '../imaging/niftiWrite.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';
import type { QuantileType } from '../stats/descriptive/quantile.ts';
import type { MomentType } from '../stats/descriptive/moments.ts';

interface RawOptions {
  dwi: string;
  bvals: string;
  mask: string;
  mask2?: string;
  id?: string;
  out: string;
  append?: boolean;
  adcB: string;
  dkiB?: string;
  fit: 'wls' | 'nls';
  weights: 'observed' | 'predicted';
  kRange: string;
  flagged: string;
  quantileType: string;
  moments: string;
  binWidth: string;
  binOrigin: string;
  binCount?: string;
  logBase: string;
  workers: string;
  mapsDir?: string;
  progress: boolean;
}

function numberList(text: string, param: string): number[] {
  const parts = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v))) throw new InputError(param, 'a comma-separated list of numbers', text);
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
    if (key !== 'adc' && key !== 'd' && key !== 'k') throw new InputError(param, 'map names adc, d, k (e.g. adc=0.1,d=0.1,k=0.05)', key);
    out[key] = Number(value);
  }
  for (const key of ['adc', 'd', 'k'] as const) {
    if (!(out[key] > 0 || (param === '--bin-origin' && Number.isFinite(out[key])))) throw new InputError(`${param} ${key}`, param === '--bin-origin' ? 'a finite number' : 'a positive number', out[key]);
  }
  return out;
}

/** Converts command-line strings into typed {@link FeatureOptions}. @throws InputError for malformed values */
export function parseFeatureOptions(raw: RawOptions): FeatureOptions {
  const qt = Number(raw.quantileType);
  if (!(Number.isInteger(qt) && qt >= 1 && qt <= 9)) throw new InputError('--quantile-type', 'an integer from 1 to 9 (R quantile type)', raw.quantileType);
  const mt = Number(raw.moments);
  if (mt !== 1 && mt !== 2 && mt !== 3) throw new InputError('--moments', '1, 2 or 3 (e1071 type)', raw.moments);
  const kRange = numberList(raw.kRange, '--k-range');
  if (kRange.length !== 2 || !(kRange[0] < kRange[1])) throw new InputError('--k-range', 'two increasing numbers "lo,hi"', raw.kRange);
  const logBase = raw.logBase === 'e' ? Math.E : Number(raw.logBase);
  if (!(logBase > 0 && logBase !== 1)) throw new InputError('--log-base', '2, e, 10 or another positive number other than 1', raw.logBase);
  let binning: Record<MapName, Binning>;
  if (raw.binCount !== undefined) {
    const count = Number(raw.binCount);
    if (!(Number.isInteger(count) && count >= 1)) throw new InputError('--bin-count', 'a positive integer', raw.binCount);
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
    if (!(Number.isInteger(workers) && workers >= 1)) throw new InputError('--workers', '"auto" or a positive integer', raw.workers);
  }
  return {
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
  const names = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  for (const n of names) {
    if (!(FLAG_NAMES as readonly string[]).includes(n)) throw new InputError('--flagged', `exclude, keep or a comma list of ${FLAG_NAMES.join(', ')}`, text);
  }
  return names as FlagName[];
}

function csvCell(v: string | number | null): string {
  if (v === null) return 'NA';
  if (typeof v === 'number') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Sidecar path: features.csv → features.conventions.json. */
export function sidecarPath(out: string): string {
  return out.replace(/\.csv$/i, '') + '.conventions.json';
}

function writeOutputs(raw: RawOptions, result: FeatureExtraction): void {
  const id = raw.id ?? basename(raw.dwi).replace(/\.nii(\.gz)?$/i, '');
  const row = { patient_id: id, ...featureRow(result) };
  const header = Object.keys(row);
  const line = Object.values(row).map(csvCell).join(',');
  const sidecar = sidecarPath(raw.out);
  const conventions = JSON.stringify(result.conventions);
  if (raw.append && existsSync(raw.out)) {
    const parsed = Papa.parse<string[]>(readFileSync(raw.out, 'utf8'), { skipEmptyLines: true });
    const existing = parsed.data[0] ?? [];
    if (existing.join(',') !== header.join(',')) throw new InputError('--out', `a features CSV with the same columns (${header.length})`, `${existing.length} different columns in ${raw.out}`);
    if (parsed.data.slice(1).some((r) => r[0] === id)) throw new InputError('--id', `a patient_id not yet in ${raw.out}`, id);
    if (existsSync(sidecar)) {
      const previous = JSON.parse(readFileSync(sidecar, 'utf8')) as { conventions: unknown; patients: unknown[] };
      if (JSON.stringify(previous.conventions) !== conventions) throw new InputError('options', `the conventions recorded in ${sidecar} (append only with identical options)`, 'different conventions');
      previous.patients.push(patientRecord(id, raw, result));
      writeFileSync(sidecar, JSON.stringify(previous, null, 2) + '\n');
    }
    appendFileSync(raw.out, line + '\n');
  } else {
    writeFileSync(raw.out, header.join(',') + '\n' + line + '\n');
    const doc = {
      tool: 'restudy features 0.1.0',
      columns: 'patient_id; <map>_<stat> for map in adc, d, k and stat in mean, median, p5, p95, skewness, kurtosis, entropy (with --mask2: _r1, _r2 and the unsuffixed consensus = their mean); voi_<count> voxel counts',
      conventions: result.conventions,
      patients: [patientRecord(id, raw, result)],
    };
    writeFileSync(sidecar, JSON.stringify(doc, null, 2) + '\n');
  }
}

function patientRecord(id: string, raw: RawOptions, result: FeatureExtraction) {
  return {
    patient_id: id,
    dwi: raw.dwi,
    bvals: result.bvals,
    masks: result.readers.map((r) => r.mask),
    dwiDatatype: result.dwi.datatypeName,
    dwiScaling: result.dwi.scaling,
    counts: result.readers.map((r) => r.counts),
    warnings: result.warnings,
  };
}

function writeMaps(dir: string, result: FeatureExtraction): void {
  mkdirSync(dir, { recursive: true });
  const n = result.dwi.dims[0] * result.dwi.dims[1] * result.dwi.dims[2];
  const { indices, fit } = result.voxels;
  const maps: Record<string, Float32Array> = { adc: new Float32Array(n), d: new Float32Array(n), k: new Float32Array(n), adc_flags: new Float32Array(n), dki_flags: new Float32Array(n) };
  for (let u = 0; u < indices.length; u++) {
    maps.adc[indices[u]] = fit.adc[u] * 1000;
    maps.d[indices[u]] = fit.d[u] * 1000;
    maps.k[indices[u]] = fit.k[u];
    maps.adc_flags[indices[u]] = fit.adcFlags[u];
    maps.dki_flags[indices[u]] = fit.dkiFlags[u];
  }
  for (const [name, data] of Object.entries(maps)) {
    writeNifti(join(dir, `${name}.nii.gz`), {
      dims: result.dwi.dims.slice(0, 3), data, datatype: 16, affine: result.dwi.affine, voxelSize: result.dwi.voxelSize,
      description: `restudy ${name}${name === 'adc' || name === 'd' ? ' 1e-3 mm2/s' : ''} (VOI union only)`,
    });
  }
}

/** Registers `restudy features`. */
export function registerFeatures(program: Command): void {
  program
    .command('features')
    .description('ADC, DKI (D, K) maps inside the VOI(s) of a DWI series and their histogram features (one CSV row per patient)')
    .requiredOption('--dwi <file>', '4-D DWI series, NIfTI-1 (.nii or .nii.gz)')
    .requiredOption('--bvals <file>', 'b-values in s/mm², one per volume (FSL bvals: one line, or one per line)')
    .requiredOption('--mask <file>', 'VOI mask of reader 1 (non-zero = inside), on the DWI grid')
    .option('--mask2 <file>', 'VOI mask of reader 2: adds _r1/_r2 columns; the unsuffixed columns become their mean')
    .option('--id <patient_id>', 'patient_id of the row (default: DWI file name without extension)')
    .requiredOption('--out <file>', 'features CSV; conventions go to <out>.conventions.json')
    .option('--append', 'append a row to an existing CSV made with identical options', false)
    .option('--adc-b <list>', 'b-values of the ADC fit (2 → two-point formula, more → log-linear LS)', '0,800')
    .option('--dki-b <list>', 'b-values of the DKI fit (default: all b-values in the series)')
    .addOption(new Option('--fit <method>', 'DKI fit: wls (DIPY MSDKI) or nls (WLS then Levenberg–Marquardt)').choices(['wls', 'nls']).default('wls'))
    .addOption(new Option('--weights <scheme>', 'WLS weights: observed (DIPY MSDKI: n·S²) or predicted (n·Ŝ² from OLS)').choices(['observed', 'predicted']).default('observed'))
    .option('--k-range <lo,hi>', 'physical range of K; estimates outside are clipped and flagged', '0,3')
    .option('--flagged <policy>', 'flagged voxels: exclude (all flags), keep, or a comma list of flags to exclude (nonpositive, nonmonotone, k_clipped); failed fits are always left out', 'exclude')
    .option('--quantile-type <n>', 'R quantile type (1–9) for median, p5, p95', '7')
    .option('--moments <n>', 'e1071 skewness/kurtosis type: 1 population ratios (IBSI), 2 SPSS G1/G2, 3 b1/b2; kurtosis is excess', '1')
    .option('--bin-width <w>', 'entropy bin width in map units (10⁻³ mm²/s for ADC and D): one value or adc=…,d=…,k=…', '0.1')
    .option('--bin-origin <x>', 'left edge anchoring the fixed-width bins: one value or adc=…,d=…,k=…', '0')
    .option('--bin-count <n>', 'entropy with a fixed number of bins between the VOI min and max (IBSI FBN) instead of a fixed width')
    .option('--log-base <b>', 'entropy log base: 2 (IBSI), e or 10', '2')
    .option('--workers <n>', 'worker threads for the voxel fits: auto (all cores from 2 000 000 VOI voxels with WLS or 200 000 with NLS, else 1: a worker costs 0.3–2 s to start) or a number', 'auto')
    .option('--maps-dir <dir>', 'also write adc, d, k and flag maps (VOI union, float32 NIfTI) to this directory')
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .action(async (raw: RawOptions) => {
      let bar: cliProgress.SingleBar | undefined;
      try {
        const options = parseFeatureOptions(raw);
        if (raw.progress && process.stderr.isTTY) {
          bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'fitting voxels [{bar}] {percentage}% {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
          let started = false;
          options.onProgress = (done, total) => {
            if (!started) {
              bar?.start(total, 0);
              started = true;
            }
            bar?.update(done);
          };
        }
        const masks = raw.mask2 ? [raw.mask, raw.mask2] : [raw.mask];
        const result = await extractFeatures({ dwi: raw.dwi, bvals: raw.bvals, masks }, options);
        bar?.stop();
        bar = undefined;
        writeOutputs(raw, result);
        if (raw.mapsDir) writeMaps(raw.mapsDir, result);
        for (const w of result.warnings) process.stderr.write(`restudy features: ${w}\n`);
        process.exitCode = EXIT_OK;
      } catch (error) {
        bar?.stop();
        if (error instanceof InputError) {
          process.stderr.write(`restudy features: ${error.message}\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        throw error;
      }
    });
}
