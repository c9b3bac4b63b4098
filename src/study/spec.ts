/**
 * The declarative analysis format: a study folder (`analyses/<study>/`) holds `study.yaml` (groups, subgroups,
 * convention presets, the list of analyses) and one YAML file per table or figure. Everything here is data,
 * validated with zod; a new study is a new folder, not new code.
 *
 * Vocabulary (used in the YAML files, so a biostatistician can read them without TypeScript):
 * - `subgroup`: a named row filter declared in study.yaml (`all`, `mass`, `nme_related`).
 * - `test: auto-categorical`: Pearson χ² unless an expected count is below `fisherWhenExpectedBelow`, then
 *   Fisher's exact test (the rule and the choice are printed beside every p).
 * - `test: auto-continuous`: Shapiro–Wilk in every group; all p ≥ `normalityAlpha` → one-way ANOVA, else
 *   Kruskal–Wallis (the choice and the Shapiro–Wilk p's are printed).
 * - `pairwise`: p¹ and p² as declared in study.yaml `comparisons`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case identifier (letters, digits, _)');

/** Conventions that differ between SPSS and R; a preset names one complete set. */
export const conventionsSchema = z.strictObject({
  /** Yates' continuity correction on 2×2 χ² tables (R chisq.test default true; SPSS Pearson row false). */
  yates: z.boolean(),
  /** Fisher's exact test replaces Pearson χ² when any expected count is below this (Cochran's rule: 5). */
  fisherWhenExpectedBelow: z.number().nonnegative(),
  /** Hyndman–Fan quantile type for medians/IQRs (6 = SPSS HAVERAGE, 7 = R default). */
  quantileType: z.union([z.literal(6), z.literal(7)]),
  /** Odds-ratio confidence interval: Wald (SPSS) or profile likelihood (R confint). */
  orCi: z.enum(['wald', 'profile']),
  /** Pairwise comparisons after a significant Kruskal–Wallis. */
  pairwiseAfterKruskal: z.strictObject({ method: z.literal('dunn'), adjust: z.enum(['bonferroni', 'holm', 'none']) }),
  /** Pairwise comparisons of categorical rows (2 × k sub-tables, same χ²/Fisher rule). */
  pairwiseCategoricalAdjust: z.enum(['none', 'bonferroni']),
  /** Show pairwise p's only when the omnibus p < alpha ("NA" otherwise, as the paper prints). */
  pairwiseOnlyWhenOmnibusSignificant: z.boolean(),
  /** Shapiro–Wilk level for the ANOVA / Kruskal–Wallis choice. */
  normalityAlpha: z.number().gt(0).lt(1),
  /** AUC confidence interval method. */
  aucCi: z.enum(['delong', 'bootstrap']),
  /** Unweighted or weighted Cohen's kappa for reader agreement. */
  kappaWeights: z.enum(['none', 'linear', 'quadratic']),
  /** ICC form (McGraw & Wong): model, type, unit. */
  icc: z.strictObject({
    model: z.enum(['oneway', 'twoway-random', 'twoway-mixed']),
    type: z.enum(['consistency', 'agreement']),
    unit: z.enum(['single', 'average']),
  }),
});
export type Conventions = z.infer<typeof conventionsSchema>;

const levelSchema = z.strictObject({ code: z.string().min(1), label: z.string().min(1) });

const subgroupSchema = z.strictObject({
  label: z.string(),
  /** column → allowed level codes; omitted = every row. */
  where: z.record(z.string(), z.array(z.string()).min(1)).optional(),
});

const comparisonSchema = z.strictObject({ a: z.string(), b: z.string(), label: z.string() });

export const studySchema = z.strictObject({
  id: identifier,
  title: z.string(),
  citation: z.string(),
  /** Paths relative to the repository root (the working directory of `restudy run`). */
  data: z.strictObject({ codebook: z.string(), cohort: z.string(), published: z.string().optional() }),
  group: z.strictObject({ variable: z.string(), label: z.string(), levels: z.array(levelSchema).min(2) }),
  comparisons: z.record(identifier, comparisonSchema),
  subgroups: z.record(identifier, subgroupSchema),
  alpha: z.number().gt(0).lt(1),
  seed: z.number().int().positive(),
  bootstrapReplicates: z.number().int().positive(),
  defaultPreset: identifier,
  presets: z.record(identifier, z.strictObject({ description: z.string(), conventions: conventionsSchema })),
  analyses: z.array(z.string().regex(/\.ya?ml$/)).min(1),
});
export type StudySpec = z.infer<typeof studySchema>;

const summaryKind = z.enum(['mean_sd', 'median_iqr', 'count_percent']);
const testKind = z.enum(['auto-categorical', 'auto-continuous', 'chisq', 'fisher', 'kruskal', 'anova', 'none']);

