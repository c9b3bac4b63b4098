import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DkiOptions, FLAG, fitAdcBlock, fitDkiBlock, makeShells } from '../../src/imaging/diffusionFit.ts';
import { expectClose, readFixture } from '../helpers/expectClose.ts';

type Num = number | string;
const num = (v: Num): number => (typeof v === 'number' ? v : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : NaN);
interface Dwi4 {
  bvals: number[];
  shape: number[];
  signal: Num[][];
  dipy_msd: Num[];
  dipy_msk: Num[];
  dipy_s0: Num[];
  numpy_dki_wls_D: Num[];
  numpy_dki_wls_K: Num[];
  numpy_adc_b0_b800: Num[];
  truth_D: Num[];
  truth_K: Num[];
  exact_wls_nonpositive_voxels: Record<string, [Num, Num]>;
  scipy_nls: Record<string, [Num, Num, Num]>;
}
const fx = readFixture<{ dwi4: Dwi4 }>('test/fixtures/py/imaging/dipy.json');
const c = fx.dwi4;
const nvox = c.signal[0].length;
const nb = c.bvals.length;

function voxelMajor(signal: Num[][]): Float64Array {
  const out = new Float64Array(nvox * nb);
  for (let i = 0; i < nvox; i++) for (let t = 0; t < nb; t++) out[i * nb + t] = num(signal[t][i]);
  return out;
}
function fitDki(signal: Float64Array, bvals: number[], opts: DkiOptions = {}) {
  const n = signal.length / bvals.length;
  const out = {
    d: new Float64Array(n),
    k: new Float64Array(n),
    kRaw: new Float64Array(n),
    s0: new Float64Array(n),
    flags: new Uint8Array(n),
  };
  fitDkiBlock(signal, n, makeShells(bvals), opts, out);
  return out;
}

