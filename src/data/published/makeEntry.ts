import { parsePart, parsePrinted } from './parsePrinted.ts';
import type { PublishedKind, PublishedNumber, PublishedTable } from './types.ts';

/** Options common to the entry builders. */
export interface EntryOptions {
  readonly denominator?: number;
  readonly reconstructed?: boolean;
  readonly printedIn?: string;
  readonly refersTo?: readonly string[];
  readonly direction?: 'lower' | 'higher';
  readonly note?: string;
}

/**
 * Builds one entry from its location, printed text and kind, deriving value, interval, bound and a
 * printed denominator with `parsePart` — the same rules `loadPublished` re-checks. For transcribers.
 * @throws PrintedParseError when `printed` has no part of that kind.
 */
export function makeEntry(
  table: PublishedTable,
  row: string,
  column: string,
  printed: string,
  kind: PublishedKind,
  opts: EntryOptions = {},
): PublishedNumber {
  const part = parsePart(printed, kind);
  const denominator = part.denominator ?? opts.denominator;
  return {
    id: `${table}/${row}/${column}`,
    location: { table, row, column },
    printed,
    value: part.value,
    interval: part.interval === null ? null : [part.interval[0], part.interval[1]],
    ...(part.bound ? { bound: part.bound } : {}),
    kind,
    ...(denominator !== undefined && (kind === 'count' || kind === 'percent') ? { denominator } : {}),
    ...(opts.reconstructed ? { reconstructed: true } : {}),
    ...(opts.printedIn ? { printedIn: opts.printedIn } : {}),
    ...(opts.direction ? { direction: opts.direction } : {}),
    ...(opts.refersTo ? { refersTo: [...opts.refersTo] } : {}),
    ...(opts.note ? { note: opts.note } : {}),
  };
}

/**
 * Splits one printed cell into its entries, with the column-suffix convention of the format:
 * - "13/60 (21.7%)" / "23 (38.3%)" → `<col>` (count) and `<col>_pct` (percent);
 * - "47.87 ± 10.40" → `<col>_mean`, `<col>_sd`;
 * - "40.00 (31.00, 53.75)" → `<col>_median`, `<col>_q1`, `<col>_q3`;
 * - "0.763 (0.667–0.859)" → `<col>` (kind `estimateKind`), `<col>_ci_lower`, `<col>_ci_upper`;
 * - "0.543–0.794" → `<col>_lower`, `<col>_upper` (kinds ci_lower/ci_upper), or with `range: true`
 *   `<col>_min`, `<col>_max` (kinds range_min/range_max);
 * - anything else (a number, "< 0.001", "NA") → `<col>` of kind `estimateKind`.
 * `refersToCell: "table4/combined_all/auc"` makes each entry refer to the same part of that cell
 * (`…/auc`, `…/auc_ci_lower`, `…/auc_ci_upper`).
 */
export function makeCellEntries(
  table: PublishedTable,
  row: string,
  column: string,
  printed: string,
  estimateKind: PublishedKind,
  opts: EntryOptions & { readonly range?: boolean; readonly refersToCell?: string } = {},
): PublishedNumber[] {
  const cell = parsePrinted(printed);
  const e = (col: string, kind: PublishedKind): PublishedNumber =>
    makeEntry(
      table,
      row,
      col,
      printed,
      kind,
      opts.refersToCell ? { ...opts, refersTo: [`${opts.refersToCell}${col.slice(column.length)}`] } : opts,
    );
  switch (cell.form) {
    case 'count':
      return cell.percent ? [e(column, 'count'), e(`${column}_pct`, 'percent')] : [e(column, 'count')];
    case 'mean_sd':
      return [e(`${column}_mean`, 'mean'), e(`${column}_sd`, 'sd')];
    case 'center_pair':
      return cell.separator === 'comma'
        ? [e(`${column}_median`, 'median'), e(`${column}_q1`, 'q1'), e(`${column}_q3`, 'q3')]
        : [e(column, estimateKind), e(`${column}_ci_lower`, 'ci_lower'), e(`${column}_ci_upper`, 'ci_upper')];
    case 'range':
      return opts.range
        ? [e(`${column}_min`, 'range_min'), e(`${column}_max`, 'range_max')]
        : [e(`${column}_lower`, 'ci_lower'), e(`${column}_upper`, 'ci_upper')];
    default:
      return [e(column, estimateKind)];
  }
}
