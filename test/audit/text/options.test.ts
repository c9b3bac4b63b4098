import { describe, expect, it } from 'vitest';
import {
  auditProse,
  PROSE_OPTION_SPECS,
  type ProseOptions,
  resolveProseOptions,
} from '../../../src/audit/text/index.ts';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { readFixture } from '../../helpers/expectClose.ts';

/**
 * Options and misreadings, each with a consistent, an inconsistent and an on-the-bound case. p ranges
 * quoted in the comments are R's (test/fixtures/r/prose/generate.R `edges`, or the Rscript one-liner
 * beside them): t(40) = 1.70 gives two-tailed p ∈ [.09595, .09785], one-tailed [.04798, .04892].
 */
const edges = new Map(
  readFixture<{ edges: { id: string; pHigh: number; pOneHigh: number }[] }>(
    'test/fixtures/r/prose/pvalues.json',
  ).edges.map((e) => [e.id, e]),
);

function one(text: string, options: Partial<ProseOptions> = {}) {
  const a = auditProse(text, options);
  expect(a.checks, text).toHaveLength(1);
  const c = a.checks[0];
  return { status: c.status, errorClass: c.errorClass, readings: c.readings, message: c.message, check: c, audit: a };
}

describe('alpha', () => {
  it('consistent whatever α', () => {
    expect(one('t(40) = 1.70, p = .097', { alpha: 0.1 }).status).toBe('consistent');
  });
  it('a wrong p is a decision error at α = .10 but a plain error at α = .05', () => {
    expect(one('t(40) = 1.70, p = .20', { alpha: 0.05 }).errorClass).toBe('error');
    expect(one('t(40) = 1.70, p = .20', { alpha: 0.1 }).errorClass).toBe('decision-error');
    expect(one('t(40) = 1.70, p = .03').errorClass).toBe('decision-error');
    expect(one('t(40) = 1.70, p = .03', { alpha: 0.1 }).errorClass).toBe('error');
  });
  it('on the bound: α just above every recomputed p (.09785) decides; α inside the range does not', () => {
    expect(one('t(40) = 1.70, p = .20', { alpha: 0.0979 }).errorClass).toBe('decision-error');
    expect(one('t(40) = 1.70, p = .20', { alpha: 0.0978 }).errorClass).toBe('error');
  });
});

describe('pEqualAlpha (p = α printed)', () => {
  it('consistent: z = 1.96, p = .05 (R: p ∈ [.04941, .05058]) under both', () => {
    expect(one('z = 1.96, p = .05', { pEqualAlpha: 'significant' }).status).toBe('consistent');
    expect(one('z = 1.96, p = .05', { pEqualAlpha: 'not' }).status).toBe('consistent');
  });
  it('inconsistent; on the bound p = α: significant → decision error, not → plain error', () => {
    expect(one('t(40) = 1.70, p = .05', { pEqualAlpha: 'significant' }).errorClass).toBe('decision-error');
    expect(one('t(40) = 1.70, p = .05', { pEqualAlpha: 'not' }).errorClass).toBe('error');
    expect(one('t(40) = 1.70, p = .049', { pEqualAlpha: 'not' }).errorClass).toBe('decision-error');
  });
});

describe('pZero ("p = .000")', () => {
  it("'error' (statcheck's default) flags it even when the statistic is tiny; 'ok' reads p < .0005", () => {
    const e = one('t(28) = 5.10, p = .000');
    expect([e.status, e.errorClass]).toEqual(['inconsistent', 'error']);
    expect(e.message).toMatch(/never 0/);
    expect(one('t(28) = 5.10, p = .000', { pZero: 'ok' }).status).toBe('consistent');
  });
  it("on the bound with 'ok' (R: t(28) = 3.95 → p ∈ [.000474, .000487]; 3.90 → [.000542, .000556])", () => {
    expect(one('t(28) = 3.95, p = .000', { pZero: 'ok' }).status).toBe('consistent');
    expect(one('t(28) = 3.90, p = .000', { pZero: 'ok' }).status).toBe('inconsistent');
  });
  it('"p < .000" is an error under both settings; "p < .001" and "p < .0001" are not', () => {
    for (const pZero of ['error', 'ok'] as const) {
      const r = one('t(28) = 5.10, p < .000', { pZero });
      expect([r.status, r.errorClass], pZero).toEqual(['inconsistent', 'error']);
      expect(r.message).toMatch(/never below 0/);
    }
    expect(one('t(28) = 5.10, p < .001').status).toBe('consistent');
    expect(one('t(28) = 5.10, p < .0001').status).toBe('consistent'); // R: 2.11e-5
  });
});

