import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/audit/documents/cleanText.ts';
import { nameGroups, readHeader, slug } from '../../../src/audit/documents/headers.ts';
import { readHtml } from '../../../src/audit/documents/html.ts';
import { decodeEntities } from '../../../src/audit/documents/htmlTokens.ts';
import { findGutter, groupLines, type TextRun } from '../../../src/audit/documents/pdfLayout.ts';
import { formatOfName } from '../../../src/audit/documents/readDocument.ts';
import { tableToPublished } from '../../../src/audit/documents/tableToPublished.ts';
import { readText } from '../../../src/audit/documents/text.ts';

describe('text as printed', () => {
  it('ligatures, soft hyphens, Unicode minus, odd spaces', () => {
    expect(cleanText('signi\ufb01cant di\ufb00erence')).toBe('significant difference');
    expect(cleanText('hyper\u00adintensity\u200b')).toBe('hyperintensity');
    expect(cleanText('\u22120.52\u2009to\u00a00.81')).toBe('-0.52 to 0.81');
    expect(cleanText('0.543\u20130.794')).toBe('0.543\u20130.794'); // a range dash is not a minus
    // '¼' is a journal font's '=' in a PDF text layer: kept as printed (NFKC alone gives "1⁄4")
    expect(cleanText('p \u00BC 0.009, \ufb01t')).toBe('p \u00BC 0.009, fit');
  });
  it('HTML character references, named and numeric; unknown ones kept', () => {
    expect(decodeEntities('&lt;0.001 &amp; &#8722;1.2 &#x3c7;&sup2; &plusmn; &bogus;')).toBe(
      '<0.001 & \u22121.2 \u03c7\u00b2 \u00b1 &bogus;',
    );
  });
  it('file formats from names', () => {
    expect(['a.PDF', 'b.htm', 'c.docx', 'd.markdown', 'e.txt', 'f.doc', 'g'].map(formatOfName)).toEqual([
      'pdf',
      'html',
      'docx',
      'md',
      'txt',
      null,
      null,
    ]);
  });
});

describe('HTML', () => {
  const html = `<html><head><title>T</title><style>p { color: red }</style><script>var x = "<table>";</script></head><body>
<h1>Results</h1><p>The arms differed, &chi;<sup>2</sup>(1, N = 80) = 4.20, p = .040.</p>
<p>Table 2. Outcomes by arm.</p>
<table><thead><tr><th rowspan="2">Outcome</th><th colspan="2">Arm; n (%)</th><th>p</th></tr>
<tr><th>A (n = 40)</th><th>B (n = 40)</th><th></th></tr></thead>
<tbody><tr><td>Relapse</td><td></td><td></td><td>0.040</td></tr>
<tr><td>Yes</td><td>12 (30.0%)</td><td>22 (55.0%)</td><td></td></tr>
<tr><td>No</td><td>28 (70.0%)</td><td>18 (45.0%)</td><td></td></tr>
<tr><td>K<sub>mean</sub></td><td>1.20 ± 0.30</td><td>1.10 ± 0.20</td><td>&lt; 0.001</td></tr></tbody></table>
<!-- <table><tr><td>a comment</td></tr></table> --><p>After.</p></body></html>`;
  const doc = readHtml(html);
  it('blocks are lines; script, style and comments are skipped; sup joins in prose', () => {
    expect(doc.lines.map((l) => l.text)).toEqual([
      'Results',
      'The arms differed, χ2(1, N = 80) = 4.20, p = .040.',
      'After.',
    ]);
    expect(doc.lines.map((l) => l.line)).toEqual([1, 2, 3]);
  });
  it('<table> is read as a table; the line before it that starts with "Table" is its caption', () => {
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].caption).toBe('Table 2. Outcomes by arm.');
    expect(doc.tables[0].rows[0].map((c) => [c.text, c.span])).toEqual([
      ['Outcome', 1],
      ['Arm; n (%)', 2],
      ['p', 1],
    ]);
    expect(doc.tables[0].rows[5][0].text).toBe('K_mean');
  });
  it('into published numbers: groups from "(n = 40)", levels under their variable, denominators from the header', () => {
    const t = tableToPublished(doc.tables[0], 'Table 2');
    expect(t?.table).toBe('table2');
    expect(t?.context).toEqual({ groups: { a: 40, b: 40 } });
    expect(t?.warnings).toEqual([]);
    const ids = t?.numbers.map((e) => e.id);
    expect(ids).toEqual([
      'table2/group/a',
      'table2/group/b',
      'table2/relapse/p',
      'table2/relapse:yes/a',
      'table2/relapse:yes/a_pct',
      'table2/relapse:yes/b',
      'table2/relapse:yes/b_pct',
      'table2/relapse:no/a',
      'table2/relapse:no/a_pct',
      'table2/relapse:no/b',
      'table2/relapse:no/b_pct',
      'table2/k_mean/a_mean',
      'table2/k_mean/a_sd',
      'table2/k_mean/b_mean',
      'table2/k_mean/b_sd',
      'table2/k_mean/p',
    ]);
    const yes = t?.numbers.find((e) => e.id === 'table2/relapse:yes/b_pct');
    expect(yes).toMatchObject({ printed: '22 (55.0%)', kind: 'percent', value: 55, denominator: 40 });
    expect(t?.sources['table2/k_mean/p']).toBe('Table 2, row "K_mean", column "p": "< 0.001"');
  });
  it('an unclosed table still yields its rows, with a warning', () => {
    const d = readHtml('<table><tr><td>a</td><td>1.0</td></tr>');
    expect(d.tables[0].rows[0].map((c) => c.text)).toEqual(['a', '1.0']);
    expect(d.warnings).toEqual(['a <table> is not closed before the end of the document']);
  });
});

