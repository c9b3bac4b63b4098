import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runsBuiltCode, startWorker, workerEntry } from '../../src/runtime/worker.ts';
import { combineParts, type OptimismJob, type OptimismPart, optimismCorrected } from '../../src/study/optimism.ts';
import { createClaims, partsOf, type WorkerMessage } from '../../src/study/optimismParts.ts';
import { shownFiles } from '../helpers/reportFiles.ts';

const OPTIMISM_WORKER = new URL('../../src/study/optimismWorker.ts', import.meta.url);

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** A small seeded logistic problem: 40 rows, one predictor that separates the classes only partly. */
function smallJob(): OptimismJob {
  const X = Array.from({ length: 40 }, (_, i) => [1, ((i * 7) % 40) / 10]);
  const y = X.map((row, i) => (row[1] + (i % 3) > 2.5 ? 1 : 0));
  return { X, y, apparent: 0.8, seed: 11, nBoot: 600 };
}

describe('startWorker (src/runtime/worker.ts)', () => {
  it('runs the TypeScript sources under vitest (development mode)', () => {
    expect(runsBuiltCode).toBe(false);
    expect(workerEntry(OPTIMISM_WORKER).href).toBe(OPTIMISM_WORKER.href);
  });

  it('starts the optimism worker from its .ts source; it computes every part as the calling thread does', async () => {
    const worker = startWorker(OPTIMISM_WORKER);
    try {
      expect(await nextMessage<{ ready: boolean }>(worker)).toEqual({ ready: true });
      const job = smallJob();
      const claims = createClaims();
      const parts = partsOf(0, job.nBoot);
      const progress: unknown[] = [];
      const done = new Promise<OptimismPart[]>((resolve, reject) => {
        const results: OptimismPart[] = [];
        worker.on('message', (m: WorkerMessage) => {
          if (!('result' in m)) progress.push(m);
          else if (results.push(m.result) === parts.length) resolve(results);
        });
        worker.once('error', reject);
      });
      worker.postMessage({ claims: claims.buffer });
      worker.postMessage({ job, parts });
      expect(combineParts(job, await done)).toEqual(optimismCorrected(job));
      expect(claims[0]).toBe(parts.length); // it took every part, none twice
      expect(progress).toContainEqual({ progress: 100, part: 0 }); // progress every 100 replicates
    } finally {
      await worker.terminate();
    }
  });

  it('in built code maps <name>Worker.ts onto dist/<name>Worker.js beside the asking chunk, from any folder', () => {
    const chunk = 'file:///opt/app/node_modules/restudy/dist/chunk-ABCD1234.js';
    expect(workerEntry(OPTIMISM_WORKER, chunk).href).toBe(
      'file:///opt/app/node_modules/restudy/dist/optimismWorker.js',
    );
    const fitWorker = new URL('../../src/imaging/fitWorker.ts', import.meta.url);
    expect(workerEntry(fitWorker, chunk).href).toBe('file:///opt/app/node_modules/restudy/dist/fitWorker.js');
    expect(workerEntry(fitWorker, 'file:///repo/src/imaging/fitVoxels.ts').href).toBe(fitWorker.href);
  });

  it('refuses an entry that is not a <name>Worker.ts source (the build bundles only those)', () => {
    expect(() => workerEntry(new URL('./optimismWorker.js', OPTIMISM_WORKER))).toThrow(
      /<name>Worker\.ts source file; got .*optimismWorker\.js/,
    );
    expect(() => startWorker(new URL('./optimism.ts', OPTIMISM_WORKER))).toThrow(TypeError);
  });

  it('reports a worker module that fails to load as an error event, not a hang', async () => {
    const worker = startWorker(new URL('./noSuchWorker.ts', OPTIMISM_WORKER));
    const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
    expect(String(error)).toMatch(/noSuchWorker/);
    await worker.terminate();
  });
});

describe('the built workers of `restudy run` (dist/, built by the global setup)', () => {
  const root = new URL('../../', import.meta.url);

  it('dist/figureWorker.js draws a figure as this thread does, byte for byte', async () => {
    const { Worker } = await import('node:worker_threads');
    const { renderSvg } = await import('../../src/report/svg.ts');
    const spec = {
      data: { values: [1, 2, 2, 3, 5, 8].map((v, i) => ({ g: i % 2 ? 'a' : 'b', v })) },
      mark: 'bar',
      encoding: { x: { field: 'g', type: 'nominal' }, y: { aggregate: 'sum', field: 'v', type: 'quantitative' } },
    };
    const worker = new Worker(new URL('dist/figureWorker.js', root));
    try {
      const answer = new Promise<{ svg?: string; error?: string }>((resolve, reject) => {
        worker.on('message', (m: { ready?: boolean; svg?: string; error?: string }) => {
          if (!m.ready) resolve(m);
        });
        worker.once('error', reject);
      });
      worker.postMessage({ spec, id: 'test-figure' }); // posted before the worker is ready: queued, not lost
      expect(await answer).toEqual({ svg: await renderSvg(spec, 'test-figure') });
    } finally {
      await worker.terminate();
    }
  });

  it('restudy run gives the same report files with its default worker threads as with --threads 0', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const outs = ['default', 'none'].map((k) => join(mkdtempSync(join(tmpdir(), `restudy-threads-${k}-`)), 'r'));
    const args = ['bin/restudy.js', 'run', 'analyses/shen2025', '--replicates', '60', '--out'];
    execFileSync(process.execPath, [...args, outs[0]], { cwd: root, stdio: 'ignore' });
    execFileSync(process.execPath, [...args, outs[1], '--threads', '0'], { cwd: root, stdio: 'ignore' });
    const files = shownFiles(outs[0]);
    expect(files).toContain('index.html');
    expect(shownFiles(outs[1])).toEqual(files);
    for (const f of files) expect(readFileSync(join(outs[0], f)), f).toEqual(readFileSync(join(outs[1], f)));
  }, 180_000);
});
