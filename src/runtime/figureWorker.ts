/**
 * Worker-thread entry: draws figures (vega-lite spec → SVG by src/report/svg.ts), one at a time in the order they
 * were posted, posting each SVG (or the error) back in that order.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from '../report/svg.ts';

const port = parentPort!;
let drawn: Promise<void> = Promise.resolve();
port.on('message', (m: { spec: Record<string, unknown>; id: string }) => {
  drawn = drawn.then(() =>
    renderSvg(m.spec, m.id).then(
      (svg) => port.postMessage({ svg }),
      (error: Error) => port.postMessage({ error: error.message }),
    ),
  );
});
port.postMessage({ ready: true });