describe('Markdown and plain text', () => {
  it('pipe tables with the caption line before them; line numbers as in the file', () => {
    const md =
      '# Results\n\nTable 1. Sex by arm\n\n| Sex | A (n = 10) | B (n = 10) | p |\n|---|---|---|---|\n| Female | 5 (50.0%) | 4 (40.0%) | 0.650 |\n\nWe found **t(18) = 0.50**, p = .62.\n';
    const doc = readText(md, 'md');
    expect(doc.tables[0].caption).toBe('Table 1. Sex by arm');
    expect(doc.tables[0].rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Sex', 'A (n = 10)', 'B (n = 10)', 'p'],
      ['Female', '5 (50.0%)', '4 (40.0%)', '0.650'],
    ]);
    expect(doc.lines.at(-1)).toEqual({ page: 1, line: 9, text: 'We found t(18) = 0.50, p = .62.' });
  });
  it('UTF-8 with a BOM, UTF-16 with a BOM, CRLF', () => {
    expect(
      readText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62]), 'txt').lines.map((l) => l.text),
    ).toEqual(['a', 'b']);
    expect(readText(new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0a, 0, 0x62, 0]), 'txt').lines.map((l) => l.text)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('headers', () => {
  it('p columns with their index and comparison, groups with n, the CI of the column before', () => {
    expect(readHeader('p^1- Value (Low vs. Zero)', undefined)).toMatchObject({
      name: 'p1',
      kind: 'p',
      versus: ['Low', 'Zero'],
    });
    expect(readHeader('Total (n = 232); n (%)', undefined)).toMatchObject({ name: 'total', n: 232 });
    expect(readHeader('95% CI', { name: 'auc', kind: 'auc', header: 'AUC' })).toMatchObject({
      name: 'auc_ci',
      kind: 'auc',
    });
    expect(readHeader('Cut-Off Value', undefined).name).toBe('cutoff');
    expect(readHeader('Sensitivity%', undefined)).toMatchObject({ name: 'sensitivity', kind: 'percent' });
  });
  it('group names without the words all groups share; slugs keep percentiles', () => {
    const cols = ['HER2-Zero (n = 60)', 'HER2-Low (n = 91)', 'Total (n = 151)'].map((h) => readHeader(h, undefined));
    expect(nameGroups(cols).map((c) => c.name)).toEqual(['zero', 'low', 'total']);
    expect(['ADC_5%', 'K_95%', 'Mass with NME', 'T2 hyper-intensity'].map(slug)).toEqual([
      'adc_p5',
      'k_p95',
      'mass_with_nme',
      't2_hyper_intensity',
    ]);
  });
});

describe('PDF layout (synthetic runs)', () => {
  const run = (text: string, x: number, y: number, size = 10): TextRun => ({
    text,
    x,
    y,
    width: text.length * size * 0.5,
    size,
  });
  it('a superscript and a subscript join their line with ^ and _ (and plainly in prose)', () => {
    const lines = groupLines([
      run('p', 100, 500),
      run('1', 105, 503, 7),
      run('-Value', 108.5, 500),
      run('K', 100, 480),
      run('mean', 105, 477.5, 7),
    ]);
    expect(lines.map((l) => l.segments.map((s) => s.text))).toEqual([['p^1-Value'], ['K_mean']]);
    expect(lines[1].segments[0].plain).toBe('Kmean');
  });
  it('cells separated by wide gaps are segments; ligature pieces with no gap join without a space', () => {
    const lines = groupLines([
      run('signi', 50, 400),
      run('fi', 75, 400),
      run('cant', 85, 400),
      run('0.709', 300, 400),
      run('NA', 360, 400),
    ]);
    expect(lines[0].segments.map((s) => s.text)).toEqual(['significant', '0.709', 'NA']);
  });
  it('a gutter is found between two columns whose baselines differ, not on a one-column page', () => {
    const two: TextRun[] = [];
    for (let i = 0; i < 20; i++) {
      two.push({ text: 'left column text', x: 45, y: 800 - i * 12, width: 230, size: 8 });
      two.push({ text: 'right column text', x: 310, y: 795 - i * 12.5, width: 230, size: 8 });
    }
    const gutter = findGutter(groupLines(two), 595);
    expect(gutter).toBeGreaterThan(270);
    expect(gutter).toBeLessThan(312);
    const one = Array.from({ length: 30 }, (_v, i) => ({
      text: 'a full-width line of prose',
      x: 45,
      y: 800 - i * 12,
      width: 500,
      size: 8,
    }));
    expect(findGutter(groupLines(one), 595)).toBeNull();
  });
});
