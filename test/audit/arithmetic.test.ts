import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCountSum,
  checkPercent,
  checkPooledMeanSd,
  checkTotal,
  countsMatchingPercent,
  pooledSdRange,
} from '../../src/audit/arithmetic.ts';
import { checkGrim, checkGrimmer } from '../../src/audit/grim.ts';
import { parseDecimal } from '../../src/data/published/index.ts';
import { mean, standardDeviation } from '../../src/stats/descriptive/index.ts';

// deterministic property tests (the seeds found during development are pinned as explicit cases)
fc.configureGlobal({ seed: 20251125 });

const iv = (t: string) => parseDecimal(t).interval;

describe('checkCountSum / checkTotal', () => {
  it('consistent: 13 + 47 = 60', () => {
    expect(checkCountSum([13, 47], 60).status).toBe('consistent');
  });
  it('inconsistent: the printed FGT HER2-low column 21 + 50 = 71 ≠ 91', () => {
    const r = checkCountSum([21, 50], 91, ['a_b', 'c_d']);
    expect(r.status).toBe('inconsistent');
    expect(r.recomputed).toBe('71');
    expect(r.message).toMatch(/71.*91.*-20/);
  });
  it('totals: 23 + 41 + 30 = 94 consistent; 95 caught', () => {
    expect(checkTotal([23, 41, 30], 94).status).toBe('consistent');
    expect(checkTotal([23, 41, 30], 95).status).toBe('inconsistent');
  });
});

describe('checkPercent', () => {
  it('consistent: 13/60 = 21.667% prints 21.7%', () => {
    expect(checkPercent(13, 60, iv('21.7'), '21.7').status).toBe('consistent');
  });
  it('inconsistent: 13/60 printed as 22.7% names the count that would fit', () => {
    const r = checkPercent(13, 60, iv('22.7'), '22.7');
    expect(r.status).toBe('inconsistent');
    expect(countsMatchingPercent(iv('22.7'), 60)).toEqual([]);
    expect(checkPercent(14, 60, iv('21.7'), '21.7').message).toMatch(/would be 13/);
  });
  it('edge: 1/8 = 12.5% exactly on a rounding bound counts for both "12%" and "13%"', () => {
    expect(checkPercent(1, 8, iv('12'), '12').status).toBe('consistent');
    expect(checkPercent(1, 8, iv('13'), '13').status).toBe('consistent');
    expect(checkPercent(1, 8, iv('14'), '14').status).toBe('inconsistent');
  });
  it('edge: 0/55 = 0.0% and 55/55 = 100.0%', () => {
    expect(checkPercent(0, 55, [0, 0.05], '0.0').status).toBe('consistent');
    expect(checkPercent(55, 55, [99.95, 100], '100.0').status).toBe('consistent');
  });
  it('property: any k/n rounded to 1 decimal (half-up or half-even) is consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (n, r) => {
        const k = r % (n + 1);
        const text = ((100 * k) / n).toFixed(1);
        expect(checkPercent(k, n, iv(text), text).status).toBe('consistent');
      }),
    );
  });
});

