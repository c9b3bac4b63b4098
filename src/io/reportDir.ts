/**
 * A report folder replaced in one step (issue 14, item 2): a reader, or a run killed at any moment, finds
 * the previous report or the new one, whole; files of an earlier report do not survive the next.
 *
 * POSIX has no portable exchange of two folders, so the folder itself is never swapped once it exists.
 * Where the file system has symbolic links, the folder keeps one real copy of the report and shows it
 * through relative links:
 *
 * ```
 * out/.restudy-output                  marker: restudy wrote this folder and may replace it
 * out/.restudy-v-<pid>-<hex>/…         the files of one report
 * out/.restudy-current  → .restudy-v-<pid>-<hex>
 * out/<name>            → .restudy-current/<name>    one per top-level file or folder of the report
 * ```
 *
 * A new report is written beside the old one as another `.restudy-v-*` folder, and `.restudy-current`
 * is replaced by one rename(2) of a new link over it: every visible file turns from old to new at once.
 * The folder stays a real folder, so `cp -r`, `tar` and `zip` copy it with its links and the one copy
 * they point to. Where links cannot be made (Windows without the right to, some network or FAT file
 * systems), the report is written as plain files into a hidden sibling that replaces the folder by two
 * renames; a kill between them leaves the old report whole beside it as `.<name>.old-*`.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, type Stats, symlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { siblingName, syncFolder, writeNewFile } from './atomicWrite.ts';
import { UsageError } from './errors.ts';

/** Name of the marker file that says "restudy wrote this folder" (and may replace it). */
export const OUTPUT_MARKER = '.restudy-output';

/** Names restudy keeps for itself inside a report folder; no report file may start with it. */
const INTERNAL_PREFIX = '.restudy-';
const CURRENT_LINK = '.restudy-current';
const MARKER_TEXT = 'This folder was written by restudy; the next run with the same --out replaces it whole.\n';

/** Options of {@link writeReportDirAtomic}. */
export interface ReportDirOptions {
  /** Replace a non-empty folder even though restudy did not write it (`--force`). @default false */
  readonly force?: boolean;
}

/**
 * Writes a whole report folder in one step (see the module comment for how).
 *
 * The first write into an absent or empty folder is one rename. The first write over a folder that
 * holds plain files (a report of restudy 0.3 or older, or any folder with `force`) swaps it by two
 * renames: killed between them, `outDir` is absent for that instant and the previous content is kept
 * whole beside it as `.<name>.old-*`. Every later write replaces the report by one rename. Leftovers of
 * killed runs are removed by the next successful write.
 *
 * @param outDir - The report folder.
 * @param files - Relative file name (may contain `/` for sub-folders) → content.
 * @throws UsageError (exit 2) when `outDir` is a symlink or a file, when it is a non-empty folder without
 *   the `.restudy-output` marker and `force` is not set, or when a file name escapes the folder or
 *   starts with `.restudy-`.
 */
export function writeReportDirAtomic(
  outDir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
  options: ReportDirOptions = {},
): void {
  assertReportDirWritable(outDir, options);
  for (const name of Object.keys(files)) assertRelativeName(name);
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  if (isLinkedReport(target)) replaceThroughLink(target, files);
  else replaceFolder(target, files);
  removeSiblingLeftovers(target);
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
    normal.startsWith(INTERNAL_PREFIX);
  if (bad) {
    throw new UsageError(
      `report file name ${JSON.stringify(name)} must be a relative path inside the folder, ` +
        `not starting with ${INTERNAL_PREFIX}`,
    );
  }
}

