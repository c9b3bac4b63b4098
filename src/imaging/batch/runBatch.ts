/**
 * A cohort batch: every patient of a manifest (or of one shard of it) → one features table, resumable.
 *
 * State: one small JSON per finished patient in `<out>.parts/` (written atomically), holding the key of its inputs
 * (SHA-256 of the tool version, the resolved conventions, the id and the content of its DWI, b-value and mask
 * files) and its outcome. A rerun skips a patient whose part has the same key and status ok; a changed file or
 * option recomputes it; failed patients are retried. File contents are re-hashed only when a file's size or
 * modification time differs from the one recorded. The table, status and sidecar are assembled from the parts in
 * manifest order, so an interrupted and resumed batch writes exactly the bytes of an uninterrupted one.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../../io/atomicWrite.ts';
import { VERSION } from '../../version.ts';
import { featureColumns, resolveConventions } from '../extractFeatures.ts';
import type { FitPool } from '../fitVoxels.ts';
import { csvText } from './csv.ts';
import { type Manifest, type ManifestPatient, shardPatients } from './manifest.ts';
import { type PatientOutcome, type PatientRecord, type PatientTask, runPatient } from './patient.ts';

/** Version written into keys and sidecars: a new version recomputes every patient. */
export const BATCH_TOOL = `restudy features ${VERSION}`;

export interface BatchOptions {
  manifest: Manifest;
  /** the features table to write; `<out>.parts/`, `<stem>.status.csv` and `<stem>.conventions.json` go beside it */
  out: string;
  options: PatientTask['options'];
  /** @default { index: 1, count: 1 } */
  shard?: { index: number; count: number };
  /** a started pool: patients run in its workers, as many at a time as it has workers; else one at a time here */
  pool?: FitPool;
  /** called once per patient of the shard, skipped ones included */
  onPatient?: (done: number, total: number, id: string, status: 'ok' | 'failed' | 'skipped') => void;
}

export interface BatchSummary {
  total: number;
  skipped: number;
  fitted: number;
  failed: { id: string; row: number; reason: string }[];
  warnings: { id: string; warning: string }[];
  files: { table: string; status: string; sidecar: string };
}

