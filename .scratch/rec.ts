import { readFileSync } from 'node:fs';
import { readPdf } from '../src/audit/documents/pdf.ts';
import { extractTables } from '../src/audit/documents/auditDocument.ts';
import { loadPublished } from '../src/data/published/loadPublished.ts';
import { recovery } from '../test/audit/documents/_recovery.ts';
const doc = await readPdf(new Uint8Array(readFileSync(process.argv[2])));
const r = recovery(loadPublished('data/shen2025/published'), extractTables(doc).tables, doc.lines);
console.log(r.recovered, r.total, r.tableCells, r.prose); console.log(r.missed.join('\n'));
if (process.argv[3]) for (const l of doc.lines) if (l.text.includes(process.argv[3])) console.log(l.page, l.line, l.text);
