/**
 * Harrell's optimism bootstrap (src/study/optimism.ts) against its definition computed the slow way through the
 * public API: each bootstrap sample materialised as rows, refitted by logisticRegression, both AUCs by rocCurve.
 * The fast path (distinct rows with counts, frequency-weighted IRLS, weighted Mann–Whitney counts) follows the
 * same IRLS iterates in exact arithmetic and its AUCs are the same ratios of integers, so the results are equal,
 * not merely close: the test asks for identical numbers of refits used and failed and the same optimism to 1e-12
 * (only the order of floating-point sums inside a refit differs, far below what moves an AUC).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/_shared/random.ts';
import { logisticRegression, predict, rocCurve } from '../../src/stats/index.ts';
import {
  combineParts,
  OptimismBootstrap,
  type OptimismJob,
  type OptimismPart,
  optimismCorrected,
} from '../../src/study/optimism.ts';
import { PART_REPLICATES, partsOf } from '../../src/study/optimismParts.ts';
import { OptimismPool, runOptimismJobs } from '../../src/study/parallel.ts';

/** The definition, sample by sample: what optimism.ts computed before it worked on distinct rows. */
function slowOptimism(job: OptimismJob): { optimism: number; failed: number; used: number } {
  const { X, y, nBoot } = job;
  const rng = createRng(job.seed);
  const n = y.length;
  let sum = 0;
  let used = 0;
  let failed = 0;
  for (let b = 0; b < nBoot; b++) {
    const idx = Array.from({ length: n }, () => rng.integer(n));
    const yb = idx.map((i) => y[i]);
    if (!(yb.includes(1) && yb.includes(0))) continue;
    const Xb = idx.map((i) => X[i]);
    try {
      const fit = logisticRegression(Xb, yb, { ci: 'wald' });
      if (!fit.converged) failed += 1;
      const inSample = rocCurve(yb, predict(fit, Xb), { direction: '<' }).auc;
      const original = rocCurve(y, predict(fit, X), { direction: '<' }).auc;
      sum += inSample - original;
      used += 1;
    } catch {
      failed += 1;
    }
  }
  return { optimism: used ? sum / used : 0, failed, used };
}

/** n rows: `continuous` normal covariates and `binary` 0/1 covariates (each 1 with probability `rare`). */
function cohort(seed: number, n: number, continuous: number, binary: number, rare = 0.5, effect = 1): OptimismJob {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < continuous; j++) row.push(Math.round(1000 * (10 + 3 * rng.normal())) / 1000);
    for (let j = 0; j < binary; j++) row.push(rng.uniform() < rare ? 1 : 0);
    const eta = (effect * ((row[0] ?? 10) - 10)) / 3 + (binary ? effect * (row[continuous] - 0.5) : 0);
    X.push(row);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { X, y, apparent: 0.8, seed: seed + 1, nBoot: 200 };
}

function expectSameAsDefinition(job: OptimismJob): ReturnType<typeof optimismCorrected> {
  const fast = optimismCorrected(job);
  const slow = slowOptimism(job);
  expect(fast.used).toBe(slow.used);
  expect(fast.failed).toBe(slow.failed);
  expect(Math.abs(fast.optimism - slow.optimism)).toBeLessThanOrEqual(1e-12);
  expect(fast.corrected).toBe(job.apparent - fast.optimism);
  return fast;
}

describe("optimism bootstrap: equals the definition's sample-by-sample refits", () => {
  it('a Shen-sized model (77 rows, 3 continuous and 1 binary covariate)', () => {
    const r = expectSameAsDefinition(cohort(11, 77, 3, 1));
    expect(r.used).toBe(200);
    expect(r.optimism).toBeGreaterThan(0);
  });

  it('ten covariates on 77 rows (non-converged refits counted, kept)', () => {
    expectSameAsDefinition(cohort(12, 77, 6, 4, 0.3, 2));
  });

  it('a rare binary covariate: samples where it is constant fail and are skipped, as the refit would throw', () => {
    const job = cohort(13, 40, 1, 1, 0.06);
    const r = expectSameAsDefinition(job);
    expect(r.failed).toBeGreaterThan(0);
    expect(r.used).toBeLessThan(200);
  });

  it('separation in many samples (strong effect, few rows)', () => {
    const r = expectSameAsDefinition(cohort(14, 16, 1, 1, 0.5, 6));
    expect(r.failed).toBeGreaterThan(0);
  });

  it('a resampled cohort full of duplicated rows (collapsed to distinct rows inside)', () => {
    const base = cohort(15, 30, 2, 1);
    const rng = createRng(99);
    const pick = Array.from({ length: 300 }, () => rng.integer(30));
    expectSameAsDefinition({ ...base, X: pick.map((i) => base.X[i]), y: pick.map((i) => base.y[i]), nBoot: 40 });
  });

  it('more than 512 distinct rows (the radix-sort path)', () => {
    expectSameAsDefinition({ ...cohort(16, 700, 2, 1), nBoot: 12 });
  });

  it('is deterministic for a seed and changes with it', () => {
    const job = cohort(17, 60, 2, 1);
    expect(optimismCorrected(job)).toEqual(optimismCorrected(job));
    expect(optimismCorrected({ ...job, seed: job.seed + 1 }).optimism).not.toBe(optimismCorrected(job).optimism);
  });

  it('reports progress every 100 replicates', () => {
    const seen: number[] = [];
    optimismCorrected({ ...cohort(18, 30, 1, 0), nBoot: 250 }, (d) => seen.push(d));
    expect(seen).toEqual([100, 200]);
  });
});

