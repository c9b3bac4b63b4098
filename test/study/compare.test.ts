import { describe, expect, it } from 'vitest';
import { compareToPublished, PublishedIndex } from '../../src/study/compare.ts';
import { fixed, formatP } from '../../src/study/format.ts';
import type { PublishedRef } from '../../src/study/types.ts';

const p = (
  printed: string,
  value: number | null,
  interval: [number, number] | null,
  bound?: 'upper' | 'lower',
): PublishedRef => ({ id: 'x', printed, value, interval, ...(bound ? { bound } : {}) });

describe('agreement with a printed number', () => {
  it('inside the printed rounding interval agrees, outside differs (both ends attainable)', () => {
    const printed = p('0.970', 0.97, [0.9695, 0.9705]);
    expect(compareToPublished(0.9695, '0.970', printed).status).toBe('agrees');
    expect(compareToPublished(0.97049, '0.970', printed).status).toBe('agrees');
    expect(compareToPublished(0.9705, '0.971', printed).status).toBe('agrees'); // half-up vs half-even: either end
    expect(compareToPublished(0.9706, '0.971', printed).status).toBe('differs');
    expect(compareToPublished(0.9694, '0.969', printed).status).toBe('differs');
  });
  it('percentages: 13/60 = 21.67 prints as 21.7', () => {
    expect(compareToPublished((100 * 13) / 60, '21.7', p('13/60 (21.7%)', 21.7, [21.65, 21.75])).status).toBe('agrees');
    expect(compareToPublished((100 * 14) / 60, '23.3', p('13/60 (21.7%)', 21.7, [21.65, 21.75])).status).toBe(
      'differs',
    );
  });
  it('"< 0.001" is an upper bound', () => {
    const printed = p('< 0.001', 0.001, [0, 0.001], 'upper');
    expect(compareToPublished(3e-12, '< 0.001', printed).status).toBe('agrees');
    expect(compareToPublished(0.0009999, '< 0.001', printed).status).toBe('agrees');
    expect(compareToPublished(0.0012, '0.001', printed).status).toBe('differs');
  });
  it('"NA" agrees only with NA', () => {
    const printed = p('NA', null, null);
    expect(compareToPublished(null, 'NA', printed).status).toBe('agrees');
    expect(compareToPublished(0.02, '0.020', printed)).toEqual({
      status: 'differs',
      note: 'printed NA, reproduced 0.020',
    });
    expect(compareToPublished(null, 'NA', p('0.010', 0.01, [0.0095, 0.0105]))).toEqual({
      status: 'differs',
      note: 'reproduced NA, printed 0.010',
    });
  });
  it('nothing printed', () => {
    expect(compareToPublished(0.5, '0.500', null).status).toBe('not-printed');
  });
  it('counts are exact', () => {
    expect(compareToPublished(13, '13', p('13/60 (21.7%)', 13, [13, 13])).status).toBe('agrees');
    expect(compareToPublished(12, '12', p('13/60 (21.7%)', 13, [13, 13])).status).toBe('differs');
  });
});

describe('published index', () => {
  it('looks up by location and lists what no cell used', () => {
    const idx = new PublishedIndex([
      {
        ...p('0.709', 0.709, [0.7085, 0.7095]),
        id: 'table1/age/p',
        location: { table: 'table1', row: 'age', column: 'p' },
      },
      {
        ...p('0.521', 0.521, [0.5205, 0.5215]),
        id: 'table1/menopause/p',
        location: { table: 'table1', row: 'menopause', column: 'p' },
      },
    ]);
    expect(idx.get('table1', 'age', 'p')?.printed).toBe('0.709');
    expect(idx.get('table1', 'age', 'p1')).toBeNull();
    expect(idx.unused(new Set(['table1'])).map((u) => u.id)).toEqual(['table1/menopause/p']);
  });
});

describe('formatting as printed', () => {
  it('p-values', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.001)).toBe('0.001');
    expect(formatP(1)).toBe('1.000');
    expect(formatP(null)).toBe('NA');
  });
  it('fixed decimals without "-0.000", infinities named', () => {
    expect(fixed(-0.0001, 3)).toBe('0.000');
    expect(fixed(1.0005, 2)).toBe('1.00');
    expect(fixed(Infinity, 2)).toBe('∞');
    expect(fixed(NaN, 2)).toBe('NA');
  });
});
