/**
 * `npm run bench -- imaging`: DKI fit throughput (voxels/s, single thread and worker_threads) against DIPY's MSDKI fit
 * timed on this machine, and bias/spread of D and K on Rician-noise phantoms with known D and K.
 *
 * Environment: BENCH_IMAGING_VOXELS (default 200 000), BENCH_DIPY_VOXELS (default 50 000; DIPY loops in Python).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type DkiOptions, FLAG, fitDkiBlock, makeShells } from '../src/imaging/diffusionFit.ts';
import { FitPool, fitVoxels } from '../src/imaging/fitVoxels.ts';
import { createRng } from '../src/stats/_shared/random.ts';
import { type BenchRow, timeMs } from './_harness.ts';

export const title = 'imaging: DKI fit throughput vs DIPY MSDKI; Rician phantom bias and spread';

const B = [0, 800, 1400, 2000];

/** Voxel-major signals from D ~ U(0.6, 2.0)e-3, K ~ U(0.3, 1.5), S0 ~ U(600, 1400), Rician noise at SNR(b=0) = snr. */
function phantom(n: number, seed: number, snr: number, fixed?: { d: number; k: number; s0: number }): Float64Array {
  const rng = createRng(seed);
  const s = new Float64Array(n * B.length);
  for (let i = 0; i < n; i++) {
    const d = fixed?.d ?? 0.6e-3 + 1.4e-3 * rng.uniform();
    const k = fixed?.k ?? 0.3 + 1.2 * rng.uniform();
    const s0 = fixed?.s0 ?? 600 + 800 * rng.uniform();
    const sigma = s0 / snr;
    for (let t = 0; t < B.length; t++) {
      const b = B[t];
      const clean = s0 * Math.exp(-b * d + (b * b * d * d * k) / 6);
      const re = clean + sigma * rng.normal();
      const im = sigma * rng.normal();
      s[i * B.length + t] = Math.sqrt(re * re + im * im);
    }
  }
  return s;
}