describe('checkPooledMeanSd', () => {
  const age = [
    { n: 60, mean: iv('47.87'), sd: iv('10.40') },
    { n: 91, mean: iv('48.41'), sd: iv('11.48') },
    { n: 81, mean: iv('49.32'), sd: iv('9.74') },
  ];
  it('Table 1 age: total SD 10.59 is the pooled SD, the total mean 49.00 is not the weighted mean (48.59)', () => {
    // by hand: (60·47.87 + 91·48.41 + 81·49.32)/232 = 11272.43/232 = 48.588
    const r = checkPooledMeanSd(age, { mean: iv('49.00'), sd: iv('10.59'), printed: '49.00 ± 10.59' });
    expect(r.status).toBe('inconsistent');
    expect(r.message).toMatch(/total mean/);
    expect(r.message).not.toMatch(/total SD/);
    expect(checkPooledMeanSd(age, { mean: iv('48.59'), sd: iv('10.59'), printed: '48.59 ± 10.59' }).status).toBe(
      'consistent',
    );
  });
  it('integer data: group sums 2872, 4405, 3995 → pooled mean 11272/232 = 48.586', () => {
    const r = checkPooledMeanSd(age, { mean: iv('48.59'), printed: '48.59' }, { integerData: true });
    expect(r.status).toBe('consistent');
    expect(r.arithmetic.join('\n')).toMatch(/11272/);
    expect(checkPooledMeanSd(age, { mean: iv('48.58'), printed: '48.58' }, { integerData: true }).status).toBe(
      'inconsistent',
    );
  });
  it('inconsistent SD is caught', () => {
    expect(checkPooledMeanSd(age, { sd: iv('11.59'), printed: '± 11.59' }).status).toBe('inconsistent');
  });
  it('pooled SD of exact summaries equals the SD of the concatenated data (by hand)', () => {
    const a = [1, 2, 3, 4];
    const b = [10, 12];
    const g = (x: number[]) => ({
      n: x.length,
      mean: [mean(x), mean(x)] as const,
      sd: [standardDeviation(x), standardDeviation(x)] as const,
    });
    const [lo, hi] = pooledSdRange([g(a), g(b)]);
    expect(lo).toBeCloseTo(standardDeviation([...a, ...b]), 12);
    expect(hi).toBeCloseTo(standardDeviation([...a, ...b]), 12);
  });
  it('property (no false alarms): summaries of real integer data rounded to 2 decimals are always consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 18, max: 90 }), { minLength: 2, maxLength: 40 }), {
          minLength: 2,
          maxLength: 4,
        }),
        (groups) => {
          const all = groups.flat();
          const r2 = (x: number) => x.toFixed(2);
          const summaries = groups.map((x) => ({
            n: x.length,
            mean: iv(r2(mean(x))),
            sd: iv(r2(standardDeviation(x))),
          }));
          const res = checkPooledMeanSd(
            summaries,
            { mean: iv(r2(mean(all))), sd: iv(r2(standardDeviation(all))), printed: '' },
            { integerData: true },
          );
          expect(res.status).toBe('consistent');
          for (const x of groups) {
            expect(checkGrim(iv(r2(mean(x))), x.length, r2(mean(x))).status).toBe('consistent');
            expect(checkGrimmer(iv(r2(mean(x))), iv(r2(standardDeviation(x))), x.length, '').status).toBe('consistent');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('GRIM / GRIMMER', () => {
  it('GRIM consistent: Table 1 HER2-zero age 47.87 with n = 60 (sum 2872)', () => {
    const r = checkGrim(iv('47.87'), 60, '47.87');
    expect(r.status).toBe('consistent');
    expect(r.recomputed).toBe('sum 2872');
  });
  it('GRIM inconsistent: 5.19 with n = 28 (no integer sum: 145.18…145.46)', () => {
    expect(checkGrim(iv('5.19'), 28, '5.19').status).toBe('inconsistent');
  });
  it('GRIM edge: 11/200 = 0.055 lies exactly on the bound between "0.05" and "0.06"', () => {
    expect(checkGrim(iv('0.05'), 200, '0.05').status).toBe('consistent');
    expect(checkGrim(iv('0.06'), 200, '0.06').status).toBe('consistent');
  });
  it('GRIMMER: [1, 2, 3] has mean 2.00, SD 1.00; SD 1.10 is impossible for n = 3', () => {
    expect(checkGrimmer(iv('2.00'), iv('1.00'), 3, '2.00 ± 1.00').status).toBe('consistent');
    expect(checkGrimmer(iv('2.00'), iv('1.10'), 3, '2.00 ± 1.10').status).toBe('inconsistent');
  });
  it('GRIMMER edge: SD printed 0.00 (interval reaching below 0) for constant data [88, 88]', () => {
    expect(checkGrimmer(iv('88.00'), iv('0.00'), 2, '88.00 ± 0.00').status).toBe('consistent');
  });
  it('GRIMMER is not applied when GRIM fails', () => {
    expect(checkGrimmer(iv('5.19'), iv('1.00'), 28, '').status).toBe('not-checkable');
  });
});
