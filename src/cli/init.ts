/**
 * `restudy init data.csv [--group COL] [--out DIR]`: a codebook inferred from the table and a starter study
 * folder with one summary table (by COL, or one column of all rows) — the "one line, Table 1" start of
 * gtsummary and tableone, with every guess written as a comment for the user to review.
 *
 * Writes DIR/codebook.yaml, DIR/study.yaml and DIR/table1.yaml (DIR defaults to the CSV's name without its
 * extension, in the working directory). It never overwrites a file: when any of the three exists, nothing is
 * written (exit 2). Before writing, the codebook is checked by reading the whole table through it, so what
 * init writes runs.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import Papa from 'papaparse';
import { Document, parse as parseYaml } from 'yaml';
import { parseCodebook } from '../data/codebook.ts';
import { DataError } from '../data/errors.ts';
import { type InferredCodebook, inferCodebook, type RawTextTable } from '../data/inferCodebook.ts';
import { readCohort } from '../data/readCohort.ts';
import {
  assertOutputsSafe,
  DEFAULT_MAX_INPUT_BYTES,
  exitCodeOf,
  MAX_INPUT_FLAG,
  readFileLimited,
} from '../io/index.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export interface InitOptions {
  /** The grouping column of the summary table. */
  readonly group?: string;
  /** The study folder to write. @default the CSV's base name, in the working directory */
  readonly out?: string;
  /** Most MiB read from the CSV (`--max-input-mb`). @default 1024 */
  readonly maxInputMb?: string | number;
}

export interface InitIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: InitIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

/** The files init writes, in the order it writes them. */
export const INIT_FILES = ['codebook.yaml', 'study.yaml', 'table1.yaml'] as const;

/** Runs `restudy init`; returns the exit code (0 ok, 1 a bug in the inference, 2 bad input or usage). */
export function initCommand(csvPath: string, options: InitOptions = {}, io: InitIo = processIo): number {
  const fail = (code: number, message: string): number => {
    io.stderr(`restudy init: ${message}\n`);
    return code;
  };
  const csv = resolve(csvPath);
  if (/\.(xlsx|xlsm|xls)$/i.test(csv))
    return fail(EXIT_BAD_INPUT, `${csvPath}: init reads CSV; save the sheet as "CSV UTF-8" first`);
  const stem = basename(csv, extname(csv));
  const outDir = resolve(options.out ?? stem);
  const targets = INIT_FILES.map((f) => join(outDir, f));
  try {
    if (existsSync(outDir) && !statSync(outDir).isDirectory())
      return fail(EXIT_BAD_INPUT, `--out ${outDir} is a file, not a folder`);
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length > 0) {
      return fail(
        EXIT_BAD_INPUT,
        `would overwrite ${existing.join(', ')}; init never overwrites a file: choose another --out`,
      );
    }
    assertOutputsSafe({ inputs: [csv], outputs: targets });
    const maxMb = options.maxInputMb === undefined ? DEFAULT_MAX_INPUT_BYTES / 1024 ** 2 : Number(options.maxInputMb);
    if (!(maxMb > 0)) {
      return fail(EXIT_BAD_INPUT, `${MAX_INPUT_FLAG} must be a positive number; got ${options.maxInputMb}`);
    }
    const table = readTextTable(csv, csvPath, Math.floor(maxMb * 1024 ** 2));
    const inferred = inferCodebook(table, { file: csvPath, study: studyId(stem), group: options.group });
    const codebookText = inferredCodebookYaml(inferred, basename(csv));
    try {
      readCohort(csv, parseCodebook(parseYaml(codebookText), join(outDir, 'codebook.yaml')));
    } catch (error) {
      return fail(
        EXIT_ANALYSIS_PROBLEM,
        `the inferred codebook does not read ${csvPath} (please report this):\n${(error as Error).message}`,
      );
    }
    const files = [
      codebookText,
      studyYaml(inferred, relative(outDir, csv).split(sep).join('/')),
      table1Yaml(inferred, options.group),
    ];
    writeAllOrNothing(outDir, targets, files);
    io.stdout(summary(inferred, outDir, options.group));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof DataError) return fail(EXIT_BAD_INPUT, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      return fail(EXIT_BAD_INPUT, (error as Error).message);
    return fail(exitCodeOf(error, EXIT_BAD_INPUT), (error as Error).message);
  }
}

