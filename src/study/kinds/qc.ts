/**
 * The `qc` kind: what the image fits flagged in each reader's VOI, from per-patient count columns (the `voi_*`
 * columns `restudy features` writes). Per reader: patients with counts, VOI voxels, and per fit the patients with
 * any flagged voxel, each flag code summed and as a share of the VOI voxels, and the patients whose share of
 * flagged voxels is above the warning level, listed by id (and repeated as a warning). Column names come from
 * the spec, never from a study: any tool that writes per-patient counts can be summarised. Browser-safe.
 */
import { z } from 'zod';
import { display } from '../cells.ts';
import { fixed } from '../format.ts';
import type { Cell, DisplayCell, Row, TableColumn, TableRow } from '../types.ts';
import { checkNumeric, checkSubgroup, columnValue, identifier, subgroupRows } from './_common.ts';
import type { AnalysisOutput, CheckContext, Kind, KindContext } from './_kind.ts';
import { tableFields, tableResult } from './summaryTable.schema.ts';

const flagEntry = z.strictObject({
  /** The code as the flag maps write it (a bit: 1, 2, 4, 8 …). */
  code: z.number().int().positive(),
  label: z.string().min(1),
  /** Column stem of the per-patient count of voxels carrying this flag. */
  column: z.string().min(1),
});

const fitEntry = z.strictObject({
  id: identifier,
  label: z.string().min(1),
  /** Column stem of the count of voxels with any flag in this fit. */
  flagged: z.string().min(1),
  /** Optional column stem of the count of voxels the features rest on. */
  used: z.string().min(1).optional(),
  flags: z.array(flagEntry).default([]),
});

const readerEntry = z.strictObject({ suffix: z.string().min(1), label: z.string().min(1) });

export const qcSchema = z.strictObject({
  ...tableFields,
  kind: z.literal('qc'),
  /** Column stem of each VOI's voxel count (the denominator of every share). */
  voxels: z.string().min(1),
  /** One result column per reader: count columns `<stem><suffix>`. Without it, one column of `<stem>`. */
  readers: z.array(readerEntry).min(1).optional(),
  /** A VOI with more than this share of its voxels flagged by a fit is listed (restudy features' default). */
  maxFlaggedShare: z.number().min(0).max(1).default(0.25),
  fits: z.array(fitEntry).min(1),
});
export type QcSpec = z.infer<typeof qcSchema>;

interface Reader {
  key: string;
  label: string;
  suffix: string;
}

function readersOf(spec: QcSpec): Reader[] {
  if (!spec.readers) return [{ key: 'all', label: 'VOI', suffix: '' }];
  return spec.readers.map((r, i) => ({
    key: r.suffix.replace(/[^A-Za-z0-9_]/g, '').replace(/^_+/, '') || `reader${i + 1}`,
    label: r.label,
    suffix: r.suffix,
  }));
}

/** Every count column stem of the spec, with where it is named. */
function stemsOf(spec: QcSpec): { stem: string; at: string }[] {
  return [
    { stem: spec.voxels, at: 'voxels' },
    ...spec.fits.flatMap((f, i) => [
      { stem: f.flagged, at: `fits.${i}.flagged` },
      ...(f.used ? [{ stem: f.used, at: `fits.${i}.used` }] : []),
      ...f.flags.map((g, j) => ({ stem: g.column, at: `fits.${i}.flags.${j}.column` })),
    ]),
  ];
}

function check(spec: QcSpec, ctx: CheckContext): string[] {
  const out = checkSubgroup(spec.subgroup, ctx, 'subgroup');
  const readers = readersOf(spec);
  for (const { stem, at } of stemsOf(spec))
    for (const r of readers) out.push(...checkNumeric(`${stem}${r.suffix}`, ctx, at));
  const keys = readers.map((r) => r.key);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i) out.push(`readers.${i}.suffix: gives the same column key "${k}" as an earlier reader`);
  });
  spec.fits.forEach((f, i) => {
    if (spec.fits.findIndex((g) => g.id === f.id) !== i) out.push(`fits.${i}.id: "${f.id}" is used twice`);
    f.flags.forEach((g, j) => {
      if (f.flags.findIndex((h) => h.code === g.code) !== j)
        out.push(`fits.${i}.flags.${j}.code: ${g.code} is listed twice in fit "${f.id}"`);
    });
  });
  return out;
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? 'NA' : `${fixed((100 * part) / whole, part > 0 && (100 * part) / whole < 0.1 ? 2 : 1)}%`;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The per-patient counts of one reader: only patients with every count of the spec present. */
interface ReaderCounts {
  reader: Reader;
  ids: string[];
  /** count column stem → one value per patient of `ids` */
  values: Map<string, number[]>;
  missingIds: string[];
}

