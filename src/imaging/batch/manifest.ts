/**
 * The batch manifest: one row per patient with its id, DWI series, b-value file and one or two readers' VOI masks.
 *
 * ```csv
 * patient_id,dwi,bvals,voi_r1,voi_r2
 * S001,S001/dwi.nii.gz,S001/dwi.bval,S001/voi_r1.nii.gz,S001/voi_r2.nii.gz
 * ```
 * Relative paths are relative to the manifest's folder. Column aliases: `id` for patient_id, `mask`/`mask_r1` for
 * voi_r1, `mask2`/`mask_r2` for voi_r2. Extra columns are refused (a typo would otherwise drop a reader).
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import Papa from 'papaparse';
import { DEFAULT_MAX_INPUT_BYTES, readFileLimited } from '../../io/limitedRead.ts';
import { InputError } from '../../stats/_shared/errors.ts';

export interface ManifestPatient {
  /** 1-based data row (the header is line 1, so row r is line r + 1) */
  row: number;
  id: string;
  dwi: string;
  bvals: string;
  masks: string[];
}

export interface Manifest {
  file: string;
  /** SHA-256 of the manifest's bytes (shards of one batch must share it) */
  sha256: string;
  /** 1 or 2 */
  readers: number;
  patients: ManifestPatient[];
}

const ALIASES: ReadonlyMap<string, string> = new Map([
  ['patient_id', 'patient_id'],
  ['id', 'patient_id'],
  ['dwi', 'dwi'],
  ['bvals', 'bvals'],
  ['bval', 'bvals'],
  ['voi_r1', 'voi_r1'],
  ['mask', 'voi_r1'],
  ['mask_r1', 'voi_r1'],
  ['voi', 'voi_r1'],
  ['voi_r2', 'voi_r2'],
  ['mask2', 'voi_r2'],
  ['mask_r2', 'voi_r2'],
]);
const REQUIRED = ['patient_id', 'dwi', 'bvals', 'voi_r1'] as const;

/**
 * Reads and checks a manifest.
 * @throws InputError naming file, row and column for a missing column, an empty cell, a duplicate id, an unknown
 *   column; InputLimitError (exit 2) for a file above `maxBytes`
 */
export function readManifest(file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): Manifest {
  let text: string;
  let sha256: string;
  try {
    const bytes = readFileLimited(file, { maxBytes, what: 'the manifest' });
    sha256 = createHash('sha256').update(bytes).digest('hex');
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(file, 'a readable manifest CSV', code);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new InputError(`${file}: row ${(e.row ?? 0) + 1}`, 'well-formed CSV', e.message);
  }
  const [header, ...rows] = parsed.data;
  if (!header)
    throw new InputError(file, 'a manifest with a header (patient_id,dwi,bvals,voi_r1[,voi_r2])', 'an empty file');
  const columns = header.map((h, c) => {
    const name = ALIASES.get(h.trim().toLowerCase());
    if (name === undefined) {
      throw new InputError(
        `${file}: column ${c + 1}`,
        `one of ${[...new Set(ALIASES.values())].join(', ')} (or an alias)`,
        h,
      );
    }
    return name;
  });
  for (const name of REQUIRED) {
    if (!columns.includes(name)) throw new InputError(file, `a column ${name}`, `columns ${header.join(', ')}`);
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new InputError(file, `one column for ${duplicate}`, `columns ${header.join(', ')}`);
  const readers = columns.includes('voi_r2') ? 2 : 1;
  const base = dirname(file);
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const seen = new Map<string, number>();
  const patients = rows.map((cells, r): ManifestPatient => {
    const row = r + 1;
    if (cells.length !== header.length) {
      throw new InputError(`${file}: row ${row} (line ${row + 1})`, `${header.length} cells`, `${cells.length} cells`);
    }
    const cell = (name: string): string => {
      const c = columns.indexOf(name);
      const v = cells[c].trim();
      if (v === '')
        throw new InputError(`${file}: row ${row} (line ${row + 1}), column ${header[c]}`, 'a value', 'an empty cell');
      return v;
    };
    const id = cell('patient_id');
    const first = seen.get(id);
    if (first !== undefined)
      throw new InputError(
        `${file}: row ${row}, column ${header[columns.indexOf('patient_id')]}`,
        `a patient_id not already on row ${first}`,
        id,
      );
    seen.set(id, row);
    const masks = [at(cell('voi_r1')), ...(readers === 2 ? [at(cell('voi_r2'))] : [])];
    return { row, id, dwi: at(cell('dwi')), bvals: at(cell('bvals')), masks };
  });
  if (patients.length === 0) throw new InputError(file, 'at least one patient row', 'a header only');
  return { file, sha256, readers, patients };
}

/** `--shard i/n` → { index: i, count: n } (1 ≤ i ≤ n). @throws InputError for anything else */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= 100_000)) {
    throw new InputError('--shard', '"i/n" with 1 ≤ i ≤ n (e.g. 2/8)', text);
  }
  return { index, count };
}

/** The patients of shard i/n: every n-th patient in manifest order, starting at the i-th. */
export function shardPatients<T>(patients: readonly T[], shard: { index: number; count: number }): T[] {
  return patients.filter((_, k) => k % shard.count === shard.index - 1);
}
