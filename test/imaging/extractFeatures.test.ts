import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractFeatures,
  type FlaggedPolicy,
  featureRow,
  MAPS,
  parseBvals,
  STATS,
} from '../../src/imaging/extractFeatures.ts';
import { FitPool, fitVoxels } from '../../src/imaging/fitVoxels.ts';
import { histogramFeatures } from '../../src/imaging/histogramFeatures.ts';
import { gatherVoxels, readNiftiHeader } from '../../src/imaging/nifti.ts';
import { expectClose, readFixture } from '../helpers/expectClose.ts';

const DIR = 'test/fixtures/py/imaging';
type Num = number | string;
const num = (v: Num): number => (typeof v === 'number' ? v : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : NaN);
interface Dwi {
  bvals: number[];
  shape: number[];
  signal: Num[][];
  dipy_msd: Num[];
  dipy_msk: Num[];
  numpy_adc_b0_b800: Num[];
  mask_r1: number[];
  mask_r2: number[];
  exact_wls_nonpositive_voxels: Record<string, [Num, Num]>;
}
const fx = readFixture<{
  dwi4: Dwi;
  dwi_repeats: { bvals: number[]; shape: number[]; dipy_msd: Num[]; dipy_msk: Num[] };
}>(`${DIR}/dipy.json`);
const c = fx.dwi4;
const tmp = mkdtempSync(join(tmpdir(), 'restudy-features-'));
const conv = {
  quantileType: 7 as const,
  momentType: 1 as const,
  logBase: 2,
  binning: { mode: 'width' as const, width: 0.1, origin: 0 },
};

/**
 * Expected VOI values built only from the fixture: DIPY's D and K, numpy's ADC, and flags derived here from the raw
 * signal (a value ≤ 0; a rise with b; DIPY D ≤ 0 or all-zero voxel = failure; DIPY K outside [0, 3] = clipped).
 */
function expectedValues(mask: number[], policy: 'exclude' | 'keep') {
  const adc: number[] = [];
  const d: number[] = [];
  const k: number[] = [];
  let dkiFlagged = 0;
  let failed = 0;
  mask.forEach((m, i) => {
    if (!m) return;
    const s = c.signal.map((v) => num(v[i]));
    const nonpositive = s.some((v) => v <= 0);
    const nonmonotone = s.some((v, t) => t > 0 && v > s[t - 1]);
    const adcFlag = s[0] <= 0 || s[1] <= 0 || s[1] > s[0];
    // ill-conditioned floored voxels: exact rational WLS instead of DIPY's pinv (see diffusionFit.test.ts)
    const exact = c.exact_wls_nonpositive_voxels[String(i)];
    const dDipy = exact ? num(exact[0]) : num(c.dipy_msd[i]);
    const kDipy = exact ? num(exact[1]) : num(c.dipy_msk[i]);
    const failure = !(dDipy > 0);
    const clipped = kDipy < 0 || kDipy > 3;
    if (nonpositive || nonmonotone || failure || clipped) dkiFlagged++;
    if (failure) failed++;
    if (!adcFlag) adc.push(num(c.numpy_adc_b0_b800[i]) * 1000);
    // kept flagged voxels: signals floored at 1e-4 before the log (DIPY's convention, documented)
    else if (policy === 'keep') adc.push((Math.log(Math.max(s[0], 1e-4) / Math.max(s[1], 1e-4)) / 800) * 1000);
    if (!failure && (policy === 'keep' || !(nonpositive || nonmonotone || clipped))) {
      d.push(dDipy * 1000);
      k.push(Math.min(Math.max(kDipy, 0), 3));
    }
  });
  return { adc, d, k, dkiFlagged, failed };
}

