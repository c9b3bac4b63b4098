import { makePdf } from '../test/audit/documents/_pdf.ts';
import { readPdf } from '../src/audit/documents/pdf.ts';
const text = [{ x: 72, y: 700, size: 11, text: 'We found t(28) = 2.10, p = .045 in the sample.' }];
for (const [name, bytes] of [['plain', makePdf([text])], ['enc', makePdf([text], { encrypted: true })], ['scan', makePdf(['no-text', 'no-text'])], ['corrupt', new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage')], ['trunc', makePdf([text]).slice(0, 200)]] as const) {
  const t0 = Date.now();
  try { const d = await readPdf(bytes as Uint8Array); console.log(name, 'OK', d.lines.map(l => l.text), d.warnings, Date.now() - t0); } catch (e) { console.log(name, (e as Error).name, (e as Error).message, Date.now() - t0); }
}
const many = Array.from({ length: 200 }, (_v, p) => Array.from({ length: 40 }, (_w, i) => ({ x: 72, y: 780 - i * 18, size: 11, text: `Page ${p + 1} line ${i + 1}: the groups differed, t(58) = 2.${i % 10}1, p = .0${(i % 5) + 1}.` })));
const t0 = Date.now();
const d = await readPdf(makePdf(many));
console.log('200 pages', d.lines.length, Date.now() - t0, 'ms');
