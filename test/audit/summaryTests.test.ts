import { describe, expect, it } from 'vitest';
import { checkDirection, checkRangeClaim, checkRestatement, checkSumClaim } from '../../src/audit/crossref.ts';
import { checkPairwiseVsOmnibus, checkPRange } from '../../src/audit/omnibus.ts';
import {
  anovaFromSummary,
  checkSummaryVsTest,
  type Summary,
  tTestFromSummary,
  welchAnovaFromSummary,
} from '../../src/audit/summaryTests.ts';
import { parseDecimal, parsePart } from '../../src/data/published/index.ts';
import { expectClose, readFixture } from '../helpers/expectClose.ts';

type Case = {
  summary: { n: number[]; mean: number[]; sd: number[] };
  anova: { statistic: number; df1: number; df2: number; p: number };
  welch: { statistic: number; df1: number; df2: number; p: number };
  t_pooled?: { statistic: number; df: number; p: number };
  t_welch?: { statistic: number; df: number; p: number };
};
const fixture = readFixture<{ cases: Case[] }>('test/fixtures/r/audit/summary-tests.json');
const iv = (t: string) => parseDecimal(t).interval;
const pv = (t: string) => parsePart(t, 'p').interval!;

describe('ANOVA / Welch / t from summaries agree with R oneway.test and t.test on the raw data', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const s: Summary[] = c.summary.n.map((n, j) => ({ n, mean: c.summary.mean[j], sd: c.summary.sd[j] }));
    const a = anovaFromSummary(s);
    expectClose(a.statistic, c.anova.statistic, { rtol: 1e-9 }, `case ${i} F`);
    expectClose(a.pValue, c.anova.p, { rtol: 1e-9 }, `case ${i} p`);
    const w = welchAnovaFromSummary(s);
    expectClose(w.statistic, c.welch.statistic, { rtol: 1e-9 }, `case ${i} Welch F`);
    expectClose(w.df2, c.welch.df2, { rtol: 1e-9 }, `case ${i} Welch df2`);
    expectClose(w.pValue, c.welch.p, { rtol: 1e-9 }, `case ${i} Welch p`);
    if (c.t_pooled && c.t_welch) {
      const tp = tTestFromSummary(s[0], s[1], { varEqual: true });
      expectClose(tp.statistic, c.t_pooled.statistic, { rtol: 1e-9 }, `case ${i} t`);
      expectClose(tp.pValue, c.t_pooled.p, { rtol: 1e-9 }, `case ${i} t p`);
      const tw = tTestFromSummary(s[0], s[1]);
      expectClose(tw.df, c.t_welch.df, { rtol: 1e-9 }, `case ${i} Welch df`);
      expectClose(tw.pValue, c.t_welch.p, { rtol: 1e-9 }, `case ${i} Welch t p`);
    }
  });
});

const g = (n: number, m: string, s: string) => ({ n, mean: iv(m), sd: iv(s) });

describe('checkSummaryVsTest (low severity)', () => {
  it('plausible: Table 1 age p = 0.709 (ANOVA p ≈ 0.74)', () => {
    const r = checkSummaryVsTest(
      [g(60, '47.87', '10.40'), g(91, '48.41', '11.48'), g(81, '49.32', '9.74')],
      pv('0.709'),
      '0.709',
    );
    expect(r.status).toBe('consistent');
  });
  it('implausible: Table 3 ADC 5% p < 0.001 while the means 0.681/0.708/0.722 with SDs ≈ 0.17 give ANOVA p ≈ 0.37', () => {
    const r = checkSummaryVsTest(
      [g(60, '0.681', '0.150'), g(91, '0.708', '0.194'), g(81, '0.722', '0.160')],
      pv('< 0.001'),
      '< 0.001',
    );
    expect(r.status).toBe('implausible');
    expect(r.severity).toBe('low');
  });
  it('implausible the other way: p = 0.600 printed for a huge difference', () => {
    expect(checkSummaryVsTest([g(50, '1.00', '0.10'), g(50, '2.00', '0.10')], pv('0.600'), '0.600').status).toBe(
      'implausible',
    );
  });
  it('Bonferroni-adjusted pairwise p = 1.000 is plausible (K mean low vs zero, p1 = 0.700)', () => {
    expect(
      checkSummaryVsTest([g(91, '0.960', '0.168'), g(60, '0.978', '0.180')], pv('0.700'), '0.700', { pairs: 3 }).status,
    ).toBe('consistent');
  });
  it('edge: both sides of α but less than 20-fold apart is not flagged', () => {
    // t ≈ 1.8 → p ≈ 0.075; printed 0.04 (< 0.05) differs < 20-fold
    expect(checkSummaryVsTest([g(50, '1.00', '1.00'), g(50, '1.36', '1.00')], pv('0.040'), '0.040').status).toBe(
      'consistent',
    );
  });
});

