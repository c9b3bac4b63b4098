import { describe, expect, it } from 'vitest';
import {
  checkContingencyP,
  contingencyPValues,
  dropEmpty,
  likelihoodRatioP,
  matchingConventions,
  nearbyTables,
} from '../../src/audit/contingency.ts';
import { defaultContingencyTests as tests } from '../../src/audit/contingencyTests.ts';
import { parsePart } from '../../src/data/published/index.ts';
import { expectClose } from '../helpers/expectClose.ts';

const pv = (t: string) => parsePart(t, 'p').interval!;

describe('contingency p conventions', () => {
  it('G² by hand: [[10, 20], [20, 10]] → G² = 2Σ O ln(O/E) = 6.796, p = 0.00914 (R: DescTools::GTest)', () => {
    const g = 2 * (2 * 10 * Math.log(10 / 15) + 2 * 20 * Math.log(20 / 15));
    expectClose(g, 6.795961472, { rtol: 1e-9 }, 'G²');
    // R: x <- matrix(c(10,20,20,10),2); G <- 2*sum(x*log(x/E)); pchisq(G, 1, lower.tail = FALSE)
    expectClose(
      likelihoodRatioP([
        [10, 20],
        [20, 10],
      ]),
      0.009136430621,
      { rtol: 1e-9 },
      'p',
    );
  });
  it('drops empty rows (NME internal enhancement "homogeneous" 0/0/0)', () => {
    expect(
      dropEmpty([
        [0, 0, 0],
        [11, 24, 24],
        [3, 10, 15],
        [0, 2, 2],
      ]),
    ).toEqual([
      [11, 24, 24],
      [3, 10, 15],
      [0, 2, 2],
    ]);
  });
  it('Yates only for 2 × 2', () => {
    expect(
      Object.keys(
        contingencyPValues(
          [
            [13, 21],
            [47, 70],
          ],
          tests,
        ),
      ).sort(),
    ).toEqual(['fisher', 'likelihood-ratio', 'pearson', 'yates']);
    expect(
      Object.keys(
        contingencyPValues(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          tests,
        ),
      ),
    ).not.toContain('yates');
  });
  it('Bonferroni alternatives are capped at 1', () => {
    expect(matchingConventions({ pearson: 0.5 }, pv('1.000'), [1, 3])).toEqual([
      { convention: 'pearson', factor: 3, p: 1 },
    ]);
  });
});

describe('checkContingencyP', () => {
  it('consistent: Table 1 menopause 23/41/30 vs 37/50/51, p = 0.521 (Pearson χ²)', () => {
    const r = checkContingencyP(
      [
        [23, 41, 30],
        [37, 50, 51],
      ],
      pv('0.521'),
      '0.521',
      tests,
    );
    expect(r.status).toBe('consistent');
    expect(r.matches.map((m) => m.convention)).toContain('pearson');
  });
  it('consistent via Fisher only: Table 2 mass internal enhancement (sparse), p = 0.320', () => {
    const r = checkContingencyP(
      [
        [1, 0, 0],
        [30, 43, 30],
        [14, 12, 8],
        [1, 0, 2],
      ],
      pv('0.320'),
      '0.320',
      tests,
    );
    expect(r.status).toBe('consistent');
    expect(r.matches.map((m) => m.convention)).toEqual(['fisher']);
  });
  it('inconsistent: the printed FGT table (HER2-low 21 + 50 = 71 of 91) cannot give p = 0.967; completed to 70 it does', () => {
    const printed = checkContingencyP(
      [
        [13, 21, 19],
        [47, 50, 62],
      ],
      pv('0.967'),
      '0.967',
      tests,
    );
    expect(printed.status).toBe('inconsistent');
    const completed = checkContingencyP(
      [
        [13, 21, 19],
        [47, 70, 62],
      ],
      pv('0.967'),
      '0.967',
      tests,
    );
    expect(completed.status).toBe('consistent');
  });
  it('typo search: one count moved between levels is found (edema HER2-low 59/32 printed, p of 60/31)', () => {
    // R: chisq.test(matrix(c(35,25,60,31,58,23),2))$p.value = 0.2587892; with 59/32 it is 0.2569082
    const printed = '0.259';
    const table = [
      [35, 59, 58],
      [25, 32, 23],
    ];
    const r = checkContingencyP(table, pv(printed), printed, tests);
    expect(r.status).toBe('inconsistent');
    const all = nearbyTables(table, pv(printed), tests, { limit: 100 });
    expect(all.every((t) => t.delta === 1)).toBe(true);
    expect(all.some((t) => t.column === 1 && t.from === 1 && t.to === 0)).toBe(true);
  });
  it('pairwise: T2 hyperintensity low vs zero 62/29 vs 28/32, p1 = 0.009 (Pearson)', () => {
    expect(
      checkContingencyP(
        [
          [62, 28],
          [29, 32],
        ],
        pv('0.009'),
        '0.009',
        tests,
        { factors: [1, 2, 3] },
      ).status,
    ).toBe('consistent');
  });
  it('edge: a p exactly on the rounding bound is accepted (p printed with the decimals that put it on the bound)', () => {
    const t = [
      [10, 20],
      [20, 10],
    ];
    const p = contingencyPValues(t, tests).pearson!; // 0.009823 (χ² = 6.667)
    const lo = Number(p.toFixed(6)); // a printed interval whose upper end is p itself
    expect(checkContingencyP(t, [lo - 0.0005, p], 'x', tests).status).toBe('consistent');
    expect(checkContingencyP(t, [p, p + 0.0005], 'x', tests).status).toBe('consistent');
  });
  it('not-checkable: a single non-empty level', () => {
    expect(
      checkContingencyP(
        [
          [0, 0],
          [5, 6],
        ],
        pv('0.5'),
        '0.5',
        tests,
      ).status,
    ).toBe('not-checkable');
  });
});