/** Registers `restudy init` on the root program. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('infer a codebook from a CSV table and write a starter study folder with a summary table')
    .argument('<data.csv>', 'the cohort table (CSV, UTF-8; comma, semicolon or tab separated)')
    .option('--group <column>', 'the grouping column of the summary table (default: one column of all rows)')
    .option('--out <dir>', 'the study folder to write (default: the CSV name without extension)')
    .option(`${MAX_INPUT_FLAG} <n>`, 'refuse a CSV larger than this many MiB (default 1024)')
    .action((csv: string, opts: InitOptions) => {
      process.exitCode = initCommand(csv, opts);
    });
}

function readTextTable(path: string, shown: string, maxBytes: number): RawTextTable {
  const bytes = readFileLimited(path, { maxBytes, what: 'the data table', file: shown, flag: MAX_INPUT_FLAG });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DataError(shown, [
      {
        file: shown,
        row: null,
        line: null,
        column: null,
        value: null,
        expected: 'UTF-8 text',
        message: 'the file is not valid UTF-8; re-save it as "CSV UTF-8"',
        severity: 'error',
        code: 'encoding',
      },
    ]);
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy', dynamicTyping: false });
  const syntax = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (syntax) throw dataError(shown, (syntax.row ?? 0) + 1, 'well-formed CSV', `CSV syntax: ${syntax.message}`);
  const [header = [], ...rows] = parsed.data;
  const ragged = rows.findIndex((r) => r.length !== header.length);
  if (ragged >= 0) {
    throw dataError(
      shown,
      ragged + 1,
      `${header.length} cells as in the header`,
      `data row ${ragged + 1} has ${rows[ragged].length} cells; the header has ${header.length}`,
    );
  }
  return { header: header.map((h) => h.trim()), rows, decimalComma: parsed.meta.delimiter === ';' };
}

function dataError(file: string, row: number | null, expected: string, message: string): DataError {
  return new DataError(file, [
    { file, row, line: null, column: null, value: null, expected, message, severity: 'error', code: 'ragged_row' },
  ]);
}

/** A study id from a file name: letters, digits and `_`, starting with a letter. */
function studyId(stem: string): string {
  const id = stem.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(id) ? id : `study_${id}`;
}

/** The codebook as YAML, each column's guesses as comments above it. */
export function inferredCodebookYaml(inferred: InferredCodebook, fileName: string): string {
  const doc = new Document(inferred.codebook);
  doc.commentBefore = [
    ` Codebook inferred by \`restudy init\` from ${fileName} (${inferred.rowCount} rows). Every line is a guess:`,
    ' review the types, put levels in their natural order, write labels and units, and widen each range to',
    ' the values that are plausible, not just those observed. Format: data/codebook.schema.json in restudy.',
    ` Missing values: a cell that is empty or one of the codes in \`missing\`` +
      `${inferred.idColumn ? '' : '; no id column was found, so rows are numbered'}.`,
  ].join('\n');
  const columns = doc.get('columns') as {
    items: { commentBefore?: string; get(key: string, keepScalar?: boolean): unknown }[];
  };
  inferred.codebook.columns.forEach((column, i) => {
    const node = columns.items[i];
    node.commentBefore = inferred.guesses[column.name].map((g) => ` ${g}`).join('\n');
    const range = node.get('range', true) as { flow?: boolean } | undefined;
    if (range) range.flow = true;
    const levels = node.get('levels', true) as { items: { flow?: boolean }[] } | undefined;
    for (const level of levels?.items ?? []) level.flow = true;
  });
  return doc.toString({ lineWidth: 0 });
}

function studyYaml(inferred: InferredCodebook, cohortPath: string): string {
  return [
    '# A starter study written by `restudy init`; the language is described in analyses/README.md of restudy.',
    `title: ${JSON.stringify(`${inferred.codebook.study}: summary table`)}`,
    `id: ${inferred.codebook.study}`,
    'data:                    # relative to this folder',
    `  cohort: ${JSON.stringify(cohortPath)}`,
    '  codebook: codebook.yaml',
    'analyses:',
    '  - table1.yaml',
    '',
  ].join('\n');
}

function table1Yaml(inferred: InferredCodebook, group: string | undefined): string {
  const rows = inferred.codebook.columns.filter((c) => c.role === undefined && c.type !== 'string' && c.name !== group);
  const skipped = inferred.codebook.columns.filter((c) => c.role === undefined && c.type === 'string');
  return [
    '# One summary table of every variable: n (%) for categorical columns, median [IQR] for numeric ones;',
    group === undefined
      ? '# one column of all rows (give `by:` a categorical column to compare groups).'
      : '# by the grouping column, with the test chosen by type, number of groups, expected counts and normality.',
    ...(skipped.length > 0 ? [`# Free-text columns left out: ${skipped.map((c) => c.name).join(', ')}.`] : []),
    'id: table1',
    'kind: summary-table',
    `title: ${JSON.stringify(`Table 1. Characteristics${group === undefined ? '' : ` by ${group}`}`)}`,
    ...(group === undefined ? [] : [`by: ${group}`, 'total: true']),
    'rows:',
    ...rows.map((c) => `  - ${c.name}`),
    '',
  ].join('\n');
}

/** Creates every file or none: each with O_EXCL (never replaces a file or follows a planted symlink). */
function writeAllOrNothing(outDir: string, targets: readonly string[], contents: readonly string[]): void {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  try {
    targets.forEach((target, i) => {
      writeFileSync(target, contents[i], { flag: 'wx' });
      written.push(target);
    });
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    throw error;
  }
}

function summary(inferred: InferredCodebook, outDir: string, group: string | undefined): string {
  const columns = inferred.codebook.columns;
  const count = (type: string): number => columns.filter((c) => c.type === type).length;
  return [
    `wrote ${INIT_FILES.map((f) => join(outDir, f)).join(', ')}`,
    `${inferred.rowCount} rows, ${columns.length} columns: ${count('categorical')} categorical, ` +
      `${count('integer') + count('number') + count('percent')} numeric, ${count('string')} text; ` +
      `id: ${inferred.idColumn ?? 'none (rows are numbered)'}; group: ${group ?? 'none (one column)'}`,
    `review ${join(outDir, 'codebook.yaml')} (every guess is a comment),`,
    `then: restudy run ${outDir} --out <report folder>`,
    '',
  ].join('\n');
}
