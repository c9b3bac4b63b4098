/**
 * Figure kinds: `violin`/`box` (numeric rows of a summary table, brackets for its pairwise p's), `roc-curves`
 * (the curves of a roc analysis) and `forest` (the ORs of a logistic model). Each returns typed figure data;
 * src/report draws it. Browser-safe.
 */
import { z } from 'zod';
import { formatP } from '../format.ts';
import type { FigureResult, TableResult, ViolinPanel } from '../types.ts';
import { identifier } from './_common.ts';
import type { AnalysisOutput, CheckContext, Kind, KindContext } from './_kind.ts';

const base = { id: identifier, title: z.string(), caption: z.string().optional(), source: identifier };

export const violinSchema = z.strictObject({
  ...base,
  kind: z.enum(['violin', 'box']),
  /** `significant`: rows whose omnibus p < alpha; or a list of variables. */
  select: z.union([z.literal('significant'), z.array(z.string().min(1)).min(1)]).default('significant'),
  stars: z
    .strictObject({ thresholds: z.array(z.number().gt(0).lt(1)).min(1), notSignificant: z.string() })
    .default({ thresholds: [0.05, 0.01, 0.001], notSignificant: 'NS' }),
  columns: z.number().int().min(1).max(8).default(4),
});
export type ViolinSpec = z.infer<typeof violinSchema>;

export const rocCurvesSchema = z.strictObject({
  ...base,
  kind: z.literal('roc-curves'),
  /** Marker ids drawn (default: all). */
  markers: z.array(z.string().min(1)).min(1).optional(),
  /** `type`: one panel of column markers and one of model scores. */
  split: z.enum(['none', 'type']).default('none'),
});
export type RocCurvesSpec = z.infer<typeof rocCurvesSchema>;

export const forestSchema = z.strictObject({ ...base, kind: z.literal('forest') });
export type ForestSpec = z.infer<typeof forestSchema>;

const TEST_TITLES: Record<string, string> = {
  kruskal: 'Kruskal–Wallis',
  anova: 'ANOVA',
  'welch-anova': 'Welch ANOVA',
  'mann-whitney': 'Mann–Whitney',
  't-student': 'Student t',
  't-welch': 'Welch t',
};

/** Stars for a p: one per threshold it is below (thresholds from least to most significant). */
export function stars(p: number | null, thresholds: readonly number[], notSignificant: string): string {
  if (p === null || !(p < thresholds[0])) return notSignificant;
  let s = '';
  for (const t of thresholds) if (p < t) s += '*';
  return s;
}

const sourceIs = (kind: string, id: string, ctx: CheckContext): string[] => {
  const src = ctx.earlier.get(id);
  return src && src.kind === kind ? [] : [`source: "${id}" is not an earlier ${kind} analysis`];
};

const figureTable = (
  spec: { id: string; kind: string; title: string; caption?: string },
  src: TableResult,
  figures: FigureResult[],
  notes: string[],
): TableResult => ({
  id: spec.id,
  kind: spec.kind,
  title: spec.title,
  ...(spec.caption ? { caption: spec.caption } : {}),
  publishedTable: spec.id,
  subgroup: src.subgroup,
  n: src.n,
  columns: [],
  rows: [],
  notes,
  warnings: [],
  figures,
});

