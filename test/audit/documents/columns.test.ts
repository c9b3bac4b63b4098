/**
 * Reading order of two-column pages whose full-width lines (running heads, titles, captions, footnotes,
 * tables) cross the gutter (issue 12 leftover: page 4 of the two-column Shen PDF, four full-width
 * footnotes above a few column lines, had its columns merged). Pure geometry on synthetic runs, then a
 * synthetic PDF read end to end.
 */
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../src/audit/documents/pdf.ts';
import { findGutter, groupLines, readingOrder, type TextRun } from '../../../src/audit/documents/pdfLayout.ts';
import { makePdf, type PdfTextLine } from './_pdf.ts';

const SIZE = 8;
/** A run of known width (as pdfjs reports it): full-width lines 45–550, columns 45–275 and 310–540. */
const full = (text: string, y: number, width = 505): TextRun => ({ text, x: 45, y, width, size: SIZE });
const left = (text: string, y: number, width = 230): TextRun => ({ text, x: 45, y, width, size: SIZE });
const right = (text: string, y: number, width = 230): TextRun => ({ text, x: 310, y, width, size: SIZE });
const texts = (runs: readonly TextRun[], aside: (t: string) => boolean = () => false): string[] => {
  const lines = groupLines(runs);
  const setAside = new Set(lines.filter((l) => aside(l.segments[0].plain)));
  return readingOrder(lines, 595, setAside).map((segments) => segments.map((s) => s.plain).join(' '));
};
const column = (make: typeof left, name: string, top: number, n: number, step: number): TextRun[] =>
  Array.from({ length: n }, (_v, i) => make(`${name} ${i + 1}`, top - i * step));
const names = (name: string, n: number): string[] => Array.from({ length: n }, (_v, i) => `${name} ${i + 1}`);

describe('two columns between full-width lines (synthetic runs)', () => {
  it('header, title, caption mid-page and footnotes at their places; each block left column, then right', () => {
    const runs = [
      full('running head', 815, 505),
      full('title line 1', 795),
      full('title line 2', 783, 300),
      ...column(left, 'left above', 760, 8, 11),
      ...column(right, 'right above', 757, 8, 11.5),
      full('Figure 1. a caption across both columns', 655),
      full('that wraps onto a second full-width line', 645),
      ...column(left, 'left below', 620, 6, 11),
      ...column(right, 'right below', 622, 6, 11),
      ...['footnote 1', 'footnote 2', 'footnote 3', 'footnote 4'].map((t, i) => full(t, 540 - i * 10)),
    ];
    expect(texts(runs)).toEqual([
      'running head',
      'title line 1',
      'title line 2',
      ...names('left above', 8),
      ...names('right above', 8),
      'Figure 1. a caption across both columns',
      'that wraps onto a second full-width line',
      ...names('left below', 6),
      ...names('right below', 6),
      'footnote 1',
      'footnote 2',
      'footnote 3',
      'footnote 4',
    ]);
  });

  it('a running head and a footer in two parts ("Shen et al." left, "4" right) are read whole at their places', () => {
    const runs = [
      left('Shen et al.', 815, 50),
      right('Eur Radiol (2025)', 815, 80),
      ...column(left, 'left', 780, 6, 11),
      ...column(right, 'right', 780, 6, 11),
      left('Copyright the authors', 60, 90),
      right('4', 60, 5),
    ];
    expect(texts(runs)).toEqual([
      'Shen et al. Eur Radiol (2025)',
      ...names('left', 6),
      ...names('right', 6),
      'Copyright the authors 4',
    ]);
  });

  it('few column lines under four full-width footnotes (page 4 of the Shen PDF) keep their columns', () => {
    const runs = [
      ...['footnote 1', 'footnote 2', 'footnote 3', 'footnote 4'].map((t, i) => full(t, 690 - i * 11.5, 480)),
      right('right 1', 637.8),
      left('left heading 1', 628.9, 219),
      right('right 2', 628.9),
      left('left heading 2', 617, 123),
      right('right 3', 617, 194),
      right('right 4', 605.7),
      left('left 3', 598, 231),
      right('right 5', 598),
      left('left 4', 587.3, 218),
      right('right 6', 587.3),
      left('left 5', 576.6, 200),
      right('right 7', 576.6, 10),
    ];
    const gutter = findGutter(groupLines(runs), 595);
    expect(gutter).toBeGreaterThan(278);
    expect(gutter).toBeLessThan(307);
    expect(texts(runs)).toEqual([
      'footnote 1',
      'footnote 2',
      'footnote 3',
      'footnote 4',
      'left heading 1',
      'left heading 2',
      ...['left 3', 'left 4', 'left 5'],
      ...names('right', 7),
    ]);
  });

  it('a full-width table set aside (read as a table) still ends the column block above it', () => {
    const table = (label: string, y: number): TextRun[] => [
      full(`table ${label}`, y, 60),
      { text: '12.3', x: 200, y, width: 20, size: SIZE },
      { text: '45.6', x: 330, y, width: 20, size: SIZE },
      { text: '0.012', x: 480, y, width: 25, size: SIZE },
    ];
    const runs = [
      ...column(left, 'left above', 780, 5, 11),
      ...column(right, 'right above', 780, 5, 11),
      full('Table 2. A caption across both columns', 715, 400),
      ...table('row 1', 700),
      ...table('row 2', 690),
      ...column(left, 'left below', 660, 5, 11),
      ...column(right, 'right below', 662, 5, 11),
    ];
    expect(texts(runs, (t) => t.startsWith('Table 2.') || t.startsWith('table'))).toEqual([
      ...names('left above', 5),
      ...names('right above', 5),
      ...names('left below', 5),
      ...names('right below', 5),
    ]);
  });

  it('one column stays one: full-width prose with short headings, paragraph ends and a page number', () => {
    const runs: TextRun[] = [];
    for (let i = 0; i < 30; i++) {
      const y = 800 - i * 11;
      if (i % 8 === 0) runs.push(left(`heading ${i}`, y, 120));
      else if (i % 8 === 7) runs.push(left(`paragraph end ${i}`, y, 90 + i));
      else runs.push(full(`prose ${i}`, y));
    }
    runs.push({ text: '7', x: 540, y: 40, width: 5, size: SIZE });
    // a definition list: short terms on the left, long descriptions right of the middle
    for (let i = 0; i < 5; i++) {
      runs.push(left(`term ${i}`, 400 - i * 11, 40), {
        text: `definition ${i}`,
        x: 310,
        y: 400 - i * 11,
        width: 230,
        size: SIZE,
      });
    }
    const lines = groupLines(runs);
    expect(findGutter(lines, 595)).toBeNull();
    expect(texts(runs)).toEqual(lines.map((l) => l.segments.map((s) => s.plain).join(' ')));
  });
});

