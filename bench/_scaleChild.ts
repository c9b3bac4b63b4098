/**
 * Child process of bench/scale.bench.ts: one `restudy run` of the Shen analyses on a given cohort, split into
 * its phases, printing one JSON line {phase: ms, …, maxRssMiB, exit} on stdout. A fresh process per size, so
 * the peak RSS is that run's own.
 * Usage: node --import tsx bench/_scaleChild.ts <cohort.csv> <out-dir>
 */
import { performance } from 'node:perf_hooks';
import { writeReport } from '../src/report/write.ts';
import { loadInputs } from '../src/study/load.ts';
import { runAnalyses } from '../src/study/run.ts';

const [data, out] = process.argv.slice(2);
if (data === undefined || out === undefined) throw new Error('usage: _scaleChild.ts <cohort.csv> <out-dir>');
const phases: Record<string, number | string> = {};
const peakMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const report = (exit: string): void => {
  phases.maxRssMiB = peakMiB();
  phases.exit = exit;
  process.stdout.write(`${JSON.stringify(phases)}\n`);
};
try {
  let t = performance.now();
  const inputs = await loadInputs('analyses/shen2025', { data });
  phases.loadMs = Math.round(performance.now() - t);
  phases.peakAfterLoadMiB = peakMiB();
  t = performance.now();
  const result = await runAnalyses(inputs);
  phases.analysesMs = Math.round(performance.now() - t);
  phases.peakAfterAnalysesMiB = peakMiB();
  t = performance.now();
  await writeReport(result, out);
  phases.reportMs = Math.round(performance.now() - t);
  report('ok');
} catch (error) {
  report(`error: ${(error as Error).message.split('\n')[0]}`);
}
