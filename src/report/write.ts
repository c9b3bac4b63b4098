/**
 * Writes a study result as a report folder: index.html (self-contained), results.json (every computed
 * number with its method and conventions), one CSV per table and sensitivity.csv. Deterministic: no
 * timestamps, stable key order, figure ids namespaced per figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyResult } from '../study/types.ts';
import { sensitivityCsv, tableCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { figureSpec } from './figures.ts';
import { renderSvg } from './svg.ts';

/** Renders every figure's SVG in place (sequentially, so output is independent of scheduling). */
export async function renderFigures(result: StudyResult): Promise<StudyResult> {
  const tables = [];
  for (const t of result.tables) {
    const figures = [];
    for (const f of t.figures) figures.push({ ...f, svg: await renderSvg(f.vegaLite ?? figureSpec(f), f.id) });
    tables.push({ ...t, figures });
  }
  return { ...result, tables };
}

export interface WrittenReport {
  dir: string;
  files: string[];
}

/** Writes the report folder; returns the files written (relative names, in writing order). */
export async function writeReport(result: StudyResult, outDir: string): Promise<WrittenReport> {
  mkdirSync(outDir, { recursive: true });
  const rendered = await renderFigures(result);
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(join(outDir, name), text, 'utf8');
    files.push(name);
  };
  put('index.html', renderHtml(rendered));
  // results.json keeps the vega-lite specs, not the SVGs (those are in index.html)
  put('results.json', JSON.stringify(result, null, 2) + '\n');
  for (const t of result.tables) if (t.rows.length) put(`${t.id}.csv`, tableCsv(t));
  put('sensitivity.csv', sensitivityCsv(result.sensitivity));
  return { dir: outDir, files };
}
