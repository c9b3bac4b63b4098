/**
 * Layout of PDF text: positioned text runs → lines (baselines, with super- and subscripts attached
 * to the line they belong to) → segments (runs separated by a gap wider than a word space: table
 * cells, or the two halves of a two-column line). Pure geometry, no pdfjs: tested on synthetic runs.
 */

/** A run of text as pdfjs gives it: x, y of the baseline start (PDF points, y up), width, font size. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

/** A piece of a line between wide gaps. `text` marks sub/superscripts as `_x` / `^x`; `plain` does not. */
export interface Segment {
  readonly x0: number;
  readonly x1: number;
  readonly text: string;
  readonly plain: string;
}

export interface LayoutLine {
  /** baseline y (PDF points, larger is higher on the page) */
  readonly y: number;
  readonly size: number;
  readonly segments: readonly Segment[];
}

/** A gap wider than this many font sizes separates two segments (table cells, columns). */
export const SEGMENT_GAP_EM = 1.1;
/** A gap wider than this many font sizes between two runs is a word space. */
const SPACE_GAP_EM = 0.12;

interface MutableLine {
  y: number;
  size: number;
  runs: TextRun[];
}

/**
 * Groups runs into lines. Larger runs are placed first so that their baselines define the lines;
 * smaller runs (super/subscripts, footnote markers) join the line whose baseline is within 0.6 of
 * that line's font size, else start their own. O(runs · lines) per page.
 */
export function groupLines(runs: readonly TextRun[]): LayoutLine[] {
  const lines: MutableLine[] = [];
  const bySize = [...runs]
    .filter((r) => r.text.trim() !== '')
    .sort((a, b) => b.size - a.size || b.y - a.y || a.x - b.x);
  for (const run of bySize) {
    let best: MutableLine | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const line of lines) {
      // measured from the run just beside this one (two columns' baselines may share a line), and a
      // line with such a neighbour wins over a closer baseline across a column gutter
      const neighbour = runBeside(line, run);
      const vertical = Math.abs(run.y - (neighbour?.y ?? line.y));
      const distance = vertical + (neighbour ? 0 : line.size);
      if (vertical <= 0.6 * line.size && distance < bestDistance && overlapsNothing(line, run)) {
        best = line;
        bestDistance = distance;
      }
    }
    if (best) best.runs.push(run);
    else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  return lines.sort((a, b) => b.y - a.y).map((line) => ({ y: line.y, size: line.size, segments: segmentsOf(line) }));
}

function runBeside(line: MutableLine, run: TextRun): TextRun | undefined {
  const reach = SEGMENT_GAP_EM * line.size;
  return line.runs.find((other) => run.x - (other.x + other.width) < reach && other.x - (run.x + run.width) < reach);
}

/** A run may not sit on top of another run of the line (two baselines close together, e.g. stacked text). */
function overlapsNothing(line: MutableLine, run: TextRun): boolean {
  for (const other of line.runs) {
    const overlap = Math.min(other.x + other.width, run.x + run.width) - Math.max(other.x, run.x);
    if (overlap > 0.5 * Math.min(other.width, run.width) && overlap > 1) return false;
  }
  return true;
}

function segmentsOf(line: MutableLine): Segment[] {
  const runs = [...line.runs].sort((a, b) => a.x - b.x);
  const segments: Segment[] = [];
  let x0 = 0;
  let x1 = Number.NEGATIVE_INFINITY;
  let text = '';
  let plain = '';
  let shifted: 'sub' | 'sup' | null = null;
  let baseline = line.y;
  const close = (): void => {
    if (text.trim()) segments.push({ x0, x1, text: text.trim(), plain: plain.trim() });
  };
  for (const run of runs) {
    const gap = run.x - x1;
    if (gap > SEGMENT_GAP_EM * line.size) {
      close();
      x0 = run.x;
      text = '';
      plain = '';
      shifted = null;
    } else if (gap > SPACE_GAP_EM * line.size && !text.endsWith(' ') && !run.text.startsWith(' ')) {
      text += ' ';
      plain += ' ';
    }
    const small = run.size < 0.92 * line.size;
    if (!small) baseline = run.y;
    const rise = run.y - baseline;
    const position = small && rise > 0.15 * line.size ? 'sup' : small && rise < -0.1 * line.size ? 'sub' : null;
    if (position && position !== shifted) text += position === 'sup' ? '^' : '_';
    shifted = position;
    text += run.text;
    plain += run.text;
    x1 = Math.max(x1, run.x + run.width);
  }
  close();
  return segments;
}

/** A column line is "long" when one of its segments fills this share of the column's width (prose, not a label). */
const LONG_SHARE = 0.6;
/** Fewest long lines on each side of a gutter: a column of prose, not a stray right-aligned line. */
const MIN_COLUMN_LINES = 3;
/** Widest gutter, as a share of the text's width (journals: 2–6 %); wider is a ragged one-column page's gap. */
const MAX_GUTTER_SHARE = 0.12;
/** A short line this many font sizes above or below all long column lines is a running head or footer. */
const MARGIN_GAP_EM = 2.5;

const crosses = (line: LayoutLine, x: number): boolean => line.segments.some((s) => s.x0 < x - 3 && s.x1 > x + 3);

/** The two columns of a page: the gutter's x and the baselines of the highest and lowest long column lines. */
export interface Columns {
  readonly gutter: number;
  readonly top: number;
  readonly bottom: number;
}

