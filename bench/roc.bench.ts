/**
 * ROC and agreement benchmarks: DeLong paired test n = 1e6 against pROC roc.test (issue target ≥ 5× faster),
 * the naive O(m·n) DeLong kernel as a baseline on a small n, rocCurve n = 1e6, and ICC on 1e4 × 3 against
 * psych::ICC(lmer = FALSE). Inputs come from a seeded generator and are built outside the timed region.
 */

import { execFileSync } from 'node:child_process';
import { createRng } from '../src/stats/_shared/random.ts';
import { icc } from '../src/stats/agreement/icc.ts';
import { delongTest } from '../src/stats/roc/delongTest.ts';
import { rocCurve } from '../src/stats/roc/rocCurve.ts';
import { type BenchRow, hasR, timeMs, timeR } from './_harness.ts';

/**
 * CPU time (user + system) instead of wall time, for both sides: the benchmark machine is shared by
 * several processes, and CPU time is much less sensitive to that than elapsed time.
 */
function cpuMs(fn: () => unknown, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const v = fn();
    const c = process.cpuUsage(c0);
    if (typeof v === 'number' && Number.isNaN(v)) throw new Error('benchmark produced NaN');
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function cpuR(setup: string, body: string, repeats = 3): number | undefined {
  if (!hasR()) return undefined;
  const script = `${setup}\ninvisible({${body}})\nts <- replicate(${repeats}, {st <- system.time({${body}}); st[["user.self"]] + st[["sys.self"]]})\ncat(median(ts) * 1000)\n`;
  const out = execFileSync('Rscript', ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 1 << 26,
  });
  const ms = Number(out.trim().split(/\s+/).pop());
  return Number.isFinite(ms) ? ms : undefined;
}

export const title = 'ROC (DeLong) and agreement (ICC)';

function pairedData(n: number, seed: number): { labels: Float64Array; a: Float64Array; b: Float64Array } {
  const rng = createRng(seed);
  const labels = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    labels[i] = y;
    a[i] = rng.normal() + 0.5 * y;
    b[i] = 0.7 * a[i] + rng.normal() * 0.7 + 0.2 * y;
  }
  return { labels, a, b };
}

