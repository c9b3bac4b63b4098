/**
 * Types of the published-numbers format: every number a paper prints that restudy can recompute or
 * check, with its printed text verbatim, its parsed value and the interval of values that round to it.
 * The JSON form is specified by `data/schema/published.schema.json` (JSON Schema 2020-12).
 */

/** Where a number is printed. `text` is the body (results section), `abstract` the abstract. */
export const PUBLISHED_TABLES = [
  'table1',
  'table2',
  'table3',
  'table4',
  'table5',
  'table6',
  'tableS1',
  'tableS2',
  'tableS3',
  'tableS4',
  'tableS5',
  'tableS6',
  'text',
  'abstract',
] as const;
/**
 * Any table a paper numbers: `table<N>` or a lettered series (`tableS2` supplementary, `tableA1`
 * appendix, `tableE3` an eTable), N ≤ 999; `text` (the body) and `abstract`. PUBLISHED_TABLES lists
 * the common ones.
 */
export const PUBLISHED_TABLE_PATTERN = /^(?:table[A-Z]?[1-9][0-9]{0,2}|text|abstract)$/;
export type PublishedTable = 'text' | 'abstract' | `table${string}`;

/**
 * What a number is. The kind also says which part of a compound cell it is: for "13/60 (21.7%)" the
 * entry of kind `count` holds 13 and the entry of kind `percent` holds 21.7; for "0.543–0.794" the
 * entries of kind `ci_lower` / `ci_upper` hold the two ends.
 */
export const PUBLISHED_KINDS = [
  'n', // a group size (exact integer)
  'count', // a count k of "k/n (x%)" or "k (x%)" (exact integer)
  'percent', // a percentage (0–100), e.g. 21.7 of "13/60 (21.7%)", or 95.12 printed in a "Sensitivity%" column
  'mean',
  'sd', // "47.87 ± 10.40"
  'median',
  'q1',
  'q3', // "40.00 (31.00, 53.75)"
  'p', // a p-value
  'statistic',
  'df', // a test statistic and its degrees of freedom
  'auc',
  'or',
  'kappa',
  'icc',
  'cutoff',
  'estimate', // point estimates
  'ci_lower',
  'ci_upper', // ends of a confidence interval
  'range_min',
  'range_max', // ends of a printed range ("kappa ranged from 0.820 to 0.957")
] as const;
export type PublishedKind = (typeof PUBLISHED_KINDS)[number];

export interface PublishedLocation {
  readonly table: PublishedTable;
  /** Cohort variable, `<column>` or `<column>:<level>`; comparisons prefix it (`low_vs_zero:mass_shape:irregular`). */
  readonly row: string;
  /** 'total' | 'zero' | 'low' | 'over' | 'p' | 'p1' | 'p2' | 'auc' | 'auc_ci_lower' | 'zero_pct' | 'zero_mean' | … */
  readonly column: string;
}

/** One printed number. */
export interface PublishedNumber {
  /** `<table>/<row>/<column>`, unique within a study. */
  readonly id: string;
  readonly location: PublishedLocation;
  /** The printed cell (or phrase) verbatim, e.g. "50/91 (54.9%)", "< 0.001", "0.970". */
  readonly printed: string;
  /** The parsed value of the part of `printed` this entry stands for; null for "NA". */
  readonly value: number | null;
  /**
   * Values that print as `printed`: [value − ½ unit of the last digit, value + ½ unit], clipped to
   * the kind's domain (p in [0, 1], percent in [0, 100], …). Round-half-up makes the upper end open;
   * audits treat both ends as attainable (half-even rounding and binary floats can land on either).
   * Exact integers (counts, n) have lo = hi. For "< 0.001": [0, 0.001] with `bound: 'upper'`.
   */
  readonly interval: readonly [number, number] | null;
  /** Set when the printed text is an inequality: 'upper' for "< x", 'lower' for "> x". */
  readonly bound?: 'upper' | 'lower';
  readonly kind: PublishedKind;
  /** The denominator printed in the cell ("50/91") or, for percentages, the n they refer to. */
  readonly denominator?: number;
  /** Not legible in the source; reconstructed by the transcriber (treat as uncertain). */
  readonly reconstructed?: boolean;
  /** Where in the paper, when not a table: "section 3.2", "abstract". */
  readonly printedIn?: string;
  /**
   * A claim of direction attached to a restated pairwise p: the first group of the comparison is
   * lower/higher than the second (checked against the referenced table's means or medians).
   */
  readonly direction?: 'lower' | 'higher';
  /**
   * Ids of the numbers this one restates or summarises: the table cell an abstract number repeats
   * (they must agree), the cells a printed range spans, the two AUCs a DeLong p compares.
   */
  readonly refersTo?: readonly string[];
  readonly note?: string;
}

/** Study-level facts a file's numbers refer to (group sizes, subset). */
export interface PublishedContext {
  /** Group name → n for the numbers of this file (e.g. { zero: 60, low: 91, over: 81 }). */
  readonly groups?: Readonly<Record<string, number>>;
  /** The subset the numbers are computed in, as a cohort filter, e.g. "lesion_class:nme_related". */
  readonly subset?: string;
  /** For two-class diagnostic tables: the two classes compared (order: as the paper names them). */
  readonly comparison?: readonly [string, string];
  /** Pairwise p columns → the two groups compared, e.g. { p1: ['low', 'zero'], p2: ['low', 'over'] }. */
  readonly comparisons?: Readonly<Record<string, readonly [string, string]>>;
  /** Rows whose raw data are integers (age in years), for GRIM/GRIMMER. */
  readonly integerRows?: readonly string[];
  readonly note?: string;
}

/** One JSON file of the published-numbers format. */
export interface PublishedFile {
  /** The file path it was read from (set by the loader). */
  readonly file: string;
  readonly study: string;
  readonly source: {
    readonly citation: string;
    readonly doi?: string;
    readonly transcribedBy?: string;
    readonly transcribedOn?: string;
  };
  readonly title?: string;
  readonly context?: PublishedContext;
  readonly numbers: readonly PublishedNumber[];
}
