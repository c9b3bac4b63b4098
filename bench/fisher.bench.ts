/**
 * Fisher exact test and chi-squared test against R (`npm run bench -- fisher`).
 * Targets (issue 3): the paper's 4×3 n = 141 table faster than R; a 5×5 n = 155 table ≥ 10× faster than R.
 * The 5×5 R times (minutes) come from the fixture generator unless RESTUDY_BENCH_SLOW_R=1.
 */

import { readFileSync } from 'node:fs';
import { chiSquareTest, fisherExactTest } from '../src/index.ts';
import { type BenchRow, timeMs, timeR } from './_harness.ts';

export const title = 'Fisher exact (network algorithm) and chi-squared vs R';

const massEnhancement = [
  [1, 0, 0],
  [30, 43, 30],
  [14, 12, 8],
  [1, 0, 2],
];
const lesionType = [
  [46, 55, 40],
  [7, 14, 13],
  [7, 22, 28],
];
/**
 * 5 × 5, n = 155: the three tables of test/fixtures/r/contingency/fisherRxCLarge.json (equal margins, weak
 * association), with R's fisher.test(workspace = 2e8) time as measured by its generator on this machine;
 * RESTUDY_BENCH_SLOW_R=1 re-measures R (one run each, minutes).
 */
const large = (
  JSON.parse(readFileSync(new URL('../test/fixtures/r/contingency/fisherRxCLarge.json', import.meta.url), 'utf8')) as {
    cases: { name: string; table: number[][]; p_value: number; r_seconds: number }[];
  }
).cases.filter((c) => c.name.startsWith('5x5 n=155'));
/**
 * A more strongly associated 5 × 5 (n = 155, simulated Fisher p ≈ 0.007): R 4.2.2 fisher.test(t, workspace = 2e8)
 * was still running after 22.7 min of CPU (stopped then), and a stronger one, [[9,6,4,2,1],…,[1,3,5,9,27]],
 * made R stop with "FEXACT error 7, LDSTP too small" after 147 s. Here the default maxWork stops in seconds
 * with exact bounds and a seeded Monte Carlo p, with a warning.
 */
const beyondReach = [
  [8, 6, 5, 3, 3],
  [6, 9, 6, 5, 3],
  [5, 6, 9, 7, 4],
  [3, 5, 7, 9, 8],
  [3, 3, 4, 8, 20],
];
const LOOP = 20; // R's system.time resolution is 1 ms: time loops of LOOP calls and divide

const rMatrix = (t: number[][]): string => `matrix(c(${t.flat().join(',')}), nrow = ${t.length}, byrow = TRUE)`;

const perCall = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / LOOP);

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const p41 = fisherExactTest(massEnhancement).pValue;
  for (let i = 0; i < 200; i++) fisherExactTest(massEnhancement); // JIT warm-up
  rows.push({
    name: 'fisher 4×3 n=141 (paper, mass internal enhancement)',
    ms:
      timeMs(() => {
        let s = 0;
        for (let i = 0; i < LOOP; i++) s += fisherExactTest(massEnhancement).pValue;
        return s;
      }, 10) / LOOP,
    rMs: perCall(timeR(`x <- ${rMatrix(massEnhancement)}`, `for (i in 1:${LOOP}) fisher.test(x)$p.value`, 10)),
    target: 'faster than R',
    note: `p = ${p41.toPrecision(10)}`,
  });
  for (let i = 0; i < 20; i++) fisherExactTest(lesionType); // JIT warm-up (as for the 4×3; R's FEXACT is compiled C)
  rows.push({
    name: 'fisher 3×3 n=232 (paper, lesion type)',
    ms: timeMs(() => fisherExactTest(lesionType).pValue, 5),
    rMs: timeR(`x <- ${rMatrix(lesionType)}`, 'fisher.test(x, workspace = 2e7)$p.value', 5),
    target: 'faster than R',
    note: `p = ${fisherExactTest(lesionType).pValue.toPrecision(10)}`,
  });
  const slowR = process.env.RESTUDY_BENCH_SLOW_R === '1';
  for (const c of large) {
    const exact = fisherExactTest(c.table, { maxWork: 1e10 });
    // (R's FEXACT merges pasts within ±3.45e-7 in log scale, so its p is approximate at ~1e-8 here; see fisherNetwork.test.ts)
    if (!exact.conventions.exact || Math.abs(exact.pValue - c.p_value) > 1e-7 * c.p_value)
      throw new Error(`${c.name}: p ${exact.pValue} differs from R's ${c.p_value}`);
    rows.push({
      name: `fisher ${c.name} (exact, maxWork 1e10)`,
      ms: timeMs(() => fisherExactTest(c.table, { maxWork: 1e10 }).pValue, 1),
      rMs: slowR
        ? timeR(`x <- ${rMatrix(c.table)}`, 'fisher.test(x, workspace = 2e8)$p.value', 1, { warmUp: false })
        : c.r_seconds * 1000,
      target: '≥ 10× faster than R',
      note: `p = ${exact.pValue.toPrecision(10)} (R ${c.p_value.toPrecision(10)})${slowR ? '' : '; R time from the fixture generator on this machine (RESTUDY_BENCH_SLOW_R=1 re-measures)'}`,
    });
  }
  const beyond = fisherExactTest(beyondReach);
  rows.push({
    name: 'fisher 5×5 n=155 stronger association, default maxWork',
    ms: timeMs(() => fisherExactTest(beyondReach).pValue, 1),
    target: 'say so, offer Monte Carlo',
    note: `${beyond.conventions.exact ? 'exact' : 'NOT exact (work limit; exact p in [' + (beyond.pValueBounds as readonly number[]).map((v) => v.toPrecision(3)).join(', ') + '], Monte Carlo'} p = ${beyond.pValue.toPrecision(4)}${beyond.se !== undefined ? ', SE ' + beyond.se.toPrecision(2) : ''}); R did not finish in 22.7 CPU min`,
  });
  rows.push({
    name: 'chi-squared 3×3 (paper, lesion type)',
    ms:
      timeMs(() => {
        let s = 0;
        for (let i = 0; i < LOOP; i++) s += chiSquareTest(lesionType).pValue;
        return s;
      }, 20) / LOOP,
    rMs: perCall(timeR(`x <- ${rMatrix(lesionType)}`, `for (i in 1:${LOOP}) chisq.test(x)$p.value`, 20)),
  });
  return rows;
}
