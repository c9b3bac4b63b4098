import type { PublishedLocation } from '../data/published/types.ts';

/**
 * - consistent: some values inside the rounding intervals of the inputs reproduce the printed result;
 * - inconsistent: no values inside the intervals do (a printed number is wrong, or the stated method
 *   was not the one used);
 * - implausible: arithmetically possible but far from what the printed summaries imply (lower
 *   severity; e.g. a Kruskal–Wallis p vs the ANOVA p of the printed means and SDs);
 * - not-checkable: the inputs needed are missing or NA.
 */
export type AuditStatus = 'consistent' | 'inconsistent' | 'implausible' | 'not-checkable';

export type AuditKind =
  | 'count-sum'
  | 'percent'
  | 'total'
  | 'pooled-mean-sd'
  | 'grim'
  | 'grimmer'
  | 'contingency-p'
  | 'pairwise-p'
  | 'odds-ratio'
  | 'auc-ci'
  | 'auc-granularity'
  | 'sens-spec'
  | 'positive-class'
  | 'roc-point'
  | 'summary-vs-test'
  | 'pairwise-vs-omnibus'
  | 'p-range'
  | 'restatement'
  | 'sum-claim'
  | 'range-claim'
  | 'delong-p'
  | 'direction'
  | 'reported-test';

/** The outcome of one pure check function, before the runner gives it an id and a location. */
export interface CheckOutcome {
  readonly status: AuditStatus;
  /** the printed number(s) the check is about, as printed */
  readonly reported: string;
  /** what the printed inputs imply (a value, a range, the conventions that reproduce it) */
  readonly recomputed: string | null;
  readonly message: string;
  /** the arithmetic, line by line, so a reviewer can paste it */
  readonly arithmetic: readonly string[];
  /** 'low' marks plausibility checks whose failure is a question, not an error */
  readonly severity: 'high' | 'low';
}

/** One finding of `restudy audit`. */
export interface AuditCheck extends CheckOutcome {
  /** `<kind>:<location id>` (plus a suffix when one location has several checks of a kind) */
  readonly id: string;
  readonly kind: AuditKind;
  readonly location: PublishedLocation;
  /** ids of the published numbers the check used */
  readonly inputs: readonly string[];
}

/** A closed interval [lo, hi] of values that print as a given number. */
export type Interval = readonly [number, number];
