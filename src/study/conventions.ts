/**
 * Convention presets: the choices on which R and SPSS differ, as one typed object. Two presets are built in
 * (`r`, R's defaults; `spss`, SPSS's); a study's own preset starts from one of them and lists only what it
 * changes. Browser-safe (no `node:` imports). The language is documented in analyses/README.md.
 */
import { z } from 'zod';

const adjustSchema = z.enum(['holm', 'bonferroni', 'none']);
export type Adjust = z.infer<typeof adjustSchema>;

/** Every convention, complete (what an analysis reads). */
export const conventionsSchema = z.strictObject({
  /** Yates' continuity correction on 2×2 χ² tables (R chisq.test default true; SPSS Pearson row false). */
  yates: z.boolean(),
  /** `auto` uses Fisher's exact test when any expected count is below this (Cochran's rule: 5). */
  fisherWhenExpectedBelow: z.number().nonnegative(),
  /** Hyndman–Fan quantile type of medians and quartiles (6 = SPSS HAVERAGE, 7 = R default). */
  quantileType: z.number().int().min(1).max(9),
  /** Mann–Whitney: `auto` = R's wilcox.test rule (exact when both n < 50 and no ties). */
  mannWhitney: z.strictObject({ exact: z.enum(['auto', 'always', 'never']), correct: z.boolean() }),
  /** What `test: t` means: Welch (R t.test default) or Student (SPSS's first row). */
  tTest: z.enum(['welch', 'student']),
  /** Adjustment of pairwise p's of numeric rows (capped at 1). */
  pairwiseAdjust: adjustSchema,
  /** Adjustment of pairwise p's of categorical rows (2 × k sub-tables). */
  pairwiseCategoricalAdjust: adjustSchema,
  /** Pairwise p's print "NA" when the omnibus p ≥ alpha. */
  pairwiseOnlyWhenOmnibusSignificant: z.boolean(),
  /** Shapiro–Wilk level of the `auto` rule. */
  normalityAlpha: z.number().gt(0).lt(1),
  /** Odds-ratio confidence interval: Wald (SPSS) or profile likelihood (R confint). */
  orCi: z.enum(['wald', 'profile']),
  /** AUC confidence interval method. */
  aucCi: z.enum(['delong', 'bootstrap']),
  /** Unweighted or weighted Cohen's kappa. */
  kappaWeights: z.enum(['none', 'linear', 'quadratic']),
  /** ICC form (McGraw & Wong): model, type, unit. */
  icc: z.strictObject({
    model: z.enum(['oneway', 'twoway-random', 'twoway-mixed']),
    type: z.enum(['consistency', 'agreement']),
    unit: z.enum(['single', 'average']),
  }),
  /** The sensitivity panel runs exact tests (Fisher, exact Mann–Whitney) only up to this many rows. */
  exactUpTo: z.number().int().positive(),
});
export type Conventions = z.infer<typeof conventionsSchema>;

/** A study's preset: a built-in base and the conventions it changes. */
export const presetSchema = z.strictObject({
  base: z.enum(['r', 'spss']).default('r'),
  description: z.string().optional(),
  conventions: conventionsSchema.partial().default({}),
});
export type PresetSpec = z.infer<typeof presetSchema>;

export interface Preset {
  name: string;
  description: string;
  conventions: Conventions;
}

const R_DEFAULTS: Conventions = {
  yates: true,
  fisherWhenExpectedBelow: 5,
  quantileType: 7,
  mannWhitney: { exact: 'auto', correct: true },
  tTest: 'welch',
  pairwiseAdjust: 'holm',
  pairwiseCategoricalAdjust: 'holm',
  pairwiseOnlyWhenOmnibusSignificant: false,
  normalityAlpha: 0.05,
  orCi: 'profile',
  aucCi: 'delong',
  kappaWeights: 'none',
  icc: { model: 'twoway-random', type: 'agreement', unit: 'single' },
  exactUpTo: 5000,
};

const SPSS_DEFAULTS: Conventions = {
  ...R_DEFAULTS,
  yates: false,
  quantileType: 6,
  mannWhitney: { exact: 'never', correct: false },
  tTest: 'student',
  pairwiseAdjust: 'bonferroni',
  pairwiseCategoricalAdjust: 'none',
  pairwiseOnlyWhenOmnibusSignificant: true,
  orCi: 'wald',
};

/** The built-in presets, by name (a Map: lookups by user text never reach Object.prototype). */
export const BUILT_IN_PRESETS: ReadonlyMap<string, Preset> = new Map([
  [
    'r',
    {
      name: 'r',
      description:
        "R's defaults: chisq.test with Yates on 2 × 2, wilcox.test's exactness rule, Welch t, quantile type 7, " +
        'profile-likelihood CIs, Holm-adjusted pairwise p’s shown whatever the omnibus p.',
      conventions: R_DEFAULTS,
    },
  ],
  [
    'spss',
    {
      name: 'spss',
      description:
        "SPSS's defaults: Pearson χ² without correction, asymptotic Mann–Whitney without correction, Student t, " +
        'percentiles HAVERAGE (type 6), Wald CIs, Bonferroni-adjusted pairwise p’s ' +
        'shown only after a significant omnibus p.',
      conventions: SPSS_DEFAULTS,
    },
  ],
]);

/** Every preset a study can name: the built-ins, replaced or extended by the study's own. */
export function presetsOf(own: ReadonlyMap<string, PresetSpec>): Map<string, Preset> {
  const out = new Map(BUILT_IN_PRESETS);
  for (const [name, spec] of own) {
    const base = BUILT_IN_PRESETS.get(spec.base) as Preset;
    out.set(name, {
      name,
      description:
        spec.description ??
        `${base.description} Changed here: ${Object.keys(spec.conventions).join(', ') || 'nothing'}.`,
      conventions: { ...base.conventions, ...spec.conventions },
    });
  }
  return out;
}

/** The preset named `name`, or an Error listing the names there are. */
export function resolvePreset(presets: ReadonlyMap<string, Preset>, name: string): Preset {
  const preset = presets.get(name);
  if (!preset) throw new RangeError(`preset must be one of ${[...presets.keys()].join(', ')}; got "${name}"`);
  return preset;
}

/** A convention as a printable value (objects as JSON), for `Cell.conventions`. */
export function conventionValue(conv: Conventions, key: keyof Conventions): string | number | boolean {
  const v = conv[key];
  return typeof v === 'object' ? JSON.stringify(v) : v;
}
