import { parsePrinted } from '../../data/published/parsePrinted.ts';
import { cleanText } from './cleanText.ts';
import type { LayoutLine, Segment } from './pdfLayout.ts';
import type { DocumentCell } from './types.ts';

/** A caption line: "Table 2.", "Table S5:", "Table 3. Cont." */
export const CAPTION = /^Table\s+(S?\d+)\s*[.:]/i;

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
  return { rows, warnings };
}
