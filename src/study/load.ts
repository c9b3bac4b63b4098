/**
 * Loads everything a run needs from disk: the study folder (specs), the codebook, the cohort (CSV or XLSX,
 * through src/data, which reports bad input by file/row/column), its sidecar (`<cohort>.meta.json`: is it
 * synthetic?) and the printed numbers. The study's data paths are relative to the study folder; paths given
 * on the command line are relative to the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type Codebook, DataError, formatIssue, loadCodebook, readCohortAsync } from '../data/index.ts';
import { loadPublished } from '../data/published/index.ts';
import { SpecError } from './errors.ts';
import type { PublishedEntry, RunInputs } from './run.ts';
import { loadStudy } from './spec.ts';
import type { ColumnInfo } from './types.ts';

export interface LoadOptions {
  /** Cohort CSV/XLSX (relative to cwd); default: the study's `data.cohort` (relative to the study folder). */
  data?: string;
  /** Codebook (relative to cwd); default: the study's `data.codebook`. */
  codebook?: string;
  /** Folder of printed numbers (relative to cwd); default: the study's `data.published`; null: none. */
  published?: string | null;
  /** Base for command-line paths and for paths shown in the report. @default process.cwd() */
  cwd?: string;
}

/** Paths in the report are shown relative to cwd (so reports do not depend on where the repo lives). */
const shown = (cwd: string, p: string): string => relative(cwd, p).split('\\').join('/');

/** The data layer's error type and formatter, for the CLI. */
export async function dataModules(): Promise<{ DataError: typeof DataError; formatIssue: typeof formatIssue }> {
  return { DataError, formatIssue };
}

/** Column information for the analyses, from the codebook (integer, number and percent are numeric). */
export function columnsOf(codebook: Codebook): Map<string, ColumnInfo> {
  const out = new Map<string, ColumnInfo>();
  for (const col of codebook.columns) {
    const type = col.type === 'categorical' ? 'categorical' : col.type === 'string' ? 'text' : 'numeric';
    const info: ColumnInfo = { name: col.name, label: col.label ?? col.name, type };
    if (col.levels) info.levels = col.levels.map((l) => ({ code: l.code, label: l.label ?? l.code }));
    if (col.unit) info.unit = col.unit;
    out.set(col.name, info);
  }
  return out;
}

/**
 * The sidecar's statement that the cohort is synthetic (`synthetic`: a non-empty string), or null. A sidecar
 * that is not valid JSON is bad input, named.
 */
export function syntheticStatement(cohortPath: string): string | null {
  const sidecar = cohortPath.replace(/\.(csv|tsv|txt|xlsx)$/i, '') + '.meta.json';
  if (sidecar === cohortPath || !existsSync(sidecar)) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(sidecar, 'utf8'));
  } catch (error) {
    throw new SpecError(sidecar, [`the cohort's sidecar is not valid JSON: ${(error as Error).message}`]);
  }
  const s =
    meta !== null && typeof meta === 'object' && Object.hasOwn(meta, 'synthetic')
      ? (meta as { synthetic: unknown }).synthetic
      : null;
  if (s === true) return 'SYNTHETIC DATA: not patient data.';
  return typeof s === 'string' && s.trim() ? s.trim() : null;
}

export async function loadInputs(studyDir: string, opts: LoadOptions = {}): Promise<RunInputs> {
  const cwd = opts.cwd ?? process.cwd();
  const loaded = loadStudy(resolve(cwd, studyDir));
  const fromStudy = (p: string): string => resolve(loaded.dir, p);
  const codebookPath =
    opts.codebook !== undefined ? resolve(cwd, opts.codebook) : fromStudy(loaded.study.data.codebook);
  const dataPath = opts.data !== undefined ? resolve(cwd, opts.data) : fromStudy(loaded.study.data.cohort);
  const codebook = loadCodebook(codebookPath);
  const cohort = await readCohortAsync(dataPath, codebook);
  const idColumn = codebook.columns.find((c) => c.role === 'id')?.name;
  const publishedDir =
    opts.published === null
      ? null
      : opts.published !== undefined
        ? resolve(cwd, opts.published)
        : loaded.study.data.published
          ? fromStudy(loaded.study.data.published)
          : null;
  const published: PublishedEntry[] = [];
  if (publishedDir !== null) {
    if (!existsSync(publishedDir))
      throw new SpecError(join(loaded.dir, 'study.yaml'), [
        `data.published: folder not found: ${shown(cwd, publishedDir)}`,
      ]);
    for (const p of loadPublished(publishedDir)) {
      const e: PublishedEntry = {
        id: p.id,
        location: { table: p.location.table, row: p.location.row, column: p.location.column },
        printed: p.printed,
        value: p.value,
        interval: p.interval ? [p.interval[0], p.interval[1]] : null,
        kind: p.kind,
      };
      if (p.bound) e.bound = p.bound;
      if (p.reconstructed) e.reconstructed = true;
      if (p.note) e.note = p.note;
      published.push(e);
    }
  }
  return {
    loaded,
    rows: cohort.rows,
    columns: columnsOf(codebook),
    published,
    ...(idColumn ? { idColumn } : {}),
    synthetic: syntheticStatement(dataPath),
    cohortWarnings: cohort.warnings.map((w) => (w.row === null ? w.message : `data row ${w.row}: ${w.message}`)),
    input: {
      cohort: shown(cwd, dataPath),
      cohortSha256: cohort.sha256, // hashed by the reader from the bytes it typed (no second read)
      rows: cohort.rows.length,
      codebook: shown(cwd, codebookPath),
      published: publishedDir === null ? null : shown(cwd, publishedDir),
      publishedCount: published.length,
    },
  };
}

export const studyFolderOf = (file: string): string => dirname(resolve(file));
