/**
 * Issue 15 acceptance: a manifest of 50 synthetic patients (two readers each) → the cohort table → `restudy run` on
 * the Shen analyses; a batch killed half-way resumes with the rest only and writes the same bytes; shards merge
 * into the unsharded table; failures are recorded and the rest goes on; changed inputs are recomputed.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { readManifest } from '../../src/imaging/batch/manifest.ts';
import { mergeShards } from '../../src/imaging/batch/merge.ts';
import { batchPaths, runBatch } from '../../src/imaging/batch/runBatch.ts';
import { featureColumns } from '../../src/imaging/extractFeatures.ts';
import { FitPool } from '../../src/imaging/fitVoxels.ts';
import { runFeaturesCli } from './featuresCli.ts';
import { writePhantom } from './phantom.ts';

const root = mkdtempSync(join(tmpdir(), 'restudy-batch-'));
const cohortDir = join(root, 'cohort');
const N = 50;
const JITTERED = [0, 5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000];
const cohort = Papa.parse<Record<string, string>>(readFileSync('data/shen2025/cohort.synthetic.csv', 'utf8'), {
  header: true,
  skipEmptyLines: true,
});
const patients = cohort.data.slice(0, N);

/** A fixed voxel texture in [0, 1): the same for every run. */
const texture = (i: number): number => ((i * 2654435761) % 2 ** 32) / 2 ** 32;

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

const cli = runFeaturesCli;

beforeAll(() => {
  const lines = ['patient_id,dwi,bvals,voi_r1,voi_r2'];
  patients.forEach((p, n) => {
    const d = Number(p.d_mean) * 1e-3;
    const k = Number(p.k_mean);
    writePhantom(join(cohortDir, p.patient_id), {
      dims: [9, 8, 3],
      bvals: JITTERED,
      snr: 120,
      seed: 1000 + n,
      truth: (i) => ({ d: d * (0.85 + 0.3 * texture(i)), k: k * (0.85 + 0.3 * texture(i + 7)), s0: 1000 }),
      vois: [
        [1, 1, 0, 7, 6, 2],
        [2, 1, 0, 8, 7, 2],
      ],
    });
    const f = (name: string): string => `${p.patient_id}/${name}`;
    lines.push([p.patient_id, f('dwi.nii.gz'), f('dwi.bval'), f('voi_r1.nii.gz'), f('voi_r2.nii.gz')].join(','));
  });
  writeFileSync(join(cohortDir, 'patients.csv'), lines.join('\n') + '\n');
}, 60_000);

const manifestFile = (): string => join(cohortDir, 'patients.csv');
const outputs = (out: string): string[] => Object.values(batchPaths(out)).slice(0, 3).map(readText);

/**
 * The uninterrupted single-process run every other test compares with: made by whichever test asks first (each
 * test can run alone, in any order), once per file.
 */
