/**
 * Logistic IRLS at n = 1e6, p = 10 predictors (+ intercept) against R's glm(family = binomial).
 * Target (issue 3): no slower than glm; memory well under 1 GiB. Inputs are built outside the timed
 * region from a seeded MT19937 stream; R draws its own data of the same size and model.
 */
import { createRng } from '../src/stats/_shared/random.ts';
import { logisticRegression } from '../src/stats/regression/index.ts';
import { type BenchRow, timeMs, timeR } from './_harness.ts';

export const title = 'logisticRegression (IRLS) vs R glm(binomial)';

function dataset(n: number, k: number, seed: number): { X: number[][]; y: number[] } {
  const rng = createRng(seed);
  const beta = Array.from({ length: k }, (_, j) => 0.3 * Math.cos(j));
  const X: number[][] = new Array(n);
  const y: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(k);
    let eta = -0.5;
    for (let j = 0; j < k; j++) {
      row[j] = j % 3 === 2 ? (rng.uniform() < 0.4 ? 1 : 0) : rng.normal();
      eta += beta[j] * row[j];
    }
    X[i] = row;
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { X, y };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [1e5, 1e6]) {
    const k = 10;
    const { X, y } = dataset(n, k, 20260325);
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let iterations = 0;
    const ms = timeMs(
      () => {
        const fit = logisticRegression(X, y);
        iterations = fit.iterations;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        return fit.deviance;
      },
      n >= 1e6 ? 3 : 5,
    );
    const rMs = timeR(
      `set.seed(1); n <- ${n}; k <- ${k}; beta <- 0.3 * cos(0:(k - 1))
X <- sapply(0:(k - 1), function(j) if (j %% 3 == 2) rbinom(n, 1, 0.4) else rnorm(n))
y <- rbinom(n, 1, plogis(-0.5 + drop(X %*% beta))); d <- data.frame(y = y, X)`,
      'fit <- glm(y ~ ., family = binomial, data = d)',
      3,
    );
    rows.push({
      name: `n = ${n.toExponential(0)}, p = ${k} (+ intercept), ${iterations} IRLS iterations`,
      ms,
      rMs,
      target: 'no slower than glm',
      note: `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (input arrays included; heap before fit ${(before.heapUsed / 2 ** 20).toFixed(0)} MiB)`,
    });
  }
  return rows;
}