describe('extractFeatures on the DIPY-fitted phantom', () => {
  for (const policy of ['exclude', 'keep'] as const) {
    it(`two readers, --flagged ${policy}: features equal those of DIPY's maps (1e-6)`, async () => {
      const res = await extractFeatures(
        {
          dwi: `${DIR}/dwi4.nii.gz`,
          bvals: `${DIR}/dwi4.bval`,
          masks: [`${DIR}/mask_r1.nii.gz`, `${DIR}/mask_r2.nii.gz`],
        },
        { flagged: policy },
      );
      const row = featureRow(res);
      [c.mask_r1, c.mask_r2].forEach((mask, r) => {
        const e = expectedValues(mask, policy);
        const counts = res.readers[r].counts;
        expect(counts.voxels).toBe(mask.reduce((a, b) => a + b, 0));
        expect(counts.dki_flagged).toBe(e.dkiFlagged);
        expect(counts.dki_failed).toBe(e.failed);
        expect(counts.dki_used).toBe(e.d.length);
        expect(counts.adc_used).toBe(e.adc.length);
        for (const [map, values] of [
          ['adc', e.adc],
          ['d', e.d],
          ['k', e.k],
        ] as const) {
          const want = histogramFeatures(values, conv, map);
          for (const stat of STATS) {
            expectClose(
              row[`${map}_${stat}_r${r + 1}`] as number,
              want[stat],
              { rtol: 1e-6, atol: 1e-9 },
              `${policy} reader ${r + 1} ${map}_${stat}`,
            );
          }
        }
      });
      for (const map of MAPS)
        for (const stat of STATS) {
          expectClose(
            row[`${map}_${stat}`] as number,
            ((row[`${map}_${stat}_r1`] as number) + (row[`${map}_${stat}_r2`] as number)) / 2,
            { rtol: 1e-15 },
            `consensus ${map}_${stat}`,
          );
        }
      expect(res.warnings.join('\n')).toMatch(
        policy === 'exclude' ? /excluded \(--flagged exclude\)/ : /kept, failed fits left out/,
      );
    });
  }
  it('one reader: unsuffixed columns only; a flag list excludes only those flags', async () => {
    const policy: FlaggedPolicy = ['k_clipped'];
    const res = await extractFeatures(
      { dwi: `${DIR}/dwi4.nii.gz`, bvals: `${DIR}/dwi4.bval`, masks: [`${DIR}/mask_r1.nii.gz`] },
      { flagged: policy },
    );
    const row = featureRow(res);
    expect(Object.keys(row).some((k) => k.endsWith('_r1'))).toBe(false);
    expect(Object.keys(row).filter((k) => !k.startsWith('voi_'))).toHaveLength(21);
    const counts = res.readers[0].counts;
    expect(counts.dki_used).toBe(counts.voxels - counts.dki_failed - counts.dki_k_clipped);
    expect(counts.adc_used).toBe(counts.voxels - counts.adc_failed);
  });
  it('units: ADC and D in 10⁻³ mm²/s', async () => {
    const res = await extractFeatures({ dwi: `${DIR}/dwi4.nii.gz`, bvals: c.bvals, masks: [`${DIR}/mask_r2.nii.gz`] });
    expect(res.readers[0].features.d.mean).toBeGreaterThan(0.6);
    expect(res.readers[0].features.d.mean).toBeLessThan(2.0);
    expect(res.conventions).toMatchObject({
      units: { adc: '10^-3 mm^2/s' },
      quantileType: 7,
      momentType: 1,
      logBase: 2,
    });
  });
});

describe('input checks', () => {
  const base = {
    dwi: `${DIR}/dwi4.nii.gz`,
    bvals: [0, 800, 1400, 2000] as number[] | string,
    masks: [`${DIR}/mask_r1.nii.gz`],
  };
  it.each([
    [{ bvals: [0, 800, 1400] }, /bvals must be 4 b-values, one per volume .* \(4th dimension\); got "3 b-values"/],
    [
      { bvals: [60, 800, 1400, 2000] },
      /bvals must be at least one b0 volume \(b ≤ 50 s\/mm², --b0-threshold\); got "a smallest b-value of 60 s\/mm²"/,
    ],
    [{ bvals: [0, -800, 1400, 2000] }, /bvals\[1\] must be b = 0 or a positive b-value/],
    [
      { masks: [`${DIR}/mask_wrongdims.nii.gz`] },
      /mask_wrongdims.nii.gz must be a mask on the DWI grid .*; got "grid 7×6×5 vs 7×6×4"/,
    ],
    [
      { masks: [`${DIR}/mask_shifted.nii.gz`] },
      /mask_shifted.nii.gz must be a mask on the DWI grid .*affine\[0\]\[3\]/,
    ],
    [
      { masks: [`${DIR}/mask_empty.nii.gz`] },
      /mask_empty.nii.gz must be a VOI with at least one non-zero voxel; got "an empty mask"/,
    ],
    [{ masks: [] }, /masks must be one or two VOI masks/],
    [{ dwi: `${DIR}/dt_float32_le.nii.gz` }, /must be a 4-D DWI series/],
    [{ bvals: join(tmp, 'missing.bval') }, /missing.bval must be a readable file; got "ENOENT"/],
  ] as [Partial<typeof base>, RegExp][])('%o', async (patch, message) => {
    await expect(extractFeatures({ ...base, ...patch })).rejects.toThrow(message);
  });
  it('b-value files: FSL one line, one per line, commas; bad tokens', () => {
    expect(parseBvals('0 800 1400 2000\n')).toEqual([0, 800, 1400, 2000]);
    expect(parseBvals('0\n800\r\n1400\n')).toEqual([0, 800, 1400]);
    expect(parseBvals('0,800, 1400')).toEqual([0, 800, 1400]);
    expect(() => parseBvals('0 eight', 'b.txt')).toThrow(/b.txt\[1\] must be a finite number \(s\/mm²\); got "eight"/);
    expect(() => parseBvals('  \n', 'b.txt')).toThrow(/b.txt must be a list of b-values; got "an empty file"/);
  });
  it('DKI needs three shells; ADC b-values must exist', async () => {
    writeFileSync(join(tmp, 'two.bval'), '0 800 800 800');
    await expect(extractFeatures({ ...base, bvals: join(tmp, 'two.bval') })).rejects.toThrow(
      /DKI \(all shells\) must be at least 3 shells for this fit \(shells: b0, 800\)/,
    );
    await expect(extractFeatures(base, { adcBvalues: [0, 1000] })).rejects.toThrow(
      /--adc-b must be b-values that match one shell of the series within ±20 s\/mm² \(shells: b0, 800, 1400, 2000\); got 1000/,
    );
  });
});