/** `.restudy-<tag>-<pid>-<random>`: the name of a report copy or a link being made. */
function internalName(tag: 'v' | 'tmp'): string {
  return `${INTERNAL_PREFIX}${tag}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

const INTERNAL_NAME = /^\.restudy-(?:v|tmp)-(\d+)-[0-9a-f]{12}$/;

function isLinkedReport(target: string): boolean {
  try {
    return lstatSync(target).isDirectory() && lstatSync(join(target, CURRENT_LINK)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The first path segment of each file: the names shown at the top of the folder. */
function topLevelNames(files: Readonly<Record<string, string | Uint8Array>>): Set<string> {
  return new Set(Object.keys(files).map((name) => normalize(name).split(sep)[0] as string));
}

/** Writes every file into the folder `dir`, making the sub-folders their names need. */
function writeFiles(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [name, data] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeNewFile(path, data);
  }
}

/** Writes every file into `dir` (created; it must not exist) and flushes it. */
function writeFilesInto(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  mkdirSync(dir);
  writeFiles(dir, files);
  syncFolder(dir);
}

/** Points `dir/name` at `linkTarget` by one rename of a new link over whatever is there. */
function placeLink(dir: string, name: string, linkTarget: string): void {
  const path = join(dir, name);
  if (readLink(path) === linkTarget) return;
  const temp = join(dir, internalName('tmp'));
  symlinkSync(linkTarget, temp);
  try {
    renameSync(temp, path);
  } catch (error) {
    // a real folder under a report's name (put there by hand) cannot be renamed over: it goes first
    if (!blockedByFolder(error)) {
      rmSync(temp, { force: true });
      throw error;
    }
    rmSync(path, { recursive: true, force: true });
    renameSync(temp, path);
  }
}

/** A rename refused because a folder (non-empty, or any on some systems) is at the destination. */
function blockedByFolder(error: unknown): boolean {
  return ['EISDIR', 'ENOTEMPTY', 'EEXIST', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');
}

function readLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/** A later write into a linked report: the new copy beside the old, then one rename flips every name. */
function replaceThroughLink(target: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  const version = internalName('v');
  try {
    writeFilesInto(join(target, version), files);
  } catch (error) {
    rmSync(join(target, version), { recursive: true, force: true });
    throw error;
  }
  const shown = topLevelNames(files);
  // names only the new report has point into the current copy, where they do not exist yet, until the flip
  for (const name of shown) placeLink(target, name, join(CURRENT_LINK, name));
  placeLink(target, CURRENT_LINK, version);
  syncFolder(target);
  removeStale(target, shown);
}

/** Removes what the current report does not show: old copies, names it lacks, links of killed runs. */
function removeStale(target: string, shown: ReadonlySet<string>): void {
  const current = readLink(join(target, CURRENT_LINK));
  for (const entry of readdirSync(target)) {
    if (entry === OUTPUT_MARKER || entry === CURRENT_LINK || entry === current || shown.has(entry)) continue;
    const internal = INTERNAL_NAME.exec(entry);
    if (internal !== null && isOtherLiveProcess(Number(internal[1]))) continue;
    rmSync(join(target, entry), { recursive: true, force: true });
  }
}

/**
 * The first write (or one where links cannot be made): the whole folder is built as a hidden sibling,
 * linked where links work, and renamed into place.
 */
function replaceFolder(target: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  const temp = siblingName(target, 'new');
  try {
    mkdirSync(temp);
    writeNewFile(join(temp, OUTPUT_MARKER), MARKER_TEXT);
    const version = internalName('v');
    if (tryLink(version, join(temp, CURRENT_LINK))) {
      writeFilesInto(join(temp, version), files);
      for (const name of topLevelNames(files)) symlinkSync(join(CURRENT_LINK, name), join(temp, name));
    } else {
      writeFiles(temp, files);
    }
    syncFolder(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  swapIntoPlace(temp, target);
}

/** Makes a symbolic link, or says the file system will not (the caller then writes plain files). */
function tryLink(linkTarget: string, path: string): boolean {
  try {
    symlinkSync(linkTarget, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (['EPERM', 'EACCES', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP', 'EINVAL'].includes(code)) return false;
    throw error;
  }
}

/** One rename when `target` is absent or an empty folder; else two, with the old folder kept aside. */
function swapIntoPlace(temp: string, target: string): void {
  try {
    renameSync(temp, target);
    syncFolder(dirname(target));
    return;
  } catch (error) {
    if (!blockedByFolder(error)) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
  }
  const aside = siblingName(target, 'old');
  try {
    renameSync(target, aside);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  try {
    renameSync(temp, target);
  } catch (error) {
    renameSync(aside, target);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  syncFolder(dirname(target));
  rmSync(aside, { recursive: true, force: true });
}

/** Removes `.<name>.new-*` / `.<name>.old-*` siblings left by runs that were killed (not by live ones). */
function removeSiblingLeftovers(target: string): void {
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
