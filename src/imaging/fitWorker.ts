/**
 * Worker-thread entry of {@link fitVoxels}: fits one block of voxels and posts the maps back (transferring buffers).
 * Loaded with tsx's loader (`--import <tsx loader>`), so the TypeScript source runs without a build step.
 */
import { parentPort } from 'node:worker_threads';
import { fitBlock, type FitRequest } from './fitBlock.ts';

if (!parentPort) throw new Error('fitWorker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (request: FitRequest & { id: number }) => {
  try {
    const result = fitBlock(request);
    port.postMessage({ id: request.id, result }, [
      result.adc.buffer, result.adcFlags.buffer, result.d.buffer, result.k.buffer, result.kRaw.buffer, result.s0.buffer, result.dkiFlags.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message });
  }
});
port.postMessage('ready');