const rowSchema = z.strictObject({
  variable: z.string(),
  label: z.string(),
  /** For categorical rows: the levels shown, in order (default: every codebook level). */
  levels: z.array(z.string()).optional(),
  levelLabels: z.record(z.string(), z.string()).optional(),
  summary: summaryKind,
  test: testKind,
  /** Overrides the table's subgroup for this row (e.g. mass_shape on mass lesions). */
  subgroup: identifier.optional(),
  /** Decimal places of the summary (means, SDs, medians). */
  digits: z.number().int().min(0).max(6).optional(),
  /** The published row key when it differs from `variable` (`lesion_type` → `lesion_class`). */
  publishedRow: z.string().optional(),
  /** Unit shown in the label (informative). */
  unit: z.string().optional(),
});
export type RowSpec = z.infer<typeof rowSchema>;

const sectionSchema = z.strictObject({ section: z.string() });

export const groupComparisonSchema = z.strictObject({
  id: identifier,
  kind: z.literal('group-comparison'),
  title: z.string(),
  caption: z.string().optional(),
  /** Key of this table in the published numbers (`table1`, `tableS3`, …). */
  published: z.string(),
  subgroup: identifier,
  showTotal: z.boolean().default(false),
  /** Reuse the rows of another group-comparison analysis (Tables S3/S4 repeat Table 3). */
  rowsFrom: identifier.optional(),
  rows: z.array(z.union([rowSchema, sectionSchema])).optional(),
});
export type GroupComparisonSpec = z.infer<typeof groupComparisonSchema>;

export const violinSchema = z.strictObject({
  id: identifier,
  kind: z.literal('violin'),
  title: z.string(),
  caption: z.string().optional(),
  /** The group-comparison analysis whose rows and p's are drawn. */
  source: identifier,
  /** `significant`: rows whose omnibus p < alpha; or an explicit list of variables. */
  select: z.union([z.literal('significant'), z.array(z.string())]),
  stars: z.strictObject({ thresholds: z.array(z.number()).length(3), notSignificant: z.string() }),
});
export type ViolinSpec = z.infer<typeof violinSchema>;

const contrastSchema = z.strictObject({ id: identifier, label: z.string(), positive: z.string(), negative: z.string() });

export const logisticSchema = z.strictObject({
  id: identifier,
  kind: z.literal('logistic-screening'),
  title: z.string(),
  caption: z.string().optional(),
  published: z.string(),
  subgroup: identifier,
  contrasts: z.array(contrastSchema).min(1),
  candidates: z.array(z.strictObject({ variable: z.string(), label: z.string(), reference: z.string() })).min(1),
  screening: z.strictObject({ test: z.literal('auto-categorical'), threshold: z.number().gt(0).lt(1) }),
  /** Events per variable below this are flagged (Peduzzi et al. 1996: 10). */
  minEventsPerVariable: z.number().positive(),
});
export type LogisticSpec = z.infer<typeof logisticSchema>;

export const rocSchema = z.strictObject({
  id: identifier,
  kind: z.literal('roc'),
  title: z.string(),
  caption: z.string().optional(),
  published: z.string(),
  subgroup: identifier,
  /** The positive class (cases) and the negative class (controls): the same in every row. */
  positive: z.string(),
  negative: z.string(),
  features: z.array(z.strictObject({
    variable: z.string(),
    label: z.string(),
    /** pROC direction: '<' controls below cases, '>' controls above cases. */
    direction: z.enum(['<', '>']),
    why: z.string(),
  })).min(1),
  combined: z.array(z.strictObject({ id: identifier, label: z.string(), variables: z.array(z.string()).min(1) })),
  delong: z.strictObject({ reference: identifier, against: z.array(identifier) }).optional(),
  /** Harrell's optimism-corrected AUC for the combined models (seeded bootstrap, study.bootstrapReplicates). */
  optimismCorrection: z.boolean().default(true),
  cutoffDigits: z.number().int().min(0).max(6).default(3),
});
export type RocSpec = z.infer<typeof rocSchema>;

export const agreementSchema = z.strictObject({
  id: identifier,
  kind: z.literal('agreement'),
  title: z.string(),
  caption: z.string().optional(),
  published: z.string(),
  /** Reader columns are `<variable><suffix>` for each suffix. */
  readerSuffixes: z.array(z.string()).length(2),
  kappa: z.array(z.strictObject({ variable: z.string(), label: z.string() })),
  icc: z.array(z.strictObject({ id: identifier, label: z.string(), variables: z.array(z.string()).min(1) })),
});
export type AgreementSpec = z.infer<typeof agreementSchema>;

export const analysisSchema = z.discriminatedUnion('kind', [groupComparisonSchema, violinSchema, logisticSchema, rocSchema, agreementSchema]);
export type AnalysisSpec = z.infer<typeof analysisSchema>;

