/** Helpers shared by the analysis kinds: outcomes, subgroups, labels, missing values. Browser-safe. */
import { z } from 'zod';
import { inSubgroup, type Subgroup, subgroupNamed } from '../subgroups.ts';
import type { ColumnInfo, Row, Value } from '../types.ts';
import type { CheckContext, KindContext } from './_kind.ts';

export { identifier } from './summaryTable.schema.ts';

/** A binary outcome from a categorical column: `event` is coded 1; `versus` (default: every other level) 0. */
export const outcomeSchema = z.strictObject({
  variable: z.string().min(1),
  event: z.string().min(1),
  versus: z.array(z.string().min(1)).min(1).optional(),
});
export type OutcomeSpec = z.infer<typeof outcomeSchema>;

/** A column's value (own properties only, so `constructor` or `__proto__` never reach Object.prototype). */
export const columnValue = (r: Row, column: string): Value => (Object.hasOwn(r, column) ? (r[column] ?? null) : null);

export function levelLabel(columns: ReadonlyMap<string, ColumnInfo>, variable: string, code: string): string {
  return columns.get(variable)?.levels?.find((l) => l.code === code)?.label ?? code;
}

export function columnLabel(columns: ReadonlyMap<string, ColumnInfo>, variable: string): string {
  const c = columns.get(variable);
  return c ? (c.unit ? `${c.label} (${c.unit})` : c.label) : variable;
}

export function checkOutcome(o: OutcomeSpec, ctx: CheckContext, at: string): string[] {
  const col = ctx.columns.get(o.variable);
  if (!col) return [`${at}.variable: no column "${o.variable}" in the codebook`];
  if (col.type !== 'categorical' || !col.levels)
    return [`${at}.variable: "${o.variable}" is ${col.type}, not categorical`];
  const codes = col.levels.map((l) => l.code);
  const out: string[] = [];
  if (!codes.includes(o.event))
    out.push(`${at}.event: "${o.event}" is not a level of ${o.variable} (have ${codes.join(', ')})`);
  o.versus?.forEach((v, i) => {
    if (!codes.includes(v))
      out.push(`${at}.versus.${i}: "${v}" is not a level of ${o.variable} (have ${codes.join(', ')})`);
    if (v === o.event) out.push(`${at}.versus.${i}: "${v}" is the event level`);
  });
  return out;
}

export interface Outcome {
  variable: string;
  event: string;
  eventLabel: string;
  versusLabel: string;
  /** 1 for the event, 0 for a versus level, null for a row outside the outcome (or missing). */
  code: (r: Row) => 0 | 1 | null;
}

export function outcomeOf(o: OutcomeSpec, columns: ReadonlyMap<string, ColumnInfo>): Outcome {
  const codes = columns.get(o.variable)?.levels?.map((l) => l.code) ?? [];
  const versus = o.versus ?? codes.filter((c) => c !== o.event);
  return {
    variable: o.variable,
    event: o.event,
    eventLabel: levelLabel(columns, o.variable, o.event),
    versusLabel: versus.map((v) => levelLabel(columns, o.variable, v)).join(' / '),
    code: (r) => {
      const v = columnValue(r, o.variable);
      if (v === null) return null;
      if (String(v) === o.event) return 1;
      return versus.includes(String(v)) ? 0 : null;
    },
  };
}

export function checkSubgroup(name: string, ctx: CheckContext, at: string): string[] {
  if (subgroupNamed(ctx.subgroups, name)) return [];
  return [
    `${at}: no subgroup "${name}" ` +
      `(have ${['all', ...[...ctx.subgroups.keys()].filter((k) => k !== 'all')].join(', ')})`,
  ];
}

export function subgroupRows(ctx: KindContext, name: string): { rows: Row[]; subgroup: Subgroup } {
  const subgroup = subgroupNamed(ctx.subgroups, name) as Subgroup;
  return { rows: ctx.data.filter((r) => inSubgroup(r, subgroup)), subgroup };
}

/** Problems when `variable` is not a numeric column. */
export function checkNumeric(variable: string, ctx: CheckContext, at: string): string[] {
  const col = ctx.columns.get(variable);
  if (!col) return [`${at}: no column "${variable}" in the codebook`];
  if (col.type !== 'numeric') return [`${at}: "${variable}" is ${col.type}; a numeric column is needed`];
  return [];
}

/** Records the rows left out because a needed value is missing (by row id) and returns the rows kept. */
export function completeRows(
  ctx: KindContext,
  table: string,
  rows: readonly Row[],
  variables: readonly string[],
): Row[] {
  const kept = rows.filter((r) => variables.every((v) => columnValue(r, v) !== null));
  if (kept.length < rows.length) {
    const keptSet = new Set(kept);
    ctx.exclusions.push({
      table,
      variable: variables.join('+'),
      patientIds: rows.filter((r) => !keptSet.has(r)).map((r) => ctx.rowId(r)),
    });
  }
  return kept;
}
