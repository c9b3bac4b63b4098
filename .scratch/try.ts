import { readFileSync } from 'node:fs';
import { readPdf } from '../src/audit/documents/pdf.ts';
const t0 = Date.now();
const doc = await readPdf(new Uint8Array(readFileSync(process.argv[2])));
console.log('ms', Date.now() - t0, 'pages', doc.pages, 'lines', doc.lines.length, 'warnings', doc.warnings);
for (const t of doc.tables) { console.log('TABLE', t.index, t.page, t.caption); for (const r of t.rows.slice(0, Number(process.argv[3] ?? 6))) console.log('  ', r.map((c) => c.text).join(' | ')); console.log('   rows', t.rows.length); }
if (process.argv[4]) for (const l of doc.lines.filter(l => l.page === Number(process.argv[4]))) console.log(l.page, l.line, l.text);
