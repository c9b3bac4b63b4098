/**
 * vega-lite specs of the report's figures, built from the typed figure data of the study's results (data
 * inline, no URLs). Every label reaches vega as data or as a JSON string literal, never spliced into an
 * expression unquoted.
 */
import { quartiles, randomKDE, sampleCurve } from 'vega-statistics';
import { quantile } from '../stats/descriptive/index.ts';
import type { FigureData, FigureResult, RocCurveData, ViolinPanel } from '../study/types.ts';

export type { RocCurveData, ViolinPanel } from '../study/types.ts';

const palette = [
  '#4C78A8',
  '#F58518',
  '#54A24B',
  '#E45756',
  '#72B7B2',
  '#B279A2',
  '#FF9DA6',
  '#9D755D',
  '#BAB0AC',
  '#EECA3B',
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
];

export { stars } from '../study/kinds/figures.ts';

/** Violin plots (one panel per feature, groups side by side) with significance brackets. */
export function violinSpec(
  panels: readonly ViolinPanel[],
  opts: { columns?: number; title?: string; box?: boolean } = {},
): Record<string, unknown> {
  const charts = panels.map((panel) => {
    const all = panel.groups.flatMap((g) => g.values);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of all) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!Number.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    const range = hi - lo || Math.abs(hi) || 1;
    // vega's own density and quartiles computed here once (the functions vega's kde / aggregate transforms call,
    // so the same SVG) instead of one vega tuple per value, which took 400 MB and 8 s at 232 000 rows
    const { densities, boxes } = violinData(panel, lo, hi, !opts.box);
    const brackets = panel.brackets.map((b, i) => {
      const y = hi + range * (0.1 + 0.14 * i);
      return {
        x1: Math.min(b.from, b.to),
        x2: Math.max(b.from, b.to),
        y,
        yTick: y - range * 0.03,
        xm: (b.from + b.to) / 2,
        yText: y + range * 0.02,
        text: b.text,
      };
    });
    const top = hi + range * (0.14 + 0.14 * Math.max(1, panel.brackets.length));
    const labels = JSON.stringify(panel.groups.map((g) => g.label));
    const colorDomain = panel.groups.map((g) => g.label);
    return {
      title: {
        text: panel.label,
        subtitle:
          `${panel.test ?? ''}${panel.test ? ' ' : ''}` +
          `${panel.pDisplay.startsWith('<') ? `p ${panel.pDisplay}` : `p = ${panel.pDisplay}`}`,
        fontSize: 12,
        subtitleFontSize: 10,
      },
      width: 190,
      height: 200,
      layer: [
        opts.box
          ? boxLayer(panel, colorDomain, lo - range * 0.05, top, labels)
          : {
              data: { values: densities },
              transform: [
                { joinaggregate: [{ op: 'max', field: 'density', as: 'maxDensity' }], groupby: ['g'] },
                { calculate: 'datum.g - 0.42 * datum.density / datum.maxDensity', as: 'left' },
                { calculate: 'datum.g + 0.42 * datum.density / datum.maxDensity', as: 'right' },
              ],
              mark: { type: 'area', orient: 'horizontal', opacity: 0.8, stroke: '#333', strokeWidth: 0.5 },
              encoding: {
                y: {
                  field: 'value',
                  type: 'quantitative',
                  title: null,
                  scale: { domain: [lo - range * 0.05, top], nice: false },
                },
                x: {
                  field: 'left',
                  type: 'quantitative',
                  title: null,
                  scale: { domain: [-0.6, panel.groups.length - 0.4], nice: false },
                  axis: {
                    values: panel.groups.map((_, i) => i),
                    labelExpr: `${labels}[datum.value]`,
                    grid: false,
                    labelAngle: 0,
                    labelOverlap: false,
                    labelFontSize: 10,
                  },
                },
                x2: { field: 'right' },
                color: {
                  field: 'group',
                  type: 'nominal',
                  legend: null,
                  scale: { domain: colorDomain, range: palette.slice(0, colorDomain.length) },
                },
                detail: { field: 'g' },
              },
            },
        {
          data: { values: boxes },
          layer: [
            {
              mark: { type: 'rule', color: '#222', strokeWidth: 2 },
              encoding: {
                x: { field: 'g', type: 'quantitative' },
                y: { field: 'q1', type: 'quantitative' },
                y2: { field: 'q3' },
              },
            },
            {
              mark: { type: 'point', filled: true, color: 'white', stroke: '#222', size: 28 },
              encoding: { x: { field: 'g', type: 'quantitative' }, y: { field: 'median', type: 'quantitative' } },
            },
          ],
        },
        ...(brackets.length
          ? [
              {
                data: { values: brackets },
                layer: [
                  {
                    mark: { type: 'rule', color: '#222' },
                    encoding: {
                      x: { field: 'x1', type: 'quantitative' },
                      x2: { field: 'x2' },
                      y: { field: 'y', type: 'quantitative' },
                    },
                  },
                  {
                    mark: { type: 'rule', color: '#222' },
                    encoding: {
                      x: { field: 'x1', type: 'quantitative' },
                      y: { field: 'yTick', type: 'quantitative' },
                      y2: { field: 'y' },
                    },
                  },
                  {
                    mark: { type: 'rule', color: '#222' },
                    encoding: {
                      x: { field: 'x2', type: 'quantitative' },
                      y: { field: 'yTick', type: 'quantitative' },
                      y2: { field: 'y' },
                    },
                  },
                  {
                    mark: { type: 'text', fontSize: 11, baseline: 'bottom' },
                    encoding: {
                      x: { field: 'xm', type: 'quantitative' },
                      y: { field: 'yText', type: 'quantitative' },
                      text: { field: 'text' },
                    },
                  },
                ],
              },
            ]
          : []),
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(opts.title ? { title: opts.title } : {}),
    columns: opts.columns ?? 4,
    concat: charts,
    resolve: { scale: { y: 'independent', x: 'independent', color: 'shared' } },
  };
}

/** Steps of the violin's density curve, over the panel's range shared by its groups (vega-lite's default). */
const DENSITY_STEPS = 80;

/**
 * The violin's data as vega-lite's `density` (resolve shared, 80 steps, bandwidth by vega's normal reference
 * rule) and `aggregate` median / q1 / q3 transforms would make them: the same vega-statistics functions on the
 * same values in the same order, one group after another in the panel's group order; empty groups left out.
 * The box figure takes only the quartiles (its boxes are drawn by `boxLayer`).
 */
function violinData(
  panel: ViolinPanel,
  lo: number,
  hi: number,
  withDensity: boolean,
): {
  densities: { g: number; group: string; value: number; density: number }[];
  boxes: { g: number; median: number; q1: number; q3: number }[];
} {
  const densities: { g: number; group: string; value: number; density: number }[] = [];
  const boxes: { g: number; median: number; q1: number; q3: number }[] = [];
  panel.groups.forEach((group, g) => {
    if (group.values.length === 0) return;
    if (withDensity) {
      const kde = randomKDE(group.values, 0);
      for (const [value, density] of sampleCurve(kde.pdf, [lo, hi], DENSITY_STEPS, DENSITY_STEPS)) {
        densities.push({ g, group: group.label, value, density });
      }
    }
    const [q1, median, q3] = quartiles(group.values);
    boxes.push({ g, median, q1, q3 });
  });
  return { densities, boxes };
}

/** ROC curves (one line per model) with the chance diagonal; legend lists the AUCs. */
export function rocSpec(
  panels: readonly { title: string; curves: readonly RocCurveData[] }[],
): Record<string, unknown> {
  const charts = panels.map((panel) => {
    const values = panel.curves.flatMap((c) => {
      const pts = [{ fpr: 0, tpr: 0 }, ...c.points, { fpr: 1, tpr: 1 }]
        .slice()
        .sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
      const name = `${c.label} (AUC ${c.auc.toFixed(3)})`;
      return pts.map((p, i) => ({ model: name, fpr: p.fpr, tpr: p.tpr, order: i }));
    });
    const domain = panel.curves.map((c) => `${c.label} (AUC ${c.auc.toFixed(3)})`);
    return {
      title: panel.title,
      width: 300,
      height: 300,
      layer: [
        {
          data: { values: [{ a: 0, b: 0, a2: 1, b2: 1 }] },
          mark: { type: 'rule', strokeDash: [4, 4], color: '#999' },
          encoding: {
            x: { field: 'a', type: 'quantitative' },
            y: { field: 'b', type: 'quantitative' },
            x2: { field: 'a2' },
            y2: { field: 'b2' },
          },
        },
        {
          data: { values },
          mark: { type: 'line', strokeWidth: 1.6, interpolate: 'linear' },
          encoding: {
            x: { field: 'fpr', type: 'quantitative', title: '1 − specificity', scale: { domain: [0, 1] } },
            y: { field: 'tpr', type: 'quantitative', title: 'Sensitivity', scale: { domain: [0, 1] } },
            color: {
              field: 'model',
              type: 'nominal',
              title: null,
              scale: { domain, range: palette.slice(0, domain.length) },
              legend: { orient: 'bottom', columns: 2, labelLimit: 220 },
            },
            order: { field: 'order', type: 'quantitative' },
          },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    hconcat: charts,
    resolve: { scale: { color: 'independent' } },
  };
}

/**
 * Box layer of one panel: quartile boxes, median lines, whiskers to the most extreme value within 1.5 IQR,
 * outliers.
 */
function boxLayer(
  panel: ViolinPanel,
  colorDomain: string[],
  yLo: number,
  yHi: number,
  labels: string,
): Record<string, unknown> {
  const boxes = panel.groups
    .map((g, i) => {
      const v = [...g.values].sort((a, b) => a - b);
      if (!v.length) return null;
      const [q1, med, q3] = quantile(v, [0.25, 0.5, 0.75], { type: 7 });
      const iqr = q3 - q1;
      const inside = v.filter((x) => x >= q1 - 1.5 * iqr && x <= q3 + 1.5 * iqr);
      return {
        g: i,
        group: g.label,
        left: i - 0.3,
        right: i + 0.3,
        q1,
        med,
        q3,
        lo: inside[0],
        hi: inside[inside.length - 1],
        outliers: v.filter((x) => !inside.includes(x)),
      };
    })
    .filter((b): b is NonNullable<typeof b> => b !== null);
  const outliers = boxes.flatMap((b) => b.outliers.map((v) => ({ g: b.g, v })));
  const x = {
    field: 'g',
    type: 'quantitative',
    title: null,
    scale: { domain: [-0.6, panel.groups.length - 0.4], nice: false },
    axis: {
      values: panel.groups.map((_, i) => i),
      labelExpr: `${labels}[datum.value]`,
      grid: false,
      labelAngle: 0,
      labelOverlap: false,
      labelFontSize: 10,
    },
  };
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    title: null,
    scale: { domain: [yLo, yHi], nice: false },
  });
  return {
    data: { values: boxes },
    layer: [
      { mark: { type: 'rule', color: '#333' }, encoding: { x, y: y('lo'), y2: { field: 'hi' } } },
      {
        mark: { type: 'rect', stroke: '#333', strokeWidth: 0.8, opacity: 0.85 },
        encoding: {
          x: { ...x, field: 'left' },
          x2: { field: 'right' },
          y: y('q1'),
          y2: { field: 'q3' },
          color: {
            field: 'group',
            type: 'nominal',
            legend: null,
            scale: { domain: colorDomain, range: palette.slice(0, colorDomain.length) },
          },
        },
      },
      {
        mark: { type: 'rule', color: '#111', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'left' }, x2: { field: 'right' }, y: y('med') },
      },
      ...(outliers.length
        ? [{ data: { values: outliers }, mark: { type: 'point', color: '#333', size: 14 }, encoding: { x, y: y('v') } }]
        : []),
    ],
  };
}

/** Forest plot: each OR with its CI on a log axis, the line at OR = 1. */
export function forestSpec(
  rows: Extract<FigureData, { kind: 'forest' }>['rows'],
  ciName: string,
): Record<string, unknown> {
  const values = rows.map((r, i) => ({ ...r, name: `${r.group}: ${r.label}`, order: i }));
  const finite = values.flatMap((r) => [r.lower, r.upper, r.or]).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(0.5, ...finite) / 1.2;
  const hi = Math.max(2, ...finite) * 1.2;
  const clamp = values.map((r) => ({
    ...r,
    lower: Math.max(lo, Number.isFinite(r.lower) ? r.lower : lo),
    upper: Math.min(hi, Number.isFinite(r.upper) ? r.upper : hi),
  }));
  const y = { field: 'name', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 320 } };
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain: [lo, hi] },
    title: `Odds ratio (${ciName} 95% CI, log scale)`,
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 360,
    height: Math.max(60, 22 * values.length),
    layer: [
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#999' },
        encoding: { x: { field: 'one', ...x } },
      },
      {
        data: { values: clamp },
        mark: { type: 'rule', color: '#333' },
        encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } },
      },
      {
        data: { values: clamp },
        mark: { type: 'point', filled: true, color: '#4C78A8', size: 40 },
        encoding: { y, x: { field: 'or', ...x } },
      },
    ],
  };
}

/** The vega-lite spec of a figure, from its typed data. */
export function figureSpec(figure: FigureResult): Record<string, unknown> {
  const d = figure.data;
  if (d.kind === 'forest') return forestSpec(d.rows, d.ciName);
  if (d.kind === 'roc-curves') return rocSpec(d.panels);
  return violinSpec(d.panels, { columns: d.columns, box: d.kind === 'box' });
}
