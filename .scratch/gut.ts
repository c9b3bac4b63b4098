import { readFileSync } from 'node:fs';
import { groupLines, findGutter } from '../src/audit/documents/pdfLayout.ts';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false }).promise;
const page = await doc.getPage(Number(process.argv[3]));
const items = (await page.getTextContent()).items as any[];
const runs = items.filter((i) => i.str.trim()).map((i) => ({ text: i.str, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) }));
const lines = groupLines(runs);
console.log('gutter', findGutter(lines, 595));
for (const x of [280, 290, 297, 300, 310]) { let c = 0, b = 0; for (const l of lines) { if (l.segments.some((s) => s.x0 < x - 3 && s.x1 > x + 3)) c++; else if (l.segments.length === 2 && l.segments[0].x1 <= x && l.segments[1].x0 >= x) b++; } console.log(x, 'crossing', c, 'both', b, 'lines', lines.length, 'le2', lines.filter(l => l.segments.length <= 2).length); }
for (const l of lines.slice(0, 100)) console.log(l.y.toFixed(1), l.segments.map((s) => `[${s.x0.toFixed(0)}-${s.x1.toFixed(0)}] ${s.text.slice(0, 30)}`).join(' || '));
