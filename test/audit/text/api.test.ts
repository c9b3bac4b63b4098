import { describe, expect, it } from 'vitest';
import * as api from '../../../src/index.ts';

describe('auditProse in the public API', () => {
  it('is exported with its options schema; the TSDoc example holds; results are frozen', () => {
    expect(typeof api.auditProse).toBe('function');
    expect(api.PROSE_OPTION_SPECS.map((o) => o.name)).toEqual(['alpha', 'pEqualAlpha', 'pZero', 'oneTailed', 'items']);
    const a = api.auditProse('t(28) = 2.1, p = .01');
    expect(a.summary).toEqual({ read: 1, consistent: 0, errors: 1, decisionErrors: 0, other: 0 });
    expect(
      Object.isFrozen(a) && Object.isFrozen(a.checks) && Object.isFrozen(a.checks[0]) && Object.isFrozen(a.results[0]),
    ).toBe(true);
  });
  it('a text and its lines give the same checks; empty input gives nothing', () => {
    const text = 'Line one.\r\nThe groups differed, F(2, 30) = 3.50, p = .043.';
    const fromLines = api.auditProse([
      { text: 'Line one.', line: 1 },
      { text: 'The groups differed, F(2, 30) = 3.50, p = .043.', line: 2 },
    ]);
    expect(api.auditProse(text).checks).toEqual(fromLines.checks);
    expect(api.auditProse('').checks).toEqual([]);
    expect(api.auditProse([]).summary.read).toBe(0);
  });
});

describe('bad input', () => {
  it('throws InputError naming the line and field', () => {
    const bad: [unknown, RegExp][] = [
      [null, /input must be a string or an array/],
      [42, /input must be/],
      [[{ text: 5, line: 1 }], /lines\[0\]\.text must be a string/],
      [
        [
          { text: 'a', line: 1 },
          { text: 'b', line: 0 },
        ],
        /lines\[1\]\.line must be a positive integer; got 0/,
      ],
      [[{ text: 'a', line: 1, page: 1.5 }], /lines\[0\]\.page must be a positive integer/],
      [[null], /lines\[0\]\.text/],
    ];
    for (const [input, message] of bad) {
      expect(() => api.auditProse(input as string), JSON.stringify(input)).toThrow(api.InputError);
      expect(() => api.auditProse(input as string)).toThrow(message);
    }
  });
});