describe('one-tailed tests', () => {
  const mention = 'All tests were one-tailed.\n';
  it('without a mention only the two-tailed reading counts (statcheck)', () => {
    const r = one('t(40) = 1.70, p = .048');
    expect([r.status, r.errorClass]).toEqual(['inconsistent', 'decision-error']);
  });
  it('a mention (one-tailed / one-sided / directional) admits the one-tailed reading, reporting both', () => {
    for (const m of ['All tests were one-tailed.', 'We used one-sided tests.', 'The hypotheses were directional.']) {
      const r = one(`${m}\nt(40) = 1.70, p = .048`);
      expect(r.status, m).toBe('consistent');
      expect(r.readings).toEqual({ twoTailed: false, oneTailed: true });
      expect(r.message).toMatch(/one-tailed reading only/);
    }
    expect(one(`${mention}t(40) = 1.70, p = .097`).readings).toEqual({ twoTailed: true, oneTailed: false });
    expect(auditProse(`${mention}t(40) = 1.70, p = .048`).oneTailedMentions).toEqual([{ line: 1, column: 16 }]);
  });
  it('flags only when neither reading fits', () => {
    const r = one(`${mention}t(40) = 1.70, p = .20`);
    expect(r.status).toBe('inconsistent');
    expect(r.message).toMatch(/one-tailed p ∈ .* does not fit either/);
  });
  it('"non-directional" is not a mention; oneTailed none ignores mentions; all uses only the one-tailed reading', () => {
    expect(one('Tests were non-directional. t(40) = 1.70, p = .048').status).toBe('inconsistent');
    expect(one(`${mention}t(40) = 1.70, p = .048`, { oneTailed: 'none' }).status).toBe('inconsistent');
    expect(one('t(40) = 1.70, p = .048', { oneTailed: 'all' }).status).toBe('consistent');
    expect(one('t(40) = 1.70, p = .097', { oneTailed: 'all' }).status).toBe('inconsistent');
  });
  it('on the bound of the one-tailed range (R pOneHigh), for t, z and r; never for F or χ²', () => {
    for (const [id, stat] of [
      ['t40', 't(40) = 1.70'],
      ['z', 'z = 2.10'],
      ['r28', 'r(28) = .34'],
    ] as const) {
      const hi = Math.round(edges.get(id)!.pOneHigh * 1e5) / 1e5;
      expect(one(`${mention}${stat}, p = ${hi.toFixed(5)}`).status, stat).toBe('consistent');
      expect(one(`${mention}${stat}, p = ${(hi + 1e-5).toFixed(5)}`).status, stat).toBe('inconsistent');
    }
    expect(one(`${mention}χ2(1) = 4.10, p = .021`).status).toBe('inconsistent'); // two-sided p ≈ .043
  });
});

