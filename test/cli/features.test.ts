import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sidecarPath } from '../../src/cli/features.ts';
import { buildProgram } from '../../src/cli.ts';
import { readNifti } from '../../src/imaging/nifti.ts';
import { runFeaturesCli } from '../imaging/featuresCli.ts';

const DIR = 'test/fixtures/py/imaging';
const tmp = mkdtempSync(join(tmpdir(), 'restudy-cli-features-'));

const run = runFeaturesCli;
afterEach(() => {
  process.exitCode = 0;
});

const common = ['--dwi', `${DIR}/dwi4.nii.gz`, '--bvals', `${DIR}/dwi4.bval`, '--mask', `${DIR}/mask_r1.nii.gz`];

describe('restudy features', () => {
  it('two readers → one row with _r1/_r2/consensus columns, counts, a sidecar of conventions and maps', async () => {
    const out = join(tmp, 'two.csv');
    const { code, stderr } = await run([
      ...common,
      '--mask2',
      `${DIR}/mask_r2.nii.gz`,
      '--id',
      'P001',
      '--out',
      out,
      '--maps-dir',
      join(tmp, 'maps'),
    ]);
    expect(code, stderr).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toHaveLength(1);
    const row = parsed.data[0];
    expect(row.patient_id).toBe('P001');
    expect(parsed.meta.fields).toHaveLength(1 + 21 * 3 + 12 * 2);
    expect(parsed.meta.fields?.slice(0, 4)).toEqual(['patient_id', 'adc_mean', 'adc_mean_r1', 'adc_mean_r2']);
    expect(Number(row.adc_mean)).toBeCloseTo((Number(row.adc_mean_r1) + Number(row.adc_mean_r2)) / 2, 14);
    expect(Number(row.voi_voxels_r1)).toBe(66);
    expect(Number(row.voi_voxels_r2)).toBe(80);
    expect(stderr).toMatch(/reader 1 .*flagged .*excluded \(--flagged exclude\)/);
    const side = JSON.parse(readFileSync(sidecarPath(out), 'utf8'));
    expect(side.conventions).toMatchObject({
      quantileType: 7,
      momentType: 1,
      kurtosis: 'excess (normal = 0)',
      logBase: 2,
      flaggedVoxels: 'exclude',
      binning: { adc: { mode: 'width', width: 0.1, origin: 0 } },
    });
    expect(side.patients[0].counts[0].voxels).toBe(66);
    const d = readNifti(join(tmp, 'maps', 'd.nii.gz'));
    expect(d.header.dims).toEqual([7, 6, 5]);
    // map values are float32 copies of the fitted D in 10⁻³ mm²/s (DIPY fixture), zero outside the VOIs
    const fx = JSON.parse(readFileSync(`${DIR}/dipy.json`, 'utf8')).dwi4 as {
      dipy_msd: number[];
      mask_r1: number[];
      mask_r2: number[];
    };
    for (const i of [50, 100, 150]) {
      expect(fx.mask_r1[i] || fx.mask_r2[i], `voxel ${i} inside a VOI`).toBe(1);
      expect(d.data[i]).toBeCloseTo(Math.fround(fx.dipy_msd[i] * 1000), 6);
    }
    expect(d.data[209]).toBe(0);
    expect(existsSync(join(tmp, 'maps', 'dki_flags.nii.gz'))).toBe(true);
  });
  it('workers are never skipped in silence (issue 15): auto says why not, --workers 2 uses two, same bytes', async () => {
    const outs = ['auto', '1', '2'].map((w) => join(tmp, `workers_${w}.csv`));
    const auto = await run([...common, '--id', 'W', '--out', outs[0]]);
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stderr).toMatch(
      /66 voxels fitted in this thread: --workers auto starts worker threads from 2,000,000 voxels \(WLS\), .*--workers N uses them anyway/,
    );
    const one = await run([...common, '--id', 'W', '--out', outs[1], '--workers', '1']);
    expect(one.stderr).toMatch(/66 voxels fitted in this thread\n/);
    const two = await run([...common, '--id', 'W', '--out', outs[2], '--workers', '2']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/66 voxels fitted on 2 worker threads \(--workers 2\)/);
    const [a, b, c] = outs.map((o) => readFileSync(o, 'utf8'));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
  it('--append adds rows with identical options and refuses duplicates or other conventions', async () => {
    const out = join(tmp, 'cohort.csv');
    expect((await run([...common, '--id', 'A', '--out', out])).code).toBe(0);
    expect((await run([...common, '--id', 'B,"x"', '--out', out, '--append'])).code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.patient_id)).toEqual(['A', 'B,"x"']);
    const dup = await run([...common, '--id', 'A', '--out', out, '--append']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/--id must be a patient_id not yet in/);
    const other = await run([...common, '--id', 'C', '--out', out, '--append', '--quantile-type', '6']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/append only with identical options/);
    expect(JSON.parse(readFileSync(sidecarPath(out), 'utf8')).patients).toHaveLength(2);
  });
  it('options reach the conventions: NLS, FBN entropy, SPSS moments, type 6, keep, flag lists', async () => {
    const out = join(tmp, 'opts.csv');
    const r = await run([
      ...common,
      '--out',
      out,
      '--fit',
      'nls',
      '--bin-count',
      '32',
      '--moments',
      '2',
      '--quantile-type',
      '6',
      '--flagged',
      'nonpositive,k_clipped',
      '--log-base',
      'e',
      '--workers',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const side = JSON.parse(readFileSync(sidecarPath(out), 'utf8'));
    expect(side.conventions).toMatchObject({
      quantileType: 6,
      momentType: 2,
      flaggedVoxels: ['nonpositive', 'k_clipped'],
      binning: { k: { mode: 'count', count: 32 } },
      dki: { method: 'nls' },
    });
    expect(side.conventions.logBase).toBeCloseTo(Math.E, 15);
  });
  it.each([
    [
      ['--out', 'x.csv', '--bvals', `${DIR}/dwi_repeats.bval`],
      /must be 4 b-values, one per volume .*got "10 b-values"/,
    ],
    [['--out', 'x.csv', '--mask', `${DIR}/mask_shifted.nii.gz`], /mask on the DWI grid/],
    [['--out', 'x.csv', '--quantile-type', '10'], /--quantile-type must be an integer from 1 to 9/],
    [['--out', 'x.csv', '--moments', '4'], /--moments must be 1, 2 or 3/],
    [['--out', 'x.csv', '--k-range', '3,0'], /--k-range must be two increasing numbers/],
    [['--out', 'x.csv', '--bin-width', 'adc=0.1,q=2'], /--bin-width must be map names adc, d, k/],
    [['--out', 'x.csv', '--flagged', 'nonpositive,sometimes'], /--flagged must be exclude, keep or a comma list/],
    [['--out', 'x.csv', '--workers', '0'], /--workers must be "auto" or a positive integer/],
    [['--out', 'x.csv', '--fit', 'ols'], /Allowed choices are wls, nls/],
    [[], /--out is required \(or give --manifest for a cohort\)/],
  ])('bad input exits 2: %j', async (extra, message) => {
    const args = [...common];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]);
      if (at >= 0) args.splice(at, 2);
    }
    const r = await run([...args, ...extra].map((a) => (a === 'x.csv' ? join(tmp, 'x.csv') : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('restudy features: issue 14 (outputs never touch inputs, bounded reads, clear messages, exit 2)', () => {
  const bad = mkdtempSync(join(tmpdir(), 'restudy-cli-features-bad-'));
  it('--out onto the mask (or the DWI) is refused before the fit; the mask keeps its bytes', async () => {
    const mask = join(bad, 'm.nii.gz');
    writeFileSync(mask, readFileSync(`${DIR}/mask_r1.nii.gz`));
    const before = readFileSync(mask);
    const r = await run(['--dwi', `${DIR}/dwi4.nii.gz`, '--bvals', `${DIR}/dwi4.bval`, '--mask', mask, '--out', mask]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output .*m.nii.gz is the input .*m.nii.gz; refusing to overwrite an input/);
    expect(readFileSync(mask).equals(before)).toBe(true);
    const named = join(bad, 'd.nii.gz'); // a mask that --maps-dir would replace by the D map
    writeFileSync(named, before);
    const maps = await run([
      '--dwi',
      `${DIR}/dwi4.nii.gz`,
      '--bvals',
      `${DIR}/dwi4.bval`,
      '--mask',
      named,
      '--out',
      join(bad, 'o.csv'),
      '--maps-dir',
      bad,
    ]);
    expect(maps.code).toBe(2);
    expect(maps.stderr).toMatch(/d.nii.gz; refusing to overwrite an input/);
    expect(readFileSync(named).equals(before)).toBe(true);
  });
  it('an --out in a missing folder is refused at once with a clear message, not a raw ENOENT after the fit', async () => {
    const r = await run([...common, '--out', join(bad, 'no', 'such', 'f.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the folder of .*f.csv does not exist .*; create it first/);
    expect(r.stderr).not.toMatch(/shells of/); // nothing was fitted
  });
  it('--bvals /dev/zero stops at the limit; a mask gzip bomb is refused from its header size, not inflated', async () => {
    const z = await run([
      '--dwi',
      `${DIR}/dwi4.nii.gz`,
      '--bvals',
      '/dev/zero',
      '--mask',
      `${DIR}/mask_r1.nii.gz`,
      '--out',
      join(bad, 'z.csv'),
      '--max-input-mb',
      '1',
    ]);
    expect(z.code).toBe(2);
    expect(z.stderr).toMatch(/\/dev\/zero: the b-value file exceeds the limit of 1 MiB; raise it with --max-input-mb/);
    // a valid 7×6×5 uint8 mask header followed by 16 MiB of zeros: more data than the header declares
    const header = gunzipSync(readFileSync(`${DIR}/mask_r1.nii.gz`)).subarray(0, 352);
    const bomb = join(bad, 'bomb.nii.gz');
    writeFileSync(bomb, gzipSync(Buffer.concat([header, Buffer.alloc(16 * 1024 * 1024)])));
    const before = process.memoryUsage().rss;
    const b = await run([
      '--dwi',
      `${DIR}/dwi4.nii.gz`,
      '--bvals',
      `${DIR}/dwi4.bval`,
      '--mask',
      bomb,
      '--out',
      join(bad, 'b.csv'),
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /bomb.nii.gz must be about 562 bytes once inflated, as its header declares \(7×6×5 uint8\); got "more data than the header declares: a corrupt or hostile gzip file"/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });
  it('vox_offset NaN is named, not reported as a truncated file', async () => {
    const raw = Buffer.from(gunzipSync(readFileSync(`${DIR}/mask_r1.nii.gz`)));
    raw.writeFloatLE(Number.NaN, 108);
    const file = join(bad, 'nan_offset.nii');
    writeFileSync(file, raw);
    const r = await run([
      '--dwi',
      `${DIR}/dwi4.nii.gz`,
      '--bvals',
      `${DIR}/dwi4.bval`,
      '--mask',
      file,
      '--out',
      join(bad, 'n.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nan_offset.nii: vox_offset must be a whole byte offset ≥ 0 .*; got NaN/);
  });
  it('--id "=cmd|…" and "-2+3" are neutralised in features.csv; numbers stay numbers', async () => {
    const out = join(bad, 'inj.csv');
    expect((await run([...common, '--id', "=cmd|' /C calc'!A0", '--out', out])).code).toBe(0);
    expect((await run([...common, '--id', '-2+3+cmd', '--out', out, '--append'])).code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[1].startsWith("'=cmd|' /C calc'!A0,")).toBe(true);
    expect(lines[2].startsWith("'-2+3+cmd,")).toBe(true);
    expect(lines[1].split(',')[1]).toMatch(/^\d+\.\d+$/);
  });
  it('a corrupt --append sidecar is named; the default id comes from the folder for a generic DWI name', async () => {
    const out = join(bad, 'app.csv');
    expect((await run([...common, '--id', 'A', '--out', out])).code).toBe(0);
    writeFileSync(sidecarPath(out), '{"conventions": ');
    const r = await run([...common, '--id', 'B', '--out', out, '--append']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /app.conventions.json must be the JSON sidecar written with the table .*; got "invalid JSON/,
    );
    const p = join(bad, 'P017');
    mkdirSync(p);
    writeFileSync(join(p, 'dwi.nii.gz'), readFileSync(`${DIR}/dwi4.nii.gz`));
    const id = await run([
      '--dwi',
      join(p, 'dwi.nii.gz'),
      '--bvals',
      `${DIR}/dwi4.bval`,
      '--mask',
      `${DIR}/mask_r1.nii.gz`,
      '--out',
      join(bad, 'id.csv'),
    ]);
    expect(id.stderr).toMatch(/patient_id "P017" taken from the DWI path/);
    expect(readFileSync(join(bad, 'id.csv'), 'utf8').split('\n')[1].startsWith('P017,')).toBe(true);
  });
  it('usage errors exit 2 with a short hint, not the whole help; the help names tolerance, b0 threshold and flag codes', async () => {
    const r = await run([...common, '--out', join(bad, 'u.csv'), '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
    expect(r.stderr).not.toMatch(/--quantile-type/);
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      chunks.push(String(s));
      return true;
    });
    try {
      await (await buildProgram())
        .exitOverride()
        .parseAsync(['node', 'restudy', 'features', '--help'])
        .catch(() => undefined);
    } finally {
      spy.mockRestore();
    }
    const help = chunks.join('');
    expect(help).toMatch(/--shell-tolerance <b> .*\(default: "20"\)/s);
    expect(help).toMatch(/--b0-threshold <b> .*\(default: "50"\)/s);
    expect(help).toMatch(/1 {2}nonpositive.*\n.*2 {2}nonmonotone.*\n.*4 {2}failed.*\n.*8 {2}k_clipped/);
  });
});