/** Textbook O(m·n) DeLong variance of the paired difference: the baseline the sort-based version replaces. */
function naiveDelongZ(labels: Float64Array, a: Float64Array, b: Float64Array): number {
  const ca: number[] = [],
    ka: number[] = [],
    cb: number[] = [],
    kb: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      ca.push(a[i]);
      cb.push(b[i]);
    } else {
      ka.push(a[i]);
      kb.push(b[i]);
    }
  }
  const m = ca.length,
    n = ka.length;
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const vxA = new Float64Array(m),
    vxB = new Float64Array(m),
    vyA = new Float64Array(n),
    vyB = new Float64Array(n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const pa = psi(ca[i], ka[j]),
        pb = psi(cb[i], kb[j]);
      vxA[i] += pa / n;
      vxB[i] += pb / n;
      vyA[j] += pa / m;
      vyB[j] += pb / m;
    }
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const tA = mean(vxA),
    tB = mean(vxB);
  const d = (u: Float64Array, v: Float64Array, len: number) => {
    let s = 0;
    for (let i = 0; i < len; i++) s += (u[i] - tA - (v[i] - tB)) ** 2;
    return s / (len - 1);
  };
  return (tA - tB) / Math.sqrt(d(vxA, vxB, m) / m + d(vyA, vyB, n) / n);
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const n = 1_000_000;
  const { labels, a, b } = pairedData(n, 20251125);
  const setupR =
    'suppressMessages(library(pROC)); set.seed(1); n <- 1e6; y <- rep(0:1, n/2); a <- rnorm(n) + 0.5*y; b <- 0.7*a + 0.7*rnorm(n) + 0.2*y';
  const prebuilt = `${setupR}; r1 <- roc(y, a, direction="<", quiet=TRUE); r2 <- roc(y, b, direction="<", quiet=TRUE)`;
  const run1e6 = () => delongTest(labels, a, b, { direction: '<' }).statistic;
  const ms = timeMs(run1e6, 5);
  const msCpu = cpuMs(run1e6, 7);
  // The 2.1 s is roc.test from raw vectors (it builds both ROC curves, as delongTest does).
  rows.push({
    name: 'delongTest paired n = 1e6 (wall)',
    ms,
    rMs: timeR(setupR, 'roc.test(y, a, b, method="delong", paired=TRUE, direction="<", quiet=TRUE)', 3),
    target: '≥ 5× faster than pROC roc.test (2.1 s)',
    note: 'R: roc.test(response, predictor1, predictor2) from raw vectors',
  });
  rows.push({
    name: 'delongTest paired n = 1e6 (CPU)',
    ms: msCpu,
    rMs: cpuR(setupR, 'roc.test(y, a, b, method="delong", paired=TRUE, direction="<", quiet=TRUE)', 3),
    target: '≥ 5×',
    note: 'user+sys CPU time both sides (shared machine)',
  });
  rows.push({
    name: 'delongTest paired n = 1e6 vs prebuilt roc objects (CPU)',
    ms: msCpu,
    rMs: cpuR(prebuilt, 'roc.test(r1, r2, method="delong", paired=TRUE)', 3),
    note: 'R: roc.test(roc1, roc2) with both curves built beforehand (untimed)',
  });
  const small = pairedData(4000, 7);
  const naive = timeMs(() => naiveDelongZ(small.labels, small.a, small.b), 3);
  const fast = timeMs(() => delongTest(small.labels, small.a, small.b, { direction: '<' }).statistic, 5);
  rows.push({
    name: 'DeLong n = 4000: sort-based vs naive O(m·n)',
    ms: fast,
    note: `naive O(m·n) kernel ${naive.toFixed(1)} ms (${(naive / fast).toFixed(0)}× slower)`,
  });
  const rocMs = cpuMs(() => rocCurve(labels, a, { direction: '<' }).auc, 3);
  const rRoc = cpuR(
    'suppressMessages(library(pROC)); set.seed(1); n <- 1e6; y <- rep(0:1, n/2); a <- rnorm(n) + 0.5*y',
    'roc(y, a, direction="<", quiet=TRUE)',
    3,
  );
  rows.push({
    name: 'rocCurve n = 1e6, all 1e6+1 points (CPU)',
    ms: rocMs,
    rMs: rRoc,
    note: 'dominated by allocating 1e6 point objects',
  });
  const rng = createRng(3);
  const ratings = Array.from({ length: 10000 }, () => {
    const s = rng.normal() * 2;
    return [s + rng.normal(), s + rng.normal() + 0.3, s + rng.normal() - 0.2];
  });
  const iccMs = timeMs(() => icc(ratings, { model: 'twoway-random', type: 'agreement', unit: 'single' }).value, 10);
  // psych::ICC(lmer = FALSE) fits aov() with a 1e4-level subject factor (a dense 3e4 × 1e4 model matrix,
  // > 4 GB): infeasible here. R is timed with psych's default lmer = TRUE (lme4, sparse) at 1e4 × 3, and with
  // lmer = FALSE (the classical ANOVA this function reproduces) at 1e3 × 3.
  const rIcc = timeR(
    'suppressMessages(library(psych)); set.seed(3); s <- rnorm(1e4)*2; x <- cbind(s + rnorm(1e4), s + rnorm(1e4) + 0.3, s + rnorm(1e4) - 0.2)',
    'ICC(x)',
    3,
  );
  rows.push({
    name: 'icc 1e4 × 3 (ICC(A,1))',
    ms: iccMs,
    rMs: rIcc,
    target: 'milliseconds',
    note: 'R: psych::ICC default (lmer = TRUE), all six forms',
  });
  const ratings1e3 = ratings.slice(0, 1000);
  const icc1e3 = timeMs(() => icc(ratings1e3, { model: 'twoway-random', type: 'agreement', unit: 'single' }).value, 10);
  const rIcc1e3 = timeR(
    'suppressMessages(library(psych)); set.seed(3); s <- rnorm(1e3)*2; x <- cbind(s + rnorm(1e3), s + rnorm(1e3) + 0.3, s + rnorm(1e3) - 0.2)',
    'ICC(x, lmer = FALSE)',
    3,
  );
  rows.push({
    name: 'icc 1e3 × 3 (ICC(A,1))',
    ms: icc1e3,
    rMs: rIcc1e3,
    note: 'R: psych::ICC(lmer = FALSE), all six forms',
  });
  return rows;
}
