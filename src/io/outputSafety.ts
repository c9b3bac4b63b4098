/**
 * Checks, before any work starts, that no output path can destroy an input (issue 14, item 1).
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.ts';

/** Paths a command reads and writes, as the user gave them (relative to the working directory). */
export interface OutputSafetyPaths {
  /** Every file or folder the command reads; a folder protects everything inside it. */
  readonly inputs: readonly string[];
  /** Every file or folder the command writes (a report folder is replaced as a whole). */
  readonly outputs: readonly string[];
}

/**
 * Refuses outputs that would overwrite or replace an input.
 *
 * An output is refused when, after resolving symlinks (the realpath of its deepest existing ancestor
 * plus the rest of the path):
 * - it is the same path as an input;
 * - it lies inside an input folder (give a folder as an input to protect its contents);
 * - an input lies inside it (a report folder is replaced whole, so its contents would be lost);
 * - it is itself a symlink (writing through it would land wherever it points).
 *
 * @throws UsageError (exit 2) naming the output and the input it collides with.
 */
export function assertOutputsSafe(paths: OutputSafetyPaths): void {
  const inputs = paths.inputs.map((given) => ({ given, real: realPathOf(given) }));
  for (const output of paths.outputs) {
    if (isSymlink(output)) {
      throw new UsageError(`output ${output} is a symbolic link; refusing to write through it (give a real path)`);
    }
    const real = realPathOf(output);
    for (const input of inputs) {
      if (real === input.real) {
        throw new UsageError(`output ${output} is the input ${input.given}; refusing to overwrite an input`);
      }
      if (isInside(real, input.real)) {
        throw new UsageError(`output ${output} is inside the input folder ${input.given}; write it elsewhere`);
      }
      if (isInside(input.real, real)) {
        throw new UsageError(`output ${output} contains the input ${input.given}; writing it would replace that input`);
      }
    }
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Absolute path with every existing component's symlinks resolved; the not-yet-existing tail is kept. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const tail: string[] = [];
  let head = absolute;
  for (;;) {
    try {
      return tail.length === 0 ? realpathSync(head) : join(realpathSync(head), ...tail.reverse());
    } catch {
      const parent = dirname(head);
      if (parent === head) return absolute;
      tail.push(basename(head));
      head = parent;
    }
  }
}

/** True when `path` is strictly inside `folder` (and `folder` is a directory). */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
  try {
    return statSync(folder).isDirectory();
  } catch {
    // a folder that does not exist yet (an output to be created) still contains the paths below it
    return true;
  }
}
