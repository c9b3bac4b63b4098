/**
 * Fisher exact test and chi-squared test against R (`npm run bench -- fisher`).
 * Targets (issue 3): the paper's 4×3 n = 141 table faster than R; a 5×5 n = 155 table ≥ 10× faster than R.
 * The 5×5 R time (minutes) is measured once (repeats = 1) and only when RESTUDY_BENCH_SLOW_R=1; otherwise
 * the last measured value is reported from the note below.
 */
import { chiSquareTest, fisherExactTest } from '../src/index.ts';
import { timeMs, timeR, type BenchRow } from './_harness.ts';

export const title = 'Fisher exact (network algorithm) and chi-squared vs R';

const massEnhancement = [[1, 0, 0], [30, 43, 30], [14, 12, 8], [1, 0, 2]];
const lesionType = [[46, 55, 40], [7, 14, 13], [7, 22, 28]];
// representative moderately associated 5×5 table, n = 155 (ordinal trend along the diagonal;
// chisq.test p = 0.0040, simulated Fisher p ≈ 0.007)
const fiveByFive = [[8, 6, 5, 3, 3], [6, 9, 6, 5, 3], [5, 6, 9, 7, 4], [3, 5, 7, 9, 8], [3, 3, 4, 8, 20]];
/**
 * R 4.2.2 on this machine (2 cores shared by ~8 jobs), fisher.test(t, workspace = 2e8), measured once on
 * 2026-11-25: still running after 22.7 min of CPU (stopped then, unfinished), so no
 * ratio can be given. restudy at maxWork 3e8 stopped after 182 s CPU (675 MB) with most of the p mass
 * unresolved; after removing per-node closures (d9220de) the same run took 131 s CPU (740 MB; 2.0e8 pasts
 * pushed, resolved mass 4.5e-5 of p ≈ 0.007): neither finishes this table quickly; the default returns the
 * seeded Monte Carlo p with a warning.
 * A stronger table, [[9,6,4,2,1],…,[1,3,5,9,27]], made R stop with "FEXACT error 7, LDSTP too small"
 * after 147 s of CPU.
 */
const FIVE_BY_FIVE_R_MS_MEASURED: number | undefined = undefined;
const LOOP = 20; // R's system.time resolution is 1 ms: time loops of LOOP calls and divide

const rMatrix = (t: number[][]): string => `matrix(c(${t.flat().join(',')}), nrow = ${t.length}, byrow = TRUE)`;

const perCall = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / LOOP);

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const p41 = fisherExactTest(massEnhancement).pValue;
  for (let i = 0; i < 200; i++) fisherExactTest(massEnhancement); // JIT warm-up
  rows.push({
    name: 'fisher 4×3 n=141 (paper, mass internal enhancement)',
    ms: timeMs(() => { let s = 0; for (let i = 0; i < LOOP; i++) s += fisherExactTest(massEnhancement).pValue; return s; }, 10) / LOOP,
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
  const maxWork = Number(process.env.RESTUDY_BENCH_MAXWORK ?? 1e7);
  const p55 = fisherExactTest(fiveByFive, { maxWork });
  rows.push({
    name: `fisher 5×5 n=155 (moderate association), maxWork ${maxWork}`,
    ms: timeMs(() => fisherExactTest(fiveByFive, { maxWork }).pValue, 1),
    rMs: slowR ? timeR(`x <- ${rMatrix(fiveByFive)}`, 'fisher.test(x, workspace = 2e8)$p.value', 1) : FIVE_BY_FIVE_R_MS_MEASURED,
    target: '≥ 10× faster than R',
    note: `${p55.conventions.exact ? 'exact' : 'NOT exact (work limit hit; Monte Carlo)'} p = ${p55.pValue.toPrecision(6)}${slowR ? '' : ' (R time: value measured once, set RESTUDY_BENCH_SLOW_R=1 to re-measure)'}`,
  });
  rows.push({
    name: 'chi-squared 3×3 (paper, lesion type)',
    ms: timeMs(() => { let s = 0; for (let i = 0; i < LOOP; i++) s += chiSquareTest(lesionType).pValue; return s; }, 20) / LOOP,
    rMs: perCall(timeR(`x <- ${rMatrix(lesionType)}`, `for (i in 1:${LOOP}) chisq.test(x)$p.value`, 20)),
  });
  return rows;
}
