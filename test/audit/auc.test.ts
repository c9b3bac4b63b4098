import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAucCi, checkAucGranularity, checkDelongP, delongMaxSe, hanleyMcNeilSe } from '../../src/audit/auc.ts';
import { checkPositiveClassAgreement, checkRocPoint, checkSensSpec } from '../../src/audit/diagnostic.ts';
import { parseDecimal } from '../../src/data/published/index.ts';
import { normalQuantileUpper } from '../../src/stats/distributions/index.ts';

// deterministic property tests (the seeds found during development are pinned as explicit cases)
fc.configureGlobal({ seed: 20251125 });

const iv = (t: string) => parseDecimal(t).interval;
const auc = (a: string, lo: string, hi: string, n1: number, n0: number) => ({
  auc: iv(a),
  lower: iv(lo),
  upper: iv(hi),
  n1,
  n0,
  printed: `${a} (${lo}–${hi})`,
});

describe('Hanley–McNeil SE', () => {
  it('matches the hand computation for AUC 0.668, n1 = 36, n0 = 41', () => {
    // Q1 = 0.668/1.332 = 0.501502; Q2 = 2·0.446224/1.668 = 0.535041
    // SE² = [0.221776 + 35·0.055278 + 40·0.088817]/1476 = 5.708/1476
    const q1 = 0.668 / 1.332;
    const q2 = (2 * 0.668 ** 2) / 1.668;
    const se2 = (0.668 * 0.332 + 35 * (q1 - 0.668 ** 2) + 40 * (q2 - 0.668 ** 2)) / 1476;
    expect(hanleyMcNeilSe(0.668, 36, 41)).toBeCloseTo(Math.sqrt(se2), 14);
    expect(hanleyMcNeilSe(0.668, 36, 41)).toBeCloseTo(0.0622, 3);
  });
  it('the DeLong bound is above the Hanley–McNeil SE', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.integer({ min: 3, max: 300 }),
        fc.integer({ min: 3, max: 300 }),
        (a, n1, n0) => {
          expect(delongMaxSe(a, n1, n0)).toBeGreaterThan(hanleyMcNeilSe(a, n1, n0));
        },
      ),
    );
  });
});

