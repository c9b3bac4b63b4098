import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAuditHtml } from '../../src/audit/report.ts';
import type { AuditCheck } from '../../src/audit/types.ts';
import { runAudit } from '../../src/cli/audit.ts';
import { makeCellEntries, makeEntry } from '../../src/data/published/index.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: {
      out: (s: string) => {
        out += s;
        return true;
      },
      err: (s: string) => {
        err += s;
        return true;
      },
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'audit-cli-'));

describe('restudy audit (CLI)', () => {
  it('shen2025: --json lists checks in the contract shape; exit 1 because some are inconsistent', async () => {
    const c = capture();
    const code = await runAudit(['data/shen2025/published'], { json: true }, c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out) as { checks: AuditCheck[]; summary: Record<string, number> };
    for (const k of json.checks) {
      expect(Object.keys(k)).toEqual(
        expect.arrayContaining(['id', 'kind', 'location', 'reported', 'recomputed', 'status', 'message']),
      );
      expect(['consistent', 'inconsistent', 'implausible', 'not-checkable']).toContain(k.status);
    }
    expect(new Set(json.checks.map((k) => k.id)).size).toBe(json.checks.length);
    const ids = json.checks.filter((k) => k.status === 'inconsistent').map((k) => k.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'count-sum:table2/fgt/low',
        'pooled-mean-sd:table1/age/total_mean',
        'odds-ratio:tableS2/low_vs_over:mass_shape:irregular/or',
        'positive-class:table4/*/sensitivity',
        'range-claim:text/single_features/auc_range_min',
        'restatement:abstract/ki67_group/p2',
      ]),
    );
  });
  it('a consistent folder exits 0; bad input exits 2 with the problem on stderr', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 't.json'),
      JSON.stringify({
        study: 'x',
        source: { citation: 'c' },
        context: { groups: { a: 60, b: 40 } },
        numbers: [
          ...makeCellEntries('table1', 'sex:f', 'a', '30 (50.0%)', 'count'),
          ...makeCellEntries('table1', 'sex:m', 'a', '30 (50.0%)', 'count'),
          ...makeCellEntries('table1', 'sex:f', 'b', '10 (25.0%)', 'count'),
          ...makeCellEntries('table1', 'sex:m', 'b', '30 (75.0%)', 'count'),
        ],
      }),
    );
    const ok = capture();
    expect(await runAudit([dir], {}, ok.io)).toBe(0);
    expect(ok.out).toMatch(/0 inconsistent/);
    const bad = tmp();
    writeFileSync(
      join(bad, 't.json'),
      JSON.stringify({
        study: 'x',
        source: { citation: 'c' },
        numbers: [{ ...makeEntry('table1', 'age', 'p', '0.709', 'p'), value: 0.7 }],
      }),
    );
    const c = capture();
    expect(await runAudit([bad], {}, c.io)).toBe(2);
    expect(c.err).toMatch(/value must be 0\.709/);
    const none = capture();
    expect(await runAudit([], {}, none.io)).toBe(2);
    expect(await runAudit([], { text: '/nonexistent.txt' }, capture().io)).toBe(2);
  });
  it('--text on the seed paper finds the OR 2.23 problem', async () => {
    const c = capture();
    const code = await runAudit([], { text: '../shared/seed/000_aecabc301ae83983.txt', json: true }, c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out) as { checks: AuditCheck[] };
    expect(
      json.checks.some(
        (k) => k.kind === 'odds-ratio' && k.status === 'inconsistent' && k.reported.startsWith('OR 2.23'),
      ),
    ).toBe(true);
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
    const html = renderAuditHtml(
      [
        {
          id: evil,
          kind: 'percent',
          location: { table: 'text', row: evil, column: evil },
          inputs: [evil],
          status: 'inconsistent',
          reported: evil,
          recomputed: evil,
          message: evil,
          arithmetic: [evil],
          severity: 'high',
        },
      ],
      { title: evil, source: evil },
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });
});

