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

/**
 * The gutter of a two-column page: an x band near the middle that few lines cross while many lines
 * have text only to its left and many only (or also) to its right. Columns need not share baselines.
 * Returns its x, or null for a one-column page. O(lines · candidates).
 */
export function findGutter(lines: readonly LayoutLine[], pageWidth: number): number | null {
  let best: { x: number; score: number; left: number; right: number; crossing: number } | null = null;
  for (let x = Math.round(0.35 * pageWidth); x <= 0.65 * pageWidth; x += 2) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const line of lines) {
      if (line.segments.some((s) => s.x0 < x - 3 && s.x1 > x + 3)) {
        crossing++;
        continue;
      }
      if (line.segments.some((s) => s.x1 <= x + 3)) left++;
      if (line.segments.some((s) => s.x0 >= x - 3)) right++;
    }
    const score = Math.min(left, right) - 4 * crossing;
    if (!best || score > best.score) best = { x, score, left, right, crossing };
  }
  if (!best) return null;
  const both = Math.min(best.left, best.right);
  return both >= 6 && both >= 0.2 * lines.length && best.crossing <= 0.3 * lines.length ? best.x : null;
}
