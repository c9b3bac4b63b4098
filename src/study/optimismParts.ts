/**
 * How optimism jobs are shared between threads (./parallel.ts and ./optimismWorker.ts): each job is cut into parts
 * of consecutive replicates, numbered across jobs in submission order, and a thread takes the next part by
 * incrementing one shared counter, so that a part is computed once, by whichever thread is free first.
 */
import type { OptimismJob, OptimismPart } from './optimism.ts';

/** Replicates per part: small enough that the last part, where threads wait for each other, is short. */
export const PART_REPLICATES = 250;

/** Replicates `from` to `to` − 1 of the job numbered `job` (in submission order). */
export interface PartRange {
  job: number;
  from: number;
  to: number;
}

/** Pool → worker: the shared claim counter (first message), then each job with its parts. */
export type PoolMessage = { claims: SharedArrayBuffer } | { job: OptimismJob; parts: PartRange[] };

/** Worker → pool. */
export type WorkerMessage =
  | { ready: true }
  | { progress: number; part: number }
  | { part: number; result: OptimismPart };

/** The parts of job number `job` with `nBoot` replicates, in replicate order. */
export function partsOf(job: number, nBoot: number): PartRange[] {
  const parts: PartRange[] = [];
  for (let from = 0; from < nBoot; from += PART_REPLICATES) {
    parts.push({ job, from, to: Math.min(from + PART_REPLICATES, nBoot) });
  }
  return parts;
}

/** A claim counter, shared with worker threads. */
export function createClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Takes the next part not yet taken by any thread, among the first `known`; −1 when there is none. */
export function claimPart(claims: Int32Array, known: number): number {
  for (;;) {
    const next = Atomics.load(claims, 0);
    if (next >= known) return -1;
    if (Atomics.compareExchange(claims, 0, next, next + 1) === next) return next;
  }
}

/** No part is taken any more (a cancelled pool): every thread stops after the part it is computing. */
export function closeClaims(claims: Int32Array): void {
  Atomics.store(claims, 0, 0x7fffffff);
}
