/** The few functions of vega-statistics (no bundled types) that the violin figure computes ahead of vega. */
declare module 'vega-statistics' {
  /** Gaussian kernel density of `support`; bandwidth 0 → vega's normal-reference estimate (Scott). */
  export function randomKDE(
    support: readonly number[],
    bandwidth?: number,
  ): { pdf(x: number): number; cdf(x: number): number };
  /** Points [x, f(x)] sampling `f` over `extent` (uniform when minsteps = maxsteps). */
  export function sampleCurve(
    f: (x: number) => number,
    extent: readonly [number, number],
    minsteps?: number,
    maxsteps?: number,
  ): [number, number][];
  /** [q1, median, q3] by d3's quantileSorted (R type 7), as vega's aggregate ops q1 / median / q3. */
  export function quartiles(values: readonly number[]): [number, number, number];
}