describe('checkAucCi', () => {
  it('consistent: Table 4 ADC mean 0.668 (0.543–0.794) with 36 vs 41', () => {
    const r = checkAucCi(auc('0.668', '0.543', '0.794', 36, 41));
    expect(r.status).toBe('consistent');
  });
  it('inconsistent: the same CI claimed for 6 vs 7 patients would be fine, but for n = 3 vs 3 a CI half-width 0.45 is too wide', () => {
    expect(checkAucCi(auc('0.700', '0.250', '1.150', 3, 3)).status).toBe('inconsistent'); // outside [0, 1]
    const r = checkAucCi(auc('0.700', '0.000', '1.000', 400, 400));
    expect(r.status).toBe('inconsistent'); // SE ≥ 0.255 > max 0.0324 for 400 + 400
  });
  it('implausible (low severity): a CI far narrower than the Hanley–McNeil SE allows', () => {
    const r = checkAucCi(auc('0.668', '0.643', '0.693', 36, 41));
    expect(r.status).toBe('implausible');
    expect(r.severity).toBe('low');
  });
  it('edge: an upper limit printed as 1.000 (interval [0.9995, 1.0005]) is within [0, 1]; 1.050 is not', () => {
    expect(checkAucCi(auc('0.879', '0.758', '1.000', 16, 21)).status).toBe('consistent'); // fast-check counterexample
    expect(checkAucCi(auc('0.900', '0.750', '1.050', 16, 21)).status).toBe('inconsistent');
  });
  it('AUC outside its CI is inconsistent', () => {
    expect(checkAucCi(auc('0.900', '0.543', '0.794', 36, 41)).status).toBe('inconsistent');
  });
  it('asymmetric CI is not compared', () => {
    expect(checkAucCi(auc('0.668', '0.500', '0.794', 36, 41)).status).toBe('not-checkable');
  });
  it('edge: CI midpoint exactly on the AUC interval end — D mean 0.671 (0.545–0.796): (0.545+0.796)/2 = 0.6705', () => {
    expect(checkAucCi(auc('0.671', '0.545', '0.796', 36, 41)).status).toBe('consistent');
  });
  it('property (no false alarms): AUC ± 1.96·SE_HM rounded to 3 decimals is consistent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.55, max: 0.95, noNaN: true }),
        fc.integer({ min: 10, max: 200 }),
        fc.integer({ min: 10, max: 200 }),
        (a, n1, n0) => {
          const se = hanleyMcNeilSe(a, n1, n0);
          const z = normalQuantileUpper(0.025);
          const lo = a - z * se;
          const hi = a + z * se;
          if (lo < 0 || hi > 1) return;
          expect(checkAucCi(auc(a.toFixed(3), lo.toFixed(3), hi.toFixed(3), n1, n0)).status).toBe('consistent');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkAucGranularity', () => {
  it('consistent: 0.668 with 36·41 = 1476 pairs (986/1476 = 0.66802)', () => {
    expect(checkAucGranularity(iv('0.668'), 36, 41, '0.668').status).toBe('consistent');
  });
  it('inconsistent: 0.70 with 2 vs 2 patients (AUC must be a multiple of 1/8)', () => {
    expect(checkAucGranularity(iv('0.70'), 2, 2, '0.70').status).toBe('inconsistent');
    expect(checkAucGranularity(iv('0.75'), 2, 2, '0.75').status).toBe('consistent');
  });
  it('edge: 0.625 = 5/8 exactly on the bound of "0.62" and "0.63"', () => {
    expect(checkAucGranularity(iv('0.62'), 2, 2, '0.62').status).toBe('consistent');
    expect(checkAucGranularity(iv('0.63'), 2, 2, '0.63').status).toBe('consistent');
  });
});

describe('checkDelongP', () => {
  const all = auc('0.802', '0.701', '0.903', 36, 41);
  it('consistent: Combined_All vs Combined_K p = 0.54 needs r ≈ 0.88', () => {
    const r = checkDelongP({ a: all, b: auc('0.786', '0.678', '0.894', 36, 41), p: iv('0.54'), printedP: '0.54' });
    expect(r.status).toBe('consistent');
  });
  it('implausible: p = 0.30 for AUCs 0.802 vs 0.694 needs r ≈ −0.7', () => {
    const r = checkDelongP({ a: all, b: auc('0.694', '0.573', '0.815', 36, 41), p: iv('0.30'), printedP: '0.30' });
    expect(r.status).toBe('implausible');
  });
  it('inconsistent: p = 0.90 for 0.802 vs 0.694 (SD of the difference ≤ SE_A + SE_B = 0.113, so p ≤ 0.34)', () => {
    expect(
      checkDelongP({ a: all, b: auc('0.694', '0.573', '0.815', 36, 41), p: iv('0.90'), printedP: '0.90' }).status,
    ).toBe('inconsistent');
  });
  it('inconsistent: p = 0.001 for 0.802 vs 0.800 when the SEs differ (SD of the difference ≥ |SE_A − SE_B| = 0.041)', () => {
    const r = checkDelongP({ a: all, b: auc('0.800', '0.780', '0.820', 36, 41), p: iv('0.001'), printedP: '0.001' });
    expect(r.status).toBe('inconsistent');
  });
  it('edge: nearly identical models can give a tiny p (r → 1 with equal SEs) — not flagged', () => {
    expect(
      checkDelongP({ a: all, b: auc('0.800', '0.699', '0.901', 36, 41), p: iv('0.001'), printedP: '0.001' }).status,
    ).toBe('consistent');
  });
});

describe('sensitivity / specificity', () => {
  const classes = [
    { name: 'low', n: 36 },
    { name: 'over', n: 41 },
  ] as const;
  it('Table 4 ADC mean: 95.12% = 39/41 and 38.89% = 14/36 → positive class HER2-over', () => {
    const r = checkSensSpec(iv('95.12'), iv('38.89'), classes, '95.12 / 38.89');
    expect(r.status).toBe('consistent');
    expect(r.fit.positive).toEqual(['over']);
    expect(r.fit.counts.over).toEqual({ tp: [39], tn: [14] });
  });
  it('Table 4 Combined_ADC: 50.00% = 18/36 and 90.24% = 37/41 → positive class HER2-low', () => {
    const r = checkSensSpec(iv('50.00'), iv('90.24'), classes, '50.00 / 90.24');
    expect(r.fit.positive).toEqual(['low']);
  });
  it('inconsistent: 33.33% sensitivity is neither k/36 nor k/41', () => {
    expect(checkSensSpec(iv('33.34'), iv('50.00'), classes, '').status).toBe('inconsistent');
  });
  it('edge: 50% is k/n for both 36 and 40 → either class', () => {
    const r = checkSensSpec(
      iv('50.00'),
      iv('50.00'),
      [
        { name: 'a', n: 36 },
        { name: 'b', n: 40 },
      ],
      '',
    );
    expect(r.fit.positive).toEqual(['a', 'b']);
  });
  it('rows that disagree on the positive class are named', () => {
    const r = checkPositiveClassAgreement([
      { row: 'adc_mean', positive: ['over'] },
      { row: 'k_mean', positive: ['over'] },
      { row: 'combined_adc', positive: ['low'] },
      { row: 'x', positive: ['low', 'over'] },
    ]);
    expect(r.status).toBe('inconsistent');
    expect(r.disagreeing).toEqual(['combined_adc']);
    expect(
      checkPositiveClassAgreement([
        { row: 'a', positive: ['over'] },
        { row: 'b', positive: ['over'] },
      ]).status,
    ).toBe('consistent');
  });
  it('ROC point bound: sens·spec ≤ AUC ≤ 1 − (1−sens)(1−spec)', () => {
    expect(checkRocPoint(iv('0.668'), iv('95.12'), iv('38.89'), '').status).toBe('consistent');
    expect(checkRocPoint(iv('0.600'), iv('90.00'), iv('90.00'), '').status).toBe('inconsistent'); // ≥ 0.81 needed
    expect(checkRocPoint(iv('0.990'), iv('50.00'), iv('50.00'), '').status).toBe('inconsistent'); // ≤ 0.75
    // edge: AUC exactly sens·spec = 0.81 (a single-threshold step curve)
    expect(checkRocPoint([0.81, 0.81], [90, 90], [90, 90], '').status).toBe('consistent');
  });
});
