import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Binning,
  type HistogramConventions,
  histogramEntropy,
  histogramFeatures,
} from '../../src/imaging/histogramFeatures.ts';
import { readNifti } from '../../src/imaging/nifti.ts';
import type { MomentType } from '../../src/stats/descriptive/moments.ts';
import { type QuantileType, quantile } from '../../src/stats/descriptive/quantile.ts';
import { expectClose, readFixture } from '../helpers/expectClose.ts';

interface Case {
  name: string;
  x: number[];
  mean: number;
  quantile: Record<string, [number, number, number]>;
  skewness: Record<string, number | null>;
  kurtosis: Record<string, number | null>;
  entropy: Record<string, number>;
}
const fx = readFixture<{ cases: Case[] }>('test/fixtures/r/imaging/histogram.json');
const ENTROPY_SETTINGS: Record<string, [Binning, number]> = {
  'width0.1_origin0_log2': [{ mode: 'width', width: 0.1, origin: 0 }, 2],
  'width0.05_origin0.025_loge': [{ mode: 'width', width: 0.05, origin: 0.025 }, Math.E],
  'width0.25_origin0_log10': [{ mode: 'width', width: 0.25, origin: 0 }, 10],
  count16_log2: [{ mode: 'count', count: 16 }, 2],
  count64_log2: [{ mode: 'count', count: 64 }, 2],
};
const conv = (
  q: number,
  m: number,
  binning: Binning = { mode: 'width', width: 0.1, origin: 0 },
  logBase = 2,
): HistogramConventions => ({
  quantileType: q as QuantileType,
  momentType: m as MomentType,
  binning,
  logBase,
});

describe('histogramFeatures against R (quantile, e1071, entropy written in R)', () => {
  for (const c of fx.cases) {
    it(`${c.name} (n = ${c.x.length})`, () => {
      for (let q = 1; q <= 9; q++) {
        for (let m = 1; m <= 3; m++) {
          const f = histogramFeatures(c.x, conv(q, m), c.name);
          expectClose(f.mean, c.mean, { rtol: 1e-14 }, `${c.name} mean`);
          const [median, p5, p95] = c.quantile[`type${q}`];
          expectClose(f.median, median, { rtol: 1e-14 }, `${c.name} median type ${q}`);
          expectClose(f.p5, p5, { rtol: 1e-14 }, `${c.name} p5 type ${q}`);
          expectClose(f.p95, p95, { rtol: 1e-14 }, `${c.name} p95 type ${q}`);
          const s = c.skewness[`type${m}`];
          const k = c.kurtosis[`type${m}`];
          if (s === null) {
            expect(Number.isNaN(f.skewness) && Number.isNaN(f.kurtosis)).toBe(true);
            expect(f.warnings.join(' ')).toMatch(/all 10 voxel values are equal/);
          } else {
            expectClose(f.skewness, s, { rtol: 1e-10 }, `${c.name} skewness type ${m}`);
            expectClose(f.kurtosis, k as number, { rtol: 1e-10 }, `${c.name} kurtosis type ${m}`);
          }
        }
      }
      for (const [key, [binning, base]] of Object.entries(ENTROPY_SETTINGS)) {
        // identical IEEE arithmetic for the bin index in R and JS: exact up to the final sum's rounding
        expectClose(
          histogramEntropy(c.x, binning, base).entropy,
          c.entropy[key],
          { rtol: 1e-13, atol: 1e-15 },
          `${c.name} entropy ${key}`,
        );
      }
    });
  }
});

