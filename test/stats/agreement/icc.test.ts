import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { type IccOptions, icc, iccFromColumns } from '../../../src/stats/agreement/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface IccForm {
  type: string;
  ICC: number;
  F: number;
  df1: number;
  df2: number;
  p: number;
  lower: number;
  upper: number;
}
const { cases } = readFixture<{ cases: { name: string; ratings: number[][]; forms: IccForm[] }[] }>(
  'test/fixtures/r/agreement/icc.json',
);

const forms: Record<string, IccOptions> = {
  ICC1: { model: 'oneway', type: 'agreement', unit: 'single' },
  ICC2: { model: 'twoway-random', type: 'agreement', unit: 'single' },
  ICC3: { model: 'twoway-mixed', type: 'consistency', unit: 'single' },
  ICC1k: { model: 'oneway', type: 'agreement', unit: 'average' },
  ICC2k: { model: 'twoway-random', type: 'agreement', unit: 'average' },
  ICC3k: { model: 'twoway-mixed', type: 'consistency', unit: 'average' },
};

describe('icc against psych::ICC(lmer = FALSE), all six Shrout–Fleiss forms', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const f of c.forms) {
        const r = icc(c.ratings, forms[f.type]);
        expect(r.shroutFleiss).toBe(f.type);
        const ctx = `${c.name} ${f.type}`;
        expectClose(r.value, f.ICC, { rtol: 1e-9, atol: 1e-13 }, `${ctx} ICC`);
        expectClose(r.fValue, f.F, { rtol: 1e-9, atol: 1e-12 }, `${ctx} F`); // atol: R's MSR of a constant-row-mean matrix is 7e-32, ours 0
        expect(r.df1).toBe(f.df1);
        expect(r.df2).toBe(f.df2);
        expectClose(r.pValue, f.p, { rtol: 1e-8, atol: 1e-300 }, `${ctx} p`);
        expectClose(r.confInt[0], f.lower, { rtol: 1e-8, atol: 1e-12 }, `${ctx} lower`);
        expectClose(r.confInt[1], f.upper, { rtol: 1e-8, atol: 1e-12 }, `${ctx} upper`);
      }
    });
  }
  it('Shrout & Fleiss (1979) Table 4 values (printed to 2 decimals)', () => {
    const sf = cases.find((c) => c.name === 'shrout_fleiss_1979')!.ratings;
    const printed: [IccOptions, number][] = [
      [forms.ICC1, 0.17],
      [forms.ICC2, 0.29],
      [forms.ICC3, 0.71],
      [forms.ICC1k, 0.44],
      [forms.ICC2k, 0.62],
      [forms.ICC3k, 0.91],
    ];
    for (const [o, v] of printed) expect(icc(sf, o).value.toFixed(2)).toBe(v.toFixed(2));
  });
});

describe('icc: McGraw & Wong forms without a Shrout–Fleiss name', () => {
  const sf = cases.find((c) => c.name === 'shrout_fleiss_1979')!.ratings;
  it('two-way random consistency equals ICC3 numerically; mixed agreement equals ICC2', () => {
    const rc = icc(sf, { model: 'twoway-random', type: 'consistency', unit: 'single' });
    const m3 = icc(sf, forms.ICC3);
    expect(rc.name).toBe('ICC(C,1)');
    expect(rc.shroutFleiss).toBe('');
    expect(rc.value).toBe(m3.value);
    expect(rc.confInt).toEqual(m3.confInt);
    const ma = icc(sf, { model: 'twoway-mixed', type: 'agreement', unit: 'average' });
    expect(ma.name).toBe('ICC(A,k)');
    expect(ma.value).toBe(icc(sf, forms.ICC2k).value);
  });
  it('hand-derived mean squares for a 3 × 2 matrix', () => {
    // rows (1,2), (3,5), (5,8): grand 4; row means 1.5, 4, 6.5; col means 3, 5
    // SSR = 2·(6.25 + 0 + 6.25) = 25; SSC = 3·(1 + 1) = 6; SST = 9+4+1+1+1+16 = 32; SSE = 1
    const r = icc(
      [
        [1, 2],
        [3, 5],
        [5, 8],
      ],
      { model: 'twoway-mixed', type: 'consistency', unit: 'single' },
    );
    expectClose(r.meanSquares.subjects, 12.5, { rtol: 1e-15 }, 'MSR');
    expectClose(r.meanSquares.raters, 6, { rtol: 1e-15 }, 'MSC');
    expectClose(r.meanSquares.error, 0.5, { rtol: 1e-14 }, 'MSE');
    expectClose(r.meanSquares.within, 7 / 3, { rtol: 1e-14 }, 'MSW');
    expectClose(r.value, 12 / 13, { rtol: 1e-14 }, 'ICC(C,1)');
    expectClose(r.fValue, 25, { rtol: 1e-14 }, 'F');
  });
  it('negative ICC is reported as computed with a warning', () => {
    const r = icc(cases.find((c) => c.name === 'negative')!.ratings, forms.ICC1);
    expect(r.value).toBeLessThan(0);
    expect(r.warnings.join(' ')).toMatch(/< 0/);
  });
  it('null ratings drop the subject listwise with a warning', () => {
    const r = icc(
      [
        [1, 2],
        [3, null],
        [5, 8],
        [2, 2],
      ],
      forms.ICC3,
    );
    expect(r.nSubjects).toBe(3);
    expect(r.nMissing).toBe(1);
    expect(r.warnings[0]).toMatch(/dropped listwise/);
  });
  it('1e4 × 3 in milliseconds', () => {
    const x = Array.from({ length: 10000 }, (_, i) => [i % 97, (i % 97) + (i % 5), (i % 97) - (i % 3)]);
    const t0 = performance.now();
    const r = icc(x, forms.ICC2);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.value).toBeGreaterThan(0.9);
  });
});

