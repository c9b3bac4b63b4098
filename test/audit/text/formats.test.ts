import { describe, expect, it } from 'vitest';
import { auditProse } from '../../../src/audit/text/index.ts';
import type { ProseTestKind } from '../../../src/audit/text/types.ts';
import { readFixture } from '../../helpers/expectClose.ts';

/**
 * Each format: a consistent, an inconsistent and on-the-bound cases. The bounds come from R
 * (test/fixtures/r/prose/generate.R, `edges`): the p at both ends of the printed statistic's rounding
 * interval. A p printed with 5 decimals that rounds the end itself is consistent; one unit further
 * out (1e-5) is not — the verdict turns on the closed-interval rule at the edge.
 */
interface Edge {
  id: string;
  test: ProseTestKind;
  df1: number | null;
  df2: number | null;
  s: string;
  pLow: number;
  pHigh: number;
}
const edges = new Map(readFixture<{ edges: Edge[] }>('test/fixtures/r/prose/pvalues.json').edges.map((e) => [e.id, e]));

type PStyle = 'dot' | 'comma' | 'exp';
function pText(p: number, decimals: number, style: PStyle): string {
  if (style === 'exp') return `${(p * 100).toFixed(decimals - 2)}e-2`;
  const s = p.toFixed(decimals).replace(/^0/, '');
  return style === 'comma' ? `0${s.replace('.', ',')}` : s;
}

/** [template, edge id, test kind, statistic as printed, p style, separator] */
const FORMATS: [string, string, ProseTestKind, string?, PStyle?, string?][] = [
  ['t(28) = {s}', 't28', 't'],
  ['t (28)={s}', 't28', 't'],
  ['t(28) = \u2212{s}', 't28', 't'],
  ['t(28) = {s}', 't28', 't', '2,10', 'comma', '; '],
  ['t(28) = {s}', 't28', 't', '2.10', 'exp'],
  ['t(1,224) = {s}', 't1224', 't'],
  ['t(2,28) = {s}', 't2.28', 't'],
  ['F(2, 30) = {s}', 'F2_30', 'F'],
  ['F(l, 76) = {s}', 'F1_76', 'F'],
  ['F(1, 1,224) = {s}', 'F1_1224', 'F'],
  ['r(28) = {s}', 'r28', 'r'],
  ['r(28) = \u2212{s}', 'r28', 'r'],
  ['χ2(1) = {s}', 'chi1', 'chisq'],
  ['χ²(1) = {s}', 'chi1', 'chisq'],
  ['χ 2 (1) = {s}', 'chi1', 'chisq'],
  ['x2(1) = {s}', 'chi1', 'chisq'],
  ['X2(1, N = 11,455) = {s}', 'chi1', 'chisq'],
  ['chi2(1) = {s}', 'chi1', 'chisq'],
  ['chi_2(1) = {s}', 'chi1', 'chisq'],
  ['chi-square(1) = {s}', 'chi1', 'chisq'],
  ['Chi-square (1, n = 81) = {s}', 'chi1', 'chisq'],
  ['χ2(1, n = 81) = {s}', 'chi1', 'chisq'],
  ['G2(1) = {s}', 'chi1', 'chisq'],
  ['Δχ2(1) = {s}', 'chi1', 'chisq'],
  ['χ2(2) = {s}', 'chi2', 'chisq'],
  ['z = {s}', 'z', 'z'],
  ['Z = {s}', 'z', 'z'],
  ['Q(5) = {s}', 'Q5', 'Q'],
  ['Qw(5) = {s}', 'Q5', 'Q'],
  ['Qb(5) = {s}', 'Q5', 'Q'],
];

function sentence(template: string, s: string, p: string, sep = ', '): string {
  return `As expected, ${template.replace('{s}', s)}${sep}p = ${p}.`;
}

function only(text: string) {
  const a = auditProse(text, { oneTailed: 'none' });
  expect(a.checks, text).toHaveLength(1);
  return a.checks[0];
}

describe('every test format: consistent, inconsistent, on the bound (bounds from R)', () => {
  for (const [template, id, kind, printedStat, style = 'dot', sep] of FORMATS) {
    const e = edges.get(id)!;
    const s = printedStat ?? e.s;
    const say = (p: number, d: number) => sentence(template, s, pText(p, d, style), sep);
    it(`${template} (${style} p)`, () => {
      const mid = only(say((e.pLow + e.pHigh) / 2, 4));
      expect(mid.status).toBe('consistent');
      expect(auditProse(say((e.pLow + e.pHigh) / 2, 4)).results[0].test!.test).toBe(kind);
      expect(only(say(0.5, 2)).status).toBe('inconsistent');
      const up = Math.round(e.pHigh * 1e5) / 1e5;
      const low = Math.round(e.pLow * 1e5) / 1e5;
      expect(only(say(up, 5)).status, `upper end ${e.pHigh}`).toBe('consistent');
      expect(only(say(up + 1e-5, 5)).status, `just above ${e.pHigh}`).toBe('inconsistent');
      expect(only(say(low, 5)).status, `lower end ${e.pLow}`).toBe('consistent');
      expect(only(say(low - 1e-5, 5)).status, `just below ${e.pLow}`).toBe('inconsistent');
    });
  }
});

describe('where a result was read', () => {
  it('records page, line, column and the text as printed, also for a result broken over two lines', () => {
    const a = auditProse([
      { page: 2, line: 7, text: 'Intro words. The groups differed, t(28) =' },
      { page: 2, line: 8, text: '2.10, p = .045, and F(2, 30) = 3.50, p = .043.' },
    ]);
    expect(a.results.map((r) => [r.location, r.text])).toEqual([
      [{ page: 2, line: 7, column: 35 }, 't(28) =\n2.10, p = .045'],
      [{ page: 2, line: 8, column: 21 }, 'F(2, 30) = 3.50, p = .043'],
    ]);
    expect(a.checks.map((c) => c.id)).toEqual([
      'reported-test:text/page-2/line-7/col-35',
      'reported-test:text/page-2/line-8/col-21',
    ]);
    expect(a.checks[0].location).toEqual({ table: 'text', row: 'page-2/line-7', column: 'col-35' });
  });
  it('keeps the printed Unicode minus in the text', () => {
    expect(auditProse('t(28) = \u22122.10, p = .045').results[0].text).toBe('t(28) = \u22122.10, p = .045');
  });
});
