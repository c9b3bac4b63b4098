import { parsePrinted } from '../../data/published/parsePrinted.ts';
import { cleanText } from './cleanText.ts';
import type { LayoutLine, Segment } from './pdfLayout.ts';
import type { DocumentCell } from './types.ts';

/**
 * A cell that holds a printed number ("0.709", "23 (38.3%)", "47.87 ± 10.40", "< 0.001", "NA"), not a
 * header fragment like "60)".
 */
export function isValueCell(text: string): boolean {
  try {
    parsePrinted(text);
    return true;
  } catch {
    return false;
  }
}

/** Does a line look like a table row (several cells, at least one a number)? */
export function isTabular(line: LayoutLine): boolean {
  return line.segments.length >= 3 || (line.segments.length === 2 && line.segments.some((s) => isValueCell(s.plain)));
}

interface Band {
  x0: number;
  x1: number;
}

/** Column bands: the union of the x-extents of the cells of rows with numbers (headers may span). */
function columnBands(rows: readonly LayoutLine[]): Band[] {
  const intervals: Band[] = [];
  for (const row of rows) {
    if (!row.segments.slice(1).some((s) => isValueCell(s.plain))) continue;
    for (const s of row.segments) intervals.push({ x0: s.x0, x1: s.x1 });
  }
  intervals.sort((a, b) => a.x0 - b.x0);
  const bands: Band[] = [];
  for (const iv of intervals) {
    const last = bands[bands.length - 1];
    if (last && iv.x0 <= last.x1 + 1) last.x1 = Math.max(last.x1, iv.x1);
    else bands.push({ ...iv });
  }
  return bands;
}

function bandsOf(segment: Segment, bands: readonly Band[]): number[] {
  const hit: number[] = [];
  bands.forEach((b, i) => {
    if (Math.min(b.x1, segment.x1) - Math.max(b.x0, segment.x0) > 0) hit.push(i);
  });
  if (hit.length > 0) return hit;
  // in a gap between bands: the nearest band to its left edge
  let nearest = 0;
  bands.forEach((b, i) => {
    if (Math.abs(b.x0 - segment.x0) < Math.abs(bands[nearest].x0 - segment.x0)) nearest = i;
  });
  return [nearest];
}

/**
 * Rebuilds a table from its lines: columns are the bands that the cells of numeric rows occupy
 * (x-positions); lines above the first numeric row are header lines, merged per column into one
 * header row (a header cell over several bands spans them); a header repeated on a later page is
 * dropped. Each data line becomes one row with a cell per band.
 */
export function assembleTable(lines: readonly LayoutLine[]): { rows: DocumentCell[][]; warnings: string[] } {
  const warnings: string[] = [];
  const bands = columnBands(lines);
  if (bands.length < 2) return { rows: [], warnings: ['no columns could be aligned'] };
  const firstData = lines.findIndex((l) => l.segments.slice(1).some((s) => isValueCell(s.plain)));
  const headerLines = firstData === -1 ? [] : lines.slice(0, firstData);
  const header = bands.map(() => '');
  const spans = bands.map(() => 1);
  for (const line of headerLines) {
    for (const s of line.segments) {
      const hit = bandsOf(s, bands);
      header[hit[0]] = `${header[hit[0]]} ${s.text}`.trim();
      spans[hit[0]] = Math.max(spans[hit[0]], hit.length);
    }
  }
  const headerKey = headerLines.map((l) => l.segments.map((s) => s.text).join('|'));
  const rows: DocumentCell[][] = [];
  if (headerLines.length) rows.push(header.map((text, i) => ({ text: cleanText(text), span: spans[i] })));
  for (let i = Math.max(firstData, 0); i < lines.length; i++) {
    const key = lines[i].segments.map((s) => s.text).join('|');
    if (headerKey.includes(key)) continue; // header repeated on a new page
    const cells = bands.map(() => '');
    for (const s of lines[i].segments) {
      const hit = bandsOf(s, bands);
      cells[hit[0]] = `${cells[hit[0]]} ${s.text}`.trim();
      if (hit.length > 1 && i > firstData) warnings.push(`a cell "${s.text}" spans ${hit.length} columns`);
    }
    rows.push(cells.map((text) => ({ text: cleanText(text), span: 1 })));
  }
  return { rows: joinWrappedLabels(rows, headerLines.length ? 1 : 0), warnings };
}

const labelOnly = (r: readonly DocumentCell[]): boolean => r[0]?.text !== '' && r.slice(1).every((c) => !c.text);
const hasNumbers = (r: readonly DocumentCell[] | undefined): boolean => !!r && r.slice(1).some((c) => c.text);
const CONTINUES = /^[\p{Ll}(]/u;

/**
 * A row label wrapped over two lines with the numbers on one of them: a label-only line starting in
 * lower case or "(" continues the row above it ("Progesterone receptor 12 (20%) …" / "positive"); a
 * label-only line before a row whose label starts so is that row's first line. A label-only line
 * starting with a capital stays a variable (its levels follow).
 */
export function joinWrappedLabels(input: readonly DocumentCell[][], first: number): DocumentCell[][] {
  const rows = input.map((r) => [...r]);
  const out = rows.slice(0, first);
  for (let i = first; i < rows.length; i++) {
    const row = rows[i];
    const previous = out[out.length - 1];
    if (labelOnly(row) && CONTINUES.test(row[0].text) && out.length > first && hasNumbers(previous)) {
      previous[0] = { ...previous[0], text: `${previous[0].text} ${row[0].text}` };
      continue;
    }
    const next = rows[i + 1];
    if (labelOnly(row) && hasNumbers(next) && CONTINUES.test(next[0].text)) {
      rows[i + 1] = [{ ...next[0], text: `${row[0].text} ${next[0].text}` }, ...next.slice(1)];
      continue;
    }
    out.push(row);
  }
  return out;
}
