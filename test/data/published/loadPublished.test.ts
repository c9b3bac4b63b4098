import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findPublished,
  loadPublished,
  loadPublishedFiles,
  makeCellEntries,
  makeEntry,
  PublishedDataError,
} from '../../../src/data/published/index.ts';

const DIR = 'data/shen2025/published';

function tmpStudy(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'published-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}
const base = { study: 'x', source: { citation: 'c' } };

describe('loadPublished on the shen2025 transcription', () => {
  const numbers = loadPublished(DIR);
  it('loads every file, ids unique, frozen', () => {
    expect(new Set(numbers.map((n) => n.id)).size).toBe(numbers.length);
    expect(Object.isFrozen(numbers[0])).toBe(true);
    expect(loadPublishedFiles(DIR).map((f) => f.file.split('/').pop())).toEqual([
      'abstract.json',
      'table1.json',
      'table2.json',
      'table3.json',
      'table4.json',
      'tableS2.json',
      'tableS5.json',
      'text.json',
    ]);
  });
  it('Table 1: every cell of 4 columns (+ p, p1, p2) is present', () => {
    const t1 = numbers.filter((n) => n.location.table === 'table1');
    // 8 two-level rows × 4 columns × (count + pct) + age/size (4 × 2 or 3) + ki67 total + 6 variables × 3 p + group n
    expect(t1.filter((n) => n.kind === 'count').length).toBe(10 * 4);
    expect(t1.filter((n) => n.location.column === 'p').length).toBe(7);
    expect(findPublished(numbers, 'table1', 'age', 'zero_mean')?.value).toBe(47.87);
    expect(findPublished(numbers, 'table1', 'age', 'total_sd')?.printed).toBe('49.00 ±10.59');
    expect(findPublished(numbers, 'table1', 'ki67_group', 'p2')?.interval).toEqual([0.0245, 0.0255]);
    expect(findPublished(numbers, 'table1', 'size_mm', 'over_q3')?.value).toBe(64.5);
    expect(findPublished(numbers, 'table1', 'menopause:post', 'low_pct')?.denominator).toBe(91);
  });
  it('Table 2: the FGT row is kept as printed (21 + 50 ≠ 91), reconstructed cells are flagged', () => {
    expect(findPublished(numbers, 'table2', 'fgt:c_d', 'low')?.printed).toBe('50/91 (54.9%)');
    expect(findPublished(numbers, 'table2', 'fgt:c_d', 'low')?.value).toBe(50);
    const rec = numbers
      .filter((n) => n.reconstructed)
      .map((n) => n.id)
      .sort();
    expect(rec).toEqual([
      'table2/nme_enhancement:clustered_ring/low',
      'table2/nme_enhancement:clustered_ring/low_pct',
      'table2/nme_enhancement:clustered_ring/over',
      'table2/nme_enhancement:clustered_ring/over_pct',
      'table2/nme_enhancement:heterogeneous/low',
      'table2/nme_enhancement:heterogeneous/low_pct',
      'table2/nme_enhancement:heterogeneous/over',
      'table2/nme_enhancement:heterogeneous/over_pct',
    ]);
    expect(numbers.filter((n) => n.location.table === 'table2' && n.kind === 'count').length).toBe(31 * 3); // 31 level rows (2+2+2+3+2+2+2+2+2+4+4+4)
    expect(findPublished(numbers, 'table2', 'mass_shape', 'p')).toMatchObject({
      printed: '<0.001',
      interval: [0, 0.001],
      bound: 'upper',
    });
  });
  it('Table 3: 21 features × 3 groups × mean/sd, p for all, p1/p2 NA where printed NA', () => {
    const t3 = numbers.filter((n) => n.location.table === 'table3');
    expect(t3.filter((n) => n.kind === 'mean').length).toBe(63);
    expect(t3.filter((n) => n.kind === 'sd').length).toBe(63);
    expect(t3.filter((n) => n.kind === 'p').length).toBe(63);
    expect(findPublished(numbers, 'table3', 'adc_entropy', 'over_mean')).toMatchObject({
      printed: '2.99 ± 0.200',
      interval: [2.985, 2.995],
    });
    expect(findPublished(numbers, 'table3', 'adc_p95', 'p1')).toMatchObject({ value: null, interval: null });
  });
  it('Table 4 and the text: AUC CIs, sensitivity %, DeLong p, OR with CI', () => {
    expect(findPublished(numbers, 'table4', 'combined_k', 'sensitivity')?.interval).toEqual([91.665, 91.675]);
    expect(findPublished(numbers, 'table4', 'adc_mean', 'auc_ci_lower')?.interval).toEqual([0.5425, 0.5435]);
    expect(findPublished(numbers, 'text', 'combined_all_vs_combined_k', 'delong_p')?.interval).toEqual([0.535, 0.545]);
    expect(findPublished(numbers, 'tableS2', 'low_vs_over:mass_shape:irregular', 'or')?.value).toBe(2.23);
    expect(findPublished(numbers, 'tableS2', 'low_vs_over:mass_shape:irregular', 'or_ci_upper')?.value).toBe(8.1);
    expect(findPublished(numbers, 'tableS5', 'k', 'icc_range_max')?.value).toBe(0.892);
    expect(findPublished(numbers, 'text', 'her2_group:zero', 'total_pct')?.value).toBe(25.9);
    expect(findPublished(numbers, 'text', 'multifocal:no', 'total')?.value).toBe(145);
    expect(findPublished(numbers, 'abstract', 'combined_all', 'auc_ci_upper')?.value).toBe(0.903);
  });
});

describe('loadPublished bad input: every problem in one pass', () => {
  it('not a folder / empty folder', () => {
    expect(() => loadPublished('/nonexistent/dir')).toThrow(PublishedDataError);
    expect(() => loadPublished(tmpStudy({}))).toThrow(/no \*\.json/);
  });
  it('invalid JSON and schema violations in two files are all reported', () => {
    const dir = tmpStudy({
      'a.json': '{ "study": ',
      'b.json': { ...base, numbers: [{ ...makeEntry('table1', 'age', 'p', '0.709', 'p'), kind: 'ratio' }] },
    });
    try {
      loadPublished(dir);
      expect.unreachable();
    } catch (error) {
      const issues = (error as PublishedDataError).issues;
      expect(issues.map((i) => i.file.split('/').pop())).toEqual(['a.json', 'b.json']);
      expect(issues[1].path).toBe('numbers[0].kind');
      expect(issues[1].entry).toBe('table1/age/p');
    }
  });
  it('semantic rules: id, value and interval re-derived from printed, bound, denominator, duplicates', () => {
    const ok = makeEntry('table2', 'fgt:c_d', 'low', '50/91 (54.9%)', 'count');
    const dir = tmpStudy({
      'a.json': {
        ...base,
        numbers: [
          { ...ok, id: 'table2/fgt/low' },
          { ...makeEntry('table2', 'fgt:c_d', 'low_pct', '50/91 (54.9%)', 'percent'), value: 54.95 },
          { ...makeEntry('table2', 'fgt', 'p', '0.967', 'p'), interval: [0.966, 0.968] },
          { ...makeEntry('table2', 'bpe', 'p', '< 0.001', 'p'), bound: undefined },
          { ...makeEntry('table2', 'fgt:a_b', 'low', '21/91 (23.1%)', 'count'), denominator: 90 },
          makeEntry('table2', 'edema', 'p', 'NA', 'p'),
          { ...makeEntry('table2', 'edema', 'p1', 'NA', 'p'), value: 0 },
          { ...makeEntry('table2', 'edema', 'p2', '0.5', 'p'), printed: 'about 0.5' },
        ],
      },
      'b.json': { ...base, numbers: [makeEntry('table2', 'edema', 'p', 'NA', 'p')] },
    });
    try {
      loadPublished(dir);
      expect.unreachable();
    } catch (error) {
      const issues = (error as PublishedDataError).issues;
      const paths = issues.map((i) => `${i.file.split('/').pop()}:${i.path}`);
      expect(paths).toEqual([
        'a.json:numbers[0].id',
        'a.json:numbers[1].value',
        'a.json:numbers[2].interval',
        'a.json:numbers[3].bound',
        'a.json:numbers[4].denominator',
        'a.json:numbers[6].value',
        'a.json:numbers[7].printed',
        'b.json:numbers[0].id',
      ]);
      expect(issues[1].message).toMatch(/value must be 54\.9/);
      expect(issues.at(-1)!.message).toMatch(/duplicate id/);
      expect((error as Error).message).toMatch(/8 problems/);
    }
  });
  it('refersTo must name an id of the folder (any file)', () => {
    const dir = tmpStudy({
      'a.json': {
        ...base,
        numbers: [makeEntry('abstract', 'age', 'p', '0.709', 'p', { refersTo: ['table1/age/p', 'table1/age/p9'] })],
      },
      'b.json': { ...base, numbers: [makeEntry('table1', 'age', 'p', '0.709', 'p')] },
    });
    try {
      loadPublished(dir);
      expect.unreachable();
    } catch (error) {
      expect((error as PublishedDataError).issues.map((i) => i.path)).toEqual(['numbers[0].refersTo[1]']);
    }
  });
  it('a BOM is tolerated; files not ending in .json are ignored', () => {
    const dir = tmpStudy({
      'a.json': `\uFEFF${JSON.stringify({ ...base, numbers: makeCellEntries('table1', 'age', 'zero', '47.87 ± 10.40', 'mean') })}`,
      'README.md': '# notes',
    });
    expect(loadPublished(dir).map((n) => n.location.column)).toEqual(['zero_mean', 'zero_sd']);
  });
  it('nested folders are not read', () => {
    const dir = tmpStudy({ 'a.json': { ...base, numbers: [] } });
    mkdirSync(join(dir, 'sub.json'));
    expect(() => loadPublished(dir)).toThrow(PublishedDataError);
  });
});
