/**
 * What every analysis kind is: a zod schema of its spec, a check against the cohort's columns (run for every
 * analysis before any is computed, so a typo stops the run before work starts) and a run that returns a typed
 * output. Browser-safe; the node runner (src/study/run.ts) supplies the context.
 */
import type { z } from 'zod';
import type { CellFactory } from '../cells.ts';
import type { Conventions } from '../conventions.ts';
import type { OptimismJob } from '../optimism.ts';
import type { Subgroup } from '../subgroups.ts';
import type { ColumnInfo, Exclusion, FigureResult, PublishedRef, Row, SensitivityRow, TableResult } from '../types.ts';
import type { SummaryTableResult } from './summaryTable.ts';

/** Printed numbers by location (an empty lookup when the study has none). */
export interface PublishedLookup {
  get(table: string, row: string, column: string): PublishedRef | null;
  has(table: string, row: string, column: string): boolean;
  /** Entries of these tables that no cell used. */
  unused(tables: ReadonlySet<string>): PublishedRef[];
}

/** Everything a check needs: the columns, the subgroups and the earlier analyses' specs. */
export interface CheckContext {
  columns: ReadonlyMap<string, ColumnInfo>;
  subgroups: ReadonlyMap<string, Subgroup>;
  earlier: ReadonlyMap<string, { kind: string; spec: unknown }>;
}

/** A ROC curve as data, for the roc-curves figure. */
export interface RocCurveOutput {
  id: string;
  label: string;
  auc: number;
  /** true for a model score, false for a column. */
  model: boolean;
  points: { fpr: number; tpr: number }[];
}

/** One odds ratio with its CI, for the forest figure. */
export interface ForestRow {
  group: string;
  label: string;
  or: number;
  lower: number;
  upper: number;
}

export interface AnalysisOutput {
  id: string;
  kind: string;
  table: TableResult;
  summary?: SummaryTableResult;
  curves?: {
    title: string;
    positiveLabel: string;
    negativeLabel: string;
    subgroupLabel: string;
    curves: RocCurveOutput[];
  };
  /** Fitted probabilities by model id (a roc marker `from:` a logistic-model analysis reads them). */
  scores?: ReadonlyMap<string, { rows: readonly Row[]; fitted: number[] }>;
  forest?: { title: string; rows: ForestRow[]; ciName: string };
}

export interface KindContext extends CheckContext {
  file: string;
  data: readonly Row[];
  conv: Conventions;
  alpha: number;
  nBoot: number;
  nextSeed: () => number;
  cells: CellFactory;
  published: PublishedLookup;
  rowId: (row: Row) => string;
  sensitivity: SensitivityRow[];
  exclusions: Exclusion[];
  /** Optimism bootstraps, computed after every analysis (on worker threads when allowed). */
  deferred: { job: OptimismJob; variant: SensitivityRow['variants'][number] }[];
  outputs: ReadonlyMap<string, AnalysisOutput>;
}

export interface Kind<Spec> {
  schema: z.ZodType<Spec>;
  /** Ids of earlier analyses this one reads (`source`, `rowsFrom`, a roc marker's `from`). */
  sources: (spec: Spec) => string[];
  check: (spec: Spec, ctx: CheckContext) => string[];
  run: (spec: Spec, ctx: KindContext) => AnalysisOutput;
}

/** A figure with its typed data; src/report turns it into a vega-lite spec. */
export type Figure = FigureResult;
