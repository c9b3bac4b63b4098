/**
 * The offline page (dist/web/restudy.html, built by scripts/build-web.mjs) in headless Debian Chromium through
 * playwright-core, opened from disk (file://):
 * - pasting the Shen paper's text gives as many inconsistent findings as `restudy audit --text` on it;
 * - dropping the synthetic cohort (CSV, and the same table as XLSX) gives Table 1's p-values of `restudy run`;
 * - no request leaves the page (every request is routed; any URL that is not the page itself fails the test),
 *   and the page's CSP forbids connections even when a script tries;
 * - errors are shown in the page, the tools work from the keyboard; screenshots at 1280 and 390 px go to
 *   test/browser/screenshots/ (git-ignored); the bundle size is printed.
 * And, without a browser: src/browser.ts bundles for the browser platform with no `node:` import, and web/
 * type-checks against the DOM library.
 *
 * Needs ../shared/seed/ (the paper's text): the test fails, loudly, when it is missing. The browser part is
 * skipped only when /usr/bin/chromium is missing and CI is not set (as test/browser/report.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { type Browser, chromium, type FileChooser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expectClose.ts';

const CHROMIUM = process.env.RESTUDY_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = resolve('test/browser/screenshots');
const SEED_DIR = resolve('../shared/seed');
const COHORT = resolve('data/shen2025/cohort.synthetic.csv');
const runIt = existsSync(CHROMIUM) || Boolean(process.env.CI);

/** Table 1 rows whose three-group p `restudy run` computes (Ki-67 as a number has `test: none` there). */
const TABLE1_P_ROWS = ['age', 'menopause', 'er', 'pr', 'hr', 'ki67_group', 'size_mm'];

function seedText(): string {
  const files = existsSync(SEED_DIR) ? readdirSync(SEED_DIR).filter((f) => /^000_.*\.txt$/.test(f)) : [];
  if (files.length !== 1)
    throw new Error(
      `the Shen paper's text is needed: expected one ../shared/seed/000_*.txt beside the repository, found ${files.length} (in ${SEED_DIR})`,
    );
  return join(SEED_DIR, files[0]);
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/restudy.js', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type RunCells = Record<string, { text: string; parts?: { value: number | null }[] }>;

/** Table 1 from `restudy run`'s results.json: the three-group p-values and the cells of each row, by row key. */
function runTable1(outDir: string): { p: Record<string, number>; cells: Record<string, RunCells> } {
  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
    tables: { id: string; rows: { key: string; cells: RunCells }[] }[];
  };
  const table1 = results.tables.find((t) => t.id.toLowerCase() === 'table1');
  if (!table1) throw new Error('restudy run wrote no table1');
  const p: Record<string, number> = {};
  const cells: Record<string, RunCells> = {};
  for (const row of table1.rows) {
    cells[row.key] = row.cells;
    const v = row.cells.p?.parts?.[0]?.value;
    if (typeof v === 'number') p[row.key] = v;
  }
  return { p, cells };
}

