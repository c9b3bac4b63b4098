/**
 * Derived columns at scale (issue 14): without a rule the rows are not copied (a copy per row doubled the
 * memory of a 232 000-row cohort); with rules each row is copied once, later rules see earlier ones, the
 * input rows keep their values, and a rule named "__proto__" is an own column, not a prototype.
 */
import { describe, expect, it } from 'vitest';
import { applyDerived, derivedSchema } from '../../src/study/derived.ts';
import type { ColumnInfo, Row } from '../../src/study/types.ts';

const COLUMNS = new Map<string, ColumnInfo>([['a', { name: 'a', label: 'A', type: 'numeric' }]]);
const rows = (): Row[] => [{ a: 1 }, { a: 4 }, { a: null }];

describe('applyDerived', () => {
  it('no rule: the same row objects, no copies', () => {
    const input = rows();
    const out = applyDerived([], input, COLUMNS).rows;
    expect(out).toHaveLength(3);
    out.forEach((r, i) => expect(r).toBe(input[i]));
  });

  it('rules: one new object per row, later rules read earlier derived columns, inputs unchanged', () => {
    const input = rows();
    const rules = [
      derivedSchema.parse({ name: 'b', formula: 'a * 2' }),
      derivedSchema.parse({ name: 'c', formula: 'b + a' }),
      derivedSchema.parse({ name: 'd', formula: '1 / (a - 1)' }),
    ];
    const { rows: out, warnings } = applyDerived(rules, input, COLUMNS);
    expect(out).toEqual([
      { a: 1, b: 2, c: 3, d: null },
      { a: 4, b: 8, c: 12, d: 1 / 3 },
      { a: null, b: null, c: null, d: null },
    ]);
    expect(input).toEqual(rows());
    expect(warnings).toEqual([
      'd: 1 row where 1 / (a - 1) is not a finite number (division by zero, log of a non-positive value …): missing',
    ]);
  });

  it('a rule named __proto__ gives an own column and leaves the prototype alone', () => {
    const out = applyDerived([derivedSchema.parse({ name: '__proto__', formula: 'a + 1' })], rows(), COLUMNS).rows;
    expect(Object.hasOwn(out[0], '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out[1], '__proto__')?.value).toBe(5);
  });
});
