import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildProgram } from '../../src/cli.ts';
import { loadCodebook, parseCodebook } from '../../src/data/index.ts';
import {
  aucGreater,
  cohenKappaSimple,
  iccTwoRaters,
  logitFit,
  pearsonChiSquare,
  quantileType6,
} from '../../src/simulate/_measures.ts';
import { permutedMultiset, substream, topK } from '../../src/simulate/_random.ts';
import { renderCsv, sidecarPaths, simulate } from '../../src/simulate/index.ts';
import { fitQuantiles, integersWithMeanSd } from '../../src/simulate/shen2025/continuous.ts';
import { qualitativeReaders, spreadTargets } from '../../src/simulate/shen2025/readers.ts';
import { checkAgeTotal, resolveCategoricalCounts, resolveOddsRatio } from '../../src/simulate/shen2025/resolve.ts';
import { parseCountCell, parseMeanSd, parseMedianIqr } from '../../src/simulate/shen2025/targets.ts';
import { InputError, InternalError } from '../../src/stats/_shared/errors.ts';
import { cohenKappa, icc } from '../../src/stats/agreement/index.ts';
import { chiSquareTest } from '../../src/stats/contingency/index.ts';
import { mean, quantile, standardDeviation } from '../../src/stats/descriptive/index.ts';
import { logisticRegression } from '../../src/stats/regression/index.ts';
import { rocCurve } from '../../src/stats/roc/index.ts';
import { tempDir } from '../data/_tmp.ts';

describe('seeded helpers', () => {
  it('substream: same seed and label → same stream; another label or seed → another stream', () => {
    const draw = (seed: number, label: string) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.uniform()
        )(substream(seed, label)),
      );
    expect(draw(7, 'a')).toEqual(draw(7, 'a'));
    expect(draw(7, 'a')).not.toEqual(draw(7, 'b'));
    expect(draw(7, 'a')).not.toEqual(draw(8, 'a'));
  });

  it('permutedMultiset keeps exact counts; topK picks the largest, ties by index', () => {
    const items = permutedMultiset(substream(1, 'x'), [
      ['a', 3],
      ['b', 0],
      ['c', 5],
    ]);
    expect(items.filter((v) => v === 'a')).toHaveLength(3);
    expect(items.filter((v) => v === 'c')).toHaveLength(5);
    expect([...topK([1, 5, 5, 2], 2)]).toEqual([1, 2]);
  });
});

describe('integer constructions', () => {
  it('integersWithMeanSd hits the printed mean and SD (2 decimals) for each Table 1 age group', () => {
    for (const [n, m, s] of [
      [60, 47.87, 10.4],
      [91, 48.41, 11.48],
      [81, 49.32, 9.74],
    ] as const) {
      const x = integersWithMeanSd(substream(3, `age${n}`), n, m, s, 2, [25, 85]);
      expect(x.every((v) => Number.isInteger(v) && v >= 25 && v <= 85)).toBe(true);
      expect(Math.abs(mean(x) - m)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(standardDeviation(x) - s)).toBeLessThanOrEqual(0.005);
    }
  });

  it('fitQuantiles reaches exact type-6 quartiles (checked with the public quantile)', () => {
    const rng = substream(5, 'q');
    const values = Array.from({ length: 60 }, () => 20 + rng.integer(40));
    const all = values.map((_, i) => i);
    const miss = fitQuantiles(
      rng,
      values,
      [
        { label: 'q1', members: all, p: 0.25, value: 26.25 },
        { label: 'median', members: all, p: 0.5, value: 36.5 },
        { label: 'q3', members: all, p: 0.75, value: 50.75 },
      ],
      (_, v) => v > 0,
      () => 20 + rng.integer(40),
    );
    expect(miss).toBe(0);
    expect(quantile(values, [0.25, 0.5, 0.75], { type: 6 })).toEqual([26.25, 36.5, 50.75]);
  });

  it('qualitativeReaders: kappa rounds to the target and the consensus is always one reader', () => {
    const rng = substream(11, 'cons');
    const consensus = Array.from({ length: 150 }, () => ['a', 'b', 'c'][rng.integer(3)] as string | null);
    consensus[3] = null;
    const rated = consensus.map((_c, i) => i).filter((i) => consensus[i] !== null);
    const kappaOf = (r: { r1: (string | null)[]; r2: (string | null)[] }) =>
      cohenKappa(
        rated.map((i) => r.r1[i] as string),
        rated.map((i) => r.r2[i] as string),
      ).kappa;
    const exact = qualitativeReaders(substream(11, 'k'), consensus, ['a', 'b', 'c'], 0.82);
    expect(exact.r1[3]).toBeNull();
    expect(kappaOf(exact).toFixed(3)).toBe('0.820');
    expect(kappaOf(exact)).toBeCloseTo(exact.kappa, 12);
    // Kappa is granular: with 149 rows and three balanced levels, 12 disagreements give kappa in about
    // [0.877, 0.879] and 13 at most ≈ 0.869 (chance agreement cannot go below ≈ 1/3), so 0.874 is out of reach
    // and the closest achievable value is returned.
    const closest = qualitativeReaders(substream(11, 'k'), consensus, ['a', 'b', 'c'], 0.874);
    expect(Math.abs(kappaOf(closest) - 0.874)).toBeLessThan(0.006);
    const r = closest;
    for (const i of rated) expect(r.r1[i] === consensus[i] || r.r2[i] === consensus[i]).toBe(true);
  });

  it('spreadTargets spaces targets evenly between the range ends', () => {
    expect(spreadTargets(['a', 'b', 'c'], 0.8, 0.9)).toEqual({ a: 0.9, b: 0.85, c: 0.8 });
  });
});

