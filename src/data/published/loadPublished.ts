import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputLimitError } from '../../io/errors.ts';
import { readFileLimited } from '../../io/limitedRead.ts';
import { inputLimits } from '../csvRecords.ts';
import { type ParsedPart, PrintedParseError, parsePart } from './parsePrinted.ts';
import { publishedFileSchema } from './schema.ts';
import type { PublishedFile, PublishedNumber } from './types.ts';

/** One problem found in a published-numbers folder. */
export interface PublishedIssue {
  readonly file: string;
  /** the entry's id, or `numbers[i]` when it has none, or '' for file-level problems */
  readonly entry: string;
  /** JSON path inside the file, e.g. `numbers[3].interval` */
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
  readonly message: string;
}

/** Every problem of a published-numbers folder, found in one pass. */
export class PublishedDataError extends Error {
  override readonly name = 'PublishedDataError';
  constructor(readonly issues: readonly PublishedIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in published numbers:\n` +
        issues
          .slice(0, 50)
          .map((i) => `  ${i.file} ${i.path}${i.entry ? ` (${i.entry})` : ''}: ${i.message}`)
          .join('\n') +
        (issues.length > 50 ? `\n  … and ${issues.length - 50} more` : ''),
    );
  }
}

const INTERVAL_TOLERANCE = 1e-12;

function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= INTERVAL_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Checks the rules JSON Schema cannot state: the id is `<table>/<row>/<column>`, and `value`,
 * `interval`, `bound` and `denominator` are what `printed` says for this `kind`.
 */
export function checkEntrySemantics(entry: PublishedNumber, file: string, index: number): PublishedIssue[] {
  const issues: PublishedIssue[] = [];
  const at = `numbers[${index}]`;
  const add = (path: string, value: unknown, expected: string, message: string): void => {
    issues.push({ file, entry: entry.id, path: `${at}${path}`, value, expected, message });
  };
  const { table, row, column } = entry.location;
  const expectedId = `${table}/${row}/${column}`;
  if (entry.id !== expectedId)
    add('.id', entry.id, expectedId, `id must be "${expectedId}" (table/row/column); got "${entry.id}"`);
  let part: ParsedPart;
  try {
    part = parsePart(entry.printed, entry.kind);
  } catch (error) {
    if (error instanceof PrintedParseError) {
      add('.printed', entry.printed, `a printed ${entry.kind}`, error.message);
      return issues;
    }
    throw error;
  }
  if (part.value === null ? entry.value !== null : entry.value === null || !sameNumber(part.value, entry.value)) {
    add(
      '.value',
      entry.value,
      String(part.value),
      `value must be ${part.value} (parsed from printed "${entry.printed}" as ${entry.kind}); got ${entry.value}`,
    );
  }
  if (part.interval === null) {
    if (entry.interval !== null)
      add('.interval', entry.interval, 'null', `interval must be null for "${entry.printed}"`);
  } else if (
    entry.interval === null ||
    !sameNumber(part.interval[0], entry.interval[0]) ||
    !sameNumber(part.interval[1], entry.interval[1])
  ) {
    add(
      '.interval',
      entry.interval,
      JSON.stringify(part.interval),
      `interval must be ${JSON.stringify(part.interval)} for printed "${entry.printed}" (${entry.kind}); ` +
        `got ${JSON.stringify(entry.interval)}`,
    );
  }
  if ((part.bound ?? null) !== (entry.bound ?? null)) {
    add(
      '.bound',
      entry.bound,
      String(part.bound),
      `bound must be ${part.bound === undefined ? 'absent' : `"${part.bound}"`} for "${entry.printed}"; ` +
        `got ${JSON.stringify(entry.bound)}`,
    );
  }
  if (part.denominator !== undefined && entry.denominator !== undefined && part.denominator !== entry.denominator) {
    add(
      '.denominator',
      entry.denominator,
      String(part.denominator),
      `denominator must be ${part.denominator} as printed in "${entry.printed}"; got ${entry.denominator}`,
    );
  }
  return issues;
}

function listJsonFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new PublishedDataError([
        { file: dir, entry: '', path: '', value: dir, expected: 'a folder of *.json files', message: 'not a folder' },
      ]);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof PublishedDataError) throw error;
    throw new PublishedDataError([
      { file: dir, entry: '', path: '', value: dir, expected: 'a readable folder', message: (error as Error).message },
    ]);
  }
  return names.filter((n) => n.endsWith('.json')).sort();
}

/**
 * Reads every `*.json` file of a published-numbers folder, validates each against the published
 * schema (zod mirror of data/schema/published.schema.json) and the semantic rules, and returns
 * the files with their numbers. Ids must be unique across the folder.
 * @throws PublishedDataError listing every problem found (all files, one pass).
 */
export function loadPublishedFiles(dir: string): PublishedFile[] {
  const files: PublishedFile[] = [];
  const issues: PublishedIssue[] = [];
  const seen = new Map<string, string>();
  const names = listJsonFiles(dir);
  if (names.length === 0) {
    throw new PublishedDataError([
      {
        file: dir,
        entry: '',
        path: '',
        value: dir,
        expected: 'at least one *.json file',
        message: 'no *.json files in folder',
      },
    ]);
  }
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try {
      const bytes = readFileLimited(file, { maxBytes: inputLimits().maxBytes, what: 'the published-numbers file' });
      json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      if (error instanceof InputLimitError) throw error;
      issues.push({
        file,
        entry: '',
        path: '',
        value: null,
        expected: 'valid JSON',
        message: (error as Error).message,
      });
      continue;
    }
    const parsed = publishedFileSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
        const idx = issue.path[0] === 'numbers' && typeof issue.path[1] === 'number' ? issue.path[1] : -1;
        const rawEntry = idx >= 0 ? (json as { numbers: { id?: unknown }[] }).numbers[idx] : undefined;
        const entryId = rawEntry && typeof rawEntry.id === 'string' ? rawEntry.id : idx >= 0 ? `numbers[${idx}]` : '';
        issues.push({ file, entry: entryId, path, value: undefined, expected: issue.code, message: issue.message });
      }
      continue;
    }
    const numbers = parsed.data.numbers as PublishedNumber[];
    numbers.forEach((entry, i) => {
      issues.push(...checkEntrySemantics(entry, file, i));
      const before = seen.get(entry.id);
      if (before !== undefined) {
        issues.push({
          file,
          entry: entry.id,
          path: `numbers[${i}].id`,
          value: entry.id,
          expected: 'a unique id',
          message: `duplicate id "${entry.id}" (also in ${before})`,
        });
      } else {
        seen.set(entry.id, file);
      }
    });
    const { $schema: _schema, ...rest } = parsed.data;
    files.push(deepFreeze({ ...rest, file, numbers } as PublishedFile));
  }
  for (const f of files) {
    f.numbers.forEach((entry, i) => {
      entry.refersTo?.forEach((ref, j) => {
        if (!seen.has(ref)) {
          issues.push({
            file: f.file,
            entry: entry.id,
            path: `numbers[${i}].refersTo[${j}]`,
            value: ref,
            expected: 'the id of a number in this folder',
            message: `refersTo "${ref}" is not the id of any number in ${dir}`,
          });
        }
      });
    });
  }
  if (issues.length > 0) throw new PublishedDataError(issues);
  return files;
}

/**
 * The published numbers of a study folder (e.g. `data/shen2025/published`), all files flattened in
 * file-name order. Validated as `loadPublishedFiles`.
 * @throws PublishedDataError listing every problem found.
 */
export function loadPublished(dir: string): PublishedNumber[] {
  return loadPublishedFiles(dir).flatMap((f) => f.numbers);
}

/** Looks up one number by table, row and column; undefined when not transcribed. */
export function findPublished(
  numbers: readonly PublishedNumber[],
  table: string,
  row: string,
  column: string,
): PublishedNumber | undefined {
  const id = `${table}/${row}/${column}`;
  return numbers.find((n) => n.id === id);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