interface InputStamp {
  file: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Part {
  format: 1;
  id: string;
  row: number;
  key: string;
  inputs: InputStamp[];
  outcome: PatientOutcome;
}

/** `features.csv` → `features` (the stem its companions share). */
function stem(out: string): string {
  return out.replace(/\.csv$/i, '');
}

/** The companion files of a features table. */
export function batchPaths(out: string) {
  return {
    table: out,
    status: `${stem(out)}.status.csv`,
    sidecar: `${stem(out)}.conventions.json`,
    parts: `${stem(out)}.parts`,
  };
}

function partFile(partsDir: string, id: string): string {
  return join(partsDir, `${createHash('sha256').update(id).digest('hex').slice(0, 24)}.json`);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Stamps of a patient's input files; content hashes reused from `previous` when size and mtime are unchanged. */
async function stampInputs(files: string[], previous: InputStamp[] | undefined): Promise<InputStamp[]> {
  const out: InputStamp[] = [];
  for (const file of files) {
    const st = statSync(file);
    if (!st.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTREG' });
    const old = previous?.find((p) => p.file === file);
    const same = old && old.size === st.size && old.mtimeMs === st.mtimeMs;
    out.push({ file, size: st.size, mtimeMs: st.mtimeMs, sha256: same ? old.sha256 : await sha256File(file) });
  }
  return out;
}

function readPart(file: string): Part | undefined {
  try {
    const part = JSON.parse(readFileSync(file, 'utf8')) as Part;
    return part.format === 1 && typeof part.key === 'string' ? part : undefined;
  } catch {
    return undefined; // absent, or cut short by a kill before the rename: recompute
  }
}

function keyOf(conventions: string, id: string, inputs: InputStamp[]): string {
  const h = createHash('sha256').update(BATCH_TOOL).update('\0').update(conventions).update('\0').update(id);
  for (const s of inputs) h.update('\0').update(s.sha256);
  return h.digest('hex');
}

/** Name of a path in outputs: relative to the manifest's folder, with forward slashes. */
function nameOf(manifest: Manifest, file: string): string {
  return relative(dirname(manifest.file), file).split(sep).join('/');
}

/**
 * Runs the batch and writes the table, the status file and the sidecar (each atomically).
 * Bad files of one patient fail that patient only; the summary lists the failures with their reasons.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const { manifest } = opts;
  const paths = batchPaths(opts.out);
  mkdirSync(paths.parts, { recursive: true });
  // temporary files of a part write that a kill interrupted (writeFileAtomic names them .<part>.tmp-…)
  for (const name of readdirSync(paths.parts)) {
    if (name.startsWith('.') && name.includes('.json.tmp-')) rmSync(join(paths.parts, name), { force: true });
  }
  const conventions = resolveConventions(opts.options);
  const conventionsJson = JSON.stringify(conventions);
  const patients = shardPatients(manifest.patients, opts.shard ?? { index: 1, count: 1 });
  const outcomes = new Map<string, PatientOutcome>();
  let skipped = 0;
  let fitted = 0;
  let done = 0;
  const process1 = async (p: ManifestPatient): Promise<void> => {
    const file = partFile(paths.parts, p.id);
    const previous = readPart(file);
    let outcome: PatientOutcome;
    let status: 'ok' | 'failed' | 'skipped';
    try {
      const inputs = await stampInputs(
        [p.dwi, p.bvals, ...p.masks],
        previous?.id === p.id ? previous.inputs : undefined,
      );
      const key = keyOf(conventionsJson, p.id, inputs);
      if (previous && previous.id === p.id && previous.key === key && previous.outcome.status === 'ok') {
        outcome = previous.outcome;
        status = 'skipped';
        skipped++;
      } else {
        const task: PatientTask = {
          id: p.id,
          row: p.row,
          dwi: p.dwi,
          bvals: p.bvals,
          masks: p.masks,
          options: opts.options,
          names: { dwi: nameOf(manifest, p.dwi), masks: p.masks.map((m) => nameOf(manifest, m)) },
        };
        outcome = opts.pool
          ? await opts.pool.run<PatientOutcome>('patient', { task }, `patient ${p.id}`)
          : await runPatient(task);
        status = outcome.status;
        fitted++;
        writeFileAtomic(file, JSON.stringify({ format: 1, id: p.id, row: p.row, key, inputs, outcome } satisfies Part));
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      outcome = {
        id: p.id,
        status: 'failed',
        reason: code ? `${(error as Error).message}` : `internal error: ${(error as Error).message}`,
      };
      status = 'failed';
    }
    outcomes.set(p.id, outcome);
    done++;
    opts.onPatient?.(done, patients.length, p.id, status);
  };
  const queue = [...patients];
  const lanes = opts.pool ? opts.pool.size + 1 : 1;
  await Promise.all(
    Array.from({ length: Math.min(lanes, queue.length) }, async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) await process1(p);
    }),
  );
  return writeBatchOutputs(opts, patients, outcomes, conventions, { skipped, fitted });
}

function writeBatchOutputs(
  opts: BatchOptions,
  patients: ManifestPatient[],
  outcomes: Map<string, PatientOutcome>,
  conventions: ReturnType<typeof resolveConventions>,
  counts: { skipped: number; fitted: number },
): BatchSummary {
  const paths = batchPaths(opts.out);
  const columns = featureColumns(opts.manifest.readers as 1 | 2);
  const rows: (string | number | null)[][] = [];
  const statusRows: (string | number | null)[][] = [];
  const records: (PatientRecord & { row: number })[] = [];
  const failed: BatchSummary['failed'] = [];
  const warnings: BatchSummary['warnings'] = [];
  for (const p of patients) {
    const o = outcomes.get(p.id) as PatientOutcome;
    if (o.status === 'ok') {
      rows.push([p.id, ...columns.map((c) => o.values[c] ?? null)]);
      records.push({ row: p.row, ...o.record });
      for (const w of o.record.warnings) warnings.push({ id: p.id, warning: w });
      statusRows.push([p.id, p.row, 'ok', '', o.record.warnings.length, o.record.warnings.join(' | ')]);
    } else {
      failed.push({ id: p.id, row: p.row, reason: o.reason });
      statusRows.push([p.id, p.row, 'failed', o.reason, 0, '']);
    }
  }
  writeFileAtomic(paths.table, csvText(['patient_id', ...columns], rows));
  writeFileAtomic(
    paths.status,
    csvText(['patient_id', 'manifest_row', 'status', 'reason', 'warnings', 'warning_text'], statusRows),
  );
  const sidecar = {
    tool: BATCH_TOOL,
    columns: COLUMNS_DOC,
    manifest: {
      file: basename(opts.manifest.file),
      sha256: opts.manifest.sha256,
      patients: opts.manifest.patients.length,
    },
    shard: opts.shard && opts.shard.count > 1 ? opts.shard : null,
    conventions,
    patients: records,
    failed,
  };
  writeFileAtomic(paths.sidecar, JSON.stringify(sidecar, null, 2) + '\n');
  return {
    total: patients.length,
    ...counts,
    failed,
    warnings,
    files: { table: paths.table, status: paths.status, sidecar: paths.sidecar },
  };
}

/** What the columns of a features table mean (the sidecar's `columns`). */
export const COLUMNS_DOC =
  'patient_id; <map>_<stat> for map in adc, d, k and stat in mean, median, p5, p95, skewness, kurtosis, entropy ' +
  '(with two readers: _r1, _r2 and the unsuffixed consensus = their mean); voi_<count> voxel and flag counts ' +
  '(_r1/_r2 with two readers); flag codes in conventions.flagCodes';
