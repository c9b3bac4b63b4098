import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG } from '../../src/imaging/diffusionFit.ts';
import { extractFeatures, featureRow, parseBvals } from '../../src/imaging/extractFeatures.ts';
import { fitVoxels } from '../../src/imaging/fitVoxels.ts';
import { gatherVoxels, readNiftiHeader } from '../../src/imaging/nifti.ts';
import { formatShellTable, groupShells, selectShells } from '../../src/imaging/shells.ts';
import { expectClose, readFixture } from '../helpers/expectClose.ts';
import { writePhantom } from './phantom.ts';

const DIR = 'test/fixtures/py/imaging';
const tmp = mkdtempSync(join(tmpdir(), 'restudy-shells-'));

describe('groupShells: b-values as scanners write them', () => {
  it("the issue's series: 0 49 51 50 799 801 800 → b0 (4 volumes, b ≤ 50 by the shell mean) and one shell at 800", () => {
    const t = groupShells([0, 49, 51, 50, 799, 801, 800]);
    expect(t.shells.map((s) => [s.b0, s.bUsed, s.volumes])).toEqual([
      [true, 0, [0, 1, 2, 3]],
      [false, 800, [4, 5, 6]],
    ]);
    expect(t.notes.join()).toMatch(
      /4 b0 volume\(s\) written with b from 0 to 51 s\/mm² are used as b = 0 \(--b0-threshold 50\)/,
    );
    // a lower b0 threshold keeps b ≈ 50 as a shell of its own, used at its mean
    const low = groupShells([0, 49, 51, 50, 799, 801, 800], { b0Threshold: 10 });
    expect(low.shells.map((s) => [s.bUsed, s.volumes.length])).toEqual([
      [0, 1],
      [50, 3],
      [800, 3],
    ]);
  });
  it('jittered shells are used at their mean b; the table prints b, volumes and the b-values written', () => {
    const t = groupShells([5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000]);
    expect(t.shells.map((s) => s.bUsed)).toEqual([
      0,
      (798 + 801 + 800) / 3,
      (1396 + 1402 + 1401) / 3,
      (1997 + 2004 + 2000) / 3,
    ]);
    expect(formatShellTable(t).split('\n')).toEqual([
      'shell   volumes  b written (s/mm²)  b used',
      'b0      2        0–5                0',
      '799.7   3        798–801            799.6666666666666',
      '1399.7  3        1396–1402          1399.6666666666667',
      '2000.3  3        1997–2004          2000.3333333333333',
    ]);
  });
  it('ms/µm² is detected (largest b below 10) and converted ×1000, or forced either way', () => {
    const t = groupShells([0, 0.8, 0.8, 1.4, 2.0]);
    expect(t.units).toEqual({ written: 'ms/um2', detected: true, factor: 1000 });
    expect(t.shells.map((s) => s.bUsed)).toEqual([0, 800, 1400, 2000]);
    expect(t.notes.join()).toMatch(
      /largest b-value is 2, so the values are read as ms\/µm² and multiplied by 1000 \(give --b-units s\/mm2/,
    );
    expect(groupShells([0, 800, 2000], { units: 'ms/um2' }).bvals).toEqual([0, 800000, 2000000]);
    expect(() => groupShells([0, 0.8, 2.0], { units: 's/mm2' })).not.toThrow();
    expect(groupShells([0, 0.8, 2.0], { units: 's/mm2' }).shells).toHaveLength(1); // all b0: the caller's fit refuses
  });
  it('refuses what is not shells, no b0, negative values; options are checked', () => {
    expect(() => groupShells([0, 15, 30, 45, 60, 75])).toThrow(
      /bvals must be b-values that form shells within ±20 s\/mm² \(--shell-tolerance\); got "a run of b-values from 0 to 75/,
    );
    expect(groupShells([0, 970, 1030, 2000]).notes.join()).toMatch(
      /shells at 970 and 1030 s\/mm² are less than 10 % apart; if they are one shell, raise --shell-tolerance above 60/,
    );
    expect(groupShells([0, 10, 20, 30], { tolerance: 5, b0Threshold: 0 }).shells).toHaveLength(4);
    expect(() => groupShells([100, 800, 1400])).toThrow(
      /at least one b0 volume \(b ≤ 50 s\/mm², --b0-threshold\); got "a smallest b-value of 100 s\/mm²"/,
    );
    expect(() => groupShells([0, -800])).toThrow(/bvals\[1\] must be b = 0 or a positive b-value/);
    expect(() => groupShells([0, 800], { tolerance: -1 })).toThrow(/--shell-tolerance must be a finite number ≥ 0/);
  });
  it('selectShells matches nominal b-values within the tolerance and names the shells when one is missing or ambiguous', () => {
    const t = groupShells([0, 5, 798, 801, 1396, 1402]);
    expect(selectShells(t, [0, 800], 2, '--adc-b')).toEqual({ b: [0, 799.5], shellOf: [0, 0, 1, 1, -1, -1] });
    expect(() => selectShells(t, [0, 1000], 2, '--adc-b (default 0,800)')).toThrow(
      /--adc-b \(default 0,800\) must be b-values that match one shell .*within ±20 s\/mm² \(shells: b0, 799.5, 1399\); got 1000/,
    );
    const close = groupShells([0, 790, 810], { tolerance: 15 });
    expect(() => selectShells(close, [800], 1, '--adc-b')).toThrow(/got "800, which matches 2 shells"/);
    expect(() => selectShells(t, [0], 2, '--adc-b')).toThrow(/at least 2 shells/);
  });
});

type Num = number | string;
const num = (v: Num): number => (typeof v === 'number' ? v : NaN);

describe('DIPY MSDKI on a noisy phantom with jittered b-values, grouped the same way (generate_scanner.py)', () => {
  const fx = readFixture<{
    bvals: number[];
    shape: number[];
    shell_b_per_volume: number[];
    dipy_msd: Num[];
    dipy_msk: Num[];
    dipy_s0: Num[];
  }>(`${DIR}/scanner.json`);
  it('the grouping equals the fixture generator’s independent one', () => {
    const t = groupShells(fx.bvals);
    expect(t.shellOfVolume.map((j) => t.shells[j].bUsed)).toEqual(fx.shell_b_per_volume);
  });
  it('per-voxel D, K and S0 agree with DIPY within 1e-8 relative; D ≤ 0 voxels are failures', async () => {
    const h = await readNiftiHeader(`${DIR}/scanner_dwi.nii.gz`);
    const n = fx.shape.reduce((a, b) => a * b, 1);
    const signal = await gatherVoxels(
      h,
      Int32Array.from({ length: n }, (_, i) => i),
    );
    const t = groupShells(fx.bvals);
    const spec = selectShells(t, undefined, 3, 'DKI');
    const fit = await fitVoxels({
      signal,
      bvals: [...t.bvals],
      adcShells: selectShells(t, [0, 800], 2, 'ADC'),
      dkiShells: spec,
      dki: {},
    });
    let compared = 0;
    for (let i = 0; i < n; i++) {
      const d = num(fx.dipy_msd[i]);
      if (!(d > 0)) {
        expect(fit.dkiFlags[i] & FLAG.FIT_FAILURE, `voxel ${i}`).toBe(FLAG.FIT_FAILURE);
        continue;
      }
      expectClose(fit.d[i], d, { rtol: 1e-8 }, `D voxel ${i}`);
      expectClose(fit.kRaw[i], num(fx.dipy_msk[i]), { rtol: 1e-8, atol: 1e-10 }, `K voxel ${i}`);
      expectClose(fit.s0[i], num(fx.dipy_s0[i]), { rtol: 1e-8 }, `S0 voxel ${i}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(0.9 * n);
  });
});

describe('scanner-style b-value files on noisy phantoms (docs/imaging.md: D within 2 %, K within 5 % of the truth)', () => {
  const truth = { d: 1.0e-3, k: 0.9, s0: 1000 };
  const jittered = [0, 5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000];
  const variants: [string, number[], string][] = [
    ['exact', [0, 0, 0, 800, 800, 800, 1400, 1400, 1400, 2000, 2000, 2000], ''],
    ['jittered with b0 = 5', jittered, ''],
    ['ms/µm²', jittered, jittered.map((b) => b / 1000).join(' ')],
    ['duplicated b0s, one per line', [0, 0, 0, 0, 0, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000], 'lines'],
  ];
  for (const [name, bvals, text] of variants) {
    it(`${name}: consensus D and K means within the stated tolerance, no NA`, async () => {
      const files = writePhantom(join(tmp, name.replace(/\W+/g, '_')), {
        dims: [12, 12, 4],
        bvals,
        bvalText: text === 'lines' ? bvals.join('\n') : text || undefined,
        truth: () => truth,
        snr: 80,
        seed: 15,
        vois: [
          [1, 1, 0, 10, 10, 3],
          [2, 2, 1, 11, 11, 3],
        ],
      });
      const res = await extractFeatures(files, { workers: 1 });
      const row = featureRow(res);
      for (const [col, value] of Object.entries(row))
        expect(value, `${col} (warnings: ${res.warnings.join('; ')})`).not.toBeNull();
      expect(Math.abs((row.d_mean as number) / 1 - truth.d * 1000) / (truth.d * 1000)).toBeLessThan(0.02);
      expect(Math.abs((row.k_mean as number) - truth.k) / truth.k).toBeLessThan(0.05);
      expect(Math.abs((row.adc_mean as number) - 0.9)).toBeLessThan(0.1); // ADC(0, 800) of this D and K ≈ 0.88
      expect(res.shells.shells).toHaveLength(4);
      if (name === 'ms/µm²') expect(res.warnings.join()).toMatch(/read as ms\/µm²/);
    });
  }
  it('exact grouping (tolerance 0) of jittered values: many flagged voxels give a warning, never a silent NA', async () => {
    const files = writePhantom(join(tmp, 'exact_grouping'), {
      dims: [8, 8, 3],
      bvals: jittered,
      truth: () => truth,
      snr: 20,
      seed: 16,
      vois: [[0, 0, 0, 7, 7, 2]],
    });
    const res = await extractFeatures(files, { workers: 1, shells: { tolerance: 0 } });
    const row = featureRow(res);
    expect(res.shells.shells.length).toBeGreaterThan(4);
    expect(res.warnings.join('\n')).toMatch(
      /% of 192 voxels flagged in the DKI fit \(more than 25.0 %, --max-flagged-share\)/,
    );
    for (const [col, v] of Object.entries(row)) {
      if (v === null) expect(res.warnings.join('\n'), col).toMatch(new RegExp(`${col.split('_')[0].toUpperCase()}`));
    }
  });
  it('parseBvals keeps what the file says; units are decided by the shells', () => {
    expect(parseBvals('0 0.005 0.8\n')).toEqual([0, 0.005, 0.8]);
  });
});