/** A study folder, loaded and validated. */
export interface LoadedStudy {
  dir: string;
  study: StudySpec;
  analyses: AnalysisSpec[];
}

/** A spec file that is not valid: names the file and every problem. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: invalid analysis spec\n  ${problems.join('\n  ')}`);
  }
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) throw new SpecError(file, ['file not found']);
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpecError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new SpecError(file, parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

/**
 * Loads `study.yaml` and every analysis it lists, validates them, and checks cross-references
 * (subgroups, presets, group levels, comparisons, `rowsFrom`/`source`), so a typo fails here, with the file named.
 */
export function loadStudy(dir: string): LoadedStudy {
  const root = resolve(dir);
  const studyFile = join(root, 'study.yaml');
  const study = check(studySchema, readYaml(studyFile), studyFile);
  const problems: string[] = [];
  if (!study.presets[study.defaultPreset]) problems.push(`defaultPreset: no preset named "${study.defaultPreset}"`);
  const levelCodes = new Set(study.group.levels.map((l) => l.code));
  for (const [id, c] of Object.entries(study.comparisons)) {
    for (const side of [c.a, c.b]) if (!levelCodes.has(side)) problems.push(`comparisons.${id}: "${side}" is not a level of ${study.group.variable}`);
  }
  if (problems.length) throw new SpecError(studyFile, problems);

  const analyses: AnalysisSpec[] = [];
  for (const rel of study.analyses) {
    const file = join(root, rel);
    const a = check(analysisSchema, readYaml(file), file);
    const p: string[] = [];
    const ids = new Set(analyses.map((x) => x.id));
    if (ids.has(a.id)) p.push(`id: "${a.id}" is used by an earlier analysis`);
    const subgroupOk = (s: string, where: string): void => {
      if (!study.subgroups[s]) p.push(`${where}: no subgroup "${s}" in study.yaml (have ${Object.keys(study.subgroups).join(', ')})`);
    };
    const levelOk = (l: string, where: string): void => {
      if (!levelCodes.has(l)) p.push(`${where}: "${l}" is not a level of ${study.group.variable}`);
    };
    if (a.kind === 'group-comparison') {
      subgroupOk(a.subgroup, 'subgroup');
      if (!a.rows && !a.rowsFrom) p.push('rows: give rows or rowsFrom');
      if (a.rowsFrom) {
        const src = analyses.find((x) => x.id === a.rowsFrom);
        if (!src || src.kind !== 'group-comparison') p.push(`rowsFrom: "${a.rowsFrom}" is not an earlier group-comparison analysis`);
      }
      (a.rows ?? []).forEach((r, i) => {
        if ('variable' in r && r.subgroup) subgroupOk(r.subgroup, `rows.${i}.subgroup`);
        if ('variable' in r && r.summary === 'count_percent' && (r.test === 'anova' || r.test === 'kruskal' || r.test === 'auto-continuous')) {
          p.push(`rows.${i}.test: ${r.test} does not apply to a categorical row`);
        }
      });
    } else if (a.kind === 'violin') {
      const src = analyses.find((x) => x.id === a.source);
      if (!src || src.kind !== 'group-comparison') p.push(`source: "${a.source}" is not an earlier group-comparison analysis`);
    } else if (a.kind === 'logistic-screening') {
      subgroupOk(a.subgroup, 'subgroup');
      a.contrasts.forEach((c, i) => {
        levelOk(c.positive, `contrasts.${i}.positive`);
        levelOk(c.negative, `contrasts.${i}.negative`);
      });
    } else if (a.kind === 'roc') {
      subgroupOk(a.subgroup, 'subgroup');
      levelOk(a.positive, 'positive');
      levelOk(a.negative, 'negative');
      const modelIds = new Set(a.combined.map((c) => c.id));
      if (a.delong) {
        for (const m of [a.delong.reference, ...a.delong.against]) if (!modelIds.has(m)) p.push(`delong: "${m}" is not a combined model`);
      }
    }
    if (p.length) throw new SpecError(file, p);
    analyses.push(a);
  }
  return { dir: root, study, analyses };
}

/** The rows of a group-comparison analysis, following `rowsFrom`. */
export function rowsOf(spec: GroupComparisonSpec, all: readonly AnalysisSpec[]): (RowSpec | { section: string })[] {
  if (spec.rows) return spec.rows;
  const src = all.find((x) => x.id === spec.rowsFrom);
  if (!src || src.kind !== 'group-comparison') throw new SpecError(spec.id, [`rowsFrom: "${spec.rowsFrom}" not found`]);
  return rowsOf(src, all);
}

export const studyDirOf = (file: string): string => dirname(resolve(file));
