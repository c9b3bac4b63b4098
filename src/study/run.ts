/**
 * Runs a loaded study: derived columns, then every analysis through its kind (src/study/kinds), then the
 * optimism bootstraps (on worker threads when allowed), the echoes of the text and abstract, and the summary.
 * Every check that can fail on a name runs before any analysis is computed. Returns typed results; the report
 * (src/report) draws figures from them.
 */

import { UsageError } from '../io/errors.ts';
import type { CellExtra } from './cells.ts';
import { compareToPublished, PublishedIndex } from './compare.ts';
import { resolvePreset } from './conventions.ts';
import { applyDerived, checkDerived, describeDerived } from './derived.ts';
import { AnalysisError, SpecError } from './errors.ts';
import { fixed } from './format.ts';
import { type AnalysisOutput, KINDS, type KindContext } from './kinds/index.ts';
import type { OptimismResult } from './optimism.ts';
import { OptimismPool } from './parallel.ts';
import { checkStudy, type LoadedStudy } from './spec.ts';
import type { Cell, ColumnInfo, Findings, PublishedRef, Row, StudyResult, TableResult } from './types.ts';

export { AnalysisError } from './errors.ts';
export type { Row, Value } from './types.ts';

export interface PublishedEntry extends PublishedRef {
  location: { table: string; row: string; column: string };
}

export interface RunInputs {
  loaded: LoadedStudy;
  rows: readonly Row[];
  /** Every cohort column: type, label, levels (from the codebook). */
  columns: ReadonlyMap<string, ColumnInfo>;
  published: readonly PublishedEntry[];
  input: StudyResult['input'];
  /** The id column; without one rows are named by their data row number (1-based). */
  idColumn?: string;
  /** The cohort sidecar's `synthetic` statement, when the cohort is synthetic. */
  synthetic?: string | null;
  /** Non-fatal findings of reading the cohort (a column not in the codebook ignored, …), shown in the report. */
  cohortWarnings?: readonly string[];
}

export interface RunOptions {
  preset?: string;
  seed?: number;
  bootstrapReplicates?: number;
  /** Called during bootstraps (for a progress bar). */
  progress?: (task: string, done: number, total: number) => void;
  /** Worker threads for the optimism bootstraps (0: this thread). Results are identical either way. @default 0 */
  threads?: number;
  /** Called with each table as soon as its analysis has run (the CLI starts drawing its figures then). */
  onTable?: (table: TableResult) => void;
  /** A pool for the optimism bootstraps, its workers started earlier (`threads` and `progress` are then its own). */
  pool?: OptimismPool;
}

import { VERSION } from '../version.ts';

export { VERSION };

/** Every computed cell by row|column (first wins), for the numbers the text and abstract repeat. */
type Registry = Map<string, Cell>;

function cellFactory(pub: PublishedIndex, registry: Registry) {
  return (
    table: string,
    row: string,
    column: string,
    value: number | null,
    display: string,
    extra: CellExtra = {},
  ): Cell => {
    const published = pub.get(table, row, column);
    const cmp = compareToPublished(value, display, published);
    const cell: Cell = { table, row, column, value, display, published, status: cmp.status };
    if (extra.method) cell.method = extra.method;
    if (extra.conventions) cell.conventions = extra.conventions;
    const note = [extra.note, cmp.note].filter(Boolean).join('; ');
    if (note) cell.note = note;
    if (extra.register !== false && !registry.has(`${row}|${column}`)) registry.set(`${row}|${column}`, cell);
    return cell;
  };
}

/**
 * The numbers a paper's text or abstract repeats (printed tables `text`, `abstract`), against the same reproduced
 * cell.
 */
function runEchoes(pub: PublishedIndex, registry: Registry): TableResult | null {
  const rowsOut: TableResult['rows'] = [];
  for (const table of ['text', 'abstract']) {
    for (const entry of pub.unused(new Set([table]))) {
      const [, row, column] = entry.id.split('/');
      const src = registry.get(`${row}|${column}`);
      if (!src) continue;
      const published = pub.get(table, row, column);
      const cmp = compareToPublished(src.value, src.display, published);
      const cell: Cell = {
        table,
        row,
        column,
        value: src.value,
        display: src.display,
        published,
        status: cmp.status,
        method: `${src.method ?? ''} (reproduced in ${src.table})`.trim(),
      };
      if (src.conventions) cell.conventions = src.conventions;
      rowsOut.push({
        key: `${table}/${row}/${column}`,
        label: `${table === 'text' ? 'Text' : 'Abstract'}: ${row} — ${column}`,
        level: 0,
        cells: { value: { text: src.display, parts: [cell] } },
      });
    }
  }
  if (!rowsOut.length) return null;
  return {
    id: 'text_abstract',
    kind: 'echo',
    title: 'Numbers quoted in the text and abstract',
    publishedTable: 'text',
    subgroup: { id: 'all', label: 'As in the table each number comes from' },
    n: {},
    columns: [{ key: 'value', label: 'Reproduced' }],
    rows: rowsOut,
    notes: ['Each number the text or abstract repeats, compared with the same reproduced cell as in its table.'],
    warnings: [],
    figures: [],
  };
}

