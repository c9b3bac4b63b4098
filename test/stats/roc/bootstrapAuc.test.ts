/**
 * The bootstrap AUC engine (issue 14, scale): tied blocks sorted once, each replicate an O(m + n) pass over
 * counts; above `countsAbove` the counts are drawn as a multinomial. Checked against brute force (pair
 * counting over an explicit resample), exact binomial probabilities, and the index scheme's moments.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/_shared/random.ts';
import { logFactorialTable } from '../../../src/stats/contingency/_logFactorial.ts';
import {
  aucFromBlockCounts,
  binomialDraw,
  bootstrapAucs,
  multinomialDraw,
  tiedBlocks,
} from '../../../src/stats/roc/_bootstrapAuc.ts';
import { aucConfidenceInterval, rocCurve } from '../../../src/stats/roc/index.ts';

/** AUC by counting every case–control pair (ties ½): the definition, O(m·n). */
function aucByPairs(cases: ArrayLike<number>, controls: ArrayLike<number>, direction: '<' | '>'): number {
  let wins = 0;
  for (let i = 0; i < cases.length; i++) {
    for (let j = 0; j < controls.length; j++) {
      const [hi, lo] = direction === '<' ? [cases[i], controls[j]] : [controls[j], cases[i]];
      wins += hi > lo ? 1 : hi === lo ? 0.5 : 0;
    }
  }
  return wins / (cases.length * controls.length);
}

/** Scores with many ties (rounded normals), as a resampled cohort has. */
function tiedScores(count: number, shift: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: count }, () => Math.round((rng.normal() + shift) * 4) / 4);
}

describe('tiedBlocks and aucFromBlockCounts', () => {
  it('the AUC of the full sample from its block counts equals pair counting, both directions', () => {
    const cases = tiedScores(57, 0.6, 11);
    const controls = tiedScores(43, 0, 12);
    const { blocks, caseBlock, controlBlock } = tiedBlocks(cases, controls);
    const cc = new Int32Array(blocks);
    const kc = new Int32Array(blocks);
    for (const b of caseBlock) cc[b]++;
    for (const b of controlBlock) kc[b]++;
    for (const dir of ['<', '>'] as const) {
      expect(aucFromBlockCounts(cc, kc, 57, 43, dir)).toBeCloseTo(aucByPairs(cases, controls, dir), 14);
    }
  });

  it('ties between a case and a control share a block; −0 and 0 are one value', () => {
    const t = tiedBlocks(Float64Array.from([1, -0, 2]), Float64Array.from([0, 2, 3]));
    expect(t.blocks).toBe(4);
    expect([...t.caseBlock]).toEqual([1, 0, 2]);
    expect([...t.controlBlock]).toEqual([0, 2, 3]);
  });
});

describe("bootstrapAucs, 'indices' scheme", () => {
  it('each replicate is the AUC of m case and n control indices drawn in that order (brute force)', () => {
    const cases = tiedScores(23, 0.5, 3);
    const controls = tiedScores(31, 0, 4);
    const aucs = bootstrapAucs(cases, controls, '>', 25, createRng(99), 'indices');
    const rng = createRng(99);
    for (let b = 0; b < 25; b++) {
      const bc = Array.from({ length: 23 }, () => cases[rng.integer(23)]);
      const bk = Array.from({ length: 31 }, () => controls[rng.integer(31)]);
      expect(aucs[b]).toBeCloseTo(aucByPairs(bc, bk, '>'), 14);
    }
  });
});