describe('repeated b-values and worker threads', () => {
  it('ten volumes with three per shell: D and K agree with DIPY MSDKI (ng weighting) within 1e-6', async () => {
    const r = fx.dwi_repeats;
    const h = await readNiftiHeader(`${DIR}/dwi_repeats.nii.gz`);
    const n = r.shape.reduce((a, b) => a * b, 1);
    const signal = await gatherVoxels(
      h,
      Int32Array.from({ length: n }, (_, i) => i),
    );
    const fit = await fitVoxels({
      signal,
      bvals: r.bvals,
      adcBvalues: [0, 800],
      dkiBvalues: [0, 800, 1400, 2000],
      dki: {},
    });
    for (let i = 0; i < n; i++) {
      expectClose(fit.d[i], num(r.dipy_msd[i]), { rtol: 1e-6 }, `D voxel ${i}`);
      expectClose(fit.kRaw[i], num(r.dipy_msk[i]), { rtol: 1e-6 }, `K voxel ${i}`);
    }
  });
  it('worker_threads (tsx entry) give bit-identical maps to the main thread', async () => {
    const h = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    const signal = await gatherVoxels(
      h,
      Int32Array.from({ length: 210 }, (_, i) => i),
    );
    const req = { signal, bvals: c.bvals, adcBvalues: [0, 800], dkiBvalues: c.bvals, dki: { method: 'nls' as const } };
    const single = await fitVoxels(req, { workers: 1, blockSize: 37 });
    const progress: number[] = [];
    const pooled = await fitVoxels(req, { workers: 2, blockSize: 37, onProgress: (done) => progress.push(done) });
    for (const key of ['adc', 'adcFlags', 'd', 'k', 'kRaw', 's0', 'dkiFlags'] as const)
      expect(Array.from(pooled[key]), key).toEqual(Array.from(single[key]));
    expect(progress.at(-1)).toBe(210);
    expect(progress).toHaveLength(Math.ceil(210 / 37));
  });
  it('a FitPool serves several fits and reports worker-side errors', async () => {
    const h = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    const signal = await gatherVoxels(
      h,
      Int32Array.from({ length: 210 }, (_, i) => i),
    );
    const req = { signal, bvals: c.bvals, adcBvalues: [0, 800], dkiBvalues: c.bvals, dki: {} };
    const single = await fitVoxels(req);
    const pool = await FitPool.start(2);
    try {
      expect(pool.size).toBe(2);
      for (const blockSize of [50, 200])
        expect(Array.from((await pool.fit(req, { blockSize })).d)).toEqual(Array.from(single.d));
      await expect(pool.fit({ ...req, dkiBvalues: [0, 800] }, { blockSize: 100 })).rejects.toThrow(
        /fit worker failed on block \d: b-values must be at least 3 distinct values/,
      );
    } finally {
      await pool.close();
    }
  });
});
