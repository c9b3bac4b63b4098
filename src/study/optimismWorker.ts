/**
 * Worker-thread entry: computes parts of optimism jobs (see ./optimism.ts) for an {@link OptimismPool} in
 * ./parallel.ts. The pool posts a shared claim counter, then each job with its parts as it is submitted; this thread
 * claims the next unclaimed part through the counter (so does the pool's thread, once it has nothing else to do),
 * computes it and posts it back.
 */
import { parentPort } from 'node:worker_threads';
import { OptimismBootstrap, type OptimismJob, type OptimismPart } from './optimism.ts';
import { claimPart, type PartRange, type PoolMessage } from './optimismParts.ts';

const port = parentPort!;
let claims: Int32Array | undefined;
const jobs: OptimismJob[] = [];
const bootstraps: OptimismBootstrap[] = [];
const parts: PartRange[] = [];

port.on('message', (m: PoolMessage) => {
  if ('claims' in m) claims = new Int32Array(m.claims);
  else {
    jobs.push(m.job);
    parts.push(...m.parts);
  }
  if (claims === undefined) return;
  for (let k = claimPart(claims, parts.length); k >= 0; k = claimPart(claims, parts.length)) {
    const { job, from, to } = parts[k];
    bootstraps[job] ??= new OptimismBootstrap(jobs[job]);
    const part: OptimismPart = bootstraps[job].part(from, to, (done) => port.postMessage({ progress: done, part: k }));
    port.postMessage({ part: k, result: part });
  }
});
port.postMessage({ ready: true });
