/**
 * Bounded reads: no input, however large or endless (`/dev/zero`, a gzip bomb), makes restudy read or
 * inflate more than a stated limit (issue 14, item 4). Exceeding it is an {@link InputLimitError}
 * naming the file, the limit and the flag that raises it.
 */

import { constants as bufferConstants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { InputFormatError, InputLimitError } from './errors.ts';

/** Default limit of bytes read from one input file (1 GiB). */
export const DEFAULT_MAX_INPUT_BYTES = 1024 ** 3;
/** Default limit of bytes inflated from one gzip stream (4 GiB would not fit a Node Buffer; 2 GiB does). */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 ** 3 - 1;
/** Flag that raises the bytes-read limit. */
export const MAX_INPUT_FLAG = '--max-input-mb';
/** Flag that raises the bytes-inflated limit. */
export const MAX_INFLATED_FLAG = '--max-inflated-mb';

/** Options of the limited readers. */
export interface ReadLimit {
  /** Most bytes accepted; one more is an error. */
  readonly maxBytes: number;
  /** What the bytes are, for the message ("the cohort CSV", "the mask"). */
  readonly what: string;
  /** The flag that raises the limit, named in the message. @default MAX_INPUT_FLAG / MAX_INFLATED_FLAG */
  readonly flag?: string;
  /** The file name to show (defaults to the path; for a stream, "input"). */
  readonly file?: string;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a whole file, but never more than `maxBytes`: a regular file larger than the limit is refused
 * from its size before any byte is read; a device or pipe (`/dev/zero`) is read in 1 MiB chunks and
 * refused as soon as it passes the limit.
 *
 * @throws InputLimitError (exit 2) when the file holds more than `maxBytes`.
 * @throws the file-system error (ENOENT, EISDIR, EACCES) unchanged when the file cannot be read.
 */
export function readFileLimited(path: string, limit: ReadLimit): Buffer {
  const file = limit.file ?? path;
  const tooLarge = (): InputLimitError =>
    new InputLimitError(file, limit.what, limit.maxBytes, 'bytes', limit.flag ?? MAX_INPUT_FLAG);
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    }
    if (stats.isFile() && stats.size > limit.maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit.maxBytes - total + 1));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > limit.maxBytes) throw tooLarge();
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Inflates gzip data without letting it grow past `maxBytes` (a 14 MB file that inflates to 3 GiB is
 * refused after `maxBytes`, not after filling memory). Concatenated gzip members are inflated in turn,
 * as gunzip(1) does.
 *
 * Given bytes, returns the inflated bytes; given a stream, returns a promise of them.
 *
 * @throws InputLimitError (exit 2) when the inflated data would exceed `maxBytes`.
 * @throws InputFormatError (exit 2) when the data is not a valid gzip stream (the zlib reason is kept).
 */
export function gunzipLimited(input: Uint8Array, limit: ReadLimit): Buffer;
export function gunzipLimited(input: Readable, limit: ReadLimit): Promise<Buffer>;
export function gunzipLimited(input: Uint8Array | Readable, limit: ReadLimit): Buffer | Promise<Buffer> {
  const file = limit.file ?? 'input';
  const tooLarge = (): InputLimitError =>
    new InputLimitError(file, `${limit.what} (inflated)`, limit.maxBytes, 'bytes', limit.flag ?? MAX_INFLATED_FLAG);
  const corrupt = (error: Error): InputFormatError =>
    new InputFormatError(`${file}: ${limit.what} is not a valid gzip stream (${error.message})`);
  if (input instanceof Uint8Array) {
    try {
      // one byte past the limit tells "exactly at the limit" from "over it"; Buffers cannot exceed MAX_LENGTH
      const maxOutputLength = Math.min(bufferConstants.MAX_LENGTH, Math.max(1, limit.maxBytes + 1));
      const inflated = gunzipSync(input, { maxOutputLength });
      if (inflated.length > limit.maxBytes) throw tooLarge();
      return inflated;
    } catch (error) {
      if (error instanceof InputLimitError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw corrupt(error as Error);
    }
  }
  return new Promise<Buffer>((resolvePromise, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      input.unpipe(gunzip);
      gunzip.destroy();
      input.destroy();
      reject(error);
    };
    input.on('error', (error) => fail(error));
    gunzip.on('error', (error) => fail(corrupt(error)));
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit.maxBytes) fail(tooLarge());
      else chunks.push(chunk);
    });
    gunzip.on('end', () => {
      if (settled) return;
      settled = true;
      resolvePromise(Buffer.concat(chunks, total));
    });
    input.pipe(gunzip);
  });
}
