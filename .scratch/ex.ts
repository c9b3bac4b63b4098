import { readFileSync } from 'node:fs';
import { readPdf } from '../src/audit/documents/pdf.ts';
import { tableToPublished } from '../src/audit/documents/tableToPublished.ts';
const doc = await readPdf(new Uint8Array(readFileSync(process.argv[2])));
const truth = new Map<string, any>();
for (const f of ['table1', 'table2', 'table3', 'table4']) for (const e of JSON.parse(readFileSync(`data/shen2025/published/${f}.json`, 'utf8')).numbers) truth.set(e.id, e);
let hit = 0; const got = new Map<string, any>();
for (const t of doc.tables) { const x = tableToPublished(t, `Table ${t.index}`)!; console.log(x.table, x.numbers.length, JSON.stringify(x.context), x.warnings); for (const e of x.numbers) got.set(e.id, e); }
for (const [id, e] of truth) { const g = got.get(id); if (g && g.printed === e.printed && g.value === e.value && g.kind === e.kind) hit++; else console.log('MISS', id, e.printed, g ? `${g.printed} ${g.kind}` : '-'); }
console.log('hit', hit, 'of', truth.size);
for (const [id] of got) if (!truth.has(id)) console.log('EXTRA', id);
