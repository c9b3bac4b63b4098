/**
 * Writes a study result as a report folder: index.html (self-contained), results.json (every computed
 * number with its method and conventions), one CSV per table and sensitivity.csv. Deterministic: no
 * timestamps, stable key order, figure ids namespaced per figure.
 *
 * All-or-nothing (issue 14): the files are rendered in memory, written to a temporary folder beside the
 * report and swapped into place in one step (see {@link writeReportDirAtomic}); a run killed at any moment
 * leaves the previous report or the new one, whole, and no file of an earlier run survives looking current.
 */
import { assertOutputsSafe, assertReportDirWritable, UsageError, writeReportDirAtomic } from '../io/index.ts';
import type { FigureResult, StudyResult } from '../study/types.ts';
import { sensitivityCsv, tableCsv } from './csv.ts';
import { figureSpec } from './figures.ts';
import { renderHtml } from './html.ts';
import { renderSvgLazily } from './renderSvgLazily.ts';

/**
 * Renders every figure's SVG in place; `drawn`: SVGs already rendered, by figure (the CLI draws them while the
 * analyses and the optimism bootstraps run).
 */
export async function renderFigures(
  result: StudyResult,
  drawn: ReadonlyMap<FigureResult, string> = new Map(),
): Promise<StudyResult> {
  const tables = [];
  for (const t of result.tables) {
    const figures = [];
    for (const f of t.figures) {
      figures.push({ ...f, svg: drawn.get(f) ?? (await renderSvgLazily(f.vegaLite ?? figureSpec(f), f.id)) });
    }
    tables.push({ ...t, figures });
  }
  return { ...result, tables };
}

export interface WrittenReport {
  dir: string;
  /** The report's files (relative names, in writing order; the `.restudy-output` marker is not listed). */
  files: string[];
}

/** Options of {@link writeReport} and {@link assertReportOutUsable}. */
export interface ReportOutOptions {
  /** Replace a non-empty folder that restudy did not write (`--force`). @default false */
  readonly force?: boolean;
  /** Figures already drawn (their SVGs by figure); the others are drawn here. */
  readonly drawn?: ReadonlyMap<FigureResult, string>;
}

/**
 * Checks, before any analysis runs, that `outDir` can take the report: it may not be, contain, lie inside
 * or resolve (through symlinks) onto any of `inputs` (study folder, cohort, codebook, published numbers),
 * and must be absent, empty, an earlier restudy report, or any folder with `force`.
 *
 * @throws UsageError (exit 2) naming the output and the reason.
 */
export function assertReportOutUsable(outDir: string, inputs: readonly string[], options: ReportOutOptions = {}): void {
  assertOutputsSafe({ inputs, outputs: [outDir] });
  assertReportDirWritable(outDir, options);
}

/** The report's files by name, in writing order: index.html, results.json, one CSV per table, sensitivity.csv. */
export async function renderReportFiles(
  result: StudyResult,
  drawn?: ReadonlyMap<FigureResult, string>,
): Promise<Record<string, string>> {
  const rendered = await renderFigures(result, drawn);
  const files: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (name: string, text: string): void => {
    // a table whose id is "sensitivity" or "index" must not silently replace another file
    if (Object.hasOwn(files, name)) throw new UsageError(`two report files would be named ${name}; rename the table`);
    files[name] = text;
  };
  put('index.html', renderHtml(rendered));
  // results.json keeps the vega-lite specs, not the SVGs (those are in index.html)
  put('results.json', `${JSON.stringify(result, null, 2)}\n`);
  for (const t of result.tables) if (t.rows.length) put(`${t.id}.csv`, tableCsv(t));
  put('sensitivity.csv', sensitivityCsv(result.sensitivity));
  return files;
}

/**
 * Writes the report folder in one step; returns the files written.
 *
 * @throws UsageError (exit 2) when `outDir` is a file or a symlink, or a non-empty folder restudy did not
 *   write and `force` is not set (nothing is written then).
 */
export async function writeReport(
  result: StudyResult,
  outDir: string,
  options: ReportOutOptions = {},
): Promise<WrittenReport> {
  assertReportDirWritable(outDir, options);
  const files = await renderReportFiles(result, options.drawn);
  writeReportDirAtomic(outDir, files, options);
  return { dir: outDir, files: Object.keys(files) };
}
