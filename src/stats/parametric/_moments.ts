/** Mean and sum of squared deviations by two passes (the second corrects the mean), as R's `mean`/`var`. */
export function meanAndSsd(x: Float64Array): { mean: number; ssd: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  let mean = sum / n;
  // R's mean() refines with a second pass: mean + Σ(x − mean)/n
  let correction = 0;
  for (let i = 0; i < n; i++) correction += x[i] - mean;
  mean += correction / n;
  let ssd = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ssd += d * d;
  }
  return { mean, ssd };
}