describe('the page bundle without a browser', () => {
  it('src/browser.ts bundles for the browser platform with no node: import', async () => {
    const r = await build({
      entryPoints: ['src/browser.ts'],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const nodeImports = Object.entries(r.metafile.inputs).flatMap(([f, i]) =>
      i.imports
        .filter((x) => x.path.startsWith('node:') || (x.external && x.path !== '<runtime>'))
        .map((x) => `${f} → ${x.path}`),
    );
    expect(nodeImports).toEqual([]);
    expect(Object.keys(r.metafile.inputs).some((f) => f.includes('src/audit/auditText.ts'))).toBe(true);
  });

  it('a node: import anywhere below src/browser.ts would fail that check', async () => {
    // the check above can fail: the same bundle of a file that imports node:fs reports it
    const dir = mkdtempSync(join(tmpdir(), 'restudy-web-'));
    writeFileSync(join(dir, 'x.ts'), `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`);
    const r = await build({
      entryPoints: [join(dir, 'x.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    }).catch((e: Error) => e);
    const failed =
      r instanceof Error ||
      Object.values(r.metafile.inputs).some((i) => i.imports.some((x) => x.path.startsWith('node:')));
    expect(failed).toBe(true);
  });

  it('web/ type-checks against the DOM library', () => {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json', '--noEmit'], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);
});

describe.skipIf(!runIt)('the offline page in a browser', () => {
  let browser: Browser;
  let url: string;
  let work: string;
  let paperPath: string;
  const leaving: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    paperPath = seedText();
    work = mkdtempSync(join(tmpdir(), 'restudy-web-'));
    const { buildWeb, BUNDLE_GOAL_BYTES } = await import('../../scripts/build-web.mjs');
    const built = await buildWeb({ out: join(work, 'restudy.html') });
    console.log(
      `page bundle: ${(built.bytes / 1024 / 1024).toFixed(2)} MB (${built.bytes} bytes; goal ≤ ${(BUNDLE_GOAL_BYTES / 1024 / 1024).toFixed(0)} MB)`,
    );
    url = pathToFileURL(built.out).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      // blob: downloads are made in the page and never leave it; anything else but the page itself is a leak
      if (r.url() !== url && !r.url().startsWith('blob:')) leaving.push(`request ${r.url()}`);
    });
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      leaving.push(`routed ${u}`);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    await expect.poll(() => page.locator('body').getAttribute('data-ready')).toBe('true');
    return page;
  }

  it('audits the pasted Shen paper with as many inconsistent findings as the CLI', async () => {
    const cliRun = cli(['audit', '--text', paperPath, '--json']);
    expect([0, 1], cliRun.stderr).toContain(cliRun.status);
    const cliJson = JSON.parse(cliRun.stdout) as { summary: Record<string, number>; checks: unknown[] };
    const page = await openPage(1280);
    await page.locator('#audit-text').fill(readFileSync(paperPath, 'utf8'));
    await page.locator('#audit-run').click();
    await page.locator('#audit-results').waitFor({ state: 'visible' });
    for (const status of ['inconsistent', 'implausible', 'not-checkable', 'consistent']) {
      const shown = Number(await page.locator(`#audit-summary [data-status="${status}"]`).getAttribute('data-count'));
      expect(shown, status).toBe(cliJson.summary[status]);
    }
    const inconsistent = cliJson.summary.inconsistent;
    expect(await page.locator('#audit-findings li.finding[data-status="inconsistent"]').count()).toBe(inconsistent);
    // each finding shows its arithmetic and the source line it was read from
    const first = page.locator('#audit-findings li.finding').first();
    await expect.poll(() => first.locator('pre.arithmetic').count()).toBe(1);
    expect(await first.locator('blockquote.source').textContent()).toBeTruthy();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-audit-1280.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-audit-390.png'), fullPage: false });
    await page
      .locator('#audit-findings li.finding')
      .nth(2)
      .screenshot({ path: join(SCREENSHOTS, 'web-audit-finding-390.png') });
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width, 'no horizontal scrolling at 390 px').toBeLessThanOrEqual(390);
    await page.context().close();
  }, 120_000);

  it('audits a dropped PDF, HTML and DOCX document with the findings of restudy audit FILE (pdfjs inside the single file)', async () => {
    const html = `<!doctype html><html><body><h1>Results</h1>${RESULTS_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
    const maker = await browser.newPage();
    await maker.setContent(html);
    const files = {
      pdf: join(work, 'results.pdf'),
      html: join(work, 'results.html'),
      docx: join(work, 'results.docx'),
    };
    writeFileSync(files.pdf, await maker.pdf({ format: 'A4' }));
    await maker.close();
    writeFileSync(files.html, html);
    const docx = new Document({
      sections: [{ children: RESULTS_PARAGRAPHS.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
    });
    writeFileSync(files.docx, await Packer.toBuffer(docx));
    for (const [format, file] of Object.entries(files)) {
      const fromCli = cli(['audit', file, '--json']);
      expect(fromCli.status, `${format}: ${fromCli.stderr}`).toBe(1); // the paragraphs hold inconsistent results
      const expected = (JSON.parse(fromCli.stdout) as { summary: Record<string, number> }).summary;
      expect(expected.inconsistent, format).toBeGreaterThan(0);
      const page = await openPage(1280);
      await page.locator('#audit-file').setInputFiles(file);
      await page.locator('#audit-results').waitFor({ state: 'visible' });
      for (const status of ['inconsistent', 'implausible', 'not-checkable', 'consistent']) {
        expect(
          Number(await page.locator(`#audit-summary [data-status="${status}"]`).getAttribute('data-count')),
          `${format} ${status}`,
        ).toBe(expected[status]);
      }
      if (format === 'pdf')
        expect(await page.locator('#audit-findings .finding-head').first().textContent()).toMatch(/page 1, line \d+/);
      await page.context().close();
    }
  }, 300_000);

  it("drops a DOCX with a results paragraph and a table: the findings and the extracted files equal the CLI's", async () => {
    const file = join(work, 'Arm trial.docx');
    writeFileSync(file, await docxWithTable());
    const fromCli = cli(['audit', file, '--json']);
    expect(fromCli.status, fromCli.stderr).toBe(1);
    const cliChecks = (JSON.parse(fromCli.stdout) as { checks: { id: string; status: string }[] }).checks;
    const expected = cliChecks.map((c) => `${c.id} ${c.status}`).sort();
    // the table, the prose and the link between them are all read
    expect(expected).toEqual(
      expect.arrayContaining([
        'percent:table1/smoking:yes/a_pct inconsistent',
        'restatement:text/smoking/p inconsistent',
        'summary-vs-test:table1/age_years/p consistent',
      ]),
    );
    expect(expected.some((c) => /^reported-test:text\/line-\d+\/col-\d+ inconsistent$/.test(c))).toBe(true);
    const outDir = join(work, 'extract-cli');
    const extract = cli(['extract', file, '--out', outDir]);
    expect(extract.status, extract.stderr).toBe(0);
    const cliFiles = readdirSync(outDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(cliFiles).toEqual(['table1.json', 'text.json']);

    const page = await openPage(1280);
    await page.locator('#audit-file').setInputFiles(file);
    await page.locator('#audit-results').waitFor({ state: 'visible' });
    await page.locator('#audit-show-consistent').check();
    const shown = await page
      .locator('#audit-findings li.finding')
      .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-id')} ${li.getAttribute('data-status')}`));
    expect(shown.sort()).toEqual(expected);
    expect(await page.locator('#audit-extract-files a').allTextContents()).toEqual(cliFiles);
    const downloads: Record<string, string> = {};
    page.on('download', async (d) => {
      downloads[d.suggestedFilename()] = readFileSync((await d.path())!, 'utf8');
    });
    await page.locator('#audit-download-extract').click();
    await expect.poll(() => Object.keys(downloads).sort(), { timeout: 20_000 }).toEqual(cliFiles);
    for (const name of cliFiles) expect(downloads[name], name).toBe(readFileSync(join(outDir, name), 'utf8'));
    await page.context().close();
  }, 180_000);

  it("drops the synthetic cohort (CSV and XLSX) → Table 1's p-values equal restudy run's", async () => {
    const out = join(work, 'run');
    const run = cli(['run', 'analyses/shen2025', '--data', COHORT, '--out', out, '--preset', 'spss']);
    expect(run.status, run.stderr).toBe(0);
    const { p: expected, cells: runCells } = runTable1(out);
    expect(Object.keys(expected).sort()).toEqual([...TABLE1_P_ROWS].sort());

    const xlsxPath = join(work, 'cohort.xlsx');
    await writeCohortXlsx(COHORT, xlsxPath);
    for (const kind of ['csv', 'xlsx'] as const) {
      const page = await openPage(1280);
      await page.locator('#tab-summary').click();
      if (kind === 'csv') await dropFile(page, '#summary-drop', 'cohort.synthetic.csv', readFileSync(COHORT, 'utf8'));
      else await page.locator('#summary-file').setInputFiles(xlsxPath);
      await page.locator('#summary-setup').waitFor({ state: 'visible' });
      expect(await page.locator('#summary-group').inputValue()).toBe('her2_group');
      expect(await page.locator('#summary-order').inputValue()).toBe('low, over, zero');
      await page.locator('#summary-order').fill('zero, low, over'); // the paper's order
      await page.locator('#summary-preset').selectOption('spss');
      await page.locator('#summary-none').click();
      for (const v of TABLE1_P_ROWS) await page.locator(`#summary-columns input[data-column="${v}"]`).check();
      await page.locator('#summary-columns select.col-summary[data-column="age"]').selectOption('mean_sd'); // as Table 1
      await page.locator('#summary-make').click();
      await page.locator('#summary-results').waitFor({ state: 'visible' });
      expect(await page.locator('#summary-table thead th').allTextContents()).toEqual([
        'Variable',
        'Total (n = 232)',
        'zero (n = 60)',
        'low (n = 91)',
        'over (n = 81)',
        'p',
        'Test',
      ]);
      for (const v of TABLE1_P_ROWS) {
        const shown = Number(await page.locator(`td.p[data-variable="${v}"]`).getAttribute('data-p'));
        // the same statistics code on the same numbers: equal to the last bits, so a tight closed-form tolerance
        expectClose(shown, expected[v], { rtol: 1e-12 }, `${kind} ${v}`);
      }
      // the cells as printed: age mean ± SD (two decimals, SD with n − 1) and size median (Q1, Q3) type 6
      for (const row of ['age', 'size_mm']) {
        const cells = await page.locator(`tr[data-key="${row}"] td`).allTextContents();
        expect(cells.slice(0, 4), row).toEqual(['total', 'zero', 'low', 'over'].map((g) => runCells[row][g].text));
      }
      if (kind === 'csv') {
        await page.screenshot({ path: join(SCREENSHOTS, 'web-summary-1280.png'), fullPage: true });
        const csv = await downloaded(page, '#summary-download-csv');
        const lines = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
        const age = lines.find((l) => l.row === 'age');
        expect(Number(age?.p_value)).toBe(Number(expected.age.toPrecision(17)));
        const html = await downloaded(page, '#summary-download-html');
        expect(html).toMatch(/^<!doctype html>/);
        expect(html).toContain('Kruskal–Wallis');
        expect(html).not.toMatch(/<script|<link|src=|https?:/i);
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: join(SCREENSHOTS, 'web-summary-390.png'), fullPage: true });
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width, 'the table scrolls inside its box, not the page').toBeLessThanOrEqual(390);
      }
      await page.context().close();
    }
  }, 300_000);

  it('shows bad input in the page, not the console', async () => {
    const page = await openPage(1280);
    await page.locator('#audit-run').click();
    await expect.poll(() => page.locator('#audit-error').textContent()).toMatch(/Nothing to audit/);
    await dropFile(page, '#audit-drop', 'paper.pdf', 'not a PDF at all');
    await expect.poll(() => page.locator('#audit-error').textContent()).toMatch(/paper\.pdf: not a PDF/);
    await dropFile(page, '#audit-drop', 'paper.odt', 'x');
    await expect
      .poll(() => page.locator('#audit-error').textContent())
      .toMatch(/paper\.odt: not a format the audit reads/);
    await page.locator('#tab-summary').click();
    await dropFile(page, '#summary-drop', 'twice.csv', 'id,age,age\n1,2,3\n');
    await expect
      .poll(() => page.locator('#summary-error').textContent())
      .toMatch(/twice\.csv: row 1: column name "age" appears twice/);
    await dropFile(page, '#summary-drop', 'old.xlsx', 'not a zip');
    await expect.poll(() => page.locator('#summary-error').textContent()).toMatch(/old\.xlsx: .*not a ZIP/);
    await dropFile(page, '#summary-drop', 'one.csv', 'group,x\na,1\na,2\na,3\n');
    await page.locator('#summary-make').click();
    await expect.poll(() => page.locator('#summary-error').textContent()).toMatch(/"group" has 1 group/);
    await dropFile(page, '#summary-drop', 'two.csv', 'group,x\na,1\nb,2\na,3\nb,5\n');
    await page.locator('#summary-order').fill('a, c');
    await page.locator('#summary-make').click();
    await expect
      .poll(() => page.locator('#summary-error').textContent())
      .toMatch(/group order: "c" is not a value of "group" \(have a, b\)/);
    expect(await page.locator('#page-error').isHidden()).toBe(true);
    await page.context().close();
  }, 120_000);

  it('works from the keyboard', async () => {
    const page = await openPage(1280);
    // a listener from the start turns on playwright's file-chooser interception before Enter is pressed
    const chooser = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
    await page.locator('#tab-audit').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#summary').isVisible()).toBe(true);
    expect(await page.locator('#tab-summary').getAttribute('aria-selected')).toBe('true');
    await page.locator('#summary-drop').focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(COHORT);
    await page.locator('#summary-setup').waitFor({ state: 'visible' });
    await page.locator('#summary-make').focus();
    await page.keyboard.press('Enter');
    await page.locator('#summary-results').waitFor({ state: 'visible' });
    expect(await page.locator('td.p').count()).toBeGreaterThan(50);
    await page.context().close();
  }, 180_000);

  // last: it also asserts that no test before it logged a console error or warning, or made a request
  it('lets nothing leave the page', async () => {
    const page = await openPage(1280);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(await page.locator('script[src], link[href], img[src^="http"], iframe').count()).toBe(0);
    // even a script that tries is stopped by the policy (its CSP report in the console is expected)
    const before = problems.length;
    const attempt = await page.evaluate(
      "fetch('https://example.org/x').then(() => 'sent', (e) => 'blocked: ' + e.message)",
    );
    expect(attempt).toMatch(/^blocked/);
    expect(
      problems.slice(before).every((p) => /Content Security Policy|Failed to fetch/i.test(p)),
      problems.slice(before).join('\n'),
    ).toBe(true);
    problems.splice(before);
    await page.context().close();
    expect(leaving).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});

/** Drops a file on a drop zone as a browser does: a DataTransfer with a File in a `drop` event. */
async function dropFile(page: Page, selector: string, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(content)}], ${JSON.stringify(name)})); return d; })()`,
  );
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

/** Clicks a download button and returns the downloaded file's text. */
async function downloaded(page: Page, selector: string): Promise<string> {
  const wait = page.waitForEvent('download');
  await page.locator(selector).click();
  const file = await (await wait).path();
  return readFileSync(file, 'utf8');
}

/** The cohort CSV as an XLSX workbook: numbers as numeric cells, NA as empty cells, text as shared strings. */
async function writeCohortXlsx(csvPath: string, xlsxPath: string): Promise<void> {
  const lines = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('cohort');
  for (const line of lines) {
    sheet.addRow(line.split(',').map((c) => (c === 'NA' ? null : /^-?\d+(?:\.\d+)?$/.test(c) ? Number(c) : c)));
  }
  await workbook.xlsx.writeFile(xlsxPath);
}

/** A results section written for this test: two tests that fit their p, two that do not, an OR and a k/n. */
/** A DOCX made here: a results paragraph (a restated p, a t-test) and "Table 1." with a Word table. */
async function docxWithTable(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  const table = new Table({
    rows: [
      row('Characteristic', 'Total (n = 90)', 'Arm A (n = 40)', 'Arm B (n = 50)', 'p-Value'),
      row('Age, years', '50.42 ± 10.07', '51.20 ± 9.80', '49.80 ± 10.40', '0.514'),
      row('Smoking', '', '', '', '0.310'),
      row('Yes', '32 (35.6%)', '12 (35.0%)', '20 (40.0%)', ''),
      row('No', '58 (64.4%)', '28 (70.0%)', '30 (60.0%)', ''),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('Results')] }),
          new Paragraph(
            'Smoking was as common in Arm A as in Arm B (p = 0.031). Age did not differ either, t(88) = 0.65, p = .05.',
          ),
          new Paragraph('Table 1. Characteristics by arm.'),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const RESULTS_PARAGRAPHS = [
  'Age differed between the groups, t(28) = 2.10, p = .045, and so did tumour size, F(2, 57) = 4.12, p = .021.',
  'Enhancement was related to HER2 status, χ2(2) = 7.10, p = .003, whereas edema was not, t(40) = 1.20, p = .012.',
  'The odds ratio was 2.10 (95% CI 1.20–3.40), p = 0.01, and 28/60 (46.7%) lesions were masses.',
];
