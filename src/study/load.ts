/**
 * Loads everything a run needs from disk: the study folder (specs), the codebook, the cohort (through
 * src/data, which reports bad input by file/row/column) and the printed numbers (src/data/published).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DataError, formatIssue, loadCodebook, readCohort } from '../data/index.ts';
import { loadPublished } from '../data/published/index.ts';
import type { PublishedEntry, RunInputs } from './run.ts';
import { loadStudy } from './spec.ts';

export interface LoadOptions {
  /** Cohort CSV/XLSX; default: the study's `data.cohort`. */
  data?: string;
  /** Codebook; default: the study's `data.codebook`. */
  codebook?: string;
  /** Folder of printed numbers; default: the study's `data.published`; null: none. */
  published?: string | null;
  /** Base for the study's relative data paths and for paths shown in the report. @default process.cwd() */
  cwd?: string;
}

/** Paths in the report are shown relative to cwd (so reports do not depend on where the repo lives). */
const shown = (cwd: string, p: string): string => relative(cwd, resolve(cwd, p)).split('\\').join('/');

/** The data layer's error type and formatter, for the CLI. */
export async function dataModules(): Promise<{ DataError: typeof DataError; formatIssue: typeof formatIssue }> {
  return { DataError, formatIssue };
}

export async function loadInputs(studyDir: string, opts: LoadOptions = {}): Promise<RunInputs> {
  const cwd = opts.cwd ?? process.cwd();
  const loaded = loadStudy(resolve(cwd, studyDir));
  const codebookPath = resolve(cwd, opts.codebook ?? loaded.study.data.codebook);
  const dataPath = resolve(cwd, opts.data ?? loaded.study.data.cohort);
  const codebook = loadCodebook(codebookPath);
  const cohort = readCohort(dataPath, codebook);
  const levelLabels: Record<string, Record<string, string>> = {};
  const levels: Record<string, string[]> = {};
  let idColumn = 'patient_id';
  for (const col of codebook.columns) {
    if (col.role === 'id') idColumn = col.name;
    if (col.levels) {
      levels[col.name] = col.levels.map((l) => l.code);
      levelLabels[col.name] = Object.fromEntries(col.levels.map((l) => [l.code, l.label]));
    }
  }
  const publishedDir = opts.published === null ? null : opts.published ?? loaded.study.data.published ?? null;
  const published: PublishedEntry[] = [];
  if (publishedDir !== null) {
    const dir = resolve(cwd, publishedDir);
    if (!existsSync(dir)) throw new Error(`published numbers: folder not found: ${dir}`);
    for (const p of loadPublished(dir)) {
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
  const sha = createHash('sha256').update(readFileSync(dataPath)).digest('hex');
  return {
    loaded,
    rows: cohort.rows,
    levelLabels,
    levels,
    published,
    idColumn,
    input: {
      cohort: shown(cwd, dataPath),
      cohortSha256: sha,
      rows: cohort.rows.length,
      codebook: shown(cwd, codebookPath),
      published: publishedDir === null ? null : shown(cwd, publishedDir),
      publishedCount: published.length,
    },
  };
}