describe('restudy audit on documents (issue 12) and output safety (issue 14)', () => {
  const paper = (dir: string, name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  it('--html or --csv onto an input is refused before any work, exit 2, the paper unchanged', async () => {
    const dir = tmp();
    const p = paper(dir, 'p.txt', 'We found t(28) = 2.10, p = .010.\n');
    for (const opts of [{ text: p, html: p }, { html: p }, { csv: p }, { html: join(dir, 'report.html') }]) {
      const c = capture();
      expect(await runAudit(opts.text ? [] : [opts.html === join(dir, 'report.html') ? dir : p], opts, c.io)).toBe(2);
      expect(c.err).toMatch(/refusing to overwrite an input|inside the input folder/);
      expect(c.out).toBe('');
    }
    expect(readFileSync(p, 'utf8')).toBe('We found t(28) = 2.10, p = .010.\n');
  });
  it('usage errors exit 2: no input, an unsupported file, a folder with nothing to read, a bad option value', async () => {
    const dir = tmp();
    const c = capture();
    expect(await runAudit([], {}, c.io)).toBe(2);
    expect(await runAudit([paper(dir, 'x.doc', 'old Word')], {}, c.io)).toBe(2);
    expect(await runAudit([tmp()], {}, c.io)).toBe(2);
    expect(await runAudit([paper(dir, 'p.txt', 'text')], { alpha: '2' }, c.io)).toBe(2);
    expect(await runAudit([paper(dir, 'q.txt', 'text')], { maxPages: '0' }, c.io)).toBe(2);
    expect(c.err).toMatch(/x\.doc: not a document restudy reads/);
    expect(c.err).toMatch(/holds neither published-number \*\.json files nor documents/);
    expect(c.err).toMatch(/alpha must be a number between 0 and 1/);
    expect(c.err).toMatch(/--max-pages must be a positive integer; got 0/);
  });
  it('a folder of papers: one summary row each (JSON and CSV), findings named by paper and line', async () => {
    const dir = tmp();
    paper(dir, 'a.md', '# A\n\nThe groups differed, t(28) = 2.10, p = .045.\n');
    paper(dir, 'b.txt', 'Line one.\nNo difference, t(28) = 2.10, p = .010.\n');
    paper(
      dir,
      'c.html',
      '<p>Table 1. Sex</p><table><tr><th>Sex</th><th>A (n = 10)</th><th>B (n = 10)</th></tr><tr><td>Female</td><td>5 (50.0%)</td><td>4 (40.0%)</td></tr></table>',
    );
    paper(dir, 'notes.csv', 'ignored,file\n');
    const out = tmp();
    const csv = join(out, 'papers.csv');
    const c = capture();
    expect(await runAudit([dir], { json: true, csv }, c.io)).toBe(1);
    const json = JSON.parse(c.out) as {
      papers: { source: string; format: string; checks: number; summary: Record<string, number> }[];
      checks: (AuditCheck & { paper: string; where: string[] })[];
    };
    expect(json.papers.map((p) => [p.source.replace(dir, ''), p.format, p.summary.inconsistent])).toEqual([
      ['/a.md', 'md', 0],
      ['/b.txt', 'txt', 1],
      ['/c.html', 'html', 0],
    ]);
    const bad = json.checks.filter((k) => k.status === 'inconsistent');
    expect(bad.map((k) => [k.paper.replace(dir, ''), k.where[0]])).toEqual([
      ['/b.txt', 'line 2, column 16: "t(28) = 2.10, p = .010"'],
    ]);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe(
      'source,format,pages,tables,numbers,prose_results,checks,inconsistent,implausible,not_checkable,consistent,error,warnings',
    );
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatch(/c\.html,html,1,1,6,0,/);
  });
  it('an unreadable document in a folder: named on stderr and in its row, the others still audited, exit 2', async () => {
    const dir = tmp();
    paper(dir, 'good.txt', 'We found t(28) = 2.10, p = .045.\n');
    paper(dir, 'broken.pdf', '%PDF-1.7\nnot really');
    const c = capture();
    expect(await runAudit([dir], { json: true }, c.io)).toBe(2);
    expect(c.err).toMatch(/broken\.pdf: not a readable PDF/);
    const json = JSON.parse(c.out) as { papers: { source: string; error: string | null; checks: number }[] };
    expect(json.papers.map((p) => [p.source.replace(dir, ''), p.error === null, p.checks])).toEqual([
      ['/broken.pdf', false, 0],
      ['/good.txt', true, 1],
    ]);
  });
  it('the HTML report shows where each number was read and a table of everything consistent', async () => {
    const dir = tmp();
    const p = paper(dir, 'p.md', 'We found t(28) = 2.10, p = .010, and t(28) = 2.10, p = .045.\n');
    const html = join(tmp(), 'r.html');
    expect(await runAudit([p], { html }, capture().io)).toBe(1);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('read at line 1, column 10: &quot;t(28) = 2.10, p = .010&quot;');
    expect(text).toContain('<h2>Read and found consistent (1)</h2>');
    expect(text).toMatch(
      /<td>reported-test<\/td><td><code>[^<]*p\.md: text \/ line-1 \/ col-\d+<\/code><\/td><td><code>p = 0?\.045<\/code><\/td><td>[^<]*<\/td><td>line 1, column 38: &quot;t\(28\) = 2\.10, p = \.045&quot;/,
    );
    expect(text).toContain('<h2>Papers</h2>');
  });
});
