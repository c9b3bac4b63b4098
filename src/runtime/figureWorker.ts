/** Worker-thread entry: draws figures sent one at a time (vega-lite spec → SVG by src/report/svg.ts), posting each. */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from '../report/svg.ts';

parentPort!.on('message', (m: { spec: Record<string, unknown>; id: string }) => {
  renderSvg(m.spec, m.id).then(
    (svg) => parentPort!.postMessage({ svg }),
    (error: Error) => parentPort!.postMessage({ error: error.message }),
  );
});
parentPort!.postMessage({ ready: true });
