import { makeCellEntries, makeEntry } from '../../data/published/makeEntry.ts';
import { PrintedParseError, parsePrinted } from '../../data/published/parsePrinted.ts';
import {
  PUBLISHED_TABLE_PATTERN,
  type PublishedContext,
  type PublishedNumber,
  type PublishedTable,
} from '../../data/published/types.ts';
import { captionKey } from './captions.ts';
import { type ColumnInfo, nameGroups, readHeader, slug } from './headers.ts';
import type { DocumentCell, DocumentTable } from './types.ts';

/** A table turned into published numbers: the file body (without `file`) and what could not be read. */
export interface ExtractedTable {
  readonly table: PublishedTable;
  readonly title: string;
  readonly context: PublishedContext;
  readonly numbers: readonly PublishedNumber[];
  /** each number's place in the document: id → "Table 2 (page 4), row "Irregular", column "HER2-Low (n = 91)"" */
  readonly sources: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
  /** where the table is, for messages: "Table 2 (page 4)" */
  readonly where?: string;
  /** each row id as its label is printed in the first column (for linking prose to rows) */
  readonly rowLabels?: Readonly<Record<string, string>>;
  /** each column name (group, p, p1, auc, …) with its header as printed */
  readonly columnHeaders?: Readonly<Record<string, string>>;
}

const isValue = (text: string): boolean => {
  try {
    return parsePrinted(text).form !== 'na' || /^(NA|N\/A|NR)$/i.test(text.trim());
  } catch {
    return false;
  }
};
const isCount = (text: string): boolean => {
  try {
    return parsePrinted(text).form === 'count';
  } catch {
    return false;
  }
};

/**
 * The table slot of a caption: "Table 2." → table2, "Table S5:" → tableS5, "eTable 3" → tableE3; a
 * table without a caption is table<its order>; null when the number is out of range.
 */
export function tableSlot(caption: string, index: number): PublishedTable | null {
  const key = captionKey(caption)?.key ?? `table${index}`;
  return PUBLISHED_TABLE_PATTERN.test(key) ? (key as PublishedTable) : null;
}

/**
 * The table as a grid of strings, one per column: a cell spanning columns fills the first ('first'),
 * every ('repeat') or none ('none') of the columns it spans; a cell spanning rows leaves its columns
 * empty in the rows below (or repeats itself there, with 'repeat').
 */
function grid(
  rows: readonly (readonly DocumentCell[])[],
  width: number,
  spanning: 'repeat' | 'first' | 'none',
): string[][] {
  const occupied = new Map<string, string>();
  return rows.map((row, r) => {
    const out: string[] = [];
    let j = 0;
    const skipOccupied = (): void => {
      for (let above = occupied.get(`${r},${j}`); above !== undefined; above = occupied.get(`${r},${j}`)) {
        out[j] = spanning === 'repeat' ? above : '';
        j++;
      }
    };
    for (const cell of row) {
      skipOccupied();
      for (let k = 0; k < cell.span; k++) {
        out[j + k] = spanning === 'repeat' || (k === 0 && (spanning === 'first' || cell.span === 1)) ? cell.text : '';
        for (let down = 1; down < (cell.rowSpan ?? 1); down++) occupied.set(`${r + down},${j + k}`, cell.text);
      }
      j += cell.span;
    }
    skipOccupied();
    while (out.length < width) out.push('');
    return out.slice(0, width).map((t) => t ?? '');
  });
}

function rowSlug(label: string): string {
  return slug(label.replace(/\([^()]*\)/g, ' ')) || slug(label);
}

/**
 * Turns a document table into the published-numbers format (`data/schema/published.schema.json`):
 * header rows (those before the first row with a printed number) give column names, group sizes
 * "(n = 60)" and pairwise comparisons "(Low vs. Zero)"; the first column gives row names. A row
 * with p-values but no group cells (or with nothing) names a variable, and the rows of counts after
 * it are its levels (`mass_shape:irregular`). Cells are split by `makeCellEntries` (n (%), k/n (x%),
 * mean ± SD, median (IQR), x (a–b), a–b, p, NA). Cells that are not printed numbers are reported in
 * `warnings`, never guessed.
 */