describe('GRIM / GRIMMER from prose ("M = …, SD = …, N = …") and the items option', () => {
  it('consistent: 97/28 = 3.464 prints as 3.46', () => {
    expect(auditProse('M = 3.46, SD = 1.20, N = 28').checks.map((c) => [c.kind, c.status])[0]).toEqual([
      'grim',
      'consistent',
    ]);
  });
  it('inconsistent: no integer sum over 28 gives 3.45 — a question without items, an error with it', () => {
    expect(one('M = 3.45, SD = 1.20, N = 28').status).toBe('implausible');
    expect(one('M = 3.45, SD = 1.20, N = 28', { items: 1 }).status).toBe('inconsistent');
    expect(one('(N = 28, M = 3.45, SD = 1.20)', { items: 1 }).status).toBe('inconsistent');
    // two items per score: 193 / 56 = 3.446 prints as 3.45
    expect(auditProse('M = 3.45, SD = 1.20, N = 28', { items: 2 }).checks[0].status).toBe('consistent');
  });
  it('on the bound: 137/40 = 3.425 lies on the edge of both 3.42 and 3.43; 3.44 has no sum', () => {
    expect(auditProse('M = 3.43, SD = 1.00, n = 40', { items: 1 }).checks[0].status).toBe('consistent');
    expect(auditProse('M = 3.42, SD = 1.00, n = 40', { items: 1 }).checks[0].status).toBe('consistent');
    expect(auditProse('M = 3.44, SD = 1.00, n = 40', { items: 1 }).checks[0].status).toBe('inconsistent');
  });
  it('GRIMMER: n = 5, mean 3 allows SD 0, .707, 1, 1.225 …: 1.00 and .71 (bound) fit, .80 does not', () => {
    const grimmer = (sd: string) =>
      auditProse(`M = 3.00, SD = ${sd}, N = 5`, { items: 1 }).checks.find((c) => c.kind === 'grimmer')!.status;
    expect(grimmer('1.00')).toBe('consistent');
    expect(grimmer('0.71')).toBe('consistent');
    expect(grimmer('0.80')).toBe('inconsistent');
  });
  it('decimal commas: M = 3,46; SD = 1,20; N = 28', () => {
    expect(auditProse('M = 3,46; SD = 1,20; N = 28', { items: 1 }).checks[0].status).toBe('consistent');
    expect(auditProse('M = 3,45; SD = 1,20; N = 28', { items: 1 }).checks[0].status).toBe('inconsistent');
  });
});

