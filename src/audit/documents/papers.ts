import { csvField } from '../../report/escape.ts';
import type { AuditCheck, AuditStatus } from '../types.ts';

/** One row of the per-paper summary of `restudy audit` (CSV and JSON). */
export interface PaperSummary {
  readonly source: string;
  /** 'published' for a folder of published-number JSON files */
  readonly format: string;
  readonly pages: number | null;
  readonly tables: number;
  /** numbers read from the tables */
  readonly numbers: number;
  /** statistics read from the prose */
  readonly proseResults: number;
  readonly checks: number;
  readonly summary: Record<AuditStatus, number>;
  /** set when the paper could not be read (then it has no checks) */
  readonly error: string | null;
  readonly warnings: readonly string[];
}

/** A paper's findings with the paper named on each (for the combined JSON of several papers). */
export type PaperCheck = AuditCheck & { readonly paper: string; readonly where?: readonly string[] };

const COLUMNS = [
  'source',
  'format',
  'pages',
  'tables',
  'numbers',
  'prose_results',
  'checks',
  'inconsistent',
  'implausible',
  'not_checkable',
  'consistent',
  'error',
  'warnings',
];

/** The per-paper summary as CSV (RFC 4180; text cells neutralised against spreadsheet formulas). */
export function papersCsv(papers: readonly PaperSummary[]): string {
  const rows = papers.map((p) =>
    [
      p.source,
      p.format,
      p.pages,
      p.tables,
      p.numbers,
      p.proseResults,
      p.checks,
      p.summary.inconsistent,
      p.summary.implausible,
      p.summary['not-checkable'],
      p.summary.consistent,
      p.error ?? '',
      p.warnings.join(' | '),
    ]
      .map((v) => csvField(v))
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