describe('hand-derived and invariant cases', () => {
  it('entropy of two equally filled bins is 1 bit; one bin is 0', () => {
    expect(histogramEntropy([0.01, 0.02, 0.15, 0.19], { mode: 'width', width: 0.1, origin: 0 }).entropy).toBe(1);
    expect(histogramEntropy([0.11, 0.12], { mode: 'width', width: 0.1, origin: 0 }).entropy).toBe(0);
    expect(histogramEntropy([5, 5, 5], { mode: 'count', count: 8 })).toEqual({ entropy: 0, bins: 1 });
  });
  it('fixed bin width: bins are closed on the left (x on an edge goes up)', () => {
    // 0.5 / 0.25 = 2 exactly: bin 2 with 0.6, bin 1 with 0.3 → two bins of 2 → 1 bit
    expect(histogramEntropy([0.25, 0.3, 0.5, 0.6], { mode: 'width', width: 0.25, origin: 0 })).toEqual({
      entropy: 1,
      bins: 2,
    });
  });
  it('fixed bin number: the maximum goes in bin N (IBSI)', () => {
    // min 0, max 4, N = 4: 0→1, 1→2, 2→3, 3→4, 4→4 (not 5)
    expect(histogramEntropy([0, 1, 2, 3, 4], { mode: 'count', count: 4 }).bins).toBe(4);
  });
  it('features are permutation invariant', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: 5, maxLength: 60 }), (x) => {
        const a = histogramFeatures(x, conv(7, 1));
        const b = histogramFeatures([...x].reverse(), conv(7, 1));
        return (
          a.median === b.median &&
          a.p5 === b.p5 &&
          a.p95 === b.p95 &&
          a.bins === b.bins &&
          Math.abs(a.entropy - b.entropy) < 1e-12 &&
          Math.abs(a.mean - b.mean) <= 1e-12 * a.mean
        );
      }),
      { numRuns: 200, seed: 11 },
    );
  });
  it('fixed-width entropy is unchanged by a shift of whole bins (dyadic values, so no rounding at edges)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: -20, max: 20 }),
        (ints, shift) => {
          const x = ints.map((i) => i / 64);
          const binning: Binning = { mode: 'width', width: 0.5, origin: 0 };
          return (
            histogramEntropy(
              x.map((v) => v + shift * 0.5),
              binning,
            ).entropy === histogramEntropy(x, binning).entropy
          );
        },
      ),
      { numRuns: 200, seed: 12 },
    );
  });
  it('empty and tiny VOIs give NA with warnings, never silent NaN', () => {
    const e = histogramFeatures([], conv(7, 1), 'K');
    expect(e.n).toBe(0);
    expect(Number.isNaN(e.mean)).toBe(true);
    expect(e.warnings[0]).toMatch(/K: no usable voxels/);
    const t = histogramFeatures([1, 2], conv(6, 2), 'D');
    expect(Number.isNaN(t.skewness) && Number.isNaN(t.kurtosis)).toBe(true);
    expect(t.warnings.join('\n')).toMatch(/skewness type 2 needs at least 3 voxels; got 2/);
  });
  it('throws for invalid binning and base', () => {
    expect(() => histogramEntropy([1], { mode: 'width', width: 0, origin: 0 })).toThrow(
      /bin width must be a positive finite number; got 0/,
    );
    expect(() => histogramEntropy([1], { mode: 'width', width: 1, origin: NaN })).toThrow(
      /bin origin must be a finite number/,
    );
    expect(() => histogramEntropy([1], { mode: 'count', count: 2.5 })).toThrow(/bin count must be a positive integer/);
    expect(() => histogramEntropy([1], { mode: 'count', count: 4 }, 1)).toThrow(
      /logBase must be a positive number other than 1/,
    );
    expect(() => histogramFeatures([1, NaN, 3], conv(7, 1))).toThrow(/finite/);
  });
});

// IBSI 1 digital phantom: read from the shared folder (not copied into the repo, CC BY 4.0).
const IBSI_DIR = process.env.RESTUDY_IBSI_PHANTOM ?? '../shared/ibsi_1_digital_phantom';
const ibsiPresent = existsSync(join(IBSI_DIR, 'nifti', 'image', 'phantom.nii.gz'));
if (!ibsiPresent)
  console.warn(
    `IBSI digital phantom not found at ${IBSI_DIR} (set RESTUDY_IBSI_PHANTOM); its reference-value tests are skipped`,
  );
