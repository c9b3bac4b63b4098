/**
 * Writes that are all-or-nothing: a reader (or a later run) finds the old content or the new, never a
 * mix or a truncated file (issue 14, item 2).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A unique sibling name for temporary files and folders: `.<base>.<tag>-<pid>-<random>`. */
export function siblingName(target: string, tag: string): string {
  return join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Writes `data` to a new file (fails if it exists) and flushes it to disk. */
export function writeNewFile(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync of a folder, so that a rename inside it survives a power cut (best effort: not every OS allows it). */
export function syncFolder(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there
  }
}

/**
 * Replaces `path` with `data` atomically: the bytes go to a temporary file in the same folder, which is
 * then renamed over `path` (one rename(2): readers see the old file or the new, whole). A symlink at
 * `path` is replaced by a regular file, never followed.
 *
 * @param path - File to write (its folder must exist).
 * @param data - Text (written as UTF-8) or bytes.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = siblingName(path, 'tmp');
  try {
    writeNewFile(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(resolve(path)));
}
