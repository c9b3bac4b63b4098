import type { AuditCheck } from '../types.ts';

/**
 * One line of a document as the readers give it: its text and where it sits. `page` is 1-based and
 * only set for paginated documents (PDF); `line` is 1-based within the page (or the document).
 */
export interface ProseLine {
  readonly text: string;
  readonly page?: number;
  readonly line: number;
}

/** Where a result was read: page (when known), line and 1-based column of its first character. */
export interface ProseLocation {
  readonly page?: number;
  readonly line: number;
  readonly column: number;
}

/** The test statistics read from prose; `chisq` covers χ², G², Δχ² and Q / Qw / Qb (χ² reference). */
export type ProseTestKind = 't' | 'F' | 'r' | 'chisq' | 'z' | 'Q';

/** A relation as printed before a statistic or a p-value. */
export type Relation = '=' | '<' | '>' | '<=' | '>=';

/** A test statistic with its p, as read (values still as printed; intervals are made by the check). */
export interface ProseTest {
  readonly test: ProseTestKind;
  /** the label as printed: "χ2", "chi-square", "G2", "Qw", "Z", … */
  readonly label: string;
  readonly df1?: number;
  readonly df2?: number;
  /** "N = 81" / "n = 81" inside χ²'s parentheses */
  readonly sampleSize?: number;
  readonly statisticRelation: Relation;
  /** the statistic as printed, after Unicode minus and thousands separators are resolved ("1224.08") */
  readonly statistic: string;
  /** null when the paper printed "ns" in place of a p */
  readonly pRelation: Relation | null;
  /** the p as printed, normalised to a dot decimal (".5e-3", "0.03"); null for "ns" */
  readonly p: string | null;
  /** the p exactly as printed (".02", "0,045", "ns") */
  readonly pPrinted: string;
  /** notes on how the text was read (letter l read as 1, decimal comma, z with a df, …) */
  readonly readingNotes: readonly string[];
}

/** Everything the prose extractor recognises. */
export type ProseResultKind = 'test' | 'odds-ratio' | 'auc' | 'percent' | 'descriptives';

/** One result read from prose, with where it was read and the text as printed. */
export interface ProseResult {
  readonly kind: ProseResultKind;
  readonly location: ProseLocation;
  /** the matched text exactly as printed (before any normalisation) */
  readonly text: string;
  /** the printed parts by name (or, lower, upper, p, auc, count, n, percent, mean, sd, …) */
  readonly fields: Readonly<Record<string, string>>;
  /** set for kind 'test' */
  readonly test?: ProseTest;
}

/**
 * statcheck's two error classes, kept apart: an `error` is a p that the printed statistic cannot give;
 * a `decision-error` is an error whose recomputed p falls on the other side of α than the printed one.
 */
export type ProseErrorClass = 'error' | 'decision-error';

/** An audit finding from prose: an `AuditCheck` (location table 'text') plus where it was read. */
export interface ProseCheck extends AuditCheck {
  readonly source: ProseLocation & { readonly text: string };
  /** only on inconsistent `reported-test` findings */
  readonly errorClass?: ProseErrorClass;
  /** for t, z and r when one-tailed readings apply: which reading(s) fit the printed p */
  readonly readings?: { readonly twoTailed: boolean; readonly oneTailed?: boolean };
}

/** What `auditProse` returns. */
export interface ProseAudit {
  /** every result read, in reading order (page, line, column) */
  readonly results: readonly ProseResult[];
  /** one check per result (in the same order), ids unique */
  readonly checks: readonly ProseCheck[];
  /** where the text says one-tailed / one-sided / directional */
  readonly oneTailedMentions: readonly ProseLocation[];
  readonly summary: {
    readonly read: number;
    readonly consistent: number;
    readonly errors: number;
    readonly decisionErrors: number;
    readonly other: number;
  };
}