describe('a synthetic two-column PDF with a full-width header, table and footnotes (read end to end)', () => {
  // Helvetica 9 pt: 52 characters of this filler fill ~230 points
  const pad = (s: string, n: number): string => (s + ' lorem ipsum dolor sit amet'.repeat(6)).slice(0, n);
  const columnLines = (name: string, x: number, top: number, n: number): PdfTextLine[] =>
    Array.from({ length: n }, (_v, i) => ({ x, y: top - i * 12, size: 9, text: pad(`${name} ${i + 1}`, 52) }));
  const page: PdfTextLine[] = [
    { x: 45, y: 800, size: 9, text: pad('Running head of the journal', 100) },
    ...columnLines('left above', 45, 770, 6),
    ...columnLines('right above', 300, 768, 6),
    {
      x: 45,
      y: 690,
      size: 9,
      text: 'Table 2. Characteristics of the synthetic cohort by group, all patients included here',
    },
    { x: 45, y: 676, size: 9, text: 'Characteristic' },
    { x: 200, y: 676, size: 9, text: 'Low (n = 20)' },
    { x: 330, y: 676, size: 9, text: 'High (n = 25)' },
    { x: 470, y: 676, size: 9, text: 'p-Value' },
    ...[
      ['Age, years', '40.1 ± 5.2', '42.3 ± 6.1', '0.210'],
      ['Size, mm', '21.0 ± 3.3', '25.2 ± 4.0', '0.001'],
    ].flatMap((row, r) => row.map((text, c) => ({ x: [45, 200, 330, 470][c], y: 664 - r * 12, size: 9, text }))),
    ...columnLines('left below', 45, 610, 5),
    ...columnLines('right below', 300, 611, 5),
    ...[1, 2, 3, 4].map((i) => ({ x: 45, y: 540 - i * 11, size: 9, text: pad(`footnote ${i}`, 100) })),
  ];

  it('prose in reading order around the table, which is read as a table', async () => {
    const doc = await readPdf(makePdf([page]));
    expect(doc.tables.map((t) => [t.caption.slice(0, 8), t.rows.length])).toEqual([['Table 2.', 3]]);
    const first = (t: string): string => t.split(' lorem')[0];
    expect(doc.lines.map((l) => first(l.text))).toEqual([
      'Running head of the journal',
      ...names('left above', 6),
      ...names('right above', 6),
      ...names('left below', 5),
      ...names('right below', 5),
      ...names('footnote', 4),
    ]);
  });
});
