/**
 * Rank tests at scale (issue 3): Kruskal–Wallis n = 1e6 in 3 groups and Mann–Whitney 1e5 + 1e5
 * (normal approximation), against R's kruskal.test / wilcox.test on the same kind of data
 * (R draws its own seeded normals; the work does not depend on the values beyond ties).
 */
import { createRng } from '../src/stats/_shared/random.ts';
import { kruskalWallis, mannWhitneyU } from '../src/stats/ranks/index.ts';
import { type BenchRow, timeMs, timeR } from './_harness.ts';

export const title = 'ranks: Kruskal–Wallis and Mann–Whitney';

function normals(seed: number, n: number, shift: number, digits?: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  const f = digits === undefined ? 0 : 10 ** digits;
  for (let i = 0; i < n; i++) {
    const v = rng.normal() + shift;
    out[i] = digits === undefined ? v : Math.round(v * f) / f;
  }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const groups = [normals(11, 400_000, 0), normals(12, 350_000, 0.01), normals(13, 250_000, 0.02)];
  rows.push({
    name: 'kruskalWallis n=1e6, 3 groups, continuous',
    ms: timeMs(() => kruskalWallis(groups).pValue, 3),
    rMs: timeR('set.seed(1); x <- list(rnorm(4e5), rnorm(3.5e5, 0.01), rnorm(2.5e5, 0.02))', 'kruskal.test(x)$p.value'),
    target: 'faster than R',
  });
  const tied = [normals(21, 400_000, 0, 2), normals(22, 350_000, 0.01, 2), normals(23, 250_000, 0.02, 2)];
  rows.push({
    name: 'kruskalWallis n=1e6, 3 groups, ties (2 decimals)',
    ms: timeMs(() => kruskalWallis(tied).pValue, 3),
    rMs: timeR(
      'set.seed(1); x <- list(round(rnorm(4e5), 2), round(rnorm(3.5e5, 0.01), 2), round(rnorm(2.5e5, 0.02), 2))',
      'kruskal.test(x)$p.value',
    ),
    target: 'faster than R',
  });
  const x = normals(31, 100_000, 0);
  const y = normals(32, 100_000, 0.01);
  rows.push({
    name: 'mannWhitneyU 1e5+1e5 asymptotic',
    ms: timeMs(() => mannWhitneyU(x, y, { exact: false }).pValue, 5),
    rMs: timeR('set.seed(1); x <- rnorm(1e5); y <- rnorm(1e5, 0.01)', 'wilcox.test(x, y, exact = FALSE)$p.value'),
    target: 'faster than R',
  });
  const xt = normals(41, 100_000, 0, 2);
  const yt = normals(42, 100_000, 0.01, 2);
  rows.push({
    name: 'mannWhitneyU 1e5+1e5 asymptotic, ties',
    ms: timeMs(() => mannWhitneyU(xt, yt).pValue, 5),
    rMs: timeR('set.seed(1); x <- round(rnorm(1e5), 2); y <- round(rnorm(1e5, 0.01), 2)', 'wilcox.test(x, y)$p.value'),
    target: 'faster than R',
  });
  rows.push({
    name: 'mannWhitneyU 1e5+1e5 with Hodges-Lehmann estimate and 95% CI',
    ms: timeMs(() => mannWhitneyU(x, y, { exact: false, confInt: true }).confInt![0], 3),
    rMs: timeR(
      'set.seed(1); x <- rnorm(1e5); y <- rnorm(1e5, 0.01)',
      'wilcox.test(x, y, exact = FALSE, conf.int = TRUE)$conf.int[1]',
      1,
    ),
    target: 'faster than R',
    note: 'R: uniroot over re-ranking; restudy: k-th pairwise difference by counting',
  });
  const xs = normals(51, 49, 0, 1);
  const ys = normals(52, 49, 0.5, 1);
  rows.push({
    name: 'mannWhitneyU 49+49 exact with ties (shift algorithm)',
    ms: timeMs(() => mannWhitneyU(xs, ys, { exact: true }).pValue, 5),
    rMs: timeR(
      'suppressMessages(library(exactRankTests)); set.seed(1); x <- round(rnorm(49), 1); y <- round(rnorm(49, 0.5), 1)',
      'wilcox.exact(x, y, exact = TRUE)$p.value',
    ),
    target: 'wilcox.exact',
  });
  return rows;
}