describe('OptimismPool: jobs submitted one by one, results in submission order', () => {
  const jobs = [cohort(21, 40, 1, 1), cohort(22, 50, 2, 0), cohort(23, 30, 1, 1)].map((j) => ({ ...j, nBoot: 120 }));

  it('without worker threads computes each job in this thread when the results are asked for, in order', async () => {
    const progress: [number, number][] = [];
    const pool = new OptimismPool({ threads: 0, onProgress: (d, t) => progress.push([d, t]) });
    for (const j of jobs) pool.submit(j);
    expect(pool.size).toBe(3);
    expect(progress).toEqual([]); // nothing computed before all()
    expect(await pool.all()).toEqual(jobs.map((j) => optimismCorrected(j)));
    // every 100 replicates of a part, and at the end of each part (one part per job here: 120 < 250)
    expect(progress).toEqual([
      [100, 360],
      [120, 360],
      [220, 360],
      [240, 360],
      [340, 360],
      [360, 360],
    ]);
    expect(() => pool.submit(jobs[0])).toThrow(/submit after all/);
  });

  it('runOptimismJobs gives the same results as the jobs one by one', async () => {
    expect(await runOptimismJobs(jobs)).toEqual(jobs.map((j) => optimismCorrected(j)));
    expect(await runOptimismJobs([])).toEqual([]);
  });

  it('a cancelled pool drops its queue and refuses new jobs', () => {
    const pool = new OptimismPool({ threads: 0 });
    pool.submit(jobs[0]);
    pool.cancel();
    expect(() => pool.submit(jobs[1])).toThrow(/submit after all/);
  });
});

describe('optimism in parts: the same bits however the replicates are split and in whatever order computed', () => {
  const job = { ...cohort(31, 77, 3, 1), nBoot: 1100 };
  const whole = optimismCorrected(job);

  it('parts of the pool size, each in a fresh bootstrap (a thread that skips ahead in the stream)', () => {
    const parts = partsOf(0, job.nBoot).map(({ from, to }) => new OptimismBootstrap(job).part(from, to));
    expect(parts.map((p) => p.to - p.from)).toEqual([250, 250, 250, 250, 100]);
    expect(PART_REPLICATES).toBe(250);
    expect(combineParts(job, parts)).toEqual(whole);
  });

  it('uneven parts taken out of order by two threads, one of them going back to an earlier part', () => {
    const a = new OptimismBootstrap(job);
    const b = new OptimismBootstrap(job);
    const parts: OptimismPart[] = [a.part(700, 1100), b.part(0, 3), b.part(3, 400), a.part(400, 700)];
    expect(combineParts(job, parts)).toEqual(whole);
    expect(combineParts(job, [a.part(0, 1100)])).toEqual(whole); // back to the start: the stream restarts
  });

  it('sums the per-replicate optimisms in replicate order (what a split into partial sums would not give)', () => {
    const parts = partsOf(0, job.nBoot).map(({ from, to }) => new OptimismBootstrap(job).part(from, to));
    let sum = 0;
    let used = 0;
    for (const p of parts) {
      p.used.forEach((u, i) => {
        if (u) {
          sum += p.optimism[i];
          used += 1;
        }
      });
    }
    expect(whole.optimism).toBe(sum / used);
    expect(whole.used).toBe(used);
  });

  it('refuses parts that miss or repeat replicates', () => {
    const bootstrap = new OptimismBootstrap(job);
    const first = bootstrap.part(0, 500);
    const rest = bootstrap.part(500, 1100);
    expect(() => combineParts(job, [first])).toThrow(/500 of 1100 replicates/);
    expect(() => combineParts(job, [first, first, rest])).toThrow(/replicate 500 missing or computed twice/);
    expect(() => combineParts(job, [rest])).toThrow(/replicate 0 missing/);
  });
});

describe('OptimismPool with worker threads: the same results as this thread alone', () => {
  const jobs = [cohort(41, 77, 3, 1), cohort(42, 77, 6, 4, 0.3, 2), cohort(43, 40, 1, 1, 0.06)].map((j) => ({
    ...j,
    nBoot: 600,
  }));

  it('one and two workers sharing the parts with this thread (tsx workers: slow to start, so a long timeout)', async () => {
    const expected = jobs.map((j) => optimismCorrected(j));
    for (const threads of [1, 2]) {
      const progress: number[] = [];
      const pool = new OptimismPool({ threads, onProgress: (d, t) => progress.push(t - d) });
      pool.start();
      for (const j of jobs) pool.submit(j);
      // let the workers take parts first (their progress reaches this thread while it waits), then share the rest
      for (let waited = 0; progress.length === 0 && waited < 60_000; waited += 20) await sleep(20);
      expect(progress.length).toBeGreaterThan(0);
      expect(await pool.all()).toEqual(expected);
      expect(progress.at(-1)).toBe(0); // every replicate counted once
    }
  }, 120_000);

  it('a cancelled pool with workers refuses new jobs and lets the process exit', () => {
    const pool = new OptimismPool({ threads: 1 });
    pool.submit(jobs[0]);
    pool.cancel();
    expect(() => pool.submit(jobs[1])).toThrow(/submit after all/);
  });
});
