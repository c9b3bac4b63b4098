/**
 * `npm run bench -- imaging-batch`: a cohort batch of synthetic patients (two readers' VOIs of ~15 000 voxels each,
 * 12 volumes with scanner-style b-values), patients per second in one process and with a worker pool started once
 * and reused across patients, beside DIPY's MSDKI fit time for one patient's voxels (fit only, no I/O).
 *
 * Environment: BENCH_BATCH_PATIENTS (default 50), BENCH_BATCH_WORKERS (default: available cores).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readManifest } from '../src/imaging/batch/manifest.ts';
import { runBatch } from '../src/imaging/batch/runBatch.ts';
import { FitPool } from '../src/imaging/fitVoxels.ts';
import { writePhantom } from '../test/imaging/phantom.ts';
import type { BenchRow } from './_harness.ts';

export const title = 'imaging batch: patients per second, one process vs a reused worker pool; DIPY per-patient fit';

const BVALS = [0, 5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000];

function dipyPatientSeconds(voxels: number): { seconds: number; version: string } | undefined {
  const script = new URL('./dipy_patient_timing.py', import.meta.url).pathname;
  const r = spawnSync('/usr/bin/python3', [script, String(voxels), '3'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const out = JSON.parse(r.stdout) as { seconds: number; dipy: string };
  return { seconds: out.seconds, version: out.dipy };
}

export async function run(): Promise<BenchRow[]> {
  const patients = Number(process.env.BENCH_BATCH_PATIENTS ?? 50);
  const workers = Number(process.env.BENCH_BATCH_WORKERS ?? availableParallelism());
  const dir = mkdtempSync(join(tmpdir(), 'restudy-bench-batch-'));
  try {
    const lines = ['patient_id,dwi,bvals,voi_r1,voi_r2'];
    for (let p = 0; p < patients; p++) {
      const id = `P${String(p + 1).padStart(3, '0')}`;
      // 40 × 40 × 18 grid; each VOI a 32 × 32 × 15 box (15 360 voxels), the two offset by one voxel
      writePhantom(join(dir, id), {
        dims: [40, 40, 18],
        bvals: BVALS,
        snr: 120,
        seed: p + 1,
        truth: (i) => ({ d: 1.0e-3 * (0.8 + (0.4 * ((i * 7919) % 101)) / 101), k: 0.9, s0: 1000 }),
        vois: [
          [2, 2, 1, 33, 33, 15],
          [3, 3, 2, 34, 34, 16],
        ],
      });
      lines.push(`${id},${id}/dwi.nii.gz,${id}/dwi.bval,${id}/voi_r1.nii.gz,${id}/voi_r2.nii.gz`);
    }
    writeFileSync(join(dir, 'patients.csv'), lines.join('\n') + '\n');
    const manifest = readManifest(join(dir, 'patients.csv'));
    const union = 32 * 32 * 15 + 32 * 32 * 15 - 31 * 31 * 14;
    const rows: BenchRow[] = [];
    const dipy = dipyPatientSeconds(union);
    const dipyNote = dipy
      ? `DIPY ${dipy.version} MSDKI fit of one patient's ${union} voxels: ${(dipy.seconds * 1000).toFixed(0)} ms`
      : 'DIPY not available';

    let t0 = performance.now();
    await runBatch({ manifest, out: join(dir, 'single.csv'), options: {} });
    const single = performance.now() - t0;
    rows.push({
      name: `${patients} patients × 2 VOIs of 15 360 voxels, one process`,
      ms: single,
      note: `${(patients / (single / 1000)).toFixed(2)} patients/s, ${(single / patients).toFixed(0)} ms/patient (read, hash, fit, features); ${dipyNote}`,
    });

    t0 = performance.now();
    const pool = await FitPool.start(workers);
    const start = performance.now() - t0;
    try {
      t0 = performance.now();
      await runBatch({ manifest, out: join(dir, 'pooled.csv'), options: {}, pool });
      const pooled = performance.now() - t0;
      rows.push({
        name: `${patients} patients, pool of ${workers} workers started once`,
        ms: pooled + start,
        note: `${(patients / ((pooled + start) / 1000)).toFixed(2)} patients/s including the pool start (${start.toFixed(0)} ms); ${(patients / (pooled / 1000)).toFixed(2)} patients/s warm; ${dipyNote}`,
      });
      t0 = performance.now();
      await runBatch({ manifest, out: join(dir, 'pooled.csv'), options: {}, pool });
      rows.push({
        name: `${patients} patients, rerun with every patient done (resume check only)`,
        ms: performance.now() - t0,
        note: 'hash check: size and mtime unchanged, no file re-read',
      });
    } finally {
      await pool.close();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
