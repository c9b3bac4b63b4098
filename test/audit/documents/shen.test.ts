/**
 * Issue 12 acceptance, end to end on documents made here: the Shen paper rendered to HTML
 * (scripts/render-shen2025.ts) and printed to PDF by Chromium in one and two columns; the tables read
 * back must recover ≥ 95 % of the 702 transcribed numbers with the right location, and the audit of
 * the PDF must find the 9 inconsistencies the JSON audit finds: the Table 4 group sizes inferred from
 * its caption and Table 2, the abstract's "all p < 0.001" and the "ranged from" sentence linked to
 * table cells by the prose linker.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, printToPdf, renderShenHtml } from '../../../scripts/render-shen2025.ts';
import { auditPublished } from '../../../src/audit/auditPublished.ts';
import { defaultContingencyTests } from '../../../src/audit/contingencyTests.ts';
import { auditDocument, extractDocument, extractTables } from '../../../src/audit/documents/auditDocument.ts';
import { readHtml } from '../../../src/audit/documents/html.ts';
import { readPdf } from '../../../src/audit/documents/pdf.ts';
import type { ReadDocument } from '../../../src/audit/documents/types.ts';
import { loadPublished, loadPublishedFiles } from '../../../src/data/published/loadPublished.ts';
import { SHEN_JSON_INCONSISTENT } from '../_shenFindings.ts';
import { recovery } from './_recovery.ts';

const PUBLISHED = 'data/shen2025/published';
const hasChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);
const truth = loadPublished(PUBLISHED);

const JSON_FINDINGS = [...SHEN_JSON_INCONSISTENT];

function inconsistentIds(checks: readonly { id: string; status: string }[]): string[] {
  return checks
    .filter((c) => c.status === 'inconsistent')
    .map((c) => c.id)
    .sort();
}

describe('the Shen paper as HTML', () => {
  const doc = readHtml(renderShenHtml({ columns: 1 }));
  it('reads its four tables and recovers every table cell with its location', () => {
    expect(truth.length).toBeGreaterThanOrEqual(702); // 702 when issue 12 was filed; 706 now
    expect(doc.tables.map((t) => t.caption.slice(0, 8))).toEqual(['Table 1.', 'Table 2.', 'Table 3.', 'Table 4.']);
    const r = recovery(truth, extractTables(doc).tables, doc.lines);
    console.log(
      `HTML: ${r.recovered}/${r.total} (${((100 * r.recovered) / r.total).toFixed(1)} %): table cells ${r.tableCells.recovered}/${r.tableCells.total}, prose ${r.prose.recovered}/${r.prose.total}`,
    );
    expect(r.tableCells.recovered).toBe(r.tableCells.total);
    expect(r.recovered / r.total).toBeGreaterThanOrEqual(0.95);
  });
});

describe.skipIf(!hasChromium)('the Shen paper printed to PDF by Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-shen-pdf-'));
  const docs: Record<string, ReadDocument> = {};
  beforeAll(async () => {
    for (const columns of [1, 2] as const) {
      const html = join(dir, `shen-${columns}col.html`);
      writeFileSync(html, renderShenHtml({ columns }));
      printToPdf(html, join(dir, `shen-${columns}col.pdf`));
      docs[columns] = await readPdf(new Uint8Array(readFileSync(join(dir, `shen-${columns}col.pdf`))));
    }
  }, 300_000);

  for (const columns of [1, 2] as const) {
    it(`${columns} column${columns === 2 ? 's' : ''}: ≥ 95 % of the 702 transcribed numbers recovered with the right location`, () => {
      const doc = docs[columns];
      expect(doc.pages).toBeGreaterThan(5);
      const r = recovery(truth, extractTables(doc).tables, doc.lines);
      console.log(
        `PDF ${columns} col: ${r.recovered}/${r.total} (${((100 * r.recovered) / r.total).toFixed(1)} %): table cells ${r.tableCells.recovered}/${r.tableCells.total}, prose ${r.prose.recovered}/${r.prose.total}; missed: ${r.missed.join('; ')}`,
      );
      expect(r.recovered / r.total).toBeGreaterThanOrEqual(0.95);
      expect(r.tableCells.recovered / r.tableCells.total).toBeGreaterThanOrEqual(0.99);
    });

    it(`${columns} column${columns === 2 ? 's' : ''}: the audit finds the 9 inconsistencies of the JSON audit, and no others`, () => {
      const fromJson = inconsistentIds(
        auditPublished(loadPublishedFiles(PUBLISHED), { tests: defaultContingencyTests }),
      );
      const fromPdf = auditDocument(docs[columns], 'shen.pdf', { tests: defaultContingencyTests });
      expect(fromJson).toEqual(JSON_FINDINGS);
      // the document's ids differ where the JSON names what a reader cannot know: the range sentence's
      // row (single_features) and the OR, which the JSON files under Table S2 and the document prints in prose
      const asDocument = (id: string): string =>
        id
          .replace('range-claim:text/single_features/', 'range-claim:text/table4_auc/')
          .replace(/^odds-ratio:tableS2\/.*$/, 'odds-ratio:text (prose)');
      const found = inconsistentIds(fromPdf.checks).map((id) =>
        /^odds-ratio:text\/page-/.test(id) ? 'odds-ratio:text (prose)' : id,
      );
      expect(found.sort()).toEqual(fromJson.map(asDocument).sort());
      const byId = new Map(fromPdf.checks.map((c) => [c.id, c]));
      // where each was read, with the link or the inferred group sizes stated
      expect(byId.get('restatement:abstract/ki67_group/p2')!.where[0]).toMatch(
        /^page 1, line \d+, column \d+: "Clinically, .*\(all p < 0\.001\)\.?" → Table 1 \(page \d\), row "Ki67 group", column "p\^2-Value \(Low vs\. Over\)"/,
      );
      expect(byId.get('range-claim:text/table4_auc/auc_range_min')!.message).toBe(
        'the maximum is 0.776 (table4/k_entropy/auc), not 0.786',
      );
      expect(byId.get('positive-class:table4/*/sensitivity')!.where.at(-1)).toMatch(
        /^group sizes HER2-Low 36, HER2-Over 41 from Table 2 \(page \d\), row "Nme related"/,
      );
      const or = fromPdf.checks.find((c) => c.kind === 'odds-ratio' && c.status === 'inconsistent')!;
      expect(or.reported).toBe('OR 2.23 (1.29–8.10), p = 0.012');
      expect(or.where[0]).toMatch(/^page \d+, line \d+, column \d+: "OR = 2\.23/);
    });
  }

  it('both PDFs link the same prose claims to the same cells as the HTML (page 4 of two columns included)', () => {
    const linksOf = (doc: ReadDocument): string[] =>
      extractDocument(doc)
        .links.flatMap((t) => t.numbers.map((n) => `${t.table}:${n.id}`))
        .sort();
    const html = linksOf(readHtml(renderShenHtml({ columns: 1 })));
    expect(html).toContain('text:text/t2_hyperintensity/p1');
    expect(linksOf(docs[1])).toEqual(html);
    // page 4: four full-width footnote lines above a few column lines; the columns must not be merged
    expect(linksOf(docs[2])).toEqual(html);
    const sources = extractDocument(docs[2]).links.find((t) => t.table === 'text')!.sources;
    expect(sources['text/t2_hyperintensity/p2']).toMatch(
      /^page 4, line \d+, column \d+: "Intratumoral T2 hyperintensity was more frequently observed in HER2-low breast cancer than/,
    );
  });

  it('restudy extract writes JSON that `restudy audit DIR` reads, with the same table findings', async () => {
    const { runExtract } = await import('../../../src/cli/extract.ts');
    const { runAudit } = await import('../../../src/cli/audit.ts');
    const out = join(dir, 'extracted');
    const io = { out: () => true, err: () => true };
    expect(await runExtract(join(dir, 'shen-2col.pdf'), { out }, io)).toBe(0);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(['abstract.json', 'table1.json', 'table2.json', 'table3.json', 'table4.json', 'text.json']);
    let json = '';
    expect(await runAudit([out], { json: true }, { out: (s: string) => (json += s), err: () => true })).toBe(1);
    const ids = inconsistentIds((JSON.parse(json) as { checks: { id: string; status: string }[] }).checks);
    expect(ids).toEqual(
      inconsistentIds(
        auditDocument(docs[2], 'x', { tests: defaultContingencyTests }).checks.filter(
          (c) => !/^text\/(page|line)-/.test(`${c.location.table}/${c.location.row}`),
        ),
      ),
    );
    expect(ids).toContain('positive-class:table4/*/sensitivity');
    expect(ids).toContain('restatement:abstract/ki67_group/p2');
  });
});