describe('omnibus / p range', () => {
  it('p ≤ 1; 1.000 is a capped adjusted p; 1.5 is not capped', () => {
    expect(checkPRange(pv('1.000'), '1.000').status).toBe('consistent');
    expect(checkPRange(pv('0.5'), '0.5').status).toBe('consistent');
    expect(checkPRange([1.495, 1.505], '1.50').status).toBe('inconsistent');
  });
  it('pairwise significance without omnibus significance is flagged (low)', () => {
    const r = checkPairwiseVsOmnibus(pv('0.120'), '0.120', [{ name: 'p1', p: pv('0.030'), printed: '0.030' }]);
    expect(r.status).toBe('implausible');
    expect(
      checkPairwiseVsOmnibus(pv('0.017'), '0.017', [{ name: 'p1', p: pv('0.094'), printed: '0.094' }]).status,
    ).toBe('consistent');
  });
  it('edge: omnibus exactly 0.050 printed ([0.0495, 0.0505]) is not called non-significant', () => {
    expect(
      checkPairwiseVsOmnibus(pv('0.050'), '0.050', [{ name: 'p1', p: pv('0.010'), printed: '0.010' }]).status,
    ).toBe('consistent');
  });
});

describe('cross-references', () => {
  const P = (id: string, printed: string, kind: 'p' | 'auc' | 'count' = 'p') => ({
    id,
    printed,
    interval: parsePart(printed, kind).interval!,
  });
  it('restatement: abstract "all p < 0.001" vs Table 1 Ki-67 p2 = 0.025 is caught; T2 p1 0.009 = 0.009 passes', () => {
    expect(checkRestatement(P('abstract/ki67_group/p2', '< 0.001'), P('table1/ki67_group/p2', '0.025')).status).toBe(
      'inconsistent',
    );
    expect(checkRestatement(P('abstract/t2/p1', '0.009'), P('table2/t2/p1', '0.009')).status).toBe('consistent');
    // edge: "< 0.001" vs "0.001" share the point 0.001
    expect(checkRestatement(P('a', '< 0.001'), P('b', '0.001')).status).toBe('consistent');
  });
  it('sum claim: 87 multifocal = 20 + 33 + 34', () => {
    expect(
      checkSumClaim(P('t', '87', 'count'), [P('a', '20', 'count'), P('b', '33', 'count'), P('c', '34', 'count')])
        .status,
    ).toBe('consistent');
    expect(
      checkSumClaim(P('t', '88', 'count'), [P('a', '20', 'count'), P('b', '33', 'count'), P('c', '34', 'count')])
        .status,
    ).toBe('inconsistent');
  });
  it('range claim: "0.666 to 0.786" over single-feature AUCs whose max is 0.776', () => {
    const vals = ['0.668', '0.666', '0.693', '0.671', '0.667', '0.683', '0.680', '0.667', '0.729', '0.776'].map(
      (v, i) => P(`table4/r${i}/auc`, v, 'auc'),
    );
    const r = checkRangeClaim(P('min', '0.666', 'auc'), P('max', '0.786', 'auc'), vals);
    expect(r.status).toBe('inconsistent');
    expect(r.message).toMatch(/maximum is 0\.776/);
    expect(checkRangeClaim(P('min', '0.666', 'auc'), P('max', '0.776', 'auc'), vals).status).toBe('consistent');
  });
  it('direction: "HER2-low had lower ADC mean than HER2-over" vs 1.062 and 1.092', () => {
    const a = { name: 'low', interval: iv('1.062'), printed: '1.062' };
    const b = { name: 'over', interval: iv('1.092'), printed: '1.092' };
    expect(checkDirection('lower', a, b).status).toBe('consistent');
    expect(checkDirection('higher', a, b).status).toBe('inconsistent');
    // edge: 0.850 vs 0.85 overlap at 0.8495–0.8505 → equal within rounding
    expect(
      checkDirection(
        'lower',
        { name: 'a', interval: iv('0.850'), printed: '0.850' },
        { name: 'b', interval: iv('0.85'), printed: '0.85' },
      ).status,
    ).toBe('implausible');
  });
});