describe('conflict resolution is computed from the printed numbers', () => {
  it('FGT HER2-low: 21 + 50 ≠ 91; repairing c/d to 70 reproduces p = 0.967 (public chiSquareTest), 41/50 does not', () => {
    const { counts, conflicts } = resolveCategoricalCounts();
    expect(counts.fgt.c_d.low).toBe(70);
    const conflict = conflicts.find((c) => c.id === 'table2:fgt:low:sum');
    expect(conflict?.kind).toBe('conflict');
    const p = (a: number, b: number) =>
      chiSquareTest([
        [13, a, 19],
        [47, b, 62],
      ]).pValue;
    expect(p(21, 70).toFixed(3)).toBe('0.967');
    expect(p(41, 50)).toBeLessThan(0.01);
    // no other row of Tables 1–2 fails its sum
    expect(conflicts.filter((c) => c.id.endsWith(':sum'))).toHaveLength(1);
  });

  it('age total mean 49.00 cannot follow from the group means; 48.59 would', () => {
    const [c] = checkAgeTotal();
    expect(c.problem).toMatch(/\[48\.583, 48\.593\]/);
    const sum = 60 * 47.87 + 91 * 48.41 + 81 * 49.32; // hand check of the weighted mean
    expect(sum / 232).toBeCloseTo(48.588, 3);
  });

  it('OR 3.91 (1.38–11.05) is consistent; OR 2.23 (1.29–8.10) is not: its CI centre 3.23 matches p = 0.012', () => {
    expect(resolveOddsRatio('lowVsZero').conflicts).toEqual([]);
    const over = resolveOddsRatio('lowVsOver');
    expect(over.target).toBe(3.23);
    expect(Math.sqrt(1.29 * 8.1)).toBeCloseTo(3.23, 2); // hand check: geometric centre of the CI
    expect(over.conflicts[0].problem).toMatch(/p = 0\.087/);
  });

  it('parsers read the printed cells', () => {
    expect(parseCountCell('13/60 (21.7%)')).toEqual({ count: 13, denominator: 60, percent: 21.7 });
    expect(parseCountCell('30 (50.0%)')).toEqual({ count: 30, denominator: null, percent: 50 });
    expect(parseMeanSd('49.00 ±10.59')).toEqual({ mean: 49, sd: 10.59, meanDecimals: 2, sdDecimals: 2 });
    expect(parseMedianIqr('40% (25%, 60%)')).toEqual({ median: 40, q1: 25, q3: 60, decimals: 0 });
    expect(() => parseCountCell('13 of 60')).toThrow(/unparseable/);
  });
});

