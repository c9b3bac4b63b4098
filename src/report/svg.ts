/**
 * vega-lite → vega → SVG, headless and deterministic. vega 6 renders without a canvas (`renderer: 'none'`,
 * `toSVG()`); with no canvas package installed, text widths are estimated from character counts, which is
 * deterministic. Fonts and sizes are fixed by `baseConfig`. vega numbers clip paths and gradients with a
 * process-wide counter, so ids are renamed per figure (`<figureId>-1`, `-2`, …) in order of appearance:
 * the same figure renders to the same bytes, and several inline SVGs in one HTML page never collide.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Fixed fonts and sizes for every figure. */
export const baseConfig = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    labelFont: 'Helvetica, Arial, sans-serif',
    titleFont: 'Helvetica, Arial, sans-serif',
  },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#ccc' },
};

/** Renders a vega-lite spec to an SVG string with ids namespaced by `figureId`. */
export async function renderSvg(spec: Record<string, unknown>, figureId: string): Promise<string> {
  const vl = compile({ ...spec, config: { ...baseConfig, ...((spec.config as object) ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vl), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return namespaceIds(svg, figureId);
  } finally {
    view.finalize();
  }
}

/** Renames every id="…" in an SVG (and its url(#…)/href="#…" references) to `<prefix>-<n>` in order of appearance. */
export function namespaceIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!map.has(m[1])) map.set(m[1], `${safe}-${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternation = [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');
  return svg
    .replace(
      new RegExp(`(\\sid=")(${alternation})(")`, 'g'),
      (_, a: string, id: string, c: string) => `${a}${map.get(id)}${c}`,
    )
    .replace(
      new RegExp(`(url\\(#)(${alternation})(\\))`, 'g'),
      (_, a: string, id: string, c: string) => `${a}${map.get(id)}${c}`,
    )
    .replace(
      new RegExp(`(href="#)(${alternation})(")`, 'g'),
      (_, a: string, id: string, c: string) => `${a}${map.get(id)}${c}`,
    );
}
