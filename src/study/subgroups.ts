/** Named row filters (study.yaml `subgroups`). Browser-safe. */
import type { Row } from './types.ts';

export interface Subgroup {
  label: string;
  /** column → allowed level codes; omitted = every row. */
  where?: Readonly<Record<string, readonly string[]>>;
}

/** The subgroup every study has, unless study.yaml relabels it. */
export const ALL_ROWS: Subgroup = { label: 'All rows' };

/** True when the row's value in every `where` column is one of the allowed codes (a missing value is not). */
export function inSubgroup(row: Row, subgroup: Subgroup): boolean {
  if (!subgroup.where) return true;
  return Object.entries(subgroup.where).every(([column, allowed]) => {
    const v = Object.hasOwn(row, column) ? row[column] : null;
    return v !== null && allowed.includes(String(v));
  });
}

/** Looks a subgroup up by name (own entries only; `all` always exists). */
export function subgroupNamed(
  subgroups: ReadonlyMap<string, Subgroup> | undefined,
  name: string,
): Subgroup | undefined {
  return subgroups?.get(name) ?? (name === 'all' ? ALL_ROWS : undefined);
}
