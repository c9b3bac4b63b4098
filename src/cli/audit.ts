import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { auditPublished } from '../audit/auditPublished.ts';
import { defaultContingencyTests } from '../audit/contingencyTests.ts';
import { auditDocument, type DocumentFinding } from '../audit/documents/auditDocument.ts';
import { type PaperCheck, type PaperSummary, papersCsv } from '../audit/documents/papers.ts';
import { formatOfName, readDocument } from '../audit/documents/readDocument.ts';
import { type DocumentFormat, DocumentReadError } from '../audit/documents/types.ts';
import { countByStatus, renderAuditHtml, renderAuditText } from '../audit/report.ts';
import { PROSE_OPTION_SPECS, type ProseOptions, resolveProseOptions } from '../audit/text/options.ts';
import { loadPublishedFiles, PublishedDataError } from '../data/published/loadPublished.ts';
import { assertOutputsSafe, readFileLimited, UsageError, writeFileAtomic } from '../io/index.ts';
import { InputError } from '../stats/_shared/errors.ts';
import { type DocumentLimits, documentLimits, type Io, stdio } from './documentOptions.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

export interface AuditCliOptions {
  json?: boolean;
  html?: string;
  csv?: string;
  text?: string;
  verbose?: boolean;
  alpha?: string;
  pEqualAlpha?: string;
  pZero?: string;
  oneTailed?: string;
  items?: string;
  maxPages?: string;
  maxInputMb?: string;
}

/** One paper to audit: a published-numbers folder or a document. */
type Paper = { kind: 'published'; path: string } | { kind: 'document'; path: string; format: DocumentFormat };

/** The papers named by the command line: folders of JSON, folders of documents, document files. */
export function papersOf(inputs: readonly string[]): Paper[] {
  const papers: Paper[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (error) {
      throw new UsageError(
        `cannot read ${input}: ${
          (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message
        }`,
      );
    }
    if (isDir) {
      const names = readdirSync(input).sort();
      if (names.some((n) => n.endsWith('.json'))) {
        papers.push({ kind: 'published', path: input });
        continue;
      }
      const documents = names.flatMap((n) => {
        const format = formatOfName(n);
        return format ? [{ kind: 'document' as const, path: join(input, n), format }] : [];
      });
      if (documents.length === 0)
        throw new UsageError(
          `${input} holds neither published-number *.json files nor documents (.pdf, .html, .docx, .md, .txt)`,
        );
      papers.push(...documents);
      continue;
    }
    const format = formatOfName(input);
    if (!format)
      throw new UsageError(
        `${input}: not a document restudy reads (give .pdf, .html, .docx, .md or .txt, or a folder)`,
      );
    papers.push({ kind: 'document', path: input, format });
  }
  return papers;
}

interface PaperResult {
  summary: PaperSummary;
  checks: PaperCheck[];
}

async function auditOne(paper: Paper, prose: ProseOptions, limits: DocumentLimits): Promise<PaperResult> {
  if (paper.kind === 'published') {
    const files = loadPublishedFiles(paper.path);
    const checks = auditPublished(files, { tests: defaultContingencyTests });
    return {
      summary: {
        source: paper.path,
        format: 'published',
        pages: null,
        tables: files.length,
        numbers: files.reduce((a, f) => a + f.numbers.length, 0),
        proseResults: 0,
        checks: checks.length,
        summary: countByStatus(checks),
        error: null,
        warnings: [],
      },
      checks: checks.map((c) => ({ ...c, paper: paper.path })),
    };
  }
  const bytes = readFileLimited(paper.path, { maxBytes: limits.maxBytes, what: 'the document' });
  const doc = await readDocument(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), paper.format, {
    maxPages: limits.maxPages,
  });
  const audit = auditDocument(doc, paper.path, { prose, tests: defaultContingencyTests });
  return {
    summary: {
      source: paper.path,
      format: audit.format,
      pages: audit.pages,
      tables: audit.tables.length,
      numbers: audit.tables.reduce((a, t) => a + t.numbers.length, 0),
      proseResults: audit.proseResults,
      checks: audit.checks.length,
      summary: audit.summary,
      error: null,
      warnings: audit.warnings,
    },
    checks: audit.checks.map((c: DocumentFinding) => ({ ...c, paper: paper.path })),
  };
}

function failed(paper: Paper, message: string): PaperResult {
  return {
    summary: {
      source: paper.path,
      format: paper.kind === 'published' ? 'published' : paper.format,
      pages: null,
      tables: 0,
      numbers: 0,
      proseResults: 0,
      checks: 0,
      summary: countByStatus([]),
      error: message,
      warnings: [],
    },
    checks: [],
  };
}

/**
 * Runs `restudy audit` and returns the exit code: 0 nothing inconsistent, 1 something inconsistent,
 * 2 bad input or usage (an unreadable document, an output that would overwrite an input, a bad
 * option). Several papers (files or a folder of documents) give one summary row each.
 */
