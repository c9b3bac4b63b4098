import type { PublishedRef, Status } from './types.ts';

/**
 * Compares a reproduced value with a printed number.
 * - nothing printed → `not-printed`;
 * - printed "NA" (value null, no interval) → agrees only when we also print NA;
 * - an upper bound ("< 0.001") → agrees when the reproduced value is below it;
 * - otherwise agrees when the value lies in the printed rounding interval [lo, hi] (the loader's interval;
 *   closed at both ends, with a relative slack of 1e-12 for binary representation).
 */
export function compareToPublished(
  value: number | null,
  display: string,
  pub: PublishedRef | null,
): { status: Status; note?: string } {
  if (!pub) return { status: 'not-printed' };
  if (pub.value === null && pub.interval === null) {
    return display === 'NA' || value === null
      ? { status: 'agrees' }
      : { status: 'differs', note: `printed ${pub.printed}, reproduced ${display}` };
  }
  if (value === null) return { status: 'differs', note: `reproduced NA, printed ${pub.printed}` };
  const slack = (x: number): number => 1e-12 * Math.max(1, Math.abs(x));
  if (pub.bound === 'upper') {
    const limit = pub.interval ? pub.interval[1] : (pub.value as number);
    return value < limit + slack(limit) ? { status: 'agrees' } : { status: 'differs' };
  }
  if (pub.bound === 'lower') {
    const limit = pub.interval ? pub.interval[0] : (pub.value as number);
    return value > limit - slack(limit) ? { status: 'agrees' } : { status: 'differs' };
  }
  if (pub.interval) {
    const [lo, hi] = pub.interval;
    return value >= lo - slack(lo) && value <= hi + slack(hi) ? { status: 'agrees' } : { status: 'differs' };
  }
  return Math.abs(value - (pub.value as number)) <= slack(pub.value as number)
    ? { status: 'agrees' }
    : { status: 'differs' };
}

/** Looks printed numbers up by location; tracks which were used. */
export class PublishedIndex {
  private readonly byKey = new Map<string, PublishedRef>();
  private readonly used = new Set<string>();
  constructor(
    private readonly entries: readonly (PublishedRef & { location: { table: string; row: string; column: string } })[],
  ) {
    for (const e of entries) this.byKey.set(PublishedIndex.key(e.location.table, e.location.row, e.location.column), e);
  }
  static key(table: string, row: string, column: string): string {
    return `${table}|${row}|${column}`;
  }
  get(table: string, row: string, column: string): PublishedRef | null {
    const k = PublishedIndex.key(table, row, column);
    const e = this.byKey.get(k);
    if (!e) return null;
    this.used.add(k);
    return strip(e);
  }
  has(table: string, row: string, column: string): boolean {
    return this.byKey.has(PublishedIndex.key(table, row, column));
  }
  /** Entries of the given tables that no cell used. */
  unused(tables: ReadonlySet<string>): PublishedRef[] {
    return this.entries
      .filter(
        (e) =>
          tables.has(e.location.table) &&
          !this.used.has(PublishedIndex.key(e.location.table, e.location.row, e.location.column)),
      )
      .map((e) => ({
        ...strip(e),
        note: `${e.location.table}/${e.location.row}/${e.location.column}${e.note ? `: ${e.note}` : ''}`,
      }));
  }
  get size(): number {
    return this.entries.length;
  }
}

function strip(e: PublishedRef): PublishedRef {
  const out: PublishedRef = {
    id: e.id,
    printed: e.printed,
    value: e.value,
    interval: e.interval ? [e.interval[0], e.interval[1]] : null,
  };
  if (e.bound) out.bound = e.bound;
  if (e.kind) out.kind = e.kind;
  if (e.reconstructed) out.reconstructed = true;
  if (e.note) out.note = e.note;
  return out;
}
