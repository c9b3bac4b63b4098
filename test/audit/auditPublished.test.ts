import { describe, expect, it } from 'vitest';
import { auditPublished } from '../../src/audit/auditPublished.ts';
import { defaultContingencyTests } from '../../src/audit/contingencyTests.ts';
import { loadPublishedFiles, makeCellEntries, makeEntry } from '../../src/data/published/index.ts';
import type { PublishedFile } from '../../src/data/published/types.ts';
import { chiSquareTest } from '../../src/stats/contingency/index.ts';
import { SHEN_JSON_INCONSISTENT } from './_shenFindings.ts';

const checks = auditPublished(loadPublishedFiles('data/shen2025/published'), { tests: defaultContingencyTests });
const byId = new Map(checks.map((c) => [c.id, c]));

describe('auditPublished on Shen et al. 2025', () => {
  it('runs every kind of check', () => {
    const kinds = new Set(checks.map((c) => c.kind));
    for (const k of [
      'count-sum',
      'percent',
      'total',
      'pooled-mean-sd',
      'grim',
      'grimmer',
      'contingency-p',
      'pairwise-p',
      'odds-ratio',
      'auc-ci',
      'auc-granularity',
      'sens-spec',
      'positive-class',
      'roc-point',
      'summary-vs-test',
      'pairwise-vs-omnibus',
      'restatement',
      'sum-claim',
      'range-claim',
      'delong-p',
      'direction',
    ]) {
      expect(kinds, k).toContain(k);
    }
    expect(checks.filter((c) => c.status === 'not-checkable')).toEqual([]);
  });
  it('finds exactly these inconsistencies (a regression test: every other check passes)', () => {
    expect(
      checks
        .filter((c) => c.status === 'inconsistent')
        .map((c) => c.id)
        .sort(),
    ).toEqual([...SHEN_JSON_INCONSISTENT]);
    expect(
      checks
        .filter((c) => c.status === 'implausible')
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'summary-vs-test:table3/adc_entropy/p',
      'summary-vs-test:table3/adc_mean/p2',
      'summary-vs-test:table3/adc_median/p2',
      'summary-vs-test:table3/adc_p5/p',
      'summary-vs-test:table3/adc_p5/p2',
    ]);
  });
  it('FGT: the printed p = 0.967 is reproduced once HER2-low c/d is completed to 91 − 21 = 70', () => {
    expect(byId.get('contingency-p:table2/fgt/p')!.message).toMatch(/50 → 70.*Pearson/);
  });
  it('lesion type vs lesion class p2 are swapped', () => {
    expect(byId.get('pairwise-p:table2/lesion_type/p2')!.message).toMatch(/appear swapped/);
  });
  it('Table 4: individual rows treat HER2-over as positive, the combined rows HER2-low', () => {
    expect(byId.get('positive-class:table4/*/sensitivity')!.message).toMatch(
      /combined_adc, combined_d, combined_k, combined_all → low/,
    );
    expect(byId.get('sens-spec:table4/combined_k/sensitivity')!.recomputed).toMatch(/TP 33\/36, TN 27\/41/);
  });
  it('which convention reproduces Table 2: Pearson for the large tables, Fisher for the sparse ones', () => {
    expect(byId.get('contingency-p:table2/mass_enhancement/p')!.message).toBe('reproduced by Fisher exact');
    expect(byId.get('contingency-p:table2/lesion_type/p')!.message).toMatch(/Pearson/);
  });
});

describe('no false alarms on a self-consistent table', () => {
  it('counts, percents, totals and p recomputed then printed with rounding are all consistent', () => {
    const groups = { a: 48, b: 52 };
    const rows = [
      [17, 30],
      [31, 22],
    ];
    const p = chiSquareTest(rows).pValue;
    const pct = (k: number, n: number) => ((100 * k) / n).toFixed(1);
    const numbers = [
      ...['yes', 'no'].flatMap((lvl, i) => [
        ...makeCellEntries(
          'table1',
          `x:${lvl}`,
          'total',
          `${rows[i][0] + rows[i][1]} (${pct(rows[i][0] + rows[i][1], 100)}%)`,
          'count',
        ),
        ...makeCellEntries('table1', `x:${lvl}`, 'a', `${rows[i][0]}/48 (${pct(rows[i][0], 48)}%)`, 'count'),
        ...makeCellEntries('table1', `x:${lvl}`, 'b', `${rows[i][1]}/52 (${pct(rows[i][1], 52)}%)`, 'count'),
      ]),
      makeEntry('table1', 'x', 'p', p.toFixed(3), 'p'),
    ];
    const file: PublishedFile = { file: 'mem', study: 'x', source: { citation: 'c' }, context: { groups }, numbers };
    const res = auditPublished([file], { tests: defaultContingencyTests });
    expect(res.length).toBeGreaterThan(8);
    expect(res.filter((c) => c.status !== 'consistent')).toEqual([]);
  });
});
