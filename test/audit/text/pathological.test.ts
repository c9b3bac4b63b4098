import { describe, expect, it } from 'vitest';
import { auditProse } from '../../../src/audit/text/index.ts';

/**
 * Issue 14 item 4: no regex of the prose audit is super-linear. Each line is 100 kB of a shape that
 * makes a backtracking pattern explode (long digit runs after a label, repeated prefixes of a match,
 * long runs of spaces or separators); each must be audited in ≤ 1 s. The old OR pattern took 111 s on
 * "OR = " followed by 8 000 digits.
 */
const SIZE = 100_000;
const fill = (unit: string, prefix = '', suffix = '') =>
  prefix + unit.repeat(Math.ceil((SIZE - prefix.length) / unit.length)) + suffix;

const LINES: [string, string][] = [
  ['OR = + digits', fill('7', 'OR = ')],
  ['OR = digits. digits (95% CI', fill('1', 'OR = 2.', ' (95% CI 1')],
  ['t( + digits', fill('1', 't(')],
  ['t(28) = + digits', fill('0', 't(28) = 2')],
  ['p = repeated', fill('p = ')],
  ['t(28) = 2.1, repeated', fill('t(28) = 2.1, ')],
  ['χ2(1, N = repeated', fill('χ2(1, N = ')],
  ['chi-square chi-square …', fill('chi-square ')],
  ['spaces after a label', fill(' ', 'F(1, 30) =', ', p')],
  ['digits with commas', fill('1,', 'F(1, ')],
  ['digit/digit', fill('1/')],
  ['AUC = with parentheses', fill('(', 'AUC = 0.8 ')],
  ['AUC words', fill('AUC was ')],
  ['95% CI repeated', fill('95% CI ', 'OR = 2.1 (')],
  ['dash ranges', fill('0.5–')],
  ['M = … SD = … repeated', fill('M = 3.45, SD = ')],
  ['one-tailed repeated', fill('one-tailed ')],
  ['e-notation p', fill('5', 't(28) = 2.1, p = .', 'e-')],
  ['x2x2x2', fill('x2')],
  ['letter l in df', fill('l', 'F(')],
];

describe('100 kB pathological lines: each audited in ≤ 1 s', () => {
  for (const [name, line] of LINES) {
    it(name, () => {
      const start = performance.now();
      const a = auditProse(`${line}\nt(28) = 2.10, p = .045`);
      const ms = performance.now() - start;
      expect(ms, `${name}: ${ms.toFixed(0)} ms`).toBeLessThan(1000);
      // the ordinary result after the pathological line is still read
      expect(a.results.some((r) => r.location.line === 2 && r.kind === 'test')).toBe(true);
    });
  }
  it('a 200 kB document of ordinary prose with 4 000 results: linear, in seconds even on a loaded machine', () => {
    const para =
      'As predicted, the groups differed, t(28) = 2.10, p = .045, and OR = 2.1 (95% CI 1.2–3.4), p = 0.01.\n';
    const text = para.repeat(Math.ceil(200_000 / para.length));
    const start = performance.now();
    const a = auditProse(text);
    const ms = performance.now() - start;
    expect(a.results.length).toBe(2 * Math.ceil(200_000 / para.length));
    expect(ms).toBeLessThan(10_000);
  });
});
