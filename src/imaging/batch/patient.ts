/**
 * One patient of a batch: the whole extraction (read, fit, features) reduced to what the cohort table and the
 * sidecar keep, so it can run in a worker and post a small, structured-clone-safe outcome back.
 */

import { UsageError } from '../../io/errors.ts';
import { InputError } from '../../stats/_shared/errors.ts';
import { extractFeatures, type FeatureExtraction, type FeatureOptions, featureRow } from '../extractFeatures.ts';
import { shellRecord } from '../shells.ts';

/** What a worker needs to process one patient (plain data). */
export interface PatientTask {
  id: string;
  /** 1-based data row of the manifest */
  row: number;
  dwi: string;
  bvals: string;
  /** one or two readers' VOI masks */
  masks: string[];
  /** how the DWI and masks are named in the sidecar and messages (paths relative to the manifest) */
  names: { dwi: string; masks: string[] };
  /** feature options without callbacks or pools */
  options: Omit<FeatureOptions, 'onProgress' | 'pool' | 'workers'>;
}

/** The sidecar record of one patient: inputs, shells, counts and warnings. */
export interface PatientRecord {
  patient_id: string;
  dwi: string;
  bvals: number[];
  shells: ReturnType<typeof shellRecord>;
  masks: string[];
  dwiDatatype: string;
  dwiScaling: { slope: number; inter: number; applied: boolean };
  counts: FeatureExtraction['readers'][number]['counts'][];
  warnings: string[];
}

export type PatientOutcome =
  | { id: string; status: 'ok'; values: Record<string, number | null>; record: PatientRecord; shellTable: string }
  | { id: string; status: 'failed'; reason: string };

/** The sidecar record of a finished extraction. */
export function patientRecord(id: string, dwi: string, result: FeatureExtraction): PatientRecord {
  return {
    patient_id: id,
    dwi,
    bvals: result.bvals,
    shells: shellRecord(result.shells),
    masks: result.readers.map((r) => r.mask),
    dwiDatatype: result.dwi.datatypeName,
    dwiScaling: { ...result.dwi.scaling },
    counts: result.readers.map((r) => ({ ...r.counts })),
    warnings: result.warnings,
  };
}

/**
 * Runs one patient. Bad input (a missing or malformed file, b-values that do not form shells, an empty mask) and
 * unexpected errors both become a `failed` outcome with the reason, so the rest of the batch goes on.
 */
export async function runPatient(task: PatientTask): Promise<PatientOutcome> {
  try {
    const input = { dwi: task.dwi, bvals: task.bvals, masks: task.masks, labels: task.names.masks };
    const result = await extractFeatures(input, { ...task.options, workers: 1 });
    const record = patientRecord(task.id, task.names.dwi, result);
    return { id: task.id, status: 'ok', values: featureRow(result), record, shellTable: result.shellTable };
  } catch (error) {
    const known = error instanceof InputError || error instanceof UsageError;
    const message = (error as Error).message ?? String(error);
    return { id: task.id, status: 'failed', reason: known ? message : `internal error: ${message}` };
  }
}
