/**
 * Opens the report from disk (file://) in headless Debian Chromium through playwright-core: every table and
 * figure is there and visible, no console errors, no script, no network request; saves a screenshot to
 * test/browser/screenshots/ (git-ignored). CI installs chromium in .ci/run; locally the test is skipped only
 * when /usr/bin/chromium is missing and CI is not set.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write.ts';
import { loadInputs } from '../../src/study/load.ts';
import { runAnalyses } from '../../src/study/run.ts';
import { miniInputs } from '../study/_fixtures.ts';
import { miniCohort } from '../study/_miniCohort.ts';

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
const COHORT = 'data/shen2025/cohort.synthetic.csv';
const runIt = existsSync(CHROMIUM) || Boolean(process.env.CI);

describe.skipIf(!runIt)('the report in a browser', () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    // the bundled synthetic cohort with its printed numbers (the hand-made mini cohort if it is absent),
    // plus one hostile patient id that must show as text
    const inputs = existsSync(COHORT)
      ? await loadInputs('analyses/shen2025', { data: COHORT })
      : miniInputs({ rows: miniCohort(7) });
    const rows = inputs.rows.map((r) => ({ ...r }));
    rows[2].patient_id = '<script>alert(1)</script>';
    rows[2].size_mm = null;
    const dir = mkdtempSync(join(tmpdir(), 'restudy-browser-'));
    await writeReport(await runAnalyses({ ...inputs, rows }, { bootstrapReplicates: 200 }), dir);
    url = pathToFileURL(join(dir, 'index.html')).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every table and figure, offline, without errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      consoleErrors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u !== url) requests.push(u);
      return u === url ? route.continue() : route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
    await page.locator('#table4').screenshot({ path: join(SCREENSHOTS, 'table4.png') });
    await page.locator('#figure3').screenshot({ path: join(SCREENSHOTS, 'figure3.png') });
    await page.locator('#sensitivity').screenshot({ path: join(SCREENSHOTS, 'sensitivity.png') });

    const sections = await page.$$eval('section.analysis, section#summary', (els) => els.map((e) => e.id));
    for (const id of [
      'summary',
      'table1',
      'table2',
      'table3',
      'tables3',
      'tables4',
      'figure3',
      'tables2',
      'table4',
      'tables5',
      'sensitivity',
      'inputs',
    ])
      expect(sections, id).toContain(id);

    const tables = await page.$$eval('table.results', (els) =>
      els.map((t) => ({
        table: t.getAttribute('data-table'),
        rows: t.querySelectorAll('tbody tr').length,
        visible: t.getBoundingClientRect().height > 0,
      })),
    );
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['table1', 'table2', 'table3', 'tableS3', 'tableS4', 'tableS2', 'table4', 'tableS5']),
    );
    for (const t of tables) {
      expect(t.rows, String(t.table)).toBeGreaterThan(0);
      expect(t.visible, String(t.table)).toBe(true);
    }
    const figures = await page.$$eval('figure svg', (els) =>
      els.map((s) => {
        const r = s.getBoundingClientRect();
        return { w: r.width, h: r.height, marks: s.querySelectorAll('path, line, text').length };
      }),
    );
    expect(figures.length).toBe(2); // Figure 3 violins and the Table 4 ROC curves
    for (const f of figures) {
      expect(f.w).toBeGreaterThan(200);
      expect(f.h).toBeGreaterThan(150);
      expect(f.marks).toBeGreaterThan(20);
    }
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    expect(await page.textContent('body')).toContain('<script>alert(1)</script>'); // shown as text

    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