let referenceRun: Promise<{ stderr: string; outputs: string[] }> | undefined;
function uninterrupted(): Promise<{ stderr: string; outputs: string[] }> {
  referenceRun ??= (async () => {
    const ok = await cli(['--manifest', manifestFile(), '--out', join(root, 'features.csv'), '--workers', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    return { stderr: ok.stderr, outputs: outputs(join(root, 'features.csv')) };
  })();
  return referenceRun;
}

describe('restudy features --manifest: 50 patients, two readers', () => {
  it('one process → one row per patient with the codebook columns, in manifest order; every part recorded', async () => {
    const out = join(root, 'full', 'features.csv');
    const r = await cli(['--manifest', manifestFile(), '--out', out, '--workers', '1']);
    expect(r.stderr).toMatch(/folder of .*features.csv does not exist/);
    expect(r.code).toBe(2);
    const { stderr, outputs: reference } = await uninterrupted();
    expect(stderr).toMatch(/50 patient\(s\): 50 fitted, 0 already done \(inputs and options unchanged\), 0 failed/);
    expect(stderr).toMatch(/wrote .*features.csv, .*features.status.csv, .*features.conventions.json/);
    const table = Papa.parse<Record<string, string>>(reference[0], { header: true, skipEmptyLines: true });
    expect(table.meta.fields).toEqual(['patient_id', ...featureColumns(2)]);
    expect(table.data.map((r) => r.patient_id)).toEqual(patients.map((p) => p.patient_id));
    for (const row of table.data) {
      for (const [col, v] of Object.entries(row)) expect(v, `${row.patient_id} ${col}`).not.toBe('NA');
    }
    // the fit recovers each patient's D and K (texture mean 1 ± a few %, SNR 120)
    table.data.forEach((row, n) => {
      expect(Math.abs(Number(row.d_mean) / Number(patients[n].d_mean) - 1), row.patient_id).toBeLessThan(0.05);
      expect(Math.abs(Number(row.k_mean) / Number(patients[n].k_mean) - 1), row.patient_id).toBeLessThan(0.1);
    });
    const side = JSON.parse(reference[2]);
    expect(side.conventions.flagCodes).toMatchObject({
      1: expect.stringMatching(/^nonpositive/),
      8: expect.stringMatching(/^k_clipped/),
    });
    expect(side.conventions.shells).toMatchObject({ tolerance: 20, b0Threshold: 50, units: 'auto' });
    expect(side.patients[0]).toMatchObject({
      row: 1,
      patient_id: patients[0].patient_id,
      dwi: `${patients[0].patient_id}/dwi.nii.gz`,
    });
    expect(side.patients[0].shells.shells.map((s: { b: number }) => s.b)).toEqual([
      0, 799.6666666666666, 1399.6666666666667, 2000.3333333333333,
    ]);
    expect(readdirSync(batchPaths(join(root, 'features.csv')).parts)).toHaveLength(N);
  }, 120_000);

  it('the cohort table feeds `restudy run` on the Shen analyses (merged by patient_id with the other columns)', async () => {
    const reference = (await uninterrupted()).outputs;
    const table = Papa.parse<Record<string, string>>(reference[0], { header: true, skipEmptyLines: true });
    const byId = new Map(table.data.map((r) => [r.patient_id, r]));
    const merged = patients.map((p) => ({ ...p, ...byId.get(p.patient_id) }));
    const columns = [...new Set([...(cohort.meta.fields ?? []), ...(table.meta.fields ?? [])])];
    const data = join(root, 'cohort50.csv');
    writeFileSync(data, Papa.unparse(merged, { columns }) + '\n');
    const out = join(root, 'report');
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCommand(
      'analyses/shen2025',
      { data, out, replicates: '20' },
      { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) },
    );
    expect(code, stderr.join('')).toBe(0);
    expect(stderr.join('')).not.toMatch(/voi_/);
    const results = JSON.parse(readText(join(out, 'results.json')));
    expect(JSON.stringify(results)).toMatch(/d_mean/);
    // the voi_* counts reach the report's QC section: all 50 patients counted for each reader
    const qc = results.tables.find((t: { id: string }) => t.id === 'imageQc');
    const patientsRow = qc.rows.find((r: { key: string }) => r.key === 'patients');
    expect([patientsRow.cells.r1.parts[0].value, patientsRow.cells.r2.parts[0].value]).toEqual([N, N]);
  }, 180_000);

  it('killed half-way, the rerun completes the rest only and writes the bytes of an uninterrupted run', async () => {
    const reference = (await uninterrupted()).outputs;
    const out = join(root, 'killed', 'features.csv');
    rmSync(join(root, 'killed'), { recursive: true, force: true });
    mkdirSync(join(root, 'killed'));
    const parts = batchPaths(out).parts;
    const child = spawn(
      process.execPath,
      ['bin/restudy.js', 'features', '--manifest', manifestFile(), '--out', out, '--workers', '1'],
      { stdio: 'ignore' },
    );
    const killedAt = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const n = existsSync(parts) ? readdirSync(parts).filter((f) => f.endsWith('.json')).length : 0;
        if (n >= 10) {
          child.kill('SIGKILL');
          clearInterval(timer);
          resolve(n);
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the batch finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    expect(killedAt).toBeLessThan(N);
    expect(existsSync(out)).toBe(false);
    const done = readdirSync(parts).filter((f) => f.endsWith('.json')).length;
    const rerun = await cli(['--manifest', manifestFile(), '--out', out, '--workers', '1']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`50 patient\\(s\\): ${N - done} fitted, ${done} already done`));
    expect(outputs(out)).toEqual(reference);
  }, 120_000);

  it('a pool started once serves every patient; shards 1/3–3/3 merge into the same bytes', async () => {
    const reference = (await uninterrupted()).outputs;
    const manifest = readManifest(manifestFile());
    const pool = await FitPool.start(2);
    try {
      const out = join(root, 'pooled.csv');
      const s = await runBatch({ manifest, out, options: {}, pool });
      expect(s).toMatchObject({ total: N, fitted: N, skipped: 0, failed: [] });
      expect(outputs(out)).toEqual(reference);
    } finally {
      await pool.close();
    }
    const shardFiles: string[] = [];
    for (const index of [3, 1, 2]) {
      const out = join(root, `shard${index}.csv`);
      const s = await runBatch({ manifest, out, options: {}, shard: { index, count: 3 } });
      expect(s.total).toBe(index === 3 ? 16 : 17);
      shardFiles.push(out);
    }
    const merged = join(root, 'merged.csv');
    const m = await cli(['merge', ...shardFiles, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toMatch(/wrote .*merged.csv, .*merged.status.csv, .*merged.conventions.json/);
    // table, status file and sidecar: the bytes of the unsharded run
    expect(outputs(merged)).toEqual(reference);
    const missing = await cli(['merge', shardFiles[0], shardFiles[1], '--out', join(root, 'm2.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/all 3 shards of the batch; got "no shard 2\/3"/);
    const twice = await cli(['merge', shardFiles[0], shardFiles[0], shardFiles[1], '--out', join(root, 'm3.csv')]);
    expect(twice.stderr).toMatch(/a shard not already given/);
    const onto = await cli(['merge', ...shardFiles, '--out', shardFiles[0]]);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toMatch(/refusing to overwrite an input/);
    expect(() => mergeShards([shardFiles[0], join(root, 'features.csv')], join(root, 'm4.csv'))).toThrow(
      /a shard of 3/,
    );
    // a shard made with other options, or by another tool version: exit 2 naming both sidecars and what differs
    const odd = join(root, 'shard2_q6.csv');
    await runBatch({ manifest, out: odd, options: { quantileType: 6 }, shard: { index: 2, count: 3 } });
    const options = await cli(['merge', shardFiles[0], odd, shardFiles[2], '--out', join(root, 'm5.csv')]);
    expect(options.code).toBe(2);
    expect(options.stderr).toMatch(
      /shard2_q6.conventions.json must be the conventions of .*shard3.conventions.json .*got "a different conventions: quantileType 6 vs 7"/,
    );
    const side = batchPaths(odd).sidecar;
    const doc = JSON.parse(readText(side));
    await runBatch({ manifest, out: odd, options: {}, shard: { index: 2, count: 3 } });
    writeFileSync(side, JSON.stringify({ ...JSON.parse(readText(side)), tool: 'restudy features 0.0.1' }));
    expect(doc.tool).not.toBe('restudy features 0.0.1');
    const version = await cli(['merge', shardFiles[0], odd, shardFiles[2], '--out', join(root, 'm6.csv')]);
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(
      new RegExp(
        `shard2_q6.conventions.json must be the tool version of .*shard3.conventions.json .*got "a different tool version: restudy features 0.0.1 vs ${doc.tool}"`,
      ),
    );
    // a shard whose status file is gone: refused, naming it
    rmSync(batchPaths(shardFiles[1]).status);
    const noStatus = await cli(['merge', ...shardFiles, '--out', join(root, 'm7.csv')]);
    expect(noStatus.code).toBe(2);
    expect(noStatus.stderr).toMatch(/shard1.status.csv must be a readable status table/);
    expect(existsSync(join(root, 'm7.csv'))).toBe(false);
  }, 180_000);
});

describe('failures, changed inputs, bad manifests', () => {
  const small = join(root, 'small');
  const write = (name: string, text: string): string => {
    writeFileSync(join(small, name), text);
    return join(small, name);
  };
  beforeAll(() => {
    for (const p of patients.slice(0, 3))
      cpSync(join(cohortDir, p.patient_id), join(small, p.patient_id), { recursive: true });
  });
  const ids = (): string[] => patients.slice(0, 3).map((p) => p.patient_id);
  const row = (id: string, bval = `${id}/dwi.bval`): string =>
    `${id},${id}/dwi.nii.gz,${bval},${id}/voi_r1.nii.gz,${id}/voi_r2.nii.gz`;

  it('a patient that fails is recorded with its reason, the rest go on (exit 1); fixed, only it is refitted', async () => {
    const [a, b, c] = ids();
    write('broken.bval', '0 800 1400\n');
    const manifest = write(
      'm.csv',
      ['patient_id,dwi,bvals,voi_r1,voi_r2', row(a), row(b, 'broken.bval'), row(c)].join('\n'),
    );
    const out = join(small, 'f.csv');
    const r = await cli(['--manifest', manifest, '--out', out, '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`failed ${b} \\(manifest row 2\\): .*broken.bval must be 12 b-values, one per volume`),
    );
    const status = Papa.parse<Record<string, string>>(readText(batchPaths(out).status), { header: true }).data;
    expect(status.map((s) => s.status).slice(0, 3)).toEqual(['ok', 'failed', 'ok']);
    expect(Papa.parse(readText(out), { header: true, skipEmptyLines: true }).data).toHaveLength(2);
    write('broken.bval', JITTERED.join(' '));
    const again = await cli(['--manifest', manifest, '--out', out, '--workers', '1']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/3 patient\(s\): 1 fitted, 2 already done/);
    // a touched file with the same bytes is still done; other bytes are refitted
    const bval = join(small, a, 'dwi.bval');
    utimesSync(bval, new Date(), new Date(Date.now() + 5000));
    expect((await cli(['--manifest', manifest, '--out', out, '--workers', '1'])).stderr).toMatch(
      /0 fitted, 3 already done/,
    );
    writeFileSync(bval, JITTERED.map((v) => (v === 800 ? 799 : v)).join(' ') + '\n');
    expect((await cli(['--manifest', manifest, '--out', out, '--workers', '1'])).stderr).toMatch(
      /1 fitted, 2 already done/,
    );
    // an option that changes the conventions recomputes everyone
    expect(
      (await cli(['--manifest', manifest, '--out', out, '--workers', '1', '--quantile-type', '6'])).stderr,
    ).toMatch(/3 fitted, 0 already done/);
    rmSync(join(small, 'broken.bval'));
  });

  it('how the patients run is said, never silent: auto below 4 patients, and an explicit pool', async () => {
    const manifest = write('w.csv', ['patient_id,dwi,bvals,voi_r1,voi_r2', ...ids().map((id) => row(id))].join('\n'));
    const auto = await cli(['--manifest', manifest, '--out', join(small, 'w_auto.csv')]);
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stderr).toMatch(/3 patient\(s\) run in this thread: --workers auto starts a pool from 4 patients/);
    const pooled = await cli(['--manifest', manifest, '--out', join(small, 'w_pool.csv'), '--workers', '2']);
    expect(pooled.code, pooled.stderr).toBe(0);
    expect(pooled.stderr).toMatch(/3 patients run on a pool of 2 worker threads, started once/);
    expect(readText(join(small, 'w_pool.csv'))).toBe(readText(join(small, 'w_auto.csv')));
  });

  it('text cells are neutralised against spreadsheet formulas (issue 14: --id "=cmd|…")', async () => {
    const [a] = ids();
    const manifest = write(
      'inj.csv',
      ['patient_id,dwi,bvals,voi_r1,voi_r2', row(a).replace(`${a},`, `"=cmd|' /C calc'!A0",`)].join('\n'),
    );
    const out = join(small, 'inj_out.csv');
    expect((await cli(['--manifest', manifest, '--out', out, '--workers', '1'])).code).toBe(0);
    const line = readText(out).split('\n')[1];
    expect(line.startsWith(`'=cmd|' /C calc'!A0,`)).toBe(true);
    expect(line).toMatch(/,-?\d/); // numbers stay numbers
  });

  it.each([
    ['patient_id,dwi,bvals\nA,a,b\n', /column voi_r1/],
    [
      'patient_id,dwi,bvals,voi_r1,reader3\n',
      /column 5 must be one of patient_id, dwi, bvals, voi_r1, voi_r2 \(or an alias\); got "reader3"/,
    ],
    ['id,dwi,bvals,mask\nA,a,b,c\nA,a,b,c\n', /row 2, column id must be a patient_id not already on row 1; got "A"/],
    ['id,dwi,bvals,mask\nA,a,,c\n', /row 1 \(line 2\), column bvals must be a value; got "an empty cell"/],
    ['id,dwi,bvals,mask\n', /at least one patient row/],
  ])('bad manifest exits 2 naming row and column: %j', async (text, message) => {
    const r = await cli(['--manifest', write('bad.csv', text), '--out', join(small, 'bad_out.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('usage errors exit 2 before any work: output onto an input, --shard, single-patient flags, /dev/zero', async () => {
    const [a] = ids();
    const manifest = write('u.csv', ['patient_id,dwi,bvals,voi_r1,voi_r2', row(a)].join('\n'));
    const onto = await cli(['--manifest', manifest, '--out', manifest]);
    expect([onto.code, onto.stderr]).toEqual([
      2,
      expect.stringMatching(/is the input .*u.csv; refusing to overwrite an input/),
    ]);
    const shard = await cli(['--manifest', manifest, '--out', join(small, 'x.csv'), '--shard', '3/2']);
    expect([shard.code, shard.stderr]).toEqual([2, expect.stringMatching(/--shard must be "i\/n" with 1 ≤ i ≤ n/)]);
    const mixed = await cli(['--manifest', manifest, '--out', join(small, 'x.csv'), '--mask', 'm.nii.gz']);
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringMatching(/--mask cannot be used with --manifest/)]);
    const zero = await cli(['--manifest', '/dev/zero', '--out', join(small, 'x.csv'), '--max-input-mb', '1']);
    expect([zero.code, zero.stderr]).toEqual([
      2,
      expect.stringMatching(/\/dev\/zero: the manifest exceeds the limit of 1 MiB; raise it with --max-input-mb/),
    ]);
    expect(existsSync(join(small, 'x.csv'))).toBe(false);
  });
});