function dipyVoxelsPerSecond(n: number): { vps: number; version: string } | undefined {
  const r = spawnSync(
    '/usr/bin/python3',
    [new URL('./dipy_msdki_timing.py', import.meta.url).pathname, String(n), '3'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return undefined;
  const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { voxels_per_second: number; dipy: string };
  return { vps: out.voxels_per_second, version: out.dipy };
}

function summary(values: number[]): { mean: number; sd: number; median: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const sorted = [...values].sort((a, b) => a - b);
  return { mean, sd, median: sorted[Math.floor(n / 2)] };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const n = Number(process.env.BENCH_IMAGING_VOXELS ?? 200_000);
  const signal = phantom(n, 20250731, 40);
  const shells = makeShells(B);
  const out = {
    d: new Float64Array(n),
    k: new Float64Array(n),
    kRaw: new Float64Array(n),
    s0: new Float64Array(n),
    flags: new Uint8Array(n),
  };
  const dipy = dipyVoxelsPerSecond(Number(process.env.BENCH_DIPY_VOXELS ?? 50_000));
  const dipyNote = dipy ? `DIPY ${dipy.version} MSDKI: ${Math.round(dipy.vps)} voxels/s` : 'DIPY not available';
  for (const [label, opts] of [
    ['WLS (DIPY MSDKI weights)', {}],
    ['WLS predicted weights', { weights: 'predicted' }],
    ['NLS (WLS + Levenberg–Marquardt)', { method: 'nls' }],
  ] as [string, DkiOptions][]) {
    const ms = timeMs(() => {
      fitDkiBlock(signal, n, shells, opts, out);
      return out.d[n - 1];
    }, 3);
    const vps = n / (ms / 1000);
    rows.push({
      name: `DKI ${label}, 1 thread, ${n} voxels`,
      ms,
      target: label.startsWith('WLS (DIPY') ? '≥ 4× DIPY MSDKI voxels/s' : undefined,
      note: `${Math.round(vps)} voxels/s; ${dipyNote}${dipy ? `; ratio ${(vps / dipy.vps).toFixed(1)}×` : ''}`,
    });
  }
  const workers = availableParallelism();
  for (const [w, method] of [
    [1, 'wls'],
    [workers, 'wls'],
    [1, 'nls'],
    [workers, 'nls'],
  ] as [number, 'wls' | 'nls'][]) {
    const req = { signal, bvals: B, adcBvalues: [0, 800], dkiBvalues: B, dki: { method } };
    const t0 = performance.now();
    const fit = await fitVoxels(req, { workers: w, blockSize: 16384 });
    const ms = performance.now() - t0;
    if (Number.isNaN(fit.s0[0])) throw new Error('NaN');
    rows.push({
      name: `fitVoxels ADC + DKI ${method.toUpperCase()}, ${w} thread(s), ${n} voxels, cold`,
      ms,
      note: `${Math.round(n / (ms / 1000))} voxels/s including ${w > 1 ? 'worker start-up (tsx transpile) and ' : ''}block copies; ${dipyNote}`,
    });
  }
  // steady state: a started pool (what a batch run over many patients sees)
  const t0 = performance.now();
  const pool = await FitPool.start(workers);
  const startMs = performance.now() - t0;
  try {
    for (const method of ['wls', 'nls'] as const) {
      const req = { signal, bvals: B, adcBvalues: [0, 800], dkiBvalues: B, dki: { method } };
      await pool.fit(req, { blockSize: 16384 }); // warm-up (JIT in each worker)
      const t1 = performance.now();
      const fit = await pool.fit(req, { blockSize: 16384 });
      const ms = performance.now() - t1;
      if (Number.isNaN(fit.s0[0])) throw new Error('NaN');
      rows.push({
        name: `FitPool ADC + DKI ${method.toUpperCase()}, ${workers} workers, ${n} voxels, warm`,
        ms,
        note: `${Math.round(n / (ms / 1000))} voxels/s; pool start-up ${startMs.toFixed(0)} ms not included; machine shared (see load average); ${dipyNote}`,
      });
    }
  } finally {
    await pool.close();
  }
  // Rician phantoms: known D and K, bias and spread by SNR (b = 0)
  for (const truth of [
    { d: 1.0e-3, k: 0.9, s0: 1000 },
    { d: 1.6e-3, k: 0.6, s0: 1000 },
  ]) {
    for (const snr of [10, 20, 40, 80, 160]) {
      const m = 20_000;
      const sig = phantom(m, 1000 + snr, snr, truth);
      for (const method of ['wls', 'nls'] as const) {
        const o = {
          d: new Float64Array(m),
          k: new Float64Array(m),
          kRaw: new Float64Array(m),
          s0: new Float64Array(m),
          flags: new Uint8Array(m),
        };
        const t0 = performance.now();
        fitDkiBlock(sig, m, shells, { method }, o);
        const ms = performance.now() - t0;
        const ok: number[] = [];
        let failed = 0;
        let flagged = 0;
        for (let i = 0; i < m; i++) {
          if (o.flags[i] & FLAG.FIT_FAILURE) failed++;
          else ok.push(i);
          if (o.flags[i] !== 0) flagged++;
        }
        const d = summary(ok.map((i) => o.d[i] * 1000));
        const k = summary(ok.map((i) => o.kRaw[i]));
        rows.push({
          name: `phantom D=${truth.d * 1000} K=${truth.k} SNR ${snr} ${method.toUpperCase()}`,
          ms,
          note: `D bias ${(d.mean - truth.d * 1000).toFixed(4)} sd ${d.sd.toFixed(4)} (10⁻³ mm²/s); K (unclipped) bias ${(k.mean - truth.k).toFixed(3)} median-bias ${(k.median - truth.k).toFixed(3)} sd ${k.sd.toFixed(3)}; flagged ${((100 * flagged) / m).toFixed(1)}%, failed ${((100 * failed) / m).toFixed(2)}%`,
        });
      }
    }
  }
  return rows;
}
