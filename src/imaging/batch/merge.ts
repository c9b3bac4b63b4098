/**
 * `restudy features merge`: joins the tables of the shards 1/n … n/n of one batch into the table an unsharded run
 * writes (same bytes): rows in manifest order, status and sidecar joined likewise. Refuses shards of different
 * manifests, options or tool versions, a missing or repeated shard, and a patient in two shards.
 */
import Papa from 'papaparse';
import { writeFileAtomic } from '../../io/atomicWrite.ts';
import { DEFAULT_MAX_INPUT_BYTES, readFileLimited } from '../../io/limitedRead.ts';
import { InputError } from '../../stats/_shared/errors.ts';
import type { PatientRecord } from './patient.ts';
import { batchPaths } from './runBatch.ts';

interface Sidecar {
  tool: string;
  columns: string;
  manifest: { file: string; sha256: string; patients: number };
  shard: { index: number; count: number } | null;
  conventions: unknown;
  patients: (PatientRecord & { row: number })[];
  failed: { id: string; row: number; reason: string }[];
}

function readText(file: string, what: string, maxBytes: number): string {
  try {
    return readFileLimited(file, { maxBytes, what }).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(file, `a readable ${what} (written by restudy features --manifest)`, code);
  }
}

function readSidecar(file: string, maxBytes: number): Sidecar {
  const text = readText(file, 'features sidecar', maxBytes);
  let doc: Sidecar;
  try {
    doc = JSON.parse(text) as Sidecar;
  } catch (error) {
    throw new InputError(file, 'the JSON sidecar of a features batch', `invalid JSON (${(error as Error).message})`);
  }
  if (typeof doc?.manifest?.sha256 !== 'string' || !Array.isArray(doc.patients) || !Array.isArray(doc.failed)) {
    throw new InputError(
      file,
      'the JSON sidecar of a features batch (with manifest, patients, failed)',
      'another JSON document',
    );
  }
  return doc;
}

function readCsv(file: string, what: string, maxBytes: number): string[][] {
  const parsed = Papa.parse<string[]>(readText(file, what, maxBytes), { skipEmptyLines: true });
  if (parsed.errors.length > 0)
    throw new InputError(
      `${file}: row ${(parsed.errors[0].row ?? 0) + 1}`,
      'well-formed CSV',
      parsed.errors[0].message,
    );
  if (parsed.data.length === 0) throw new InputError(file, `a ${what} with a header`, 'an empty file');
  return parsed.data;
}

/** Cells read back from a restudy CSV are already neutralised; only quoting is redone. */
function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function lines(rows: string[][]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

/** Which fields differ, as `field: this vs first` (top-level fields of an object, else the values). */
function differences(value: unknown, reference: unknown): string {
  const show = (x: unknown): string => (x === undefined ? 'absent' : typeof x === 'string' ? x : JSON.stringify(x));
  if (value === null || reference === null || typeof value !== 'object' || typeof reference !== 'object')
    return `${show(value)} vs ${show(reference)}`;
  const a = value as Record<string, unknown>;
  const b = reference as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k} ${show(a[k])} vs ${show(b[k])}`)
    .join('; ');
}

/**
 * Merges shard tables into `out` (with its status and sidecar).
 * @returns the number of patients and of failed patients in the merged table
 * @throws InputError for shards that do not belong together (named by file)
 */
export function mergeShards(
  tables: readonly string[],
  out: string,
  maxBytes = DEFAULT_MAX_INPUT_BYTES,
): { patients: number; failed: number } {
  if (tables.length === 0) throw new InputError('merge', 'one or more shard tables', 'none');
  const shards = tables.map((table) => {
    const paths = batchPaths(table);
    return {
      table,
      sidecarFile: paths.sidecar,
      sidecar: readSidecar(paths.sidecar, maxBytes),
      rows: readCsv(table, 'features table', maxBytes),
      status: readCsv(paths.status, 'status table', maxBytes),
    };
  });
  const first = shards[0];
  const count = first.sidecar.shard?.count ?? 1;
  const seenShards = new Map<number, string>();
  for (const s of shards) {
    const same = (what: string, a: unknown, b: unknown): void => {
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new InputError(
          s.sidecarFile,
          `the ${what} of ${first.sidecarFile} (shards of one batch are made with one tool version and one set ` +
            'of options; rerun the odd shard)',
          `a different ${what}: ${differences(a, b)}`,
        );
    };
    same('manifest', s.sidecar.manifest, first.sidecar.manifest);
    same('tool version', s.sidecar.tool, first.sidecar.tool);
    same('conventions', s.sidecar.conventions, first.sidecar.conventions);
    same('columns', s.rows[0], first.rows[0]);
    const shard = s.sidecar.shard ?? { index: 1, count: 1 };
    if (shard.count !== count)
      throw new InputError(
        s.sidecarFile,
        `a shard of ${count} (as ${first.sidecarFile})`,
        `shard ${shard.index}/${shard.count}`,
      );
    const other = seenShards.get(shard.index);
    if (other !== undefined)
      throw new InputError(
        s.table,
        `a shard not already given (${other} is shard ${shard.index}/${count})`,
        `shard ${shard.index}/${count}`,
      );
    seenShards.set(shard.index, s.table);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seenShards.has(i));
  if (missing.length > 0)
    throw new InputError(
      'merge',
      `all ${count} shards of the batch`,
      `no shard ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    );

  const rowOf = new Map<string, { row: number; from: string }>();
  const statusRows: { row: number; cells: string[] }[] = [];
  for (const s of shards) {
    for (const cells of s.status.slice(1)) {
      const row = Number(cells[1]);
      const prior = rowOf.get(cells[0]);
      if (prior)
        throw new InputError(s.table, `patients not in another shard (${prior.from})`, `patient_id ${cells[0]} twice`);
      rowOf.set(cells[0], { row, from: s.table });
      statusRows.push({ row, cells });
    }
  }
  const tableRows = shards
    .flatMap((s) => s.rows.slice(1))
    .map((cells) => ({ row: rowOf.get(cells[0])?.row ?? NaN, cells }));
  if (tableRows.some((r) => Number.isNaN(r.row)))
    throw new InputError('merge', 'every table row listed in its status file', 'a row without status');
  const byRow = (a: { row: number }, b: { row: number }): number => a.row - b.row;
  const paths = batchPaths(out);
  writeFileAtomic(paths.table, lines([first.rows[0], ...tableRows.sort(byRow).map((r) => r.cells)]));
  writeFileAtomic(paths.status, lines([first.status[0], ...statusRows.sort(byRow).map((r) => r.cells)]));
  const sidecar: Sidecar = {
    ...first.sidecar,
    shard: null,
    patients: shards.flatMap((s) => s.sidecar.patients).sort(byRow),
    failed: shards.flatMap((s) => s.sidecar.failed).sort(byRow),
  };
  writeFileAtomic(paths.sidecar, JSON.stringify(sidecar, null, 2) + '\n');
  return { patients: statusRows.length, failed: sidecar.failed.length };
}