export function tableToPublished(table: DocumentTable, where: string): ExtractedTable | null {
  const slot = tableSlot(table.caption, table.index);
  const warnings: string[] = [];
  if (slot === null) {
    warnings.push(
      `${where}: "${table.caption.slice(0, 60)}" has no key in the published-numbers format ` +
        '(table1–table999, tableS1, tableA1, …); skipped',
    );
    return { table: 'table1', title: table.caption, context: {}, numbers: [], sources: {}, warnings };
  }
  const width = Math.max(...table.rows.map((r) => r.reduce((a, c) => a + c.span, 0)));
  const firstData = table.rows.findIndex((r) => r.slice(1).some((c) => isValue(c.text)));
  if (firstData === -1) {
    warnings.push(`${where}: no printed numbers found in the table`);
    return { table: slot, title: table.caption, context: {}, numbers: [], sources: {}, warnings };
  }
  const ownGrid = grid(table.rows, width, 'none');
  const spanGrid = grid(table.rows, width, 'repeat');
  const headerTexts = Array.from({ length: width }, (_v, j) => {
    const own = ownGrid
      .slice(0, firstData)
      .map((r) => r[j])
      .filter(Boolean);
    const spanning = spanGrid
      .slice(0, firstData)
      .map((r) => r[j])
      .filter(Boolean);
    return (own.length ? own : spanning).join(' ').replace(/-\s+/g, '-');
  });
  const columns: ColumnInfo[] = [];
  headerTexts.forEach((h, j) =>
    columns.push(j === 0 ? { name: 'label', kind: 'estimate', header: h } : readHeader(h, columns[j - 1])),
  );
  const named = nameGroups(columns);
  // the grouping variable is named by what the group headers share ("HER2-Zero", "HER2-Low" → her2_group)
  const firstGroup = columns.findIndex((c) => c.n !== undefined && c.name !== 'total');
  const shared =
    firstGroup === -1
      ? ''
      : columns[firstGroup].name.slice(0, columns[firstGroup].name.length - named[firstGroup].name.length);
  const groupRow = shared ? `${shared.replace(/_$/, '')}_group` : 'group';
  const groups: Record<string, number> = {};
  for (const c of named) if (c.n !== undefined && c.name !== 'total') groups[c.name] = c.n;
  const comparisons: Record<string, [string, string]> = {};
  for (const c of named) {
    if (!c.versus) continue;
    const match = (word: string): string | undefined =>
      Object.keys(groups).find((g) => slug(word) === g || slug(word).endsWith(`_${g}`) || g.startsWith(slug(word)));
    const a = match(c.versus[0]);
    const b = match(c.versus[1]);
    if (a && b) comparisons[c.name] = [a, b];
    else warnings.push(`${where}: column "${c.header}" compares ${c.versus.join(' vs ')}, not both group columns`);
  }
  const rowLabels: Record<string, string> = {};
  const seenNames = new Set<string>();
  const columnNames = named.map((c) => {
    let name = c.name;
    for (let k = 2; seenNames.has(name); k++) name = `${c.name}_${k}`;
    seenNames.add(name);
    return name;
  });

  const numbers: PublishedNumber[] = [];
  const sources: Record<string, string> = {};
  const ids = new Set<string>();
  let variable: string | null = null;
  const groupColumns = new Set(named.flatMap((c, j) => (c.n !== undefined ? [j] : [])));
  grid(table.rows, width, 'first')
    .slice(firstData)
    .forEach((cells, r) => {
      const label = cells[0];
      const groupCells = cells.filter((t, j) => groupColumns.has(j) && t);
      const hasP = cells.some((t, j) => named[j]?.kind === 'p' && t);
      let rowId = rowSlug(label) || `row${firstData + r + 1}`;
      if (groupCells.length === 0)
        variable = rowId; // a variable (its p-values), or a section label
      else if (variable && !hasP && groupCells.every(isCount)) rowId = `${variable}:${rowId}`;
      else variable = null;
      let unique = rowId;
      for (let k = 2; ids.has(`${unique}/`); k++) unique = `${rowId}_${k}`;
      ids.add(`${unique}/`);
      rowLabels[unique] = label;
      cells.forEach((text, j) => {
        if (j === 0 || !text) return;
        const col = named[j];
        const denominator = col.n;
        try {
          const entries = makeCellEntries(
            slot,
            unique,
            columnNames[j],
            text,
            col.kind,
            denominator ? { denominator } : {},
          );
          for (const e of entries) {
            numbers.push(e);
            sources[e.id] = `${where}, row "${label}", column "${col.header}": "${text}"`;
          }
        } catch (error) {
          if (!(error instanceof PrintedParseError)) throw error;
          warnings.push(
            `${where}, row "${label}", column "${col.header}": "${text}" ` +
              'is not a printed number restudy reads; not transcribed',
          );
        }
      });
    });
  const headerEntries: PublishedNumber[] = [];
  const total = named.find((c) => c.name === 'total' && c.n !== undefined);
  const sized = [...(total ? [total] : []), ...named.filter((c) => c.n !== undefined && c.name !== 'total')];
  for (const c of sized) {
    const e = makeEntry(slot, groupRow, c.name, String(c.n), 'n', { note: `column header "${c.header}"` });
    headerEntries.push(e);
    sources[e.id] = `${where}, header "${c.header}"`;
  }
  numbers.unshift(...headerEntries);
  const context: PublishedContext = {
    ...(Object.keys(groups).length ? { groups } : {}),
    ...(Object.keys(comparisons).length ? { comparisons } : {}),
  };
  const columnHeaders: Record<string, string> = {};
  named.forEach((c, j) => {
    if (j > 0) columnHeaders[columnNames[j]] = c.header;
  });
  return { table: slot, title: table.caption, context, numbers, sources, warnings, where, rowLabels, columnHeaders };
}
