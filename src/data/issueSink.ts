import type { DataIssue, DataIssueCode, DataIssueSeverity } from './errors.ts';

/** A located finding without its place (the reader knows the problem, the validator knows the row). */
export type CellIssue = Omit<DataIssue, 'file' | 'row' | 'line' | 'column'>;

/**
 * Collects the findings of one file. Past `maxIssues` only the count grows (a file with an error in every
 * one of a million rows must not hold a million messages): the error that makes {@link DataError} throw
 * is always kept.
 */
export class IssueSink {
  readonly issues: DataIssue[] = [];
  /** Findings beyond `maxIssues`, counted but not kept. */
  dropped = 0;
  private errors = 0;
  constructor(
    readonly file: string,
    private readonly maxIssues = 10_000,
  ) {}
  add(
    severity: DataIssueSeverity,
    code: DataIssueCode,
    at: { row?: number | null; line?: number | null; column?: string | null; value?: string | null },
    expected: string,
    message: string,
  ): void {
    if (severity === 'error') this.errors++;
    if (this.issues.length >= this.maxIssues) {
      this.dropped++;
      return;
    }
    this.issues.push({
      file: this.file,
      row: at.row ?? null,
      line: at.line ?? null,
      column: at.column ?? null,
      value: at.value ?? null,
      expected,
      message,
      severity,
      code,
    });
  }
  /** Puts already-made findings at `index` (file-level findings before the rows' ones). */
  insertAt(index: number, findings: readonly DataIssue[]): void {
    for (const f of findings) if (f.severity === 'error') this.errors++;
    this.issues.splice(index, 0, ...findings);
  }
  get hasErrors(): boolean {
    return this.errors > 0;
  }
}