describe('DKI WLS against DIPY 1.6 MeanDiffusionKurtosisModel (fixture dwi4)', () => {
  const sig = voxelMajor(c.signal);
  const out = fitDki(sig, c.bvals);
  it('D and K agree within 1e-8 relative (issue: 1e-6) for every voxel DIPY fitted', () => {
    let compared = 0;
    for (let i = 0; i < nvox; i++) {
      const dDipy = num(c.dipy_msd[i]);
      if (dDipy === 0) {
        // DIPY skips voxels whose mean signal ≤ 1e-4 (params left at 0); ours flags them
        expect(out.flags[i] & FLAG.FIT_FAILURE).toBe(FLAG.FIT_FAILURE);
        continue;
      }
      const exact = c.exact_wls_nonpositive_voxels[String(i)];
      if (exact) {
        // Signals floored at 1e-4 next to S0 = 900 make weights span 1e-8..8e5: DIPY's pinv of the unscaled
        // normal matrix loses ~6 digits here (K off by 2e-6 relative); exact rational arithmetic is the reference.
        expectClose(out.d[i], num(exact[0]), { rtol: 1e-9 }, `D voxel ${i} vs exact`);
        expectClose(out.kRaw[i], num(exact[1]), { rtol: 1e-9 }, `K voxel ${i} vs exact`);
        expectClose(out.kRaw[i], num(c.dipy_msk[i]), { rtol: 1e-4 }, `K voxel ${i} vs DIPY (loose)`);
        continue;
      }
      // the issue asks 1e-6; observed max 1.4e-11 (D) and 3.7e-10 (K), so 1e-8 guards against regressions
      expectClose(out.kRaw[i], num(c.dipy_msk[i]), { rtol: 1e-8 }, `K voxel ${i}`);
      expectClose(out.s0[i], num(c.dipy_s0[i]), { rtol: 1e-8 }, `S0 voxel ${i}`);
      if (dDipy > 0) expectClose(out.d[i], dDipy, { rtol: 1e-8 }, `D voxel ${i}`);
      else
        expect(
          Number.isNaN(out.d[i]) && (out.flags[i] & FLAG.FIT_FAILURE) !== 0,
          `voxel ${i}: D ≤ 0 is a failure`,
        ).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
  it('flags the planted pathological voxels', () => {
    expect(out.flags[0] & FLAG.NONPOSITIVE_SIGNAL).toBeTruthy(); // [900, 0, 0, 0]
    expect(out.flags[1] & FLAG.NON_MONOTONE).toBeTruthy(); // 500 → 520
    expect(out.flags[2] & FLAG.K_CLIPPED).toBeTruthy(); // K ≈ 3.195 > 3
    expect(out.k[2]).toBe(3);
    expect(out.flags[3] & FLAG.K_CLIPPED).toBeTruthy(); // K < 0
    expect(out.k[3]).toBe(0);
    expect(out.flags[4] & FLAG.FIT_FAILURE).toBeTruthy(); // rising signal, D < 0
    expect(out.flags[4] & FLAG.NON_MONOTONE).toBeTruthy();
    expect(out.flags[5] & FLAG.FIT_FAILURE).toBeTruthy(); // all zero
    expect(Array.from(out.flags).filter((f) => f === 0).length).toBeGreaterThan(100);
  });
  it("'predicted' weights agree with the numpy re-implementation of DIPY dki._wls_iter's scheme", () => {
    const pred = fitDki(sig, c.bvals, { weights: 'predicted' });
    for (let i = 0; i < nvox; i++) {
      if (i === 5) continue; // all-zero voxel: our failure, numpy fits the floored constant
      expectClose(pred.kRaw[i], num(c.numpy_dki_wls_K[i]), { rtol: 1e-6 }, `K voxel ${i}`);
      const dRef = num(c.numpy_dki_wls_D[i]);
      if (dRef > 0) expectClose(pred.d[i], dRef, { rtol: 1e-6 }, `D voxel ${i}`);
    }
  });
  it('NLS agrees with scipy.optimize.least_squares(method="lm") from the same WLS start', () => {
    const nls = fitDki(sig, c.bvals, { method: 'nls' });
    let compared = 0;
    for (const [key, [dRef, kRef, s0Ref]] of Object.entries(c.scipy_nls)) {
      const i = Number(key);
      if (out.flags[i] & FLAG.NONPOSITIVE_SIGNAL) continue; // floored voxels: different starts (DIPY's pinv vs ours)
      expect(nls.flags[i] & FLAG.FIT_FAILURE, `voxel ${i} converged`).toBe(0);
      // Same minimum: our SSE is no larger than scipy's (to rounding), and the parameters agree. K is weakly
      // determined at the minimum when the SSE surface is flat (4 points, 3 parameters): scipy itself moves K by
      // 2e-6 when started elsewhere (voxel 125), hence an absolute 1e-5 on K.
      const s = [0, 1, 2, 3].map((t) => sig[i * 4 + t]);
      const sse = (d: number, k: number, s0: number): number =>
        c.bvals.reduce((acc, b, t) => acc + (s[t] - s0 * Math.exp(-b * d + (b * b * d * d * k) / 6)) ** 2, 0);
      const ours = sse(nls.d[i], nls.kRaw[i], nls.s0[i]);
      const theirs = sse(num(dRef), num(kRef), num(s0Ref));
      expect(ours, `voxel ${i} SSE ours ${ours} scipy ${theirs}`).toBeLessThanOrEqual(theirs * (1 + 1e-10) + 1e-12);
      expectClose(nls.d[i], num(dRef), { rtol: 1e-5 }, `NLS D voxel ${i}`);
      expectClose(nls.kRaw[i], num(kRef), { rtol: 1e-6, atol: 1e-5 }, `NLS K voxel ${i}`);
      expectClose(nls.s0[i], num(s0Ref), { rtol: 1e-6 }, `NLS S0 voxel ${i}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
  it('NaN or infinite signal is a fit failure for both models, never a silent NaN', () => {
    const s = Float64Array.from([1000, NaN, 300, 200, 1000, 500, Infinity, 200]);
    const o = fitDki(s, [0, 800, 1400, 2000]);
    expect(Array.from(o.flags, (f) => f & FLAG.FIT_FAILURE)).toEqual([FLAG.FIT_FAILURE, FLAG.FIT_FAILURE]);
    expect(Number.isNaN(o.d[0]) && Number.isNaN(o.k[1])).toBe(true);
    const a = { adc: new Float64Array(2), flags: new Uint8Array(2) };
    fitAdcBlock(s, 2, makeShells([0, 800, 1400, 2000], [0, 800]), a);
    expect(a.flags[0] & FLAG.FIT_FAILURE).toBe(FLAG.FIT_FAILURE); // NaN at b = 800
    expect(a.flags[1]).toBe(0); // the infinite value is at b = 1400, not used by the two-point ADC
    expectClose(a.adc[1], Math.log(1000 / 500) / 800, { rtol: 1e-15 });
  });
  it('noise-free signal is recovered exactly by WLS and NLS', () => {
    const b = [0, 800, 1400, 2000];
    const truth: [number, number, number][] = [
      [1000, 1.2e-3, 0.8],
      [55, 0.7e-3, 1.4],
      [3000, 2.1e-3, 0.2],
    ];
    const s = new Float64Array(truth.length * 4);
    truth.forEach(([s0, d, k], i) =>
      b.forEach((bb, t) => (s[i * 4 + t] = s0 * Math.exp(-bb * d + (bb * bb * d * d * k) / 6))),
    );
    for (const method of ['wls', 'nls'] as const) {
      const o = fitDki(s, b, { method });
      truth.forEach(([s0, d, k], i) => {
        expectClose(o.d[i], d, { rtol: 1e-10 }, `${method} D ${i}`);
        expectClose(o.k[i], k, { rtol: 1e-9 }, `${method} K ${i}`);
        expectClose(o.s0[i], s0, { rtol: 1e-10 }, `${method} S0 ${i}`);
        expect(o.flags[i]).toBe(0);
      });
    }
  });
  it('NLS lowers the signal-space residual sum of squares relative to WLS (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.6e-3, max: 2e-3, noNaN: true }),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (d, k, noise) => {
          const b = [0, 800, 1400, 2000];
          const s = Float64Array.from(
            b.map((bb, t) => 1000 * Math.exp(-bb * d + (bb * bb * d * d * k) / 6) + noise[t]),
          );
          const rss = (o: ReturnType<typeof fitDki>) =>
            b.reduce(
              (acc, bb, t) =>
                acc + (s[t] - o.s0[0] * Math.exp(-bb * o.d[0] + (bb * bb * o.d[0] ** 2 * o.kRaw[0]) / 6)) ** 2,
              0,
            );
          const wls = fitDki(s, b);
          const nls = fitDki(s, b, { method: 'nls' });
          if (nls.flags[0] & FLAG.FIT_FAILURE) return true;
          return rss(nls) <= rss(wls) * (1 + 1e-9) + 1e-18; // absolute slack for noise-free draws (RSS ≈ 1e-26)
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
  it('repeated b-values are averaged per shell (DIPY ng weights) — the same as one shell with the mean', () => {
    const b1 = [0, 800, 800, 1400, 2000];
    const s1 = Float64Array.from([1000, 420, 440, 260, 170]);
    const s2 = Float64Array.from([1000, 430, 260, 170]);
    const o1 = fitDki(s1, b1);
    // weighting by count 2 for the b=800 shell: compare with a direct weighted computation through 'observed' weights
    const o2 = fitDki(s2, [0, 800, 1400, 2000]);
    expect(o1.d[0]).not.toBe(o2.d[0]); // the shell of two volumes weighs twice
    const s3 = Float64Array.from([1000, 430, 430, 260, 170]);
    const o3 = fitDki(s3, b1);
    expectClose(o3.d[0], o1.d[0], { rtol: 1e-14 }, 'only the shell mean matters');
  });
});

describe('ADC', () => {
  it('two-point ADC = ln(S0/S800)/800 agrees with numpy', () => {
    const sig = voxelMajor(c.signal);
    const shells = makeShells(c.bvals, [0, 800]);
    const out = { adc: new Float64Array(nvox), flags: new Uint8Array(nvox) };
    fitAdcBlock(sig, nvox, shells, out);
    for (let i = 0; i < nvox; i++) {
      const ref = num(c.numpy_adc_b0_b800[i]);
      if (Number.isFinite(ref)) expectClose(out.adc[i], ref, { rtol: 1e-12 }, `ADC voxel ${i}`);
      else expect(out.flags[i] & FLAG.NONPOSITIVE_SIGNAL, `voxel ${i}`).toBeTruthy();
    }
  });
  it('log-linear fit over all b-values equals the hand-computed OLS slope', () => {
    const b = [0, 800, 1400, 2000];
    const s = Float64Array.from([1000, 400, 250, 160]);
    const out = { adc: new Float64Array(1), flags: new Uint8Array(1) };
    fitAdcBlock(s, 1, makeShells(b), out);
    const y = Array.from(s, Math.log);
    const bbar = 1050;
    const ybar = y.reduce((a, v) => a + v, 0) / 4;
    const slope =
      b.reduce((a, bb, j) => a + (bb - bbar) * (y[j] - ybar), 0) / b.reduce((a, bb) => a + (bb - bbar) ** 2, 0);
    expectClose(out.adc[0], -slope, { rtol: 1e-12 });
  });
  it('rejects b-values that are not in the series and too few shells', () => {
    expect(() => makeShells([0, 800], [0, 1000])).toThrow(/b-values must be present in the series/);
    expect(() => makeShells([0, 0, 800], undefined, 3)).toThrow(/at least 3 distinct/);
  });
});