describe.skipIf(!ibsiPresent)('IBSI 1 digital phantom (reference values, Zwanenburg et al. arXiv:1612.07003)', () => {
  it('intensity statistics and intensity-histogram entropy of the 74 masked voxels', () => {
    const image = readNifti(join(IBSI_DIR, 'nifti', 'image', 'phantom.nii.gz'));
    const mask = readNifti(join(IBSI_DIR, 'nifti', 'mask', 'mask.nii.gz'));
    expect(image.header.dims.slice(0, 3)).toEqual(mask.header.dims.slice(0, 3));
    const values: number[] = [];
    mask.data.forEach((m, i) => {
      if (m !== 0) values.push(image.data[i]);
    });
    expect(values.length).toBe(74);
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 50],
      [3, 1],
      [4, 16],
      [6, 7],
    ]);
    // IBSI: population moment ratios (e1071 type 1), excess kurtosis; one bin per integer value; log2
    const f = histogramFeatures(values, conv(7, 1, { mode: 'width', width: 1, origin: 0.5 }, 2), 'IBSI phantom');
    // reference values are printed to 3 significant digits: tolerance half a unit in the last digit
    expectClose(f.mean, 2.15, { atol: 0.005 }, 'IBSI mean');
    expectClose(f.skewness, 1.08, { atol: 0.005 }, 'IBSI skewness');
    expectClose(f.kurtosis, -0.355, { atol: 0.0005 }, 'IBSI kurtosis');
    expectClose(f.median, 1, { atol: 0 }, 'IBSI median');
    expectClose(f.entropy, 1.27, { atol: 0.005 }, 'IBSI entropy');
    // hand-derived exact values from the counts (50, 1, 16, 7 of 1, 3, 4, 6)
    const probs = [50, 1, 16, 7].map((k) => k / 74);
    expectClose(f.mean, 159 / 74, { rtol: 1e-15 }, 'mean = 159/74');
    expectClose(f.entropy, -probs.reduce((a, p) => a + p * Math.log2(p), 0), { rtol: 1e-14 }, 'entropy from counts');
    const m2 = [1, 3, 4, 6].reduce((a, v, j) => a + probs[j] * (v - 159 / 74) ** 2, 0);
    const m3 = [1, 3, 4, 6].reduce((a, v, j) => a + probs[j] * (v - 159 / 74) ** 3, 0);
    const m4 = [1, 3, 4, 6].reduce((a, v, j) => a + probs[j] * (v - 159 / 74) ** 4, 0);
    expectClose(m2, 3.05, { atol: 0.005 }, 'IBSI variance (population)');
    expectClose(f.skewness, m3 / m2 ** 1.5, { rtol: 1e-12 }, 'skewness from counts');
    expectClose(f.kurtosis, m4 / m2 ** 2 - 3, { rtol: 1e-12 }, 'excess kurtosis from counts');
    const p = histogramFeatures(values, conv(7, 1), '');
    expect([p.p5, p.p95]).toEqual([1, 6]); // p95 of 74 values with 7 sixes: order statistics 70.35..74 are all 6
    // IBSI's 10th/90th percentiles are 1 and 4: our default type 7 and types 1–4 give them; R gives 4.2 (type 5),
    // 5 (type 6, SPSS), 4.4667 (type 8), 4.4 (type 9) for the 90th, so the phantom pins the interpolation rule.
    const p90: Record<number, number> = { 1: 4, 2: 4, 3: 4, 4: 4, 5: 4.2, 6: 5, 7: 4, 8: 4 + 7 / 15, 9: 4.4 };
    for (const type of [1, 2, 3, 4, 5, 6, 7, 8, 9] as QuantileType[]) {
      const [p10, p90t] = quantile(values, [0.1, 0.9], { type });
      expect(p10).toBe(1);
      expectClose(p90t, p90[type], { rtol: 1e-12 }, `P90 type ${type}`);
    }
  });
});
