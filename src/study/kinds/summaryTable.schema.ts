/**
 * The `summary-table` spec (analyses/README.md): rows of variables summarised by the groups of one grouping
 * column, with a test by name. Rows are parsed one by one (not a zod union) so that every problem names its
 * field (`rows.3.test: unknown test "mannwhitney"; allowed: auto, chisq, …`). Browser-safe.
 */
import { z } from 'zod';
import type { TableResult } from '../types.ts';
import { isTestName, TEST_NAMES, type TestName } from './_tests.ts';

export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an identifier (a letter, then letters, digits, _)');

/** The fields every table kind has: id, title, caption, published (its printed table), subgroup. */
export const tableFields = {
  id: identifier,
  title: z.string(),
  caption: z.string().optional(),
  /** Key of this table in the printed numbers; omit when nothing is printed. */
  published: z.string().optional(),
  subgroup: z.string().default('all'),
};

/** A table result: the spec's id, kind, title and caption, its printed-table key and subgroup, and the body. */
export function tableResult(
  spec: { id: string; kind: string; title: string; caption?: string; subgroup: string },
  head: { publishedTable: string; subgroupLabel: string },
  body: Pick<TableResult, 'n' | 'columns' | 'rows' | 'notes' | 'warnings'> &
    Partial<Pick<TableResult, 'trace' | 'figures'>>,
): TableResult {
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    ...(spec.caption ? { caption: spec.caption } : {}),
    publishedTable: head.publishedTable,
    subgroup: { id: spec.subgroup, label: head.subgroupLabel },
    ...body,
    figures: body.figures ?? [],
  };
}

export const SUMMARY_NAMES = ['n_percent', 'mean_sd', 'median_iqr', 'median_range'] as const;
export type SummaryName = (typeof SUMMARY_NAMES)[number];

const byObject = z.strictObject({
  variable: z.string().min(1),
  /** The groups shown, in order (default: every codebook level). */
  levels: z.array(z.string().min(1)).min(1).optional(),
  /** level → label, overriding the codebook's labels. */
  labels: z.record(z.string(), z.string()).optional(),
});
const bySchema = z.preprocess((v) => (typeof v === 'string' ? { variable: v } : v), byObject);

const pairObject = z.strictObject({
  id: identifier.optional(),
  a: z.string().min(1),
  b: z.string().min(1),
  label: z.string().optional(),
});
const pairSchema = z.preprocess((v) => (Array.isArray(v) && v.length === 2 ? { a: v[0], b: v[1] } : v), pairObject);

const pairwiseSchema = z.strictObject({
  /** none | all | a list of pairs ({ id, a, b, label } or [a, b]). */
  pairs: z.union([z.literal('none'), z.literal('all'), z.array(pairSchema).min(1)]),
  /** Overrides the preset's pairwiseAdjust and pairwiseCategoricalAdjust for this table. */
  adjust: z.enum(['holm', 'bonferroni', 'none']).optional(),
});

export const summaryTableSchema = z.strictObject({
  ...tableFields,
  kind: z.literal('summary-table'),
  by: bySchema.optional(),
  /** Show a Total column as well (default: only when there is no `by`). */
  total: z.boolean().optional(),
  pairwise: pairwiseSchema.optional(),
  /** Reuse the rows of an earlier summary table. */
  rowsFrom: identifier.optional(),
  /** Variables (a bare name), row objects, or `{ section: heading }`; checked item by item (parseRows). */
  rows: z.array(z.unknown()).min(1).optional(),
});
export type SummaryTableSpec = z.infer<typeof summaryTableSchema>;

const rowObject = z.strictObject({
  variable: z.string().min(1),
  label: z.string().optional(),
  summary: z.string().optional(),
  test: z.string().optional(),
  levels: z.array(z.string().min(1)).min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  digits: z.number().int().min(0).max(6).optional(),
  subgroup: z.string().optional(),
  /** The printed row key when it differs from `variable`. */
  published: z.string().optional(),
  unit: z.string().optional(),
});

/** One variable row, parsed. `index` is its position in `rows` (for error messages). */
export interface VariableRowSpec {
  index: number;
  variable: string;
  label?: string;
  summary?: SummaryName;
  test?: TestName;
  levels?: string[];
  labels?: Record<string, string>;
  digits?: number;
  subgroup?: string;
  published?: string;
  unit?: string;
}
export type RowItem = VariableRowSpec | { index: number; section: string };

const issues = (error: z.ZodError, prefix: string): string[] =>
  error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`);

/** Parses `rows` item by item; every problem names `rows.<i>.<field>`. */
export function parseRows(raw: readonly unknown[]): { rows: RowItem[]; problems: string[] } {
  const rows: RowItem[] = [];
  const problems: string[] = [];
  raw.forEach((item, index) => {
    if (typeof item === 'string') {
      rows.push({ index, variable: item });
      return;
    }
    if (item !== null && typeof item === 'object' && Object.hasOwn(item, 'section')) {
      const section = (item as { section: unknown }).section;
      const extra = Object.keys(item).filter((k) => k !== 'section');
      if (typeof section !== 'string' || extra.length)
        problems.push(`rows.${index}: a section is { section: <heading text> } only`);
      else rows.push({ index, section });
      return;
    }
    const parsed = rowObject.safeParse(item);
    if (!parsed.success) {
      problems.push(...issues(parsed.error, `rows.${index}`));
      return;
    }
    const r = parsed.data;
    if (r.test !== undefined && !isTestName(r.test)) {
      problems.push(`rows.${index}.test: unknown test "${r.test}"; allowed: ${TEST_NAMES.join(', ')}`);
      return;
    }
    if (r.summary !== undefined && !(SUMMARY_NAMES as readonly string[]).includes(r.summary)) {
      problems.push(`rows.${index}.summary: unknown summary "${r.summary}"; allowed: ${SUMMARY_NAMES.join(', ')}`);
      return;
    }
    rows.push({ ...r, index, summary: r.summary as SummaryName | undefined, test: r.test as TestName | undefined });
  });
  return { rows, problems };
}