describe('binomialDraw and multinomialDraw', () => {
  const lf = logFactorialTable(300_000);
  const logChoose = (n: number, k: number): number => {
    let s = 0;
    for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
    return s;
  };

  it('Binomial(40, 0.3): 40 000 draws fit the exact probabilities (χ² goodness of fit, p > 0.001)', () => {
    const rng = createRng(7);
    const size = 40;
    const p = 0.3;
    const counts = new Array<number>(size + 1).fill(0);
    const draws = 40_000;
    for (let i = 0; i < draws; i++) counts[binomialDraw(size, p, rng, lf)]++;
    let chi = 0;
    let df = -1;
    let pooledObs = 0;
    let pooledExp = 0;
    for (let k = 0; k <= size; k++) {
      const expected = draws * Math.exp(logChoose(size, k) + k * Math.log(p) + (size - k) * Math.log(1 - p));
      pooledObs += counts[k];
      pooledExp += expected;
      if (pooledExp >= 5) {
        chi += (pooledObs - pooledExp) ** 2 / pooledExp;
        df++;
        pooledObs = 0;
        pooledExp = 0;
      }
    }
    // 0.999 quantile of χ² with df degrees of freedom is below df + 4·√(2·df) + 10 for df ≈ 20
    expect(df).toBeGreaterThan(10);
    expect(chi).toBeLessThan(df + 4 * Math.sqrt(2 * df) + 10);
  });

  it('large size: mean and variance of Binomial(232 000, 0.004) within 4 standard errors', () => {
    const rng = createRng(8);
    const size = 232_000;
    const p = 0.004;
    const draws = 4000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < draws; i++) {
      const x = binomialDraw(size, p, rng, lf);
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / draws;
    const variance = (sum2 - draws * mean * mean) / (draws - 1);
    const trueVar = size * p * (1 - p);
    expect(Math.abs(mean - size * p)).toBeLessThan(4 * Math.sqrt(trueVar / draws));
    expect(Math.abs(variance / trueVar - 1)).toBeLessThan(4 * Math.sqrt(2 / (draws - 1)));
  });

  it('limits: size 0, p 0 and p 1 take no random number', () => {
    const rng = createRng(9);
    expect([binomialDraw(0, 0.5, rng, lf), binomialDraw(10, 0, rng, lf), binomialDraw(10, 1, rng, lf)]).toEqual([
      0, 0, 10,
    ]);
    expect(rng.uniform()).toBe(createRng(9).uniform());
  });

  it('a multinomial draw places every item, none in a cell of weight 0, with mean size·weight/total', () => {
    const rng = createRng(10);
    const weights = Int32Array.from([3, 0, 5, 2]);
    const out = new Int32Array(4);
    const sums = [0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      multinomialDraw(100, weights, rng, lf, out);
      expect(out[0] + out[1] + out[2] + out[3]).toBe(100);
      expect(out[1]).toBe(0);
      for (let b = 0; b < 4; b++) sums[b] += out[b];
    }
    // SE of a cell mean: √(100·w(1 − w)/5000) ≤ 0.071
    expect(sums.map((s) => s / 5000)).toEqual([expect.closeTo(30, 0), 0, expect.closeTo(50, 0), expect.closeTo(20, 0)]);
  });
});

describe('aucConfidenceInterval: the counts scheme above countsAbove', () => {
  const cases = tiedScores(700, 0.5, 21);
  const controls = tiedScores(900, 0, 22);
  const labels = [...Array(700).fill(1), ...Array(900).fill(0)];
  const curve = rocCurve(labels, [...cases, ...controls], { direction: '<' });

  it('below the threshold: index draws, conventions say so; above (countsAbove 0): counts, said so', () => {
    const small = aucConfidenceInterval(curve, { method: 'bootstrap', nBoot: 200, seed: 5 });
    expect(small.conventions.replicateDraw).toMatch(/^m \+ n uniform indices per replicate \(m \+ n <= 5000\)$/);
    const switched = aucConfidenceInterval(curve, { method: 'bootstrap', nBoot: 200, seed: 5, countsAbove: 0 });
    expect(switched.conventions.replicateDraw).toBe(
      'm + n = 1600 > 0: multinomial counts per distinct score (conditional binomials)',
    );
    expect(switched.confInt).not.toEqual(small.confInt); // another random stream
    expect([small.replicateDraw, switched.replicateDraw]).toEqual(['indices', 'counts']);
    expect(aucConfidenceInterval(curve, { method: 'delong' }).replicateDraw).toBeUndefined();
  });

  it('both schemes estimate the same sampling distribution: SEs within 10 %, bounds within 0.01', () => {
    // Monte Carlo: 2000 replicates each, SE of an SD estimate ≈ SD/√(2·2000) ≈ 1.6 % per scheme
    const a = aucConfidenceInterval(curve, { method: 'bootstrap', nBoot: 2000, seed: 6 });
    const b = aucConfidenceInterval(curve, { method: 'bootstrap', nBoot: 2000, seed: 6, countsAbove: 0 });
    expect(Math.abs(b.se / a.se - 1)).toBeLessThan(0.1);
    expect(Math.abs(b.confInt[0] - a.confInt[0])).toBeLessThan(0.01);
    expect(Math.abs(b.confInt[1] - a.confInt[1])).toBeLessThan(0.01);
    // and the DeLong SE, the analytic value of the same quantity
    const d = aucConfidenceInterval(curve, { method: 'delong' });
    expect(Math.abs(b.se / d.se - 1)).toBeLessThan(0.1);
  });

  it('same seed, same interval; a bad countsAbove is an InputError', () => {
    const opts = { method: 'bootstrap', nBoot: 100, seed: 3, countsAbove: 10 } as const;
    expect(aucConfidenceInterval(curve, opts)).toEqual(aucConfidenceInterval(curve, opts));
    expect(() => aucConfidenceInterval(curve, { ...opts, countsAbove: Number.NaN })).toThrow(/countsAbove/);
  });
});
