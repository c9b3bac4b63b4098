import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditPublished } from '../audit/auditPublished.ts';
import { auditText } from '../audit/auditText.ts';
import { defaultContingencyTests } from '../audit/contingencyTests.ts';
import { countByStatus, renderAuditHtml, renderAuditText } from '../audit/report.ts';
import type { AuditCheck } from '../audit/types.ts';
import { loadPublishedFiles, PublishedDataError } from '../data/published/loadPublished.ts';
import { EXIT_ANALYSIS_PROBLEM, EXIT_BAD_INPUT, EXIT_OK } from './exitCodes.ts';

interface AuditCliOptions {
  json?: boolean;
  html?: string;
  text?: string;
  verbose?: boolean;
}

/** Runs the audit for the CLI; returns the exit code (pure apart from file I/O and stdout/stderr). */
export function runAudit(dir: string | undefined, opts: AuditCliOptions, io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): number {
  if (!dir && !opts.text) {
    io.err('restudy audit: give a published-numbers folder (e.g. data/shen2025/published) or --text <paper.txt>\n');
    return EXIT_BAD_INPUT;
  }
  const checks: AuditCheck[] = [];
  const sources: string[] = [];
  if (dir) {
    try {
      checks.push(...auditPublished(loadPublishedFiles(dir), { tests: defaultContingencyTests }));
      sources.push(dir);
    } catch (error) {
      if (error instanceof PublishedDataError) {
        io.err(`restudy audit: ${error.message}\n`);
        return EXIT_BAD_INPUT;
      }
      throw error;
    }
  }
  if (opts.text) {
    let text: string;
    try {
      text = readFileSync(opts.text, 'utf8');
    } catch (error) {
      io.err(`restudy audit: cannot read --text ${opts.text}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    checks.push(...auditText(text));
    sources.push(opts.text);
  }
  const source = sources.join(' + ');
  if (opts.html) {
    try {
      writeFileSync(opts.html, renderAuditHtml(checks, { title: `restudy audit: ${source}`, source }));
    } catch (error) {
      io.err(`restudy audit: cannot write --html ${opts.html}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
  }
  if (opts.json) {
    io.out(`${JSON.stringify({ source, summary: countByStatus(checks), checks }, null, 2)}\n`);
  } else {
    io.out(renderAuditText(checks, { verbose: opts.verbose, source }));
  }
  return checks.some((c) => c.status === 'inconsistent') ? EXIT_ANALYSIS_PROBLEM : EXIT_OK;
}

/** `restudy audit [dir] [--json] [--html <file>] [--text <paper.txt>] [--verbose]` */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Check a paper\'s printed numbers against each other (no patient data needed). Exit 1 when any is inconsistent, 2 on bad input.')
    .argument('[dir]', 'folder of published-numbers JSON files, e.g. data/shen2025/published')
    .option('--json', 'print { source, summary, checks: [{ id, kind, location, reported, recomputed, status, message, arithmetic, severity, inputs }] }')
    .option('--html <file>', 'write a self-contained HTML report with the arithmetic of each finding')
    .option('--text <file>', 'also extract OR/AUC/χ²/t/F/z/k-of-n statistics from a paper\'s text and audit them')
    .option('--verbose', 'list consistent checks too (text output)')
    .action((dir: string | undefined, opts: AuditCliOptions) => {
      // `restudy audit … | head` closes the pipe early: not an error
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
      process.exitCode = runAudit(dir, opts);
    });
}
