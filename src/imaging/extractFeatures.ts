/**
 * From images to the cohort table: DWI series + b-values + one or two readers' VOI masks → ADC, D, K maps inside
 * the VOIs → histogram features per map and reader, with flagged-voxel counts and every convention recorded.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_MAX_INPUT_BYTES, readFileLimited } from '../io/limitedRead.ts';
import { InputError } from '../stats/_shared/errors.ts';
import type { MomentType } from '../stats/descriptive/moments.ts';
import type { QuantileType } from '../stats/descriptive/quantile.ts';
import { type DkiOptions, FLAG } from './diffusionFit.ts';
import type { FitResult } from './fitBlock.ts';
import { DEFAULT_BLOCK_SIZE, type FitPool, fitVoxels } from './fitVoxels.ts';
import {
  type Binning,
  DEFAULT_CONVENTIONS,
  type HistogramConventions,
  type HistogramFeatures,
  histogramFeatures,
} from './histogramFeatures.ts';
import {
  gatherVoxels,
  type NiftiHeader,
  type NiftiReadLimits,
  readNiftiHeader,
  readNiftiMask,
  sameGeometry,
  volumeCount,
  voxelsPerVolume,
} from './nifti.ts';
import {
  DEFAULT_B0_THRESHOLD,
  DEFAULT_SHELL_TOLERANCE,
  formatShellTable,
  groupShells,
  type ShellOptions,
  type ShellTable,
  selectShells,
} from './shells.ts';

/** The three maps, in output order. ADC and D are reported in 10⁻³ mm²/s, K unitless. */
export const MAPS = ['adc', 'd', 'k'] as const;
export type MapName = (typeof MAPS)[number];
/** The seven histogram statistics, in output order (cohort codebook names). */
export const STATS = ['mean', 'median', 'p5', 'p95', 'skewness', 'kurtosis', 'entropy'] as const;
export type StatName = (typeof STATS)[number];