function summarise(tables: readonly TableResult[]): StudyResult['summary'] {
  return tables
    .filter((t) => t.rows.length)
    .map((t) => {
      const s = { table: t.id, title: t.title, agrees: 0, differs: 0, notPrinted: 0 };
      for (const r of t.rows) {
        for (const col of t.columns) {
          for (const p of r.cells[col.key]?.parts ?? []) {
            if (p.status === 'agrees') s.agrees += 1;
            else if (p.status === 'differs') s.differs += 1;
            else s.notPrinted += 1;
          }
        }
      }
      return s;
    });
}

/** What the CLI and the page both say: one count of conclusions, one of flips, every warning by table. */
function findingsOf(result: Omit<StudyResult, 'findings'>): Findings {
  const conclusions = result.sensitivity.filter((s) => s.decision !== '');
  const tot = result.summary.reduce(
    (a, s) => ({
      agrees: a.agrees + s.agrees,
      differs: a.differs + s.differs,
      notPrinted: a.notPrinted + s.notPrinted,
    }),
    { agrees: 0, differs: 0, notPrinted: 0 },
  );
  return {
    conclusions: conclusions.length,
    conclusionsThatFlip: conclusions.filter((s) => s.flips).length,
    numbers: tot,
    warnings: result.tables.flatMap((t) => t.warnings.map((message) => ({ table: t.id, message }))),
    excludedRows: result.exclusions.reduce((n, e) => n + e.patientIds.length, 0),
  };
}

/**
 * Every check that needs no computation: the preset, the derived columns, every name in every spec. Throws
 * SpecError (exit 2) or RangeError for an unknown preset; run it before any work starts.
 */
export function checkInputs(inputs: RunInputs, opts: { preset?: string } = {}): void {
  const { loaded } = inputs;
  try {
    resolvePreset(loaded.presets, opts.preset ?? loaded.study.preset);
  } catch (error) {
    throw new UsageError(`--preset: ${(error as Error).message}`);
  }
  const derivedProblems = checkDerived(loaded.derived, inputs.columns);
  if (derivedProblems.length) throw new SpecError(`${loaded.dir}/study.yaml`, derivedProblems);
  checkStudy(loaded, applyDerived(loaded.derived, [], inputs.columns).columns);
}

/** Runs every analysis of a loaded study on cohort rows. Deterministic for a given seed, whatever `threads`. */
export async function runAnalyses(inputs: RunInputs, opts: RunOptions = {}): Promise<StudyResult> {
  return startAnalyses(inputs, opts).finish();
}

/** A run whose analyses have been computed, with its optimism bootstraps still going on (see {@link startAnalyses}). */
export interface StartedRun {
  /** Waits for the bootstraps (computing in this thread those no worker took) and returns the whole result. */
  finish(): Promise<StudyResult>;
  /** Gives the run up: stops its worker threads (finish() is not to be called). */
  cancel(): void;
}

/**
 * Runs every analysis and submits each optimism bootstrap as soon as its model has been fitted: on worker threads
 * (`threads` > 0) they go on while the caller works with `tables` (e.g. draws the figures, which do not depend on
 * them); `finish()` completes the result, identical to {@link runAnalyses}' whatever the threads and the timing.
 */
