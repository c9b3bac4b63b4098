/**
 * Errors of the data layer (codebook and cohort ingest). Unlike the statistical core, which throws on the
 * first bad argument, ingest collects every problem of a file in one pass and throws them together, so a
 * user fixes a spreadsheet once, not once per error.
 */

/** How serious an ingest finding is: errors make {@link readCohort} throw; warnings are returned with the cohort. */
export type DataIssueSeverity = 'error' | 'warning';

/** Machine-readable kind of an ingest finding (stable; tests and reports key on it). */
export type DataIssueCode =
  | 'file_unreadable'
  | 'encoding'
  | 'bom'
  | 'line_endings'
  | 'delimiter'
  | 'decimal_comma'
  | 'empty_file'
  | 'missing_column'
  | 'duplicate_column'
  | 'unknown_column'
  | 'empty_header'
  | 'ragged_row'
  | 'blank_row'
  | 'whitespace'
  | 'unknown_level'
  | 'wrong_type'
  | 'out_of_range'
  | 'missing_value'
  | 'duplicate_id'
  | 'empty_group'
  | 'inconsistent_derived'
  | 'not_applicable'
  | 'excel_error'
  | 'excel_formula'
  | 'excel_date'
  | 'excel_merged'
  | 'codebook';

/** One finding, located as precisely as the input allows. */
export interface DataIssue {
  /** The file read (as given by the caller). */
  readonly file: string;
  /** 1-based data row (the header is not counted); null for file- or column-level findings. */
  readonly row: number | null;
  /** 1-based physical line of the file (CSV) or worksheet row number (XLSX); null when not applicable. */
  readonly line: number | null;
  /** Column name, or null for file-level findings. */
  readonly column: string | null;
  /** The offending raw value as read (string form), or null. */
  readonly value: string | null;
  /** What was expected, in words ("one of zero, low, over"). */
  readonly expected: string;
  /** Complete one-line human-readable message. */
  readonly message: string;
  readonly severity: DataIssueSeverity;
  readonly code: DataIssueCode;
}

/** Formats one issue as `file:line row N, column C: message`. */
export function formatIssue(issue: DataIssue): string {
  const where: string[] = [];
  if (issue.line !== null) where.push(`line ${issue.line}`);
  if (issue.row !== null) where.push(`data row ${issue.row}`);
  if (issue.column !== null) where.push(`column "${issue.column}"`);
  const location = where.length > 0 ? ` (${where.join(', ')})` : '';
  return `${issue.severity}: ${issue.file}${location}: ${issue.message}`;
}

/**
 * Thrown by {@link loadCodebook} and {@link readCohort} when a file has at least one error. `issues` holds
 * every error AND warning found in the single pass, in file order; the message lists them one per line
 * (the first 50, then a count).
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly issues: readonly DataIssue[];
  constructor(file: string, issues: readonly DataIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const warnings = issues.length - errors.length;
    const shown = issues.slice(0, 50).map(formatIssue);
    const more = issues.length > 50 ? [`… and ${issues.length - 50} more`] : [];
    super(
      [
        `${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}` +
          (warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''),
        ...shown.map((s) => `  ${s}`),
        ...more.map((s) => `  ${s}`),
      ].join('\n'),
    );
    this.issues = Object.freeze([...issues]);
  }
}
