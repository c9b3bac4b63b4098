import { readFileSync } from 'node:fs';
import { auditText, extractStatistics } from './src/audit/auditText.ts';
const t = readFileSync('/work/shared/seed/000_aecabc301ae83983.txt', 'utf8');
const ex = extractStatistics(t);
console.log(ex.filter(e=>e.kind!=='percent').map(e => `${e.line}:${e.kind} ${e.text}`).join('\n'));
console.log('percent', ex.filter(e=>e.kind==='percent').length);
for (const c of auditText(t)) if (c.kind !== 'percent' || c.status !== 'consistent') console.log(c.status, c.id, c.message);
