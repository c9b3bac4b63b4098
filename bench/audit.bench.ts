/**
 * Document audit benchmark (issue 12: "a 30-page PDF audited in ≤ 5 s on this machine"): the Shen paper
 * rendered here (scripts/render-shen2025.ts) four times over in two columns, printed to PDF by Chromium
 * (outside the timed region), then read (pdfjs text layer, lines, tables) and audited (table checks and
 * prose) as `restudy audit paper.pdf` does. Wall time, median of 3 runs after a warm-up that loads pdfjs.
 * Skipped without Chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { renderShenHtml } from '../scripts/render-shen2025.ts';
import { defaultContingencyTests } from '../src/audit/contingencyTests.ts';
import { auditDocument } from '../src/audit/documents/auditDocument.ts';
import { readPdf } from '../src/audit/documents/pdf.ts';
import type { BenchRow } from './_harness.ts';

export const title = 'audit of a PDF (Shen ×4, two columns, printed by Chromium)';
const CHROMIUM = process.env.RESTUDY_CHROMIUM ?? '/usr/bin/chromium';

function makePdf(copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-bench-audit-'));
  const one = renderShenHtml({ columns: 2 });
  const body = one.slice(one.indexOf('<div class="body">'), one.lastIndexOf('</div>') + 6);
  const html = one.replace(
    body,
    Array.from({ length: copies }, () => body).join('\n<div style="break-before: page"></div>\n'),
  );
  writeFileSync(join(dir, 'paper.html'), html);
  const pdf = join(dir, 'paper.pdf');
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(join(dir, 'paper.html')).href,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return pdf;
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM))
    return [{ name: 'audit 30-page PDF', ms: Number.NaN, note: `skipped: no Chromium at ${CHROMIUM}` }];
  const bytes = new Uint8Array(readFileSync(makePdf(4)));
  let pages = 0;
  let checks = 0;
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const doc = await readPdf(bytes);
    const audit = auditDocument(doc, 'paper.pdf', { tests: defaultContingencyTests });
    pages = doc.pages;
    checks = audit.checks.length;
    if (checks === 0) throw new Error('benchmark audit found no checks');
    return performance.now() - t0;
  };
  await once();
  const times = [await once(), await once(), await once()].sort((a, b) => a - b);
  return [
    { name: `read + audit a ${pages}-page PDF (${checks} checks)`, ms: times[1], target: '≤ 5000 ms for 30 pages' },
  ];
}
