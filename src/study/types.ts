/**
 * What `runStudy` returns: every reproduced number with its method and conventions, beside the printed
 * number it maps to and a status. Plain JSON (results.json is this object, serialised).
 */

/** A cohort cell: codes and text as strings, numbers as numbers, missing as null. */
export type Value = string | number | null;
export type Row = Record<string, Value>;

/** What an analysis needs to know about a column (from the codebook, or from the page's own inference). */
export interface ColumnInfo {
  name: string;
  label: string;
  type: 'categorical' | 'numeric' | 'text';
  /** Categorical levels in display order. */
  levels?: readonly { code: string; label: string }[];
  unit?: string;
}

/** Rows left out of one analysis because a value it needs is missing. */
export interface Exclusion {
  table: string;
  variable: string;
  patientIds: string[];
}

/** agrees: inside the printed rounding interval (or both "NA"); differs; not-printed: the paper has no such cell. */
export type Status = 'agrees' | 'differs' | 'not-printed';

/** A printed number, as the published-numbers loader gives it (only the fields the report needs). */
export interface PublishedRef {
  id: string;
  printed: string;
  value: number | null;
  interval: [number, number] | null;
  bound?: 'upper' | 'lower';
  kind?: string;
  reconstructed?: boolean;
  note?: string;
}

export type ConventionValue = string | number | boolean;

/** One reproduced number at one published location `{table, row, column}`. */
export interface Cell {
  table: string;
  row: string;
  column: string;
  /** The reproduced value (full precision), null where the rule prints "NA". */
  value: number | null;
  /** As the paper would print it ("13", "21.7", "< 0.001", "NA"). */
  display: string;
  /** What was computed, in words ("Pearson χ², 2 × 3 table, no continuity correction"). */
  method?: string;
  conventions?: Record<string, ConventionValue>;
  published: PublishedRef | null;
  status: Status;
  note?: string;
}

/** A display cell of a table: one string, made of one or more numeric cells ("13/60 (21.7%)" = count + percent). */
export interface DisplayCell {
  text: string;
  parts: Cell[];
  /** Short method tag shown in the table (χ², Fisher, KW, Dunn, ANOVA, DeLong …). */
  tag?: string;
}

export interface TableRow {
  key: string;
  label: string;
  /** 0 = variable, 1 = level under a variable (or a term of a model), 2 = level under a term; sections are headings. */
  level: 0 | 1 | 2;
  section?: boolean;
  cells: Record<string, DisplayCell>;
}

export interface TableColumn {
  key: string;
  label: string;
}

/** One violin/box panel: the values of each group and the brackets of the pairwise p's. */
export interface ViolinPanel {
  variable: string;
  label: string;
  /** One entry per group, in display order. */
  groups: { code: string; label: string; values: number[] }[];
  /** Omnibus p (display string), e.g. "0.003", and the test that gave it. */
  pDisplay: string;
  test?: string;
  /** Brackets: group indexes compared and the star text ("**", "NS"). */
  brackets: { from: number; to: number; text: string }[];
}

export interface RocCurveData {
  id: string;
  label: string;
  auc: number;
  points: { fpr: number; tpr: number }[];
}

/** What a figure draws, as typed data; src/report turns it into a vega-lite spec. */
export type FigureData =
  | { kind: 'violin' | 'box'; panels: ViolinPanel[]; columns: number }
  | { kind: 'roc-curves'; panels: { title: string; curves: RocCurveData[] }[] }
  | {
      kind: 'forest';
      rows: { group: string; label: string; or: number; lower: number; upper: number }[];
      ciName: string;
    };

export interface FigureResult {
  id: string;
  title: string;
  caption: string;
  data: FigureData;
  /** Filled by src/report (figureSpecs): the vega-lite spec, kept in results.json so the figure can be re-rendered. */
  vegaLite?: Record<string, unknown>;
  /** Filled by the report builder (SVG, ids made unique and deterministic). */
  svg?: string;
}

export interface ScreeningStep {
  contrast: string;
  variable: string;
  label: string;
  p: number | null;
  test: string;
  entered: boolean;
  reason: string;
}

export interface TableResult {
  id: string;
  kind: string;
  title: string;
  caption?: string;
  publishedTable: string;
  subgroup: { id: string; label: string };
  /** Group sizes in the analysed subgroup. */
  n: Record<string, number>;
  columns: TableColumn[];
  rows: TableRow[];
  /** Method notes shown under the table (the rules applied, the conventions). */
  notes: string[];
  warnings: string[];
  trace?: ScreeningStep[];
  figures: FigureResult[];
}

/** One conclusion under several conventions; `flips` when the α-decision is not the same under all. */
export interface SensitivityRow {
  /** Which convention is varied ("χ² correction / exact test", "quantile type", …). */
  check: string;
  table: string;
  row: string;
  label: string;
  quantity: string;
  /** e.g. "p < 0.05", "95% CI excludes 1", or "" for a descriptive quantity (no decision). */
  decision: string;
  variants: { name: string; value: number | null; display: string; decision: boolean | null }[];
  flips: boolean;
}

export interface TableSummary {
  table: string;
  title: string;
  agrees: number;
  differs: number;
  notPrinted: number;
}

/** What a run found, as typed fields: the CLI and the page print these same numbers. */
export interface Findings {
  /** Sensitivity rows with an α-decision, and how many of them change with the conventions. */
  conclusions: number;
  conclusionsThatFlip: number;
  /** Reproduced numbers against the printed ones (all not-printed for an analysis without printed numbers). */
  numbers: { agrees: number; differs: number; notPrinted: number };
  /** Every table's warnings (degenerate rows, separation, …), by table id. */
  warnings: { table: string; message: string }[];
  /** Rows left out of some analysis for a missing value (counted once per analysis and variable). */
  excludedRows: number;
}

export interface StudyResult {
  generator: { name: 'restudy'; version: string };
  study: { id: string; title: string; citation: string };
  /** `reproduction` when printed numbers are compared, `analysis` when there are none. */
  framing: 'analysis' | 'reproduction';
  /** The cohort's sidecar (`<cohort>.meta.json`) says it is synthetic; the page opens with a banner. */
  synthetic: boolean;
  syntheticNote?: string;
  /** Derived columns and their rules; warnings of their computation. */
  derived: { name: string; rule: string }[];
  derivedWarnings: string[];
  /** What reading the cohort found but did not stop for (a column not in the codebook ignored, a BOM, …). */
  cohortWarnings: string[];
  findings: Findings;
  preset: { name: string; description: string; conventions: Record<string, unknown> };
  alpha: number;
  seed: number;
  bootstrapReplicates: number;
  input: {
    cohort: string;
    cohortSha256: string;
    rows: number;
    codebook: string;
    published: string | null;
    publishedCount: number;
  };
  summary: TableSummary[];
  tables: TableResult[];
  sensitivity: SensitivityRow[];
  /** Printed numbers no analysis mapped to (so nothing printed is silently ignored). */
  unmatchedPublished: PublishedRef[];
  /** Rows dropped from an analysis, by patient id (missing values). */
  exclusions: Exclusion[];
}