export function startAnalyses(inputs: RunInputs, opts: RunOptions = {}): StartedRun {
  const { loaded } = inputs;
  const study = loaded.study;
  const preset = resolvePreset(loaded.presets, opts.preset ?? study.preset);
  const derivedProblems = checkDerived(loaded.derived, inputs.columns);
  if (derivedProblems.length) throw new SpecError(`${loaded.dir}/study.yaml`, derivedProblems);
  const derived = applyDerived(loaded.derived, inputs.rows, inputs.columns);
  checkStudy(loaded, derived.columns);
  const pub = new PublishedIndex(inputs.published);
  const registry: Registry = new Map();
  const indexOf = new Map(derived.rows.map((r, i) => [r, i]));
  const idColumn = inputs.idColumn;
  let seedCounter = 0;
  const seed = opts.seed ?? study.seed;
  const nBoot = opts.bootstrapReplicates ?? study.bootstrapReplicates;
  const outputs = new Map<string, AnalysisOutput>();
  const earlier = new Map<string, { kind: string; spec: unknown }>();
  const ctx: KindContext = {
    file: '',
    data: derived.rows,
    columns: derived.columns,
    subgroups: loaded.subgroups,
    earlier,
    conv: preset.conventions,
    alpha: study.alpha,
    nBoot,
    // one reproducible stream per bootstrap, in analysis order
    nextSeed: () => ((seed + ++seedCounter * 7919) % 0xfffffffe) + 1,
    cells: cellFactory(pub, registry),
    published: pub,
    rowId: (r) =>
      idColumn && r[idColumn] !== null && r[idColumn] !== undefined
        ? String(r[idColumn])
        : `row ${(indexOf.get(r) ?? -1) + 1}`,
    sensitivity: [],
    exclusions: [],
    deferred: [],
    outputs,
  };
  const tables: TableResult[] = [];
  const pool =
    opts.pool ??
    new OptimismPool({
      threads: opts.threads ?? 0,
      onProgress: (done, total) => opts.progress?.('optimism bootstrap', done, total),
    });
  for (const a of loaded.analyses) {
    const kind = KINDS.get(a.kind);
    if (!kind) throw new SpecError(a.file, [`kind: unknown kind "${a.kind}"`]);
    let out: AnalysisOutput;
    try {
      out = kind.run(a.spec as never, { ...ctx, file: a.file });
    } catch (error) {
      pool.cancel(); // the bootstraps already submitted are not wanted any more
      if (error instanceof SpecError) throw error;
      throw new AnalysisError(a.id, error as Error);
    }
    outputs.set(a.id, out);
    earlier.set(a.id, { kind: a.kind, spec: a.spec });
    tables.push(out.table);
    opts.onTable?.(out.table);
    // a model's bootstrap starts now on a worker, while the later analyses run here
    for (let i = pool.size; i < ctx.deferred.length; i++) pool.submit(ctx.deferred[i].job);
  }
  let finished: Promise<StudyResult> | undefined;
  return { finish: () => (finished ??= finish()), cancel: () => pool.cancel() };

  /** Waits for the optimism bootstraps, fills them in, adds the echoes of the text and abstract, sums up. */
  async function finish(): Promise<StudyResult> {
    finishOptimism(ctx, nBoot, await pool.all());
    const echoes = runEchoes(pub, registry);
    if (echoes) tables.push(echoes);
    const publishedTables = new Set(inputs.published.map((p) => p.location.table));
    const base: Omit<StudyResult, 'findings'> = {
      generator: { name: 'restudy', version: VERSION },
      study: { id: loaded.id, title: study.title, citation: study.citation ?? '' },
      framing: inputs.published.length ? 'reproduction' : 'analysis',
      synthetic: Boolean(inputs.synthetic),
      ...(inputs.synthetic ? { syntheticNote: inputs.synthetic } : {}),
      preset: { name: preset.name, description: preset.description, conventions: { ...preset.conventions } },
      alpha: study.alpha,
      seed,
      bootstrapReplicates: nBoot,
      input: inputs.input,
      derived: loaded.derived.map((d) => ({ name: d.name, rule: describeDerived(d) })),
      derivedWarnings: derived.warnings,
      cohortWarnings: [...(inputs.cohortWarnings ?? [])],
      summary: summarise(tables),
      tables,
      sensitivity: ctx.sensitivity,
      unmatchedPublished: pub.unused(publishedTables),
      exclusions: ctx.exclusions,
    };
    return { ...base, findings: findingsOf(base) };
  }
}

/** Fills in the optimism-corrected AUCs (Harrell) of the model markers. */
function finishOptimism(ctx: KindContext, nBoot: number, results: readonly OptimismResult[]): void {
  ctx.deferred.forEach(({ variant }, i) => {
    const opt = results[i];
    variant.name =
      `optimism-corrected AUC (Harrell, ${nBoot} bootstrap refits` +
      `${opt.failed ? `, ${opt.failed} not converged` : ''})`;
    variant.value = opt.corrected;
    variant.display = `${fixed(opt.corrected, 3)} (optimism ${fixed(opt.optimism, 3)})`;
  });
}
