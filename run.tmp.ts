import { loadPublishedFiles } from './src/data/published/index.ts';
import { auditPublished, summarizeAudit } from './src/audit/auditPublished.ts';
const checks = auditPublished(loadPublishedFiles('data/shen2025/published'));
console.log(summarizeAudit(checks));
for (const c of checks) if (c.status !== 'consistent' && !(c.status==='not-checkable' && c.message.includes('unavailable'))) console.log(c.status.padEnd(13), c.id, '|', c.message);
const kinds: Record<string, number> = {}; for (const c of checks) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1; console.log(kinds);