function runViolin(spec: ViolinSpec, ctx: KindContext): AnalysisOutput {
  const src = ctx.outputs.get(spec.source) as AnalysisOutput;
  const summary = src.summary;
  if (!summary) throw new Error(`source ${spec.source} has no summary table`);
  const numeric = summary.variables.filter((v) => v.type === 'numeric' && v.values);
  const chosen = numeric.filter((v) => {
    if (spec.select !== 'significant') return spec.select.includes(v.variable);
    const p = v.test?.outcome?.p;
    return p !== undefined && p !== null && p < ctx.alpha;
  });
  const panels: ViolinPanel[] = chosen.map((v) => ({
    variable: v.variable,
    label: v.label,
    groups: summary.groups.map((g, i) => ({ code: g.code, label: g.label, values: (v.values as number[][])[i] ?? [] })),
    pDisplay: formatP(v.test?.outcome?.p ?? null),
    test: TEST_TITLES[v.test?.outcome?.name ?? ''] ?? '',
    brackets: v.pairwise.map((pw) => ({
      from: summary.groups.findIndex((g) => g.code === pw.pair.a),
      to: summary.groups.findIndex((g) => g.code === pw.pair.b),
      text: stars(pw.shown ? pw.pValue : null, spec.stars.thresholds, spec.stars.notSignificant),
    })),
  }));
  const thresholds = spec.stars.thresholds.map((t, i) => `${'*'.repeat(i + 1)} p < ${t}`).join(', ');
  const pairs = summary.pairs.map((p) => p.label).join(' and ');
  const selection =
    spec.select === 'significant'
      ? `${panels.length} variable${panels.length === 1 ? '' : 's'} with p < ${ctx.alpha}`
      : `${panels.length} variables`;
  const caption =
    `${selection} in ${src.table.subgroup.label}.` +
    (pairs
      ? ` Brackets: ${pairs}, as in the table: ${thresholds}, ${spec.stars.notSignificant}: not significant.`
      : '') +
    (spec.kind === 'violin'
      ? " Violins: Gaussian kernel density (vega, Scott's bandwidth), each scaled to the same width; " +
        'dot and bar: median and quartiles.'
      : ' Boxes: quartiles; whiskers to the most extreme value within 1.5 IQR.');
  const figures: FigureResult[] = panels.length
    ? [
        {
          id: `${spec.id}-${spec.kind}`,
          title: spec.title,
          caption,
          data: { kind: spec.kind, panels, columns: spec.columns },
        },
      ]
    : [];
  const notes = panels.length
    ? []
    : [
        spec.select === 'significant'
          ? `No variable reached p < ${ctx.alpha} in this subgroup: nothing to draw.`
          : 'Nothing to draw.',
      ];
  return { id: spec.id, kind: spec.kind, table: figureTable(spec, src.table, figures, notes) };
}

function checkViolin(spec: ViolinSpec, ctx: CheckContext): string[] {
  return sourceIs('summary-table', spec.source, ctx);
}

function runRocCurves(spec: RocCurvesSpec, ctx: KindContext): AnalysisOutput {
  const src = ctx.outputs.get(spec.source) as AnalysisOutput;
  const data = src.curves;
  if (!data) throw new Error(`source ${spec.source} has no ROC curves`);
  const missing = (spec.markers ?? []).filter((m) => !data.curves.some((c) => c.id === m));
  if (missing.length) throw new Error(`markers: ${missing.join(', ')} not among the markers of ${spec.source}`);
  const curves = data.curves.filter((c) => !spec.markers || spec.markers.includes(c.id));
  const strip = (cs: typeof curves) => cs.map((c) => ({ id: c.id, label: c.label, auc: c.auc, points: c.points }));
  const panels =
    spec.split === 'type'
      ? [
          { title: 'Single markers', curves: strip(curves.filter((c) => !c.model)) },
          { title: 'Models', curves: strip(curves.filter((c) => c.model)) },
        ].filter((p) => p.curves.length)
      : [{ title: data.title, curves: strip(curves) }];
  const caption =
    `${data.positiveLabel} (positive) vs ${data.negativeLabel} in ${data.subgroupLabel}.` +
    `${spec.split === 'type' ? ' Left: single markers; right: logistic-regression models.' : ''}` +
    ` Dashed: chance.`;
  const figures: FigureResult[] = [
    { id: `${spec.id}-roc`, title: spec.title, caption, data: { kind: 'roc-curves', panels } },
  ];
  return { id: spec.id, kind: spec.kind, table: figureTable(spec, src.table, figures, []) };
}

function runForest(spec: ForestSpec, ctx: KindContext): AnalysisOutput {
  const src = ctx.outputs.get(spec.source) as AnalysisOutput;
  const forest = src.forest;
  if (!forest) throw new Error(`source ${spec.source} has no odds ratios`);
  const caption = `Odds ratios with ${forest.ciName} 95% CIs, log scale; the line marks OR = 1.`;
  const figures: FigureResult[] = forest.rows.length
    ? [
        {
          id: `${spec.id}-forest`,
          title: spec.title,
          caption,
          data: { kind: 'forest', rows: forest.rows, ciName: forest.ciName },
        },
      ]
    : [];
  return {
    id: spec.id,
    kind: spec.kind,
    table: figureTable(spec, src.table, figures, forest.rows.length ? [] : ['No odds ratio to draw.']),
  };
}

export const violinKind: Kind<ViolinSpec> = {
  schema: violinSchema,
  sources: (s) => [s.source],
  check: checkViolin,
  run: runViolin,
};
export const rocCurvesKind: Kind<RocCurvesSpec> = {
  schema: rocCurvesSchema,
  sources: (s) => [s.source],
  check: (s, ctx) => sourceIs('roc', s.source, ctx),
  run: runRocCurves,
};
export const forestKind: Kind<ForestSpec> = {
  schema: forestSchema,
  sources: (s) => [s.source],
  check: (s, ctx) => sourceIs('logistic-model', s.source, ctx),
  run: runForest,
};