export async function runAudit(inputs: readonly string[], opts: AuditCliOptions, io: Io = stdio): Promise<number> {
  const all = [...inputs, ...(opts.text ? [opts.text] : [])];
  let papers: Paper[];
  let prose: ProseOptions;
  let limits: DocumentLimits;
  try {
    if (all.length === 0)
      throw new UsageError(
        'give a published-numbers folder, documents (.pdf, .html, .docx, .md, .txt) or a folder of them',
      );
    prose = resolveProseOptions({
      alpha: opts.alpha,
      pEqualAlpha: opts.pEqualAlpha,
      pZero: opts.pZero,
      oneTailed: opts.oneTailed,
      items: opts.items,
    });
    limits = documentLimits(opts);
    const outputs = [opts.html, opts.csv].filter((o): o is string => o !== undefined);
    assertOutputsSafe({ inputs: all, outputs });
    papers = papersOf(all);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.err(`restudy audit: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  const results: PaperResult[] = [];
  for (const paper of papers) {
    try {
      results.push(await auditOne(paper, prose, limits));
    } catch (error) {
      if (error instanceof PublishedDataError || error instanceof DocumentReadError || error instanceof UsageError) {
        io.err(`restudy audit: ${paper.path}: ${error.message}\n`);
        results.push(failed(paper, error.message));
      } else if ((error as NodeJS.ErrnoException).code) {
        io.err(`restudy audit: cannot read ${paper.path}: ${(error as Error).message}\n`);
        results.push(failed(paper, (error as Error).message));
      } else throw error;
    }
  }
  const checks = results.flatMap((r) => r.checks);
  const summaries = results.map((r) => r.summary);
  const source = summaries.map((s) => s.source).join(' + ');
  for (const s of summaries) for (const w of s.warnings) io.err(`restudy audit: ${s.source}: ${w}\n`);
  try {
    if (opts.html)
      writeFileAtomic(
        opts.html,
        renderAuditHtml(checks, { title: `restudy audit: ${source}`, source, papers: summaries }),
      );
    if (opts.csv) writeFileAtomic(opts.csv, papersCsv(summaries));
  } catch (error) {
    io.err(`restudy audit: cannot write ${opts.html ?? opts.csv}: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (opts.json)
    io.out(`${JSON.stringify({ source, summary: countByStatus(checks), papers: summaries, checks }, null, 2)}\n`);
  else {
    io.out(renderAuditText(checks, { verbose: opts.verbose, source }));
    if (summaries.length > 1)
      for (const s of summaries)
        io.out(
          `${s.source}: ${
            s.error ? `unreadable (${s.error})` : `${s.checks} checks, ${s.summary.inconsistent} inconsistent`
          }\n`,
        );
  }
  if (summaries.some((s) => s.error !== null)) return EXIT_BAD_INPUT;
  return checks.some((c) => c.status === 'inconsistent') ? EXIT_ANALYSIS_PROBLEM : EXIT_OK;
}

/** `restudy audit [inputs…] [--json] [--html <file>] [--csv <file>] [--text <paper.txt>] [prose options]` */
export function registerAudit(program: Command): void {
  const command = program
    .command('audit')
    .description(
      "Check a paper's printed numbers against each other (no patient data needed): a published-numbers " +
        'folder, documents (.pdf, .html, .docx, .md, .txt) or a folder of them. ' +
        'Exit 1 when any is inconsistent, 2 on bad input or usage.',
    )
    .argument(
      '[inputs...]',
      'published-numbers folder(s) (e.g. data/shen2025/published), document files, or folders of documents',
    )
    .option(
      '--json',
      'print { source, summary, papers: [one row per paper], checks: [{ id, kind, location, where, reported, ' +
        'recomputed, status, message, arithmetic, severity, inputs, paper }] }',
    )
    .option(
      '--html <file>',
      'write a self-contained HTML report: findings by severity with their arithmetic and source text, ' +
        'and everything read and found consistent',
    )
    .option('--csv <file>', 'write one summary row per paper as CSV')
    .option('--text <file>', 'also audit the prose of a plain-text paper (same as giving it as an input)')
    .option('--verbose', 'list consistent checks too (text output)')
    .option('--max-pages <n>', 'read at most this many pages of a PDF', '500')
    .option('--max-input-mb <n>', 'refuse documents larger than this many MiB', '200');
  for (const spec of PROSE_OPTION_SPECS) {
    const option = command.createOption(
      spec.flag,
      `${spec.help} (default ${spec.default ?? 'unset'}; statcheck: ${spec.statcheckDefault})`,
    );
    if (spec.choices) option.choices([...spec.choices]);
    command.addOption(option);
  }
  command.action(async (inputs: string[], opts: AuditCliOptions) => {
    // `restudy audit … | head` closes the pipe early: not an error
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    process.exitCode = await runAudit(inputs, opts);
  });
}
