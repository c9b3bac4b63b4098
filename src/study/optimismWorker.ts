/** Worker-thread entry: computes optimism jobs (see ./optimism.ts) sent one at a time, posting each result back. */
import { parentPort } from 'node:worker_threads';
import { type OptimismJob, optimismCorrected } from './optimism.ts';

parentPort!.on('message', (job: OptimismJob) => {
  parentPort!.postMessage({ result: optimismCorrected(job, (done) => parentPort!.postMessage({ progress: done })) });
});
parentPort!.postMessage({ ready: true });