describe('icc: input errors', () => {
  it.each([
    [() => icc([[1, 2]], forms.ICC1), /at least 2 subjects/],
    [() => icc([[1], [2]], forms.ICC1), /at least 2 raters/],
    [() => icc([[1, 2], [3]], forms.ICC1), /rectangular/],
    [
      () =>
        icc(
          [
            [1, 2],
            [3, NaN],
          ],
          forms.ICC1,
        ),
      /ratings\[1\]\[1\]/,
    ],
    [
      () =>
        icc(
          [
            [1, 2],
            [3, 4],
          ],
          { model: 'oneway', type: 'consistency', unit: 'single' },
        ),
      /type must be 'agreement' for the one-way/,
    ],
    [
      () =>
        icc(
          [
            [1, 2],
            [3, 4],
          ],
          { model: 'twoway', type: 'agreement', unit: 'single' } as never,
        ),
      /model must be/,
    ],
    [
      () =>
        icc(
          [
            [1, 2],
            [3, 4],
          ],
          { ...forms.ICC1, unit: 'mean' } as never,
        ),
      /unit must be/,
    ],
    [
      () =>
        icc(
          [
            [1, 2],
            [3, 4],
          ],
          { ...forms.ICC1, confLevel: 2 },
        ),
      /confLevel/,
    ],
  ])('%#', (fn, re) => {
    expect(fn).toThrow(re);
    expect(fn).toThrow(InputError);
  });
});

describe('iccFromColumns: the same ICC from one array per rater', () => {
  const transpose = (columns: (number | null)[][]): (number | null)[][] =>
    columns[0].map((_, i) => columns.map((c) => c[i]));

  it('the R fixture cases, every form, bit for bit as icc on the rows', () => {
    for (const c of cases) {
      const columns = c.ratings[0].map((_, j) => Float64Array.from(c.ratings, (row) => row[j]));
      for (const f of c.forms) {
        const byColumns = iccFromColumns(columns, forms[f.type]);
        expectClose(byColumns.value, f.ICC, { rtol: 1e-9, atol: 1e-13 }, `${c.name} ${f.type} ICC`);
        expect(byColumns).toEqual(icc(c.ratings, forms[f.type]));
      }
    }
  });

  it('equals icc on the transposed matrix, missing ratings dropped listwise (property)', () => {
    const rating = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: -50, max: 50 }).map((v) => v / 4) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 3, max: 30 }),
        fc.constantFrom(...Object.keys(forms)),
        fc.infiniteStream(rating),
        (k, n, form, stream) => {
          const columns = Array.from({ length: k }, () => Array.from({ length: n }, () => stream.next().value));
          const rows = transpose(columns);
          let expected: unknown;
          try {
            expected = icc(rows, forms[form]);
          } catch (error) {
            expect(() => iccFromColumns(columns, forms[form])).toThrow(InputError);
            expect((error as Error).message).toMatch(/at least 2 subjects/);
            return;
          }
          expect(iccFromColumns(columns, forms[form])).toEqual(expected);
        },
      ),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it.each([
    [() => iccFromColumns([[1, 2, 3]], forms.ICC1), /at least 2 raters/],
    [
      () =>
        iccFromColumns(
          [
            [1, 2, 3],
            [1, 2],
          ],
          forms.ICC1,
        ),
      /columns\[1\].*3 ratings/,
    ],
    [
      () =>
        iccFromColumns(
          [
            [1, 2, 3],
            [1, Number.NaN, 2],
          ],
          forms.ICC1,
        ),
      /columns\[1\]\[1\]/,
    ],
    [
      () =>
        iccFromColumns(
          [
            [1, null, 3],
            [1, 2, null],
          ],
          forms.ICC1,
        ),
      /at least 2 subjects/,
    ],
    [
      () =>
        iccFromColumns(
          [
            [1, 2],
            [3, 4],
          ],
          { ...forms.ICC1, type: 'consistency' },
        ),
      /one-way/,
    ],
  ])('bad input %#: an InputError naming what is wrong', (call, message) => {
    expect(call).toThrow(InputError);
    expect(call).toThrow(message);
  });
});
