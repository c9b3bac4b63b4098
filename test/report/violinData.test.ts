/**
 * The violin figure hands vega a density and quartiles computed ahead (issue 14: one vega tuple per value took
 * 400 MB and 8 s at 232 000 rows). The figure must stay the one vega-lite's own `density` and `aggregate`
 * transforms draw from the raw values: both specs are rendered and their SVGs compared byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { violinSpec } from '../../src/report/figures.ts';
import { renderSvg } from '../../src/report/svg.ts';
import type { ViolinPanel } from '../../src/study/types.ts';

type Layer = { data?: { values: unknown[] }; transform?: unknown[]; mark?: unknown };

/** The spec as it was before: raw values with vega-lite's density / aggregate transforms. */
function withVegaTransforms(spec: Record<string, unknown>, panels: readonly ViolinPanel[]): Record<string, unknown> {
  const copy = structuredClone(spec) as { concat: { layer: Layer[] }[] };
  copy.concat.forEach((chart, i) => {
    const values = panels[i].groups.flatMap((g, gi) => g.values.map((v) => ({ g: gi, group: g.label, v })));
    const [density, quartiles] = chart.layer;
    density.data = { values };
    density.transform = [
      { density: 'v', groupby: ['g', 'group'], as: ['value', 'density'], steps: 80 },
      ...(density.transform ?? []),
    ];
    quartiles.data = { values };
    quartiles.transform = [
      {
        aggregate: [
          { op: 'median', field: 'v', as: 'median' },
          { op: 'q1', field: 'v', as: 'q1' },
          { op: 'q3', field: 'v', as: 'q3' },
        ],
        groupby: ['g'],
      },
    ];
  });
  return copy;
}

/** A seeded panel: groups of different sizes, ties, one skewed group, one empty group. */
function panels(seed: number): ViolinPanel[] {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const group = (label: string, n: number, f: (u: number) => number) => ({
    code: label,
    label,
    values: Array.from({ length: n }, () => Math.round(f(next()) * 1000) / 1000),
  });
  return [
    {
      variable: 'a',
      label: 'Feature A',
      test: 'Kruskal–Wallis',
      pDisplay: '0.012',
      brackets: [{ from: 0, to: 1, text: '*' }],
      groups: [group('zero', 37, (u) => 1 + u), group('low', 90, (u) => 1.4 + u * u), group('over', 5, (u) => 2 * u)],
    },
    {
      variable: 'b',
      label: 'Feature B',
      pDisplay: '< 0.001',
      brackets: [],
      groups: [
        group('zero', 12, (u) => Math.exp(3 * u)),
        { code: 'low', label: 'low', values: [] },
        group('over', 60, (u) => u),
      ],
    },
  ];
}

describe('violin figure: density and quartiles computed ahead of vega', () => {
  for (const seed of [1, 7, 2026]) {
    it(`seed ${seed}: the same SVG as vega-lite's own density and aggregate transforms`, async () => {
      const p = panels(seed);
      const spec = violinSpec(p, { columns: 2 });
      const ours = await renderSvg(spec, 'violin');
      const theirs = await renderSvg(withVegaTransforms(spec, p), 'violin');
      expect(ours).toContain('<path');
      expect(ours).toBe(theirs);
    });
  }

  it('the data handed to vega no longer grows with the number of values (80 density points per group)', () => {
    const many: ViolinPanel[] = [
      {
        variable: 'big',
        label: 'big',
        pDisplay: '0.5',
        brackets: [],
        groups: [
          { code: 'a', label: 'a', values: Array.from({ length: 50_000 }, (_, i) => Math.sin(i)) },
          { code: 'b', label: 'b', values: Array.from({ length: 30_000 }, (_, i) => Math.cos(i) * 2) },
        ],
      },
    ];
    const json = JSON.stringify(violinSpec(many));
    expect(json.length).toBeLessThan(60_000);
  });
});
