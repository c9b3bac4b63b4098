/**
 * One extraction serves the findings and the downloads (issue 12 leftover): `auditDocument` returns the
 * extraction it audited, and `extractedFiles` writes the files `restudy extract` writes from it, so the
 * offline page does not read the document's tables and prose a second time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditDocument, extractDocument } from '../../../src/audit/documents/auditDocument.ts';
import { readHtml } from '../../../src/audit/documents/html.ts';
import { extractedFiles } from '../../../src/audit/documents/serialize.ts';

const HTML =
  '<p>Sex differed between A and B (p = 0.04).</p><p>Table 1. Sex by arm.</p><table>' +
  '<tr><th>Sex</th><th>A (n = 10)</th><th>B (n = 10)</th><th>p</th></tr>' +
  '<tr><td>Sex</td><td></td><td></td><td>0.650</td></tr>' +
  '<tr><td>Female</td><td>5 (50.0%)</td><td>4 (40.0%)</td><td></td></tr>' +
  '<tr><td>Male</td><td>5 (50.0%)</td><td>7 (60.0%)</td><td></td></tr></table>';

describe('extractDocument', () => {
  it("the audit's extraction is what its findings were computed from", () => {
    const audit = auditDocument(readHtml(HTML), 'paper.html');
    const { extraction } = audit;
    expect(audit.tables).toBe(extraction.tables);
    expect(extraction.links.map((t) => t.table)).toEqual(['text']);
    expect(Object.isFrozen(extraction)).toBe(true);
    const ids = new Set([...extraction.tables, ...extraction.links].flatMap((t) => t.numbers.map((e) => e.id)));
    const inputs = audit.checks.filter((c) => c.location.table !== 'text' || c.kind === 'restatement');
    expect(inputs.length).toBeGreaterThan(0);
    for (const c of inputs) for (const id of c.inputs) expect(ids.has(id), id).toBe(true);
    // the misprinted count 7 (60.0%) and the claim p = 0.04 against the printed 0.650 are found
    expect(audit.checks.filter((c) => c.status === 'inconsistent').map((c) => c.id)).toEqual([
      'percent:table1/sex:male/b_pct',
      'count-sum:table1/sex/b',
      'restatement:text/sex/p',
    ]);
  });
  it("the files from an audit's extraction are byte-identical to those of a fresh extraction", () => {
    const doc = readHtml(HTML);
    const fromAudit = extractedFiles(auditDocument(doc, 'paper.html').extraction, 'paper.html', 'paper');
    const fresh = extractedFiles(extractDocument(doc), 'paper.html', 'paper');
    expect(Object.keys(fromAudit.files)).toEqual(['table1.json', 'text.json']);
    expect(fromAudit.files).toEqual(fresh.files);
  });
  it('no tables: no links and no files (as restudy extract, which then writes nothing)', () => {
    const extraction = extractDocument(readHtml('<p>Sex differed (p = 0.04).</p>'));
    expect(extraction.tables).toEqual([]);
    expect(extraction.links).toEqual([]);
    expect(extractedFiles(extraction, 'p.html', 'p').files).toEqual({});
  });
  it("the offline page downloads the audit's extraction (it does not call the readers again)", () => {
    const source = readFileSync('web/auditTool.ts', 'utf8');
    expect(source).toMatch(/extractedFiles\(state\.audit\.extraction,/);
    expect(source).not.toMatch(/extractTables|linkProse|extractDocument\(/);
  });
});
