/** The part of src/data (cohort ingest) and src/data/published the study loader uses (Data issue contract). */
export interface CodebookLike {
  columns: { name: string; role?: string; levels?: { code: string; label: string }[] }[];
}
export interface DataIssueLike {
  file: string;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  message: string;
}
export interface PublishedNumberLike {
  id: string;
  location: { table: string; row: string; column: string };
  printed: string;
  value: number | null;
  interval: readonly [number, number] | null;
  bound?: 'upper' | 'lower';
  kind: string;
  reconstructed?: boolean;
  note?: string;
}
export interface DataModules {
  loadCodebook(path: string): CodebookLike;
  readCohort(path: string, codebook: CodebookLike): { rows: Record<string, string | number | null>[] };
  DataError: new (...args: never[]) => Error & { issues: readonly DataIssueLike[] };
  formatIssue(issue: DataIssueLike): string;
  loadPublished(dir: string): PublishedNumberLike[];
}