/** The lines that do not cross x, and those among them with a long segment left of x and right of it. */
function sidesOf(lines: readonly LayoutLine[], x: number, xMin: number, xMax: number) {
  const apart = lines.filter((line) => !crosses(line, x));
  const lefts = apart.flatMap((l) => l.segments.filter((s) => s.x1 <= x + 3));
  const rights = apart.flatMap((l) => l.segments.filter((s) => s.x0 >= x - 3));
  // the band between the columns: where the left column's longest lines end and the right one starts
  const a = Math.max(...lefts.map((s) => s.x1));
  const b = Math.min(...rights.map((s) => s.x0));
  if (!(b - a <= MAX_GUTTER_SHARE * (xMax - xMin)))
    return { crossing: lines.length - apart.length, left: [], right: [] };
  const long = (side: (s: Segment) => boolean, width: number) =>
    apart.filter((line) => line.segments.some((s) => side(s) && s.x1 - s.x0 >= LONG_SHARE * width));
  return {
    crossing: lines.length - apart.length,
    left: long((s) => s.x1 <= x + 3, a - xMin),
    right: long((s) => s.x0 >= x - 3, xMax - b),
  };
}

/**
 * The columns of a two-column page, found from the lines that do not cross the gutter: lines that
 * cross a candidate x (full-width titles, footnotes, captions, running heads) are set aside; the others
 * bound the band between where text left of x ends and text right of x starts, at most 12 % of the
 * text's width, and the x wins that leaves the most long lines — one segment filling ≥ 60 % of its
 * column — on its poorer side (fewest crossings breaking ties; the middle of the winning x's). Two
 * columns need ≥ 3 such lines on each side, so a page of few column lines under four full-width
 * footnotes keeps its columns, while a one-column page has none: its lines cross every x, and its
 * short lines (headings, paragraph ends, a definition list's terms) end far from where text on the
 * right starts. Columns need not share baselines. Null for a one-column page. O(lines · candidates).
 */
export function findColumns(lines: readonly LayoutLine[], pageWidth: number): Columns | null {
  const shown = lines.filter((l) => l.segments.length > 0);
  if (shown.length === 0) return null;
  const xMin = Math.min(...shown.map((l) => l.segments[0].x0));
  const xMax = Math.max(...shown.map((l) => l.segments[l.segments.length - 1].x1));
  let best: { score: number; crossing: number; from: number; to: number } | null = null;
  for (let x = Math.round(0.3 * pageWidth); x <= 0.7 * pageWidth; x += 2) {
    const { crossing, left, right } = sidesOf(shown, x, xMin, xMax);
    const score = Math.min(left.length, right.length);
    if (!best || score > best.score || (score === best.score && crossing < best.crossing)) {
      best = { score, crossing, from: x, to: x };
    } else if (score === best.score && crossing === best.crossing && best.to === x - 2) {
      best.to = x;
    }
  }
  if (!best || best.score < MIN_COLUMN_LINES) return null;
  const gutter = (best.from + best.to) / 2;
  const { left, right } = sidesOf(shown, best.from, xMin, xMax);
  const ys = [...left, ...right].map((l) => l.y);
  return { gutter, top: Math.max(...ys), bottom: Math.min(...ys) };
}

/** The x of the gutter of a two-column page (`findColumns`), or null for a one-column page. */
export function findGutter(lines: readonly LayoutLine[], pageWidth: number): number | null {
  return findColumns(lines, pageWidth)?.gutter ?? null;
}

/**
 * A page's lines in reading order, as the segments to join for each: on a two-column page, each line
 * that crosses the gutter (a full-width block) at its y position, and between two of them the left
 * column top to bottom, then the right column; a short line well above or below all long column lines
 * (a running head or footer, "Shen et al." left and "4" right) is read whole at its place too. On a
 * one-column page, the lines top to bottom. Lines in `setAside` (tables and their captions, read
 * elsewhere) are not returned, but one that crosses the gutter still ends the column block above it
 * (a full-width table between paragraphs). The columns are found from the other lines.
 */
export function readingOrder(
  lines: readonly LayoutLine[],
  pageWidth: number,
  setAside: ReadonlySet<LayoutLine> = new Set(),
): Segment[][] {
  const kept = lines.filter((l) => !setAside.has(l) && l.segments.length > 0);
  const columns = findColumns(kept, pageWidth);
  if (columns === null) return kept.map((l) => [...l.segments]);
  const { gutter, top, bottom } = columns;
  const inMargin = (line: LayoutLine): boolean =>
    line.y > top + MARGIN_GAP_EM * line.size || line.y < bottom - MARGIN_GAP_EM * line.size;
  const out: Segment[][] = [];
  let left: Segment[][] = [];
  let right: Segment[][] = [];
  const flush = (): void => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const line of [...lines].sort((a, b) => b.y - a.y)) {
    const aside = setAside.has(line);
    if (crosses(line, gutter) || (!aside && inMargin(line))) {
      flush();
      if (!aside) out.push([...line.segments]);
      continue;
    }
    if (aside) continue;
    const l = line.segments.filter((s) => s.x1 <= gutter + 3);
    const r = line.segments.filter((s) => s.x1 > gutter + 3);
    if (l.length) left.push(l);
    if (r.length) right.push(r);
  }
  flush();
  return out;
}