/** Names of the flags a policy can exclude. */
export const FLAG_NAMES = ['nonpositive', 'nonmonotone', 'k_clipped'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
/**
 * What to do with flagged voxels: 'exclude' every flagged voxel, 'keep' them all, or exclude only the listed flags.
 * Failed fits have no value and are always left out.
 */
export type FlaggedPolicy = 'exclude' | 'keep' | readonly FlagName[];

/** Bit mask of the flags a policy excludes. @throws InputError for an unknown flag name */
export function excludedFlagBits(policy: FlaggedPolicy): number {
  if (policy === 'exclude') return FLAG.NONPOSITIVE_SIGNAL | FLAG.NON_MONOTONE | FLAG.K_CLIPPED;
  if (policy === 'keep') return 0;
  let bits = 0;
  for (const name of policy) {
    if (name === 'nonpositive') bits |= FLAG.NONPOSITIVE_SIGNAL;
    else if (name === 'nonmonotone') bits |= FLAG.NON_MONOTONE;
    else if (name === 'k_clipped') bits |= FLAG.K_CLIPPED;
    else throw new InputError('flagged', `'exclude', 'keep' or a list of ${FLAG_NAMES.join(', ')}`, name);
  }
  return bits;
}

export interface FeatureOptions {
  /**
   * nominal b-values of the ADC fit, each matched to a shell within the shell tolerance (0 = the b0 shell); two
   * values → the two-point formula, more → log-linear LS. @default [0, 800] (the paper)
   */
  adcBvalues?: number[];
  /** nominal b-values of the DKI fit, @default every shell of the series (the paper: 0, 800, 1400, 2000) */
  dkiBvalues?: number[];
  /** shell grouping: tolerance, b0 threshold, units (see shells.ts) */
  shells?: ShellOptions;
  /**
   * a VOI in which more than this share of voxels is flagged (ADC or DKI) gets a warning naming the share.
   * @default {@link DEFAULT_MAX_FLAGGED_SHARE}
   */
  maxFlaggedShare?: number;
  /** largest b-value or mask file read, in bytes. @default 1 GiB (src/io's input limit) */
  maxInputBytes?: number;
  /** largest inflated mask accepted, in bytes. @default 2 GiB (src/io's inflate limit) */
  maxInflatedBytes?: number;
  dki?: DkiOptions;
  /** @default 'exclude' */
  flagged?: FlaggedPolicy;
  /** @default 7 */
  quantileType?: QuantileType;
  /** @default 1 (population moment ratios, as IBSI) */
  momentType?: MomentType;
  /** entropy binning per map, @default width 0.1 (10⁻³ mm²/s for ADC and D, unitless for K), origin 0 */
  binning?: Partial<Record<MapName, Binning>>;
  /** @default 2 */
  logBase?: number;
  /**
   * worker threads; 'auto' = available cores only when the fit would take more than ~2 s on one thread
   * (≥ 2 000 000 voxels for WLS, ≥ 200 000 for NLS), else 1: a worker costs 0.3–2 s to start (tsx transpiles
   * the TypeScript entry) while one thread fits ≈ 10⁶ voxels/s with WLS. @default 'auto'
   */
  workers?: number | 'auto';
  onProgress?: (done: number, total: number) => void;
  /** a running worker pool to fit in (batch runs start one and reuse it); `workers` is then ignored */
  pool?: FitPool;
}

/** 'auto' workers: VOI sizes from which a worker pool pays for its start-up. */
export const AUTO_WORKERS_WLS = 2_000_000;
export const AUTO_WORKERS_NLS = 200_000;

/** Default share of flagged voxels in a VOI above which a warning is given. */
export const DEFAULT_MAX_FLAGGED_SHARE = 0.25;

/** Flag-map codes (the bits of `adc_flags` and `dki_flags` in `--maps-dir`), as documented in docs/imaging.md. */
export const FLAG_CODES = Object.freeze({
  1: 'nonpositive: a signal used by the fit was <= 0 (floored at 1e-4 before the log)',
  2: 'nonmonotone: a shell mean rises with b',
  4: 'failed: no usable estimate (D <= 0, singular system, non-finite result, all signal <= 1e-4, NLS not converged)',
  8: 'k_clipped: K outside --k-range, set to the bound (DKI only)',
});

/** Default entropy bin width in each map's reporting unit. */
export const DEFAULT_BIN_WIDTH = 0.1;

/** Voxel counts of one VOI; a voxel with several flags is counted under each. */
export interface VoiCounts {
  voxels: number;
  adc_used: number;
  adc_flagged: number;
  adc_nonpositive: number;
  adc_nonmonotone: number;
  adc_failed: number;
  dki_used: number;
  dki_flagged: number;
  dki_nonpositive: number;
  dki_nonmonotone: number;
  dki_failed: number;
  dki_k_clipped: number;
}
export const COUNT_NAMES = [
  'voxels',
  'adc_used',
  'adc_flagged',
  'adc_nonpositive',
  'adc_nonmonotone',
  'adc_failed',
  'dki_used',
  'dki_flagged',
  'dki_nonpositive',
  'dki_nonmonotone',
  'dki_failed',
  'dki_k_clipped',
] as const;

export interface VoiFeatures {
  mask: string;
  counts: VoiCounts;
  features: Record<MapName, HistogramFeatures>;
}

export interface FeatureExtraction {
  readers: VoiFeatures[];
  /** union-of-VOIs voxel indices and their maps (ADC, D in 10⁻³ mm²/s) for QA or map export */
  voxels: { indices: Int32Array; fit: FitResult };
  dwi: NiftiHeader;
  /** the b-values as written in the file */
  bvals: number[];
  /** the shells found (units, tolerance, b0 threshold) */
  shells: ShellTable;
  /** the shell table as printed */
  shellTable: string;
  conventions: Record<string, unknown>;
  warnings: string[];
  /** how the voxels were fitted: in this thread or on how many workers, and why (the CLI prints it) */
  workers: string;
}

/**
 * How many worker threads fit `voxels` voxels, with what block size, and the sentence that says so. 'auto' uses
 * workers only from {@link AUTO_WORKERS_WLS} / {@link AUTO_WORKERS_NLS} voxels, where they repay their start-up;
 * an explicit count > 1 always uses them (blocks made small enough that each worker gets one) unless there are
 * fewer voxels than workers. Results are bit-identical either way.
 */
export function planWorkers(
  voxels: number,
  requested: number | 'auto',
  method: 'wls' | 'nls',
  pool?: FitPool,
): { workers: number; blockSize: number; note: string } {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  if (pool)
    return { workers: 1, blockSize: DEFAULT_BLOCK_SIZE, note: `${fmt(voxels)} voxels fitted in a running pool` };
  if (requested === 'auto') {
    const threshold = method === 'nls' ? AUTO_WORKERS_NLS : AUTO_WORKERS_WLS;
    if (voxels < threshold)
      return {
        workers: 1,
        blockSize: DEFAULT_BLOCK_SIZE,
        note:
          `${fmt(voxels)} voxels fitted in this thread: --workers auto starts worker threads from ` +
          `${fmt(threshold)} voxels (${method.toUpperCase()}), below which their start-up (0.3–2 s) costs more ` +
          'than it saves; --workers N uses them anyway',
      };
    const workers = availableParallelism();
    return {
      workers,
      blockSize: DEFAULT_BLOCK_SIZE,
      note: `${fmt(voxels)} voxels fitted on ${workers} worker threads`,
    };
  }
  if (requested <= 1)
    return { workers: 1, blockSize: DEFAULT_BLOCK_SIZE, note: `${fmt(voxels)} voxels fitted in this thread` };
  const workers = Math.min(requested, voxels);
  if (workers <= 1)
    return {
      workers: 1,
      blockSize: DEFAULT_BLOCK_SIZE,
      note: `${fmt(voxels)} voxel(s) fitted in this thread: fewer voxels than the ${requested} workers asked for`,
    };
  const blockSize = Math.min(DEFAULT_BLOCK_SIZE, Math.ceil(voxels / workers));
  const used = Math.min(workers, Math.ceil(voxels / blockSize));
  return {
    workers: used,
    blockSize,
    note:
      `${fmt(voxels)} voxels fitted on ${used} worker threads (--workers ${requested}` +
      `${used < requested ? `; ${used} are enough for blocks of ${fmt(blockSize)} voxels` : ''})`,
  };
}

/**
 * Parses a b-value file: numbers separated by white space or commas, on one line (FSL `bvals`) or one per line.
 * @throws InputError for an empty file or a token that is not a finite number
 */
export function parseBvals(text: string, file = 'bvals'): number[] {
  const tokens = text.split(/[\s,]+/).filter((t) => t.length > 0);
  if (tokens.length === 0) throw new InputError(file, 'a list of b-values', 'an empty file');
  return tokens.map((t, i) => {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new InputError(`${file}[${i}]`, 'a finite number (s/mm²)', t);
    return v;
  });
}

/**
 * Checks b-values against the DWI series: one per volume, none negative (the b0 volumes are found by
 * {@link groupShells}).
 * @throws InputError for a count different from the 4th dimension, a negative b-value
 */
export function checkBvals(bvals: readonly number[], dwi: NiftiHeader, file = 'bvals'): void {
  if (dwi.dims.length < 4 || volumeCount(dwi) < 2)
    throw new InputError(dwi.file, 'a 4-D DWI series (x, y, z, b-values)', `dims ${dwi.dims.join('×')}`);
  if (dwi.dims.length > 4 && dwi.dims.slice(4).some((d) => d !== 1))
    throw new InputError(dwi.file, 'a 4-D series (dims 5–7 of size 1)', `dims ${dwi.dims.join('×')}`);
  const nt = dwi.dims[3];
  if (bvals.length !== nt)
    throw new InputError(
      file,
      `${nt} b-values, one per volume of ${dwi.file} (4th dimension)`,
      `${bvals.length} b-values`,
    );
  bvals.forEach((b, i) => {
    if (b < 0) throw new InputError(`${file}[${i}]`, 'b = 0 or a positive b-value (s/mm²)', b);
  });
}

/** Reads a small text input (b-values) with a size limit, so `--bvals /dev/zero` stops at the limit. */
export function readTextLimited(file: string, what: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  let bytes: Buffer;
  try {
    bytes = readFileLimited(file, { maxBytes, what });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(file, 'a readable file', code);
  }
  return bytes.toString('utf8');
}

function loadMask(file: string, dwi: NiftiHeader, limits: NiftiReadLimits): Uint8Array {
  const { header: h, inside, count } = readNiftiMask(file, limits);
  if (h.dims.length > 3 && volumeCount(h) !== 1)
    throw new InputError(file, 'a 3-D mask (one volume)', `dims ${h.dims.join('×')}`);
  const geometry = sameGeometry(dwi, h);
  if (!geometry.same)
    throw new InputError(file, `a mask on the DWI grid of ${dwi.file} (same x, y, z and affine)`, geometry.reason);
  if (count === 0) throw new InputError(file, 'a VOI with at least one non-zero voxel', 'an empty mask');
  return inside;
}

/** The conventions actually used, as recorded in the sidecar JSON. */
export function resolveConventions(options: FeatureOptions) {
  const adcB = options.adcBvalues ?? [0, 800];
  const binning: Record<MapName, Binning> = {
    adc: options.binning?.adc ?? { mode: 'width', width: DEFAULT_BIN_WIDTH, origin: 0 },
    d: options.binning?.d ?? { mode: 'width', width: DEFAULT_BIN_WIDTH, origin: 0 },
    k: options.binning?.k ?? { mode: 'width', width: DEFAULT_BIN_WIDTH, origin: 0 },
  };
  return {
    units: { adc: '10^-3 mm^2/s', d: '10^-3 mm^2/s', k: 'unitless', bvals: 's/mm^2' },
    shells: {
      tolerance: options.shells?.tolerance ?? DEFAULT_SHELL_TOLERANCE,
      b0Threshold: options.shells?.b0Threshold ?? DEFAULT_B0_THRESHOLD,
      units: options.shells?.units ?? 'auto',
      rule:
        'b-values sorted; neighbours at most `tolerance` s/mm^2 apart form one shell (a shell wider than ' +
        '2 x tolerance is refused); shells with mean b <= b0Threshold are b0 volumes used as b = 0; the other ' +
        'shells are used at their mean b; directional volumes are averaged per shell (MSDKI). units auto: ' +
        'a largest b-value below 10 means ms/um^2, converted x1000',
    },
    adc: {
      bvalues: adcB,
      model:
        adcB.length === 2
          ? 'two-point: ln(S_lo/S_hi)/(b_hi - b_lo)'
          : 'log-linear least squares of ln S on b over shell means (weights: volumes per shell)',
    },
    dki: {
      bvalues: options.dkiBvalues ?? 'all shells',
      model: 'S(b) = S0 exp(-b D + b^2 D^2 K / 6) on shell means (mean-signal DKI)',
      method: options.dki?.method ?? 'wls',
      weights: options.dki?.weights ?? 'observed',
      weightsMeaning:
        (options.dki?.weights ?? 'observed') === 'observed'
          ? 'W = diag(n_b * S_b^2), measured shell means (DIPY msdki.wls_fit_msdki)'
          : 'W = diag(n_b * exp(2 * OLS fit)) (DIPY dki._wls_iter scheme)',
      kRange: options.dki?.kRange ?? [0, 3],
      constraints: 'D <= 0 or non-finite: fit failure (no value); K outside kRange: clipped to the bound and flagged',
      minSignal: 1e-4,
    },
    flaggedVoxels: options.flagged ?? 'exclude',
    flagCodes: FLAG_CODES,
    maxFlaggedShare: options.maxFlaggedShare ?? DEFAULT_MAX_FLAGGED_SHARE,
    flaggedMeaning:
      'flags: nonpositive (a signal <= 0, floored at 1e-4 before the log), nonmonotone (a shell mean rises with b), ' +
      "k_clipped (DKI only); 'exclude' drops voxels with any flag from that model's maps (ADC flags for ADC, " +
      "DKI flags for D and K), 'keep' keeps them, a list drops only those flags; failed fits are always left out",
    quantileType: options.quantileType ?? DEFAULT_CONVENTIONS.quantileType,
    momentType: options.momentType ?? DEFAULT_CONVENTIONS.momentType,
    kurtosis: 'excess (normal = 0)',
    logBase: options.logBase ?? DEFAULT_CONVENTIONS.logBase,
    binning,
    binningMeaning:
      'width: bin = floor((x - origin) / width), left-closed (IBSI fixed bin size); ' +
      'count: bin = floor(N (x - min) / (max - min)) + 1, max in bin N (IBSI fixed bin number)',
    reasons: DEFAULT_CONVENTIONS.reasons,
    consensus: 'with two readers, <map>_<stat> is the mean of <map>_<stat>_r1 and _r2 (NA if either is NA)',
  };
}

/**
 * Warnings for a VOI in which more than `maxShare` of the voxels is flagged, naming the share and what the
 * features then rest on (or that they are NA).
 */
export function flaggedShareWarnings(
  label: string,
  counts: VoiCounts,
  maxShare: number,
  features: Record<MapName, HistogramFeatures>,
): string[] {
  const out: string[] = [];
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const check = (model: 'ADC' | 'DKI', flagged: number, used: number, maps: MapName[]): void => {
    if (counts.voxels === 0 || flagged / counts.voxels <= maxShare) return;
    const na = maps.filter((m) => Number.isNaN(features[m].mean));
    out.push(
      `${label}: ${pct(flagged / counts.voxels)} of ${counts.voxels} voxels flagged in the ${model} fit ` +
        `(more than ${pct(maxShare)}, --max-flagged-share); ` +
        (na.length > 0
          ? `${na.map((m) => m.toUpperCase()).join(' and ')} features are NA`
          : `features rest on ${used} voxel(s)`) +
        '; check the b-values (shell table) and the SNR',
    );
  };
  check('ADC', counts.adc_flagged, counts.adc_used, ['adc']);
  check('DKI', counts.dki_flagged, counts.dki_used, ['d', 'k']);
  return out;
}

function describePolicy(policy: FlaggedPolicy): string {
  if (policy === 'exclude') return 'flagged voxels excluded (--flagged exclude)';
  if (policy === 'keep') return 'flagged voxels kept, failed fits left out (--flagged keep)';
  return `voxels flagged ${policy.join(', ')} excluded, others kept (--flagged ${policy.join(',')})`;
}

/**
 * Runs the whole extraction for one patient.
 *
 * Reads the DWI header, checks the b-values and masks (geometry, non-empty), streams the series once keeping only
 * the voxels inside the union of the VOIs, fits ADC and DKI there (in worker threads for large VOIs), then computes
 * the histogram features of each map in each reader's VOI.
 *
 * @throws InputError for any file, b-value or mask problem (see parseBvals, checkBvals, readNifti, loadMask)
 */
export async function extractFeatures(
  input: {
    dwi: string;
    bvals: number[] | string;
    masks: string[] /** names of the masks in messages */;
    labels?: string[];
  },
  options: FeatureOptions = {},
): Promise<FeatureExtraction> {
  if (input.masks.length < 1 || input.masks.length > 2)
    throw new InputError('masks', 'one or two VOI masks (readers 1 and 2)', input.masks.length);
  const maxShare = options.maxFlaggedShare ?? DEFAULT_MAX_FLAGGED_SHARE;
  if (!(maxShare >= 0 && maxShare <= 1)) throw new InputError('--max-flagged-share', 'a share from 0 to 1', maxShare);
  const dwi = await readNiftiHeader(input.dwi);
  const bvalsFile = typeof input.bvals === 'string' ? input.bvals : 'bvals';
  const bvals =
    typeof input.bvals === 'string'
      ? parseBvals(readTextLimited(input.bvals, 'the b-value file', options.maxInputBytes), input.bvals)
      : input.bvals;
  checkBvals(bvals, dwi, bvalsFile);
  const shells = groupShells(bvals, options.shells, bvalsFile);
  const conventions = resolveConventions(options);
  const adcShells = selectShells(
    shells,
    conventions.adc.bvalues,
    2,
    options.adcBvalues ? '--adc-b' : '--adc-b (default 0,800)',
  );
  const dkiShells = selectShells(shells, options.dkiBvalues, 3, options.dkiBvalues ? '--dki-b' : 'DKI (all shells)');
  const limits = { maxInputBytes: options.maxInputBytes, maxInflatedBytes: options.maxInflatedBytes };
  const masks = input.masks.map((m) => loadMask(m, dwi, limits));
  const nvox = voxelsPerVolume(dwi);
  const union: number[] = [];
  for (let i = 0; i < nvox; i++) if (masks.some((m) => m[i] === 1)) union.push(i);
  const indices = Int32Array.from(union);
  const signal = await gatherVoxels(dwi, indices);
  const plan = planWorkers(indices.length, options.workers ?? 'auto', conventions.dki.method, options.pool);
  const fit = await fitVoxels(
    {
      signal,
      bvals: [...shells.bvals],
      adcShells,
      dkiShells,
      dki: {
        method: conventions.dki.method,
        weights: conventions.dki.weights,
        kRange: conventions.dki.kRange as [number, number],
      },
    },
    { workers: plan.workers, blockSize: plan.blockSize, onProgress: options.onProgress, pool: options.pool },
  );
  const hc = (map: MapName): HistogramConventions => ({
    quantileType: conventions.quantileType,
    momentType: conventions.momentType,
    logBase: conventions.logBase,
    binning: conventions.binning[map],
  });
  const excluded = excludedFlagBits(conventions.flaggedVoxels);
  const warnings: string[] = [...shells.notes];
  const readers = masks.map((mask, r): VoiFeatures => {
    const counts: VoiCounts = {
      voxels: 0,
      adc_used: 0,
      adc_flagged: 0,
      adc_nonpositive: 0,
      adc_nonmonotone: 0,
      adc_failed: 0,
      dki_used: 0,
      dki_flagged: 0,
      dki_nonpositive: 0,
      dki_nonmonotone: 0,
      dki_failed: 0,
      dki_k_clipped: 0,
    };
    const adc: number[] = [];
    const d: number[] = [];
    const k: number[] = [];
    for (let u = 0; u < indices.length; u++) {
      if (mask[indices[u]] !== 1) continue;
      counts.voxels++;
      const af = fit.adcFlags[u];
      if (af !== 0) counts.adc_flagged++;
      if (af & FLAG.NONPOSITIVE_SIGNAL) counts.adc_nonpositive++;
      if (af & FLAG.NON_MONOTONE) counts.adc_nonmonotone++;
      if (af & FLAG.FIT_FAILURE) counts.adc_failed++;
      if (!(af & FLAG.FIT_FAILURE) && (af & excluded) === 0) {
        adc.push(fit.adc[u] * 1000);
        counts.adc_used++;
      }
      const df = fit.dkiFlags[u];
      if (df !== 0) counts.dki_flagged++;
      if (df & FLAG.NONPOSITIVE_SIGNAL) counts.dki_nonpositive++;
      if (df & FLAG.NON_MONOTONE) counts.dki_nonmonotone++;
      if (df & FLAG.FIT_FAILURE) counts.dki_failed++;
      if (df & FLAG.K_CLIPPED) counts.dki_k_clipped++;
      if (!(df & FLAG.FIT_FAILURE) && (df & excluded) === 0) {
        d.push(fit.d[u] * 1000);
        k.push(fit.k[u]);
        counts.dki_used++;
      }
    }
    const name = input.labels?.[r] ?? input.masks[r];
    const label = input.masks.length === 2 ? `reader ${r + 1} (${name})` : name;
    const features = {
      adc: histogramFeatures(adc, hc('adc'), `${label} ADC`),
      d: histogramFeatures(d, hc('d'), `${label} D`),
      k: histogramFeatures(k, hc('k'), `${label} K`),
    };
    for (const map of MAPS) warnings.push(...features[map].warnings);
    if (counts.adc_flagged + counts.dki_flagged > 0) {
      warnings.push(
        `${label}: ${counts.adc_flagged} ADC and ${counts.dki_flagged} DKI voxel(s) of ${counts.voxels} flagged ` +
          `(${counts.dki_nonpositive} non-positive signal, ${counts.dki_nonmonotone} non-monotone, ` +
          `${counts.dki_failed} failed, ${counts.dki_k_clipped} K clipped); ` +
          `${describePolicy(conventions.flaggedVoxels)}`,
      );
    }
    warnings.push(...flaggedShareWarnings(label, counts, maxShare, features));
    return { mask: name, counts, features };
  });
  const shellTable = formatShellTable(shells);
  return {
    readers,
    voxels: { indices, fit },
    dwi,
    bvals,
    shells,
    shellTable,
    conventions,
    warnings,
    workers: plan.note,
  };
}

/** The feature columns of a table with one or two readers, in output order (without patient_id). */
export function featureColumns(readers: 1 | 2): string[] {
  const cols: string[] = [];
  for (const map of MAPS) {
    for (const stat of STATS) {
      cols.push(`${map}_${stat}`);
      if (readers === 2) cols.push(`${map}_${stat}_r1`, `${map}_${stat}_r2`);
    }
  }
  for (const name of COUNT_NAMES) {
    if (readers === 2) cols.push(`voi_${name}_r1`, `voi_${name}_r2`);
    else cols.push(`voi_${name}`);
  }
  return cols;
}

/**
 * One output row: `<map>_<stat>` (and `_r1`/`_r2` with two readers, the unsuffixed column being their mean),
 * then the counts `voi_<count>` (`_r1`/`_r2`), see {@link COUNT_NAMES}. Values are numbers or null (NA).
 */
export function featureRow(result: FeatureExtraction): Record<string, number | null> {
  const row: Record<string, number | null> = {};
  const value = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const two = result.readers.length === 2;
  for (const map of MAPS) {
    for (const stat of STATS) {
      const per = result.readers.map((r) => value(r.features[map][stat]));
      if (two) {
        row[`${map}_${stat}`] = per[0] !== null && per[1] !== null ? (per[0] + per[1]) / 2 : null;
        row[`${map}_${stat}_r1`] = per[0];
        row[`${map}_${stat}_r2`] = per[1];
      } else row[`${map}_${stat}`] = per[0];
    }
  }
  for (const name of COUNT_NAMES) {
    result.readers.forEach((r, i) => {
      row[two ? `voi_${name}_r${i + 1}` : `voi_${name}`] = r.counts[name];
    });
  }
  return row;
}
