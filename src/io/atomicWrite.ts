/**
 * Writes that are all-or-nothing: a reader (or a later run) finds the old content or the new, never a
 * mix or a truncated file (issue 14, item 2).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from './errors.ts';

/** Name of the marker file that says "restudy wrote this folder" (and may replace it). */
export const OUTPUT_MARKER = '.restudy-output';

const MARKER_TEXT = 'This folder was written by restudy; the next run with the same --out replaces it whole.\n';

/** A unique sibling name for temporary files and folders: `.<base>.<tag>-<pid>-<random>`. */
function siblingName(target: string, tag: string): string {
  return join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Writes `data` to a new file (fails if it exists) and flushes it to disk. */
function writeNewFile(path: string, data: string | Uint8Array): void {
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
function syncFolder(path: string): void {
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

/** Options of {@link writeReportDirAtomic}. */
export interface ReportDirOptions {
  /** Replace a non-empty folder even though restudy did not write it (`--force`). @default false */
  readonly force?: boolean;
}

/**
 * Writes a whole report folder in one step. Every file goes into a temporary folder beside `outDir`;
 * then the old folder (if any) is renamed aside, the new one renamed into place, and the old one removed.
 * Files of an earlier run that this run does not write therefore do not survive looking current.
 *
 * The swap is two renames (POSIX has no portable directory exchange): a process killed between them
 * leaves `outDir` absent for that instant, with the previous report kept whole beside it as
 * `.<name>.old-*`; the next successful run removes such leftovers. Killed at any other moment, `outDir` holds the
 * old report or the new one, whole.
 *
 * @param outDir - The report folder.
 * @param files - Relative file name (may contain `/` for sub-folders) → content.
 * @throws UsageError (exit 2) when `outDir` is a symlink or a file, when it is a non-empty folder without
 *   the `.restudy-output` marker and `force` is not set, or when a file name escapes the folder.
 */
export function writeReportDirAtomic(
  outDir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
  options: ReportDirOptions = {},
): void {
  assertReportDirWritable(outDir, options);
  const names = Object.keys(files);
  for (const name of names) assertRelativeName(name);
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const temp = siblingName(target, 'new');
  try {
    mkdirSync(temp);
    for (const name of names) {
      const path = join(temp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeNewFile(path, files[name] as string | Uint8Array);
    }
    writeNewFile(join(temp, OUTPUT_MARKER), MARKER_TEXT);
    syncFolder(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  swapIntoPlace(temp, target);
  removeLeftovers(target);
}

/**
 * Throws a {@link UsageError} unless `outDir` may be replaced by a report: absent, an empty folder, or a
 * folder with the restudy marker (or any folder when `force`). Call it before the analysis runs so that
 * a bad `--out` is reported at once, not after minutes of work.
 */
export function assertReportDirWritable(outDir: string, options: ReportDirOptions = {}): void {
  let stats: Stats;
  try {
    stats = lstatSync(outDir);
  } catch {
    return;
  }
  if (stats.isSymbolicLink()) throw new UsageError(`--out ${outDir} is a symbolic link; give a real folder`);
  if (!stats.isDirectory()) {
    throw new UsageError(`--out ${outDir} is a file, not a folder; give a folder for the report`);
  }
  const entries = readdirSync(outDir);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || options.force === true) return;
  throw new UsageError(
    `--out ${outDir} is a non-empty folder that restudy did not write (no ${OUTPUT_MARKER}); ` +
      'it would be replaced whole: choose an empty or new folder, or pass --force',
  );
}

function assertRelativeName(name: string): void {
  const normal = normalize(name);
  const bad =
    name === '' ||
    isAbsolute(name) ||
    normal === '..' ||
    normal.startsWith(`..${sep}`) ||
    normal === '.' ||
    normal === OUTPUT_MARKER;
  if (bad) throw new UsageError(`report file name ${JSON.stringify(name)} must be a relative path inside the folder`);
}

/** Removes `.<name>.new-*` / `.<name>.old-*` siblings left by runs that were killed (not by live ones). */
function removeLeftovers(target: string): void {
  const prefix = `.${basename(target)}.`;
  let siblings: string[];
  try {
    siblings = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const sibling of siblings) {
    const rest = sibling.startsWith(prefix) ? sibling.slice(prefix.length) : '';
    const match = /^(?:new|old)-(\d+)-[0-9a-f]{12}$/.exec(rest);
    if (match !== null && !isOtherLiveProcess(Number(match[1]))) {
      rmSync(join(dirname(target), sibling), { recursive: true, force: true });
    }
  }
}

function isOtherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function swapIntoPlace(temp: string, target: string): void {
  let aside: string | null = null;
  try {
    lstatSync(target);
    aside = siblingName(target, 'old');
    renameSync(target, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    renameSync(temp, target);
  } catch (error) {
    if (aside !== null) renameSync(aside, target);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  syncFolder(dirname(target));
  if (aside !== null) rmSync(aside, { recursive: true, force: true });
}
