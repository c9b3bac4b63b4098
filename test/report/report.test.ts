import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvField, escapeHtml } from '../../src/report/escape.ts';
import { violinSpec } from '../../src/report/figures.ts';
import { renderHtml } from '../../src/report/html.ts';
import { namespaceIds, renderSvg } from '../../src/report/svg.ts';
import { writeReport } from '../../src/report/write.ts';
import { runAnalyses } from '../../src/study/run.ts';
import { loadStudy } from '../../src/study/spec.ts';
import type { StudyResult } from '../../src/study/types.ts';
import { shownFiles } from '../helpers/reportFiles.ts';
import { miniInputs } from '../study/_fixtures.ts';
import { miniCohort } from '../study/_miniCohort.ts';

const EVIL = '<script>alert(1)</script>';
const EVIL_IMG = '"><img src=x onerror=alert(2)>';

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(3.5)).toBe('3.5');
  });
  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Infinity)).toBe('Inf');
    expect(csvField(null)).toBe('');
  });
  it('vega escapes labels inside the SVG', async () => {
    const spec = violinSpec([
      {
        variable: 'x',
        label: EVIL,
        pDisplay: '0.010',
        brackets: [{ from: 1, to: 0, text: '*' }],
        groups: ['a', 'b', 'c'].map((g, i) => ({
          code: g,
          label: i === 1 ? EVIL_IMG : g,
          values: [1, 2, 3, 4, 5].map((v) => v + i),
        })),
      },
    ]);
    const svg = await renderSvg(spec, 'evil');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;');
  });
  it('renames SVG ids per figure, references included', () => {
    const svg =
      '<svg><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="g1"/></defs><g clip-path="url(#clip7)" fill="url(#g1)"><use href="#clip7"/></g></svg>';
    expect(namespaceIds(svg, 'fig 3')).toBe(
      '<svg><defs><clipPath id="fig_3-1"><rect/></clipPath><linearGradient id="fig_3-2"/></defs><g clip-path="url(#fig_3-1)" fill="url(#fig_3-2)"><use href="#fig_3-1"/></g></svg>',
    );
  });
});

describe('report from a hostile cohort', () => {
  let html: string;
  let result: StudyResult;
  beforeAll(async () => {
    const rows = miniCohort(11);
    rows[0].patient_id = EVIL;
    rows[0].size_mm = null; // lands in the exclusions list, by patient id
    rows[1].patient_id = EVIL_IMG;
    rows[1].ki67 = null;
    const loaded = loadStudy('analyses/shen2025');
    // drop the spec's labels for FGT so the (hostile) codebook labels are printed
    const t2 = loaded.analyses.find((a) => a.id === 'table2')!.spec as {
      rows: { variable?: string; labels?: unknown }[];
    };
    for (const r of t2.rows) if (r.variable === 'fgt') delete r.labels;
    const inputs = miniInputs({
      rows,
      loaded,
      relabel: {
        fgt: { a_b: EVIL, c_d: EVIL_IMG },
        mass_enhancement: { homogeneous: EVIL, heterogeneous: 'het', rim: EVIL_IMG, dark_septations: 'dark' },
      },
    });
    result = await runAnalyses(inputs, { bootstrapReplicates: 30 });
    const dir = mkdtempSync(join(tmpdir(), 'restudy-evil-'));
    await writeReport(result, dir);
    html = readFileSync(join(dir, 'index.html'), 'utf8');
  });
  it('prints the hostile strings, escaped', () => {
    expect(html).toContain(escapeHtml(EVIL));
    expect(html).toContain(escapeHtml(EVIL_IMG));
  });
  it('never emits them as markup', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i); // no event-handler attribute inside any tag
  });
  it('forbids scripts and network by Content-Security-Policy', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });
});

describe('determinism', () => {
  it('same inputs and seed give byte-identical files; another seed changes the bootstraps', async () => {
    const write = async (seed: number): Promise<Map<string, string>> => {
      const dir = mkdtempSync(join(tmpdir(), 'restudy-det-'));
      await writeReport(await runAnalyses(miniInputs(), { seed, bootstrapReplicates: 40 }), dir);
      return new Map(shownFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    };
    const a = await write(123);
    const b = await write(123);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()]).toEqual(
      expect.arrayContaining([
        'index.html',
        'results.json',
        'table1.csv',
        'table2.csv',
        'table3.csv',
        'table4.csv',
        'tables2.csv',
        'tables5.csv',
        'sensitivity.csv',
      ]),
    );
    for (const [f, text] of a) expect(b.get(f) === text, `${f} differs between two identical runs`).toBe(true);
    const c = await write(124);
    expect(c.get('results.json')).not.toBe(a.get('results.json'));
  });
  it('gives the same numbers whether the optimism bootstraps run on worker threads or not', async () => {
    const inline = await runAnalyses(miniInputs(), { bootstrapReplicates: 30, threads: 0 });
    const threaded = await runAnalyses(miniInputs(), { bootstrapReplicates: 30, threads: 2 });
    const optimism = inline.sensitivity
      .flatMap((r) => r.variants)
      .filter((v) => v.name.startsWith('optimism-corrected'));
    expect(optimism.length).toBe(4); // the four combined models of Table 4
    for (const v of optimism) expect(v.value).not.toBeNull();
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(inline));
  });
  it('renders the same SVG twice in one process', async () => {
    const spec = {
      data: {
        values: [
          { a: 'x', b: 1 },
          { a: 'y', b: 2 },
        ],
      },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    };
    expect(await renderSvg(spec, 'f')).toBe(await renderSvg(spec, 'f'));
  });
});

describe('report content', () => {
  it('has every table, the summary, the sensitivity panel and both figures', async () => {
    const result = await runAnalyses(miniInputs(), { bootstrapReplicates: 30 });
    const html = renderHtml(result);
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
      'figure_roc',
      'tables5',
      'sensitivity',
    ])
      expect(html, id).toContain(`id="${id}"`);
    expect(result.summary.map((s) => s.table)).toContain('table1');
    // the printed "< 0.001" for ER agrees when the reproduced p is below 0.001, else differs; never "not printed"
    const er = result.tables[0].rows.find((r) => r.key === 'er')!.cells.p.parts[0];
    expect(er.published?.printed).toBe('< 0.001');
    expect(er.status).toBe((er.value as number) < 0.001 ? 'agrees' : 'differs');
    // an abstract echo of table1/er/p1
    expect(result.tables.some((t) => t.rows.some((r) => r.key === 'abstract/er/p1'))).toBe(true);
  });
});
