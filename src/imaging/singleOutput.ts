/**
 * Outputs of a one-patient `restudy features` run: the row (new table or `--append`), the sidecar, the maps.
 * Every file is written atomically (src/io); an appended table and sidecar are rewritten whole, never half.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Papa from 'papaparse';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { DEFAULT_MAX_INPUT_BYTES, readFileLimited } from '../io/limitedRead.ts';
import { InputError } from '../stats/_shared/errors.ts';
import { csvCell } from './batch/csv.ts';
import { patientRecord } from './batch/patient.ts';
import { BATCH_TOOL, COLUMNS_DOC } from './batch/runBatch.ts';
import { type FeatureExtraction, featureRow } from './extractFeatures.ts';
import { writeNifti } from './niftiWrite.ts';

/** Sidecar path: features.csv → features.conventions.json. */
export function sidecarPath(out: string): string {
  return out.replace(/\.csv$/i, '') + '.conventions.json';
}

/** Names a DWI file carries in many layouts, which say nothing about the patient. */
const GENERIC_STEMS = new Set(['dwi', 'data', 'image', 'diffusion', 'dki', 'dti', 'series', 'ep2d_diff']);

/**
 * The default patient_id: the DWI file name without extension and without a BIDS `_dwi` suffix
 * (`sub-01_ses-1_dwi.nii.gz` → `sub-01_ses-1`); when that leaves a generic name (`dwi.nii.gz`), the name of the
 * folder holding it (`P001/dwi.nii.gz` → `P001`).
 */
export function defaultPatientId(dwi: string): string {
  const stem = basename(dwi).replace(/\.nii(\.gz)?$/i, '');
  const trimmed = stem.replace(/[_-]dwi$/i, '');
  if (trimmed !== '' && !GENERIC_STEMS.has(trimmed.toLowerCase())) return trimmed;
  const folder = basename(dirname(dwi));
  return folder !== '' && folder !== '.' && folder !== '/' ? folder : stem;
}

function readJson(file: string): { conventions: unknown; patients: unknown[] } {
  const text = readFileLimited(file, { maxBytes: DEFAULT_MAX_INPUT_BYTES, what: 'the features sidecar' }).toString(
    'utf8',
  );
  let doc: { conventions: unknown; patients: unknown[] };
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      file,
      'the JSON sidecar written with the table (delete the table and sidecar to start anew)',
      `invalid JSON (${(error as Error).message})`,
    );
  }
  if (!Array.isArray(doc?.patients))
    throw new InputError(file, 'the JSON sidecar of a features table (with "patients")', 'another JSON document');
  return doc;
}

/**
 * Writes (or appends) one patient's row and the sidecar.
 * @throws InputError for an append onto a table with other columns, a duplicate id, other conventions, a corrupt
 * sidecar
 */
export function writeFeatureOutputs(
  out: string,
  id: string,
  dwi: string,
  result: FeatureExtraction,
  append: boolean,
): void {
  const row = { patient_id: id, ...featureRow(result) };
  const header = Object.keys(row);
  const line = Object.values(row).map(csvCell).join(',');
  const sidecar = sidecarPath(out);
  const record = { row: 1, ...patientRecord(id, dwi, result) };
  if (append && existsSync(out)) {
    const text = readFileLimited(out, { maxBytes: DEFAULT_MAX_INPUT_BYTES, what: 'the features table' }).toString(
      'utf8',
    );
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    const existing = parsed.data[0] ?? [];
    if (existing.join(',') !== header.join(','))
      throw new InputError(
        '--out',
        `a features CSV with the same columns (${header.length})`,
        `${existing.length} different columns in ${out}`,
      );
    const neutral = csvCell(id);
    if (parsed.data.slice(1).some((r) => r[0] === id || csvCell(r[0]) === neutral))
      throw new InputError('--id', `a patient_id not yet in ${out}`, id);
    if (!existsSync(sidecar)) throw new InputError(sidecar, `the sidecar written with ${out}`, 'a missing file');
    const previous = readJson(sidecar);
    if (JSON.stringify(previous.conventions) !== JSON.stringify(result.conventions)) {
      throw new InputError(
        'options',
        `the conventions recorded in ${sidecar} (append only with identical options)`,
        'different conventions',
      );
    }
    previous.patients.push({ ...record, row: previous.patients.length + 1 });
    writeFileAtomic(out, (text.endsWith('\n') ? text : `${text}\n`) + line + '\n');
    writeFileAtomic(sidecar, JSON.stringify(previous, null, 2) + '\n');
    return;
  }
  writeFileAtomic(out, header.map(csvCell).join(',') + '\n' + line + '\n');
  const doc = { tool: BATCH_TOOL, columns: COLUMNS_DOC, conventions: result.conventions, patients: [record] };
  writeFileAtomic(sidecar, JSON.stringify(doc, null, 2) + '\n');
}

/** The map files `--maps-dir` writes. */
export const MAP_FILES = ['adc', 'd', 'k', 'adc_flags', 'dki_flags'].map((m) => `${m}.nii.gz`);

/** Writes the ADC, D, K and flag maps (VOI union, float32 NIfTI on the DWI grid) into `dir`. */
export function writeMaps(dir: string, result: FeatureExtraction): void {
  mkdirSync(dir, { recursive: true });
  const n = result.dwi.dims[0] * result.dwi.dims[1] * result.dwi.dims[2];
  const { indices, fit } = result.voxels;
  const maps: Record<string, Float32Array> = {
    adc: new Float32Array(n),
    d: new Float32Array(n),
    k: new Float32Array(n),
    adc_flags: new Float32Array(n),
    dki_flags: new Float32Array(n),
  };
  for (let u = 0; u < indices.length; u++) {
    maps.adc[indices[u]] = fit.adc[u] * 1000;
    maps.d[indices[u]] = fit.d[u] * 1000;
    maps.k[indices[u]] = fit.k[u];
    maps.adc_flags[indices[u]] = fit.adcFlags[u];
    maps.dki_flags[indices[u]] = fit.dkiFlags[u];
  }
  for (const [name, data] of Object.entries(maps)) {
    const unit = name === 'adc' || name === 'd' ? ' 1e-3 mm2/s' : name.endsWith('flags') ? ' bits 1,2,4,8' : '';
    writeNifti(join(dir, `${name}.nii.gz`), {
      dims: result.dwi.dims.slice(0, 3),
      data,
      datatype: 16,
      affine: result.dwi.affine,
      voxelSize: result.dwi.voxelSize,
      description: `restudy ${name}${unit} (VOI union only)`,
    });
  }
}
