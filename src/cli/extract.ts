import { basename } from 'node:path';
import type { Command } from 'commander';
import { extractDocument } from '../audit/documents/auditDocument.ts';
import { formatOfName, readDocument } from '../audit/documents/readDocument.ts';
import { extractedFiles, studyKeyOf } from '../audit/documents/serialize.ts';
import type { ExtractedTable } from '../audit/documents/tableToPublished.ts';
import { type DocumentFormat, DocumentReadError } from '../audit/documents/types.ts';
import {
  assertOutputsSafe,
  assertReportDirWritable,
  readFileLimited,
  UsageError,
  writeReportDirAtomic,
} from '../io/index.ts';
import { type DocumentLimits, documentLimits, type Io, stdio } from './documentOptions.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export interface ExtractCliOptions {
  out?: string;
  force?: boolean;
  study?: string;
  maxPages?: string;
  maxInputMb?: string;
}

/**
 * `restudy extract FILE --out DIR`: reads the tables of a document and writes them as published-number
 * JSON files (`table1.json`, …), each entry noting where it was read, so that a reviewer corrects a
 * misread as data and reruns `restudy audit DIR`. The folder is written whole or not at all.
 * Returns the exit code: 0 written, 1 no table found (nothing written), 2 bad input or usage.
 */
export async function runExtract(file: string, opts: ExtractCliOptions, io: Io = stdio): Promise<number> {
  let format: DocumentFormat | null;
  let study: string;
  let limits: DocumentLimits;
  try {
    if (!opts.out) throw new UsageError('give --out <folder> for the published-number JSON files');
    format = formatOfName(file);
    if (!format) throw new UsageError(`${file}: not a document restudy reads (give .pdf, .html, .docx, .md or .txt)`);
    study = opts.study ?? studyKeyOf(basename(file));
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(study))
      throw new UsageError(`--study must be lower-case letters, digits, _ or -; got ${study}`);
    limits = documentLimits(opts);
    assertOutputsSafe({ inputs: [file], outputs: [opts.out] });
    assertReportDirWritable(opts.out, { force: opts.force });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`restudy extract: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  let tables: ExtractedTable[];
  let files: Record<string, string>;
  let warnings: readonly string[];
  try {
    const bytes = readFileLimited(file, { maxBytes: limits.maxBytes, what: 'the document' });
    const doc = await readDocument(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), format, {
      maxPages: limits.maxPages,
    });
    // the tables, and the prose claims linked to table cells (abstract.json, text.json)
    const extraction = extractDocument(doc);
    const extracted = extractedFiles(extraction, basename(file), study);
    tables = extracted.tables;
    files = extracted.files;
    warnings = [...doc.warnings, ...extraction.warnings];
  } catch (error) {
    if (error instanceof DocumentReadError || error instanceof UsageError || (error as NodeJS.ErrnoException).code) {
      io.err(`restudy extract: ${file}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  for (const w of warnings) io.err(`restudy extract: ${file}: ${w}\n`);
  if (tables.length === 0) {
    io.err(`restudy extract: ${file}: no table with printed numbers found; nothing written\n`);
    return EXIT_ANALYSIS_PROBLEM;
  }
  try {
    writeReportDirAtomic(opts.out, files, { force: opts.force });
  } catch (error) {
    io.err(`restudy extract: cannot write ${opts.out}: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  for (const t of tables)
    io.out(`${opts.out}/${t.table}.json: ${t.numbers.length} numbers (${t.title.slice(0, 70)})\n`);
  io.out(
    `check each entry's "note" against the document, correct misreads in the JSON, ` +
      `then run: restudy audit ${opts.out}\n`,
  );
  return EXIT_OK;
}

/** `restudy extract FILE --out DIR [--force] [--study key]` */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'Read the tables of a document (.pdf, .html, .docx, .md) into published-number JSON files that ' +
        '`restudy audit DIR` checks. Exit 1 when no table is found, 2 on bad input or usage.',
    )
    .argument('<file>', 'the paper')
    .option('--out <dir>', 'folder for table1.json, table2.json, … (written whole or not at all)')
    .option('--force', 'replace a non-empty --out folder that restudy did not write')
    .option('--study <key>', 'study key written into each file (default: from the file name)')
    .option('--max-pages <n>', 'read at most this many pages of a PDF', '500')
    .option('--max-input-mb <n>', 'refuse documents larger than this many MiB', '200')
    .action(async (file: string, opts: ExtractCliOptions) => {
      process.exitCode = await runExtract(file, opts);
    });
}
