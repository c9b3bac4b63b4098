/**
 * Worker-thread entry of {@link FitPool}: fits one block of voxels (`kind: 'fit'`) and posts the maps back
 * (transferring buffers), or runs one whole patient of a batch (`kind: 'patient'`, loaded on first use).
 */
import { parentPort } from 'node:worker_threads';
import { type FitRequest, fitBlock } from './fitBlock.ts';

if (!parentPort) throw new Error('fitWorker.ts must run in a worker thread');
const port = parentPort;
type Message = { id: number; kind: 'fit'; request: FitRequest } | { id: number; kind: 'patient'; task: unknown };

port.on('message', (msg: Message) => {
  if (msg.kind === 'patient') {
    import('./batch/patient.ts')
      .then(({ runPatient }) => runPatient(msg.task as Parameters<typeof runPatient>[0]))
      .then((outcome) => port.postMessage({ id: msg.id, result: outcome }))
      .catch((error: unknown) => port.postMessage({ id: msg.id, error: (error as Error).message }));
    return;
  }
  try {
    const result = fitBlock(msg.request);
    port.postMessage({ id: msg.id, result }, [
      result.adc.buffer,
      result.adcFlags.buffer,
      result.d.buffer,
      result.k.buffer,
      result.kRaw.buffer,
      result.s0.buffer,
      result.dkiFlags.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ id: msg.id, error: (error as Error).message });
  }
});
port.postMessage('ready');
