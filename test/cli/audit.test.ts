import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/audit.ts';
import { renderAuditHtml } from '../../src/audit/report.ts';
import type { AuditCheck } from '../../src/audit/types.ts';
import { makeCellEntries, makeEntry } from '../../src/data/published/index.ts';

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (s: string) => { out += s; return true; }, err: (s: string) => { err += s; return true; } }, get out() { return out; }, get err() { return err; } };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'audit-cli-'));

describe('restudy audit (CLI)', () => {
  it('shen2025: --json lists checks in the contract shape; exit 1 because some are inconsistent', async () => {
    const c = capture();
    const code = await runAudit(['data/shen2025/published'], { json: true }, c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out) as { checks: AuditCheck[]; summary: Record<string, number> };
    for (const k of json.checks) {
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['id', 'kind', 'location', 'reported', 'recomputed', 'status', 'message']));
      expect(['consistent', 'inconsistent', 'implausible', 'not-checkable']).toContain(k.status);
    }
    expect(new Set(json.checks.map((k) => k.id)).size).toBe(json.checks.length);
    const ids = json.checks.filter((k) => k.status === 'inconsistent').map((k) => k.id);
    expect(ids).toEqual(expect.arrayContaining([
      'count-sum:table2/fgt/low',
      'pooled-mean-sd:table1/age/total_mean',
      'odds-ratio:tableS2/low_vs_over:mass_shape:irregular/or',
      'positive-class:table4/*/sensitivity',
      'range-claim:text/single_features/auc_range_min',
      'restatement:abstract/ki67_group/p2',
    ]));
  });
  it('a consistent folder exits 0; bad input exits 2 with the problem on stderr', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 't.json'), JSON.stringify({ study: 'x', source: { citation: 'c' }, context: { groups: { a: 60, b: 40 } }, numbers: [
      ...makeCellEntries('table1', 'sex:f', 'a', '30 (50.0%)', 'count'),
      ...makeCellEntries('table1', 'sex:m', 'a', '30 (50.0%)', 'count'),
      ...makeCellEntries('table1', 'sex:f', 'b', '10 (25.0%)', 'count'),
      ...makeCellEntries('table1', 'sex:m', 'b', '30 (75.0%)', 'count'),
    ] }));
    const ok = capture();
    expect(await runAudit([dir], {}, ok.io)).toBe(0);
    expect(ok.out).toMatch(/0 inconsistent/);
    const bad = tmp();
    writeFileSync(join(bad, 't.json'), JSON.stringify({ study: 'x', source: { citation: 'c' }, numbers: [{ ...makeEntry('table1', 'age', 'p', '0.709', 'p'), value: 0.7 }] }));
    const c = capture();
    expect(await runAudit([bad], {}, c.io)).toBe(2);
    expect(c.err).toMatch(/value must be 0\.709/);
    const none = capture();
    expect(await runAudit([], {}, none.io)).toBe(2);
    expect(await runAudit([], { text: '/nonexistent.txt' }, capture().io)).toBe(2);
  });
  it('--text on the seed paper finds the OR 2.23 problem', async () => {
    const c = capture();
    const code = await runAudit([], { text: '/work/shared/seed/000_aecabc301ae83983.txt', json: true }, c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out) as { checks: AuditCheck[] };
    expect(json.checks.some((k) => k.kind === 'odds-ratio' && k.status === 'inconsistent' && k.reported.startsWith('OR 2.23'))).toBe(true);
  });
  it('--html writes a self-contained, escaped report with the arithmetic', async () => {
    const dir = tmp();
    const file = join(dir, 'r.html');
    await runAudit(['data/shen2025/published'], { html: file }, capture().io);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|src=|href="http/);
    expect(html).toContain('21 (a_b) + 50 (c_d) = 71');
    expect(html).toContain('&lt; 0.001');
  });
  it('renderAuditHtml escapes every field', async () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const html = renderAuditHtml([{ id: evil, kind: 'percent', location: { table: 'text', row: evil, column: evil }, inputs: [evil], status: 'inconsistent', reported: evil, recomputed: evil, message: evil, arithmetic: [evil], severity: 'high' }], { title: evil, source: evil });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });
});