describe('misreadings of the old extractor', () => {
  it('p = .5e-3 is 0.0005 (R: t(28) = 3.95 → [.000474, .000487]; 3.90 → [.000542, .000556] on the bound; 3.85 → .00062)', () => {
    const r = one('t(28) = 3.95, p = .5e-3');
    expect(r.status).toBe('consistent');
    expect(r.audit.results[0].test!.p).toBe('.5e-3');
    expect(one('t(28) = 3.90, p = .5e-3').status).toBe('consistent');
    expect(one('t(28) = 3.85, p = .5e-3').status).toBe('inconsistent');
    expect(one('t(28) = 3.95, p = 4.8 × 10−4').status).toBe('consistent');
  });
  it('t(2,28) is df = 2.28 (decimal comma), never df = 2; t(2, 28) is not read as a t', () => {
    const r = one('t(2,28) = 2.10, p = .155');
    expect(r.status).toBe('consistent'); // R: df 2.28 → [.15407, .15530]; df 2 would give .170
    expect(r.audit.results[0].test!.df1).toBe(2.28);
    expect(r.check.arithmetic.join(' ')).toMatch(/decimal comma: df = 2.28 \(not df = 2\)/);
    expect(one('t(2,28) = 2.10, p = .17').status).toBe('inconsistent');
    expect(auditProse('t(2, 28) = 2.10, p = .17').results).toEqual([]);
  });
  it('z(28): the normal reading first; a p that fits only t(28) is a question, not silence', () => {
    expect(one('z(28) = 2.30, p = .021').status).toBe('consistent'); // R: z → [.02117, .02173]
    const t = one('z(28) = 2.30, p = .029'); // R: t(28) → [.02879, .02944]
    expect(t.status).toBe('implausible');
    expect(t.message).toMatch(/a t labelled z/);
    expect(one('z(28) = 2.30, p = .50').status).toBe('inconsistent');
  });
  it('"ns" in place of p: consistent, a decision error, and on the bound (z = 1.96 reaches p = .0506)', () => {
    expect(one('t(40) = 1.70, ns').status).toBe('consistent');
    expect(one('t(40) = 1.70, n.s.').status).toBe('consistent');
    expect(one('t(28) = 2.10, n.s.').check.reported).toBe('n.s.');
    expect(one('t(28) = 2,10; p = 0,5').check.reported).toBe('p = 0,5'); // as printed
    expect(one('t(28) = 2.10, p = ns').errorClass).toBe('decision-error');
    expect(one('z = 1.96, ns').status).toBe('consistent');
  });
  it('a statistic printed with < or > (R: F(1, 30) = 4.17 → p = .050023)', () => {
    expect(one('F(1, 30) < 1, ns').status).toBe('consistent');
    expect(one('F(1, 30) < 1, p < .05').status).toBe('inconsistent');
    expect(one('F(1, 30) > 4.17, p < .05').status).toBe('consistent');
    expect(one('F(1, 30) < 4.17, p < .05').status).toBe('inconsistent');
    expect(one('t(28) < 2.10, p = .045').status).toBe('consistent'); // |t| < 2.1 → p > .04486
    expect(one('t(28) < 2.10, p < .04').status).toBe('inconsistent');
  });
  it('thousands separators and the comma rule', () => {
    expect(one('F(1, 1,224) = 1,224.08, p < .001').status).toBe('consistent');
    expect(one('F(1, 1,224) = 1,224.08, p = .04').status).toBe('inconsistent');
    expect(one('t(28) = 2,100, p = .045').status).toBe('inconsistent'); // 2100: three digits → thousands
    expect(one('t(28) = 2,100; p = 0,045').status).toBe('consistent'); // the p writes decimal commas: 2.100
  });
  it('impossible statistics are errors: r > 1, a negative F or χ²', () => {
    expect(one('r(28) = 1.20, p = .01').message).toMatch(/> 1 is impossible/);
    expect(one('F(1, 30) = -2.00, p = .20').message).toMatch(/negative/);
    expect(one('r(28) = .99, p < .001').status).toBe('consistent');
  });
  it('not read: no df for t/F/r/χ², words ending in t/F, effect sizes', () => {
    expect(
      auditProse('at = 5, p = 0.2; t = 2.0, p = 0.05; F = 3, p = .1; r = .3, p = .01; χ2 = 4.1, p = .04').results,
    ).toEqual([]);
    expect(auditProse('Cohen d = 0.5, p = .01; B = 1.2, p = .03; Mt(28) = 2.1, p = .04').results).toEqual([]);
  });
});

describe('options schema and validation', () => {
  it('lists every option with its flag, default and statcheck default', () => {
    expect(PROSE_OPTION_SPECS.map((o) => o.flag)).toEqual([
      '--alpha <number>',
      '--p-equal-alpha <significant|not>',
      '--p-zero <error|ok>',
      '--one-tailed <detect|all|none>',
      '--items <integer>',
    ]);
    expect(resolveProseOptions()).toEqual({
      alpha: 0.05,
      pEqualAlpha: 'significant',
      pZero: 'error',
      oneTailed: 'detect',
    });
    expect(resolveProseOptions({ alpha: '0.1', items: '3' })).toMatchObject({ alpha: 0.1, items: 3 });
  });
  it('throws InputError naming the option', () => {
    for (const bad of [
      { alpha: 0 },
      { alpha: 1 },
      { alpha: 'x' },
      { pZero: 'maybe' },
      { oneTailed: 'yes' },
      { pEqualAlpha: true },
      { items: 0 },
      { items: 2.5 },
    ]) {
      expect(() => auditProse('t(28) = 2.1, p = .04', bad as Partial<ProseOptions>), JSON.stringify(bad)).toThrow(
        InputError,
      );
    }
    expect(() => resolveProseOptions({ alpha: 2 })).toThrow(/alpha must be a number between 0 and 1/);
  });
});