describe('the simulator’s internal search statistics agree with the public R-validated ones', () => {
  const rng = substream(99, 'measures');
  const n = 80;
  const x1 = Array.from({ length: n }, () => rng.normal());
  const x2 = x1.map((v) => v + 0.5 * rng.normal());
  const y = x1.map((v) => (v + rng.normal() > 0 ? 1 : 0));
  it('logitFit ≈ logisticRegression (coefficients, SEs, p)', () => {
    const X = x1.map((v, i) => [v, x2[i]]);
    const mine = logitFit(X, y);
    // glm's default convergence (deviance change 1e-8) stops a little short of the MLE; converge fully so the
    // comparison is about the estimator, not the stopping rule
    const ref = logisticRegression(X, y, { tolerance: 1e-14, maxIterations: 100 });
    ref.coefficients.forEach((c, j) => {
      expect(mine.coefficients[j]).toBeCloseTo(c.estimate, 6);
      expect(mine.standardErrors[j]).toBeCloseTo(c.se, 6);
      expect(mine.pValues[j]).toBeCloseTo(c.pValue, 6);
    });
  });
  it('aucGreater = rocCurve AUC; iccTwoRaters = icc; cohenKappaSimple = cohenKappa; pearsonChiSquare = chiSquareTest; quantileType6 = quantile type 6', () => {
    expect(
      aucGreater(
        x1.filter((_, i) => y[i] === 1),
        x1.filter((_, i) => y[i] === 0),
      ),
    ).toBeCloseTo(rocCurve(y, x1, { direction: '<' }).auc, 12);
    const mine = iccTwoRaters(x1, x2);
    const rows = x1.map((v, i) => [v, x2[i]]);
    expect(mine.agreement).toBeCloseTo(
      icc(rows, { model: 'twoway-random', type: 'agreement', unit: 'single' }).value,
      12,
    );
    expect(mine.consistency).toBeCloseTo(
      icc(rows, { model: 'twoway-mixed', type: 'consistency', unit: 'single' }).value,
      12,
    );
    const a = x1.map((v) => (v > 0.3 ? 'p' : v > -0.5 ? 'q' : 'r'));
    const b = x2.map((v) => (v > 0.3 ? 'p' : v > -0.5 ? 'q' : 'r'));
    expect(cohenKappaSimple(a, b)).toBeCloseTo(cohenKappa(a, b).kappa, 12);
    const table = [
      [13, 21, 19],
      [47, 70, 62],
    ];
    expect(pearsonChiSquare(table).pValue).toBeCloseTo(chiSquareTest(table).pValue, 12);
    const sorted = [...x1].sort((p, q) => p - q);
    for (const p of [0.1, 0.25, 0.5, 0.75, 0.9])
      expect(quantileType6(sorted, p)).toBeCloseTo(quantile(x1, p, { type: 6 }), 12);
  });
});

describe('rendering and CLI errors', () => {
  const mini = parseCodebook(
    parseYaml(`
study: t
version: 1
columns:
  - { name: id, label: ID, type: string, role: id }
  - { name: g, label: G, type: categorical, role: group, levels: [{ code: a, label: A }] }
  - { name: age, label: Age, type: integer }
  - { name: x, label: X, type: number }
`),
  );
  it('renderCsv: NA for missing, integers plain, numbers with 4 decimals, LF', () => {
    expect(
      renderCsv(
        [
          { id: 'S1', g: 'a', age: 40, x: 0.1 },
          { id: 'S2', g: 'a', age: null, x: 1.23456 },
        ],
        mini,
      ),
    ).toBe('id,g,age,x\nS1,a,40,0.1000\nS2,a,NA,1.2346\n');
    expect(() => renderCsv([{ id: 'S1', g: 'a', age: 1, x: 1, extra: 1 }], mini)).toThrow(InternalError);
  });

  it('sidecar paths sit next to the CSV', () => {
    expect(sidecarPaths('/d/c.csv')).toEqual({
      csv: '/d/c.csv',
      meta: '/d/c.meta.json',
      targetsJson: '/d/c.targets.json',
      targetsMd: '/d/c.targets.md',
    });
  });

  it('simulate() rejects an unknown study and an invalid seed', () => {
    const codebook = loadCodebook('data/shen2025/codebook.yaml');
    expect(() => simulate('nope', 1, codebook)).toThrow(InputError);
    expect(() => simulate('shen2025', 0, codebook)).toThrow(/seed must be a positive integer/);
  });

  it('restudy simulate exits 2 on a bad seed or study and writes nothing', async () => {
    const dir = tempDir('restudy-simcli-');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const args of [
        ['--study', 'shen2025', '--seed', 'abc'],
        ['--study', 'nope', '--seed', '1', '--codebook', 'data/shen2025/codebook.yaml'],
      ]) {
        process.exitCode = 0;
        await (await buildProgram())
          .exitOverride()
          .parseAsync(['node', 'restudy', 'simulate', ...args, '--out', join(dir, 'c.csv')]);
        expect(process.exitCode).toBe(2);
      }
    } finally {
      err.mockRestore();
      process.exitCode = 0;
    }
    expect(existsSync(join(dir, 'c.csv'))).toBe(false);
  });
});
