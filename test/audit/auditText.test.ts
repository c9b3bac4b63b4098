import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditText, extractStatistics } from '../../src/audit/auditText.ts';
import { checkReportedTest } from '../../src/audit/testStatistic.ts';
import { parseDecimal, parsePart } from '../../src/data/published/index.ts';

const iv = (t: string) => parseDecimal(t).interval;
const pv = (t: string) => parsePart(t, 'p').interval!;

describe('checkReportedTest (statcheck, exact)', () => {
  it('χ²(2) = 7.1, p = 0.03 is consistent (p = 0.0287)', () => {
    expect(
      checkReportedTest({
        test: 'chisq',
        df1: 2,
        statistic: iv('7.1'),
        p: pv('0.03'),
        printed: 'χ²(2) = 7.1',
        printedP: '0.03',
      }).status,
    ).toBe('consistent');
  });
  it('χ²(2) = 7.1, p = 0.01 is inconsistent', () => {
    expect(
      checkReportedTest({
        test: 'chisq',
        df1: 2,
        statistic: iv('7.1'),
        p: pv('0.01'),
        printed: 'χ²(2) = 7.1',
        printedP: '0.01',
      }).status,
    ).toBe('inconsistent');
  });
  it('t(28) = 2.1, p = .04 is consistent (two-sided 0.0449, statistic in [2.05, 2.15])', () => {
    expect(
      checkReportedTest({
        test: 't',
        df1: 28,
        statistic: iv('2.1'),
        p: pv('.04'),
        printed: 't(28) = 2.1',
        printedP: '.04',
      }).status,
    ).toBe('consistent');
    expect(
      checkReportedTest({
        test: 't',
        df1: 28,
        statistic: iv('-2.1'),
        p: pv('.04'),
        printed: 't(28) = -2.1',
        printedP: '.04',
      }).status,
    ).toBe('consistent');
  });
  it('t(28) = 2.1, p = .01 is inconsistent; a decision error is named', () => {
    const r = checkReportedTest({
      test: 't',
      df1: 28,
      statistic: iv('2.1'),
      p: pv('.01'),
      printed: 't(28) = 2.1',
      printedP: '.01',
    });
    expect(r.status).toBe('inconsistent');
    const d = checkReportedTest({
      test: 't',
      df1: 28,
      statistic: iv('1.2'),
      p: pv('< .05'),
      printed: 't(28) = 1.2',
      printedP: '< .05',
    });
    expect(d.message).toMatch(/decision/);
  });
  it('edge: F(1, 30) = 4.17 sits on p ≈ 0.05: "p = .05" is consistent', () => {
    expect(
      checkReportedTest({
        test: 'F',
        df1: 1,
        df2: 30,
        statistic: iv('4.17'),
        p: pv('.05'),
        printed: 'F(1, 30) = 4.17',
        printedP: '.05',
      }).status,
    ).toBe('consistent');
  });
});

describe('extractStatistics / auditText', () => {
  it('finds the forms of the issue', () => {
    const text =
      'We found OR = 2.1 (95% CI 1.2–3.4), p = 0.01 and AUC = 0.80 (95% CI 0.70–0.90).\nThen χ²(2) = 7.1, p = 0.03; t(28) = 2.1, p = .04; F(2, 30) = 3.5, p = .04; 13/60 (21.7%) and 7 of 60 (11.7%).';
    const found = extractStatistics(text);
    expect(found.map((f) => f.kind)).toEqual(['odds-ratio', 'auc', 'test', 'test', 'test', 'percent', 'percent']);
    expect(found[0].fields).toMatchObject({ or: '2.1', lower: '1.2', upper: '3.4', p: '0.01' });
    expect(found[2].fields).toMatchObject({ test: 'χ2', df1: '2', statistic: '7.1', p: '0.03' });
    expect(found[2].line).toBe(2);
    const checks = auditText(text);
    expect(checks.map((c) => c.status)).toEqual([
      'consistent',
      'consistent',
      'consistent',
      'consistent',
      'consistent',
      'consistent',
      'consistent',
    ]);
  });
  it('catches a wrong p, percent and OR', () => {
    const checks = auditText('OR = 2.1 (95% CI 1.2–3.4), p = 0.30. χ²(2) = 7.1, p = 0.30. 13/60 (31.7%).');
    expect(checks.map((c) => c.status)).toEqual(['inconsistent', 'inconsistent', 'inconsistent']);
  });
  it('does not read t or F without degrees of freedom, nor words ending in t/F', () => {
    expect(extractStatistics('at = 5, p = 0.2; t = 2.0, p = 0.05; F = 3, p = .1')).toEqual([]);
  });
  it('works on the seed paper: both ORs, all four AUC sentences, the Table 2 cells', () => {
    const text = readFileSync('../shared/seed/000_aecabc301ae83983.txt', 'utf8');
    const checks = auditText(text);
    const ors = checks.filter((c) => c.kind === 'odds-ratio');
    expect(ors.map((c) => [c.reported, c.status])).toEqual([
      ['OR 3.91 (1.38–11.05), p = 0.010', 'consistent'],
      ['OR 2.23 (1.29–8.10), p = 0.012', 'inconsistent'],
    ]);
    expect(ors[1].message).toMatch(/OR ∈ \[3\.2\d*, 3\.2\d*\]/);
    const aucs = checks.filter((c) => c.kind === 'auc-ci');
    expect(aucs.map((c) => c.reported)).toEqual([
      '0.763 (0.667–0.859)',
      '0.802 (0.701–0.903)',
      '0.763 (0.667–0.859)',
      '0.663 (0.550–0.775)',
    ]);
    expect(aucs.every((c) => c.status === 'consistent')).toBe(true);
    const pct = checks.filter((c) => c.kind === 'percent');
    expect(pct.length).toBeGreaterThan(100);
    // every inconsistent k/n (x%) of the seed sits in the garbled duplicate of Table 2 (one extracted line)
    const bad = pct.filter((c) => c.status === 'inconsistent');
    expect(new Set(bad.map((c) => c.location.row))).toEqual(new Set(['line-192']));
    expect(bad.every((c) => c.severity === 'low')).toBe(true);
  });
});