function countsOf(spec: QcSpec, ctx: KindContext, rows: readonly Row[], reader: Reader): ReaderCounts {
  const stems = [...new Set(stemsOf(spec).map((s) => s.stem))];
  const values = new Map(stems.map((s) => [s, [] as number[]]));
  const ids: string[] = [];
  const missingIds: string[] = [];
  for (const row of rows) {
    const got = stems.map((s) => columnValue(row, `${s}${reader.suffix}`));
    if (got.some((v) => v === null)) {
      missingIds.push(ctx.rowId(row));
      continue;
    }
    ids.push(ctx.rowId(row));
    stems.forEach((s, i) => values.get(s)?.push(Number(got[i])));
  }
  return { reader, ids, values, missingIds };
}

function run(spec: QcSpec, ctx: KindContext): AnalysisOutput {
  const table = spec.published ?? spec.id;
  const { rows, subgroup } = subgroupRows(ctx, spec.subgroup);
  const readers = readersOf(spec);
  const all = readers.map((r) => countsOf(spec, ctx, rows, r));
  const columns: TableColumn[] = readers.map((r) => ({ key: r.key, label: r.label }));
  const notes: string[] = [];
  const warnings: string[] = [];
  const head = { publishedTable: table, subgroupLabel: subgroup.label };
  const n = { total: rows.length };
  if (all.every((c) => c.ids.length === 0)) {
    notes.push(
      `No patient of the ${rows.length} has the count columns of this table (${spec.voxels}${readers[0].suffix} ` +
        `and the others the spec names): no image QC to show. They come with a features table ` +
        '(restudy features --manifest) joined to the cohort.',
    );
    return { id: spec.id, kind: spec.kind, table: tableResult(spec, head, { n, columns, rows: [], notes, warnings }) };
  }
  const cell = (row: string, column: string, value: number, text: string, method: string): Cell =>
    ctx.cells(table, row, column, value, text, { method, register: false });
  /** One row: a count per reader and, when `whole` is given, its share of it. */
  const countRow = (
    key: string,
    label: string,
    level: 0 | 1,
    of: (c: ReaderCounts) => { count: number; whole?: number; method: string; extra?: string },
  ): TableRow => {
    const cells: Record<string, DisplayCell> = {};
    for (const c of all) {
      const { count, whole, method, extra } = of(c);
      const parts = [cell(key, c.reader.key, count, String(count), method)];
      let text = String(count);
      if (whole !== undefined) {
        const share = whole === 0 ? null : count / whole;
        parts.push(
          ctx.cells(table, key, `${c.reader.key}_share`, share, percent(count, whole), {
            method: `share: ${method} / ${whole}`,
            register: false,
          }),
        );
        text += ` (${percent(count, whole)})`;
      }
      cells[c.reader.key] = display(extra ? `${text}: ${extra}` : text, parts);
    }
    return { key, label, level, cells };
  };
  const col = (c: ReaderCounts, stem: string): number[] => c.values.get(stem) ?? [];
  /** each reader's VOI voxels summed once: the denominator of every share of its column */
  const voxelTotals = new Map(all.map((c) => [c, sum(col(c, spec.voxels))]));
  const voxelsOf = (c: ReaderCounts): number => voxelTotals.get(c) ?? 0;
  const rowsOut: TableRow[] = [
    countRow('patients', 'Patients with counts', 0, (c) => ({
      count: c.ids.length,
      whole: rows.length,
      method: `patients with every count column of ${c.reader.label}`,
    })),
    countRow('voxels', 'VOI voxels (sum over patients)', 0, (c) => ({
      count: voxelsOf(c),
      method: `sum of ${spec.voxels}${c.reader.suffix}`,
    })),
  ];
  const threshold = `${fixed(100 * spec.maxFlaggedShare, 0)}%`;
  for (const fit of spec.fits) {
    rowsOut.push({ key: `section:${fit.id}`, label: fit.label, level: 0, section: true, cells: {} });
    if (fit.used)
      rowsOut.push(
        countRow(`${fit.id}:used`, 'Voxels the features rest on', 1, (c) => ({
          count: sum(col(c, fit.used as string)),
          whole: voxelsOf(c),
          method: `sum of ${fit.used}${c.reader.suffix}`,
        })),
      );
    rowsOut.push(
      countRow(`${fit.id}:patients_flagged`, 'Patients with any flagged voxel', 1, (c) => ({
        count: col(c, fit.flagged).filter((v) => v > 0).length,
        whole: c.ids.length,
        method: `patients with ${fit.flagged}${c.reader.suffix} > 0`,
      })),
      countRow(`${fit.id}:flagged`, 'Flagged voxels (any code)', 1, (c) => ({
        count: sum(col(c, fit.flagged)),
        whole: voxelsOf(c),
        method: `sum of ${fit.flagged}${c.reader.suffix}`,
      })),
    );
    for (const flag of fit.flags)
      rowsOut.push(
        countRow(`${fit.id}:code${flag.code}`, `Code ${flag.code}: ${flag.label}`, 1, (c) => ({
          count: sum(col(c, flag.column)),
          whole: voxelsOf(c),
          method: `sum of ${flag.column}${c.reader.suffix}`,
        })),
      );
    rowsOut.push(
      countRow(`${fit.id}:above`, `Patients with more than ${threshold} of VOI voxels flagged`, 1, (c) => {
        const voxels = col(c, spec.voxels);
        const above = col(c, fit.flagged)
          .map((v, i) => ({ id: c.ids[i], share: voxels[i] === 0 ? 0 : v / voxels[i] }))
          .filter((p) => p.share > spec.maxFlaggedShare);
        if (above.length)
          warnings.push(
            `${fit.label}, ${c.reader.label}: ${above.length} patient(s) with more than ${threshold} of the VOI ` +
              `voxels flagged: ${above.map((p) => `${p.id} (${fixed(100 * p.share, 1)}%)`).join(', ')}`,
          );
        return {
          count: above.length,
          whole: c.ids.length,
          method:
            `patients with ${fit.flagged}${c.reader.suffix} / ${spec.voxels}${c.reader.suffix} > ` +
            `${spec.maxFlaggedShare}`,
          ...(above.length ? { extra: above.map((p) => p.id).join(', ') } : {}),
        };
      }),
    );
  }
  for (const c of all) {
    const voxels = col(c, spec.voxels);
    for (const [stem, values] of c.values) {
      const over = c.ids.filter((_, i) => values[i] > voxels[i]);
      if (stem !== spec.voxels && over.length)
        warnings.push(
          `${c.reader.label}: ${stem}${c.reader.suffix} is larger than ${spec.voxels}${c.reader.suffix} ` +
            `for ${over.join(', ')}; the counts do not come from one VOI`,
        );
    }
    if (!c.missingIds.length) continue;
    ctx.exclusions.push({ table: spec.id, variable: `counts of ${c.reader.label}`, patientIds: c.missingIds });
    notes.push(
      `${c.reader.label}: ${c.missingIds.length} of ${rows.length} patients have no counts ` +
        `(no features row, or a failed fit); listed under the inputs.`,
    );
  }
  notes.push(
    'Shares are of the VOI voxels summed over the patients with counts. A voxel may carry several codes ' +
      '(the codes are bits of the flag maps), so the code rows can add up to more than the flagged voxels. ' +
      `A patient is listed when more than ${threshold} of the voxels of its VOI are flagged in a fit ` +
      `(maxFlaggedShare ${spec.maxFlaggedShare}).`,
  );
  return {
    id: spec.id,
    kind: spec.kind,
    table: tableResult(spec, head, { n, columns, rows: rowsOut, notes, warnings }),
  };
}

export const qcKind: Kind<QcSpec> = { schema: qcSchema, sources: () => [], check, run };
