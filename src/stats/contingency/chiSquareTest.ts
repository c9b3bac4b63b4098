import { freezeResult, type TestResult } from '../_shared/result.ts';
import { chisqSf } from '../distributions/chisquare.ts';
import { droppedWarning, reduceTable } from './_table.ts';

export interface ChiSquareOptions {
  /**
   * Yates' continuity correction (R's `correct`). Applied to 2 × 2 tables only, exactly as R's
   * `chisq.test`: |O − E| is reduced by min(0.5, min |O − E|). On larger tables it is a no-op that the
   * result's `conventions` record.
   * @default false (Pearson's uncorrected statistic, SPSS's "Pearson Chi-Square"; R's default is TRUE)
   */
  correct?: boolean;
}

/** Likelihood-ratio (G²) test of independence on the same table, SPSS's "Likelihood Ratio" row. */
export interface LikelihoodRatioPart {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

export interface ChiSquareResult extends TestResult {
  readonly statistic: number;
  readonly df: number;
  /** the counts analysed (empty rows/columns removed) */
  readonly observed: readonly (readonly number[])[];
  /** expected counts under independence, rowTotal·colTotal/n (R's `expected`) */
  readonly expected: readonly (readonly number[])[];
  /** Pearson residuals (O − E)/√E (R's `residuals`) */
  readonly residuals: readonly (readonly number[])[];
  /** adjusted standardized residuals (O − E)/√(E(1 − r/n)(1 − c/n)) (R's `stdres`, SPSS's "Adjusted Residual") */
  readonly stdResiduals: readonly (readonly number[])[];
  /** 0-based indices of the input rows/columns analysed (empty ones are dropped) */
  readonly keptRows: readonly number[];
  readonly keptColumns: readonly number[];
  /** smallest expected count and number/percent of cells with expected count < 5 (SPSS's footnote) */
  readonly minExpected: number;
  readonly cellsExpectedBelow5: number;
  readonly percentExpectedBelow5: number;
  readonly likelihoodRatio: LikelihoodRatioPart;
}

/**
 * Pearson's chi-squared test of independence for an r × c table of counts, with the likelihood-ratio
 * G² test alongside (SPSS's "Chi-Square Tests" table).
 *
 * X² = Σ (|O − E| − Y)² / E with E = rowTotal·colTotal/n, df = (r − 1)(c − 1), p = P(χ²_df ≥ X²) from the
 * upper incomplete gamma (no 1 − cdf). Y = 0, or Yates' min(0.5, min|O − E|) for a 2 × 2 table when
 * `correct: true`. G² = 2 Σ O·log(O/E) over cells with O > 0, same df. O(r·c).
 *
 * Conventions and their equivalents:
 * - default `correct: false` = SPSS "Pearson Chi-Square"; `correct: true` = R's `chisq.test` default and
 *   SPSS "Continuity Correction" (2 × 2 only).
 * - Expected count < 5: a warning with the number and percent of such cells and the minimum expected count
 *   (SPSS's footnote), and R's "Chi-squared approximation may be incorrect".
 * - Empty rows/columns (all zeros): dropped with a warning, as SPSS does. Differences from R: R's
 *   `chisq.test` returns NaN for such a table. When fewer than two non-empty rows or columns remain, no
 *   association can be tested: statistic 0, df 0, p-value 1, with a warning (SPSS prints no statistic).
 *
 * @param table r × c matrix of non-negative integer counts (rows × columns), r, c ≥ 2
 * @param opts `correct` (see {@link ChiSquareOptions}); @default { correct: false }
 * @returns frozen htest-shaped result: statistic (X²), df, pValue, expected, residuals, stdResiduals,
 *   likelihoodRatio { statistic, df, pValue }, minExpected, cellsExpectedBelow5, percentExpectedBelow5,
 *   observed, keptRows, keptColumns, conventions { continuityCorrection, yatesCorrection, ... }, warnings
 * @throws InputError when the table is not a rectangular matrix of ≥ 2 × 2 non-negative integers, or sums to 0
 * @example
 * // Shen et al. 2025, lesion type × HER2 group (rows mass, nme, mass_with_nme)
 * chiSquareTest([[46, 55, 40], [7, 14, 13], [7, 22, 28]]).pValue;
 * // => 0.0166375 (R: chisq.test(m)$p.value 0.01663745851)
 *
 * References: Pearson K (1900) On the criterion that a given system of deviations… Philos Mag 50:157–175.
 * Yates F (1934) Contingency tables involving small numbers and the χ² test. Suppl J R Stat Soc 1:217–235.
 * Agresti A (2013) Categorical Data Analysis, 3rd ed., Wiley, §3.3 (adjusted residuals).
 */
export function chiSquareTest(table: readonly (readonly number[])[], opts: ChiSquareOptions = {}): ChiSquareResult {
  const correct = opts.correct ?? false;
  const t = reduceTable(table);
  const warnings = droppedWarning(t, 'the test');
  const { counts, rowTotals, colTotals, n } = t;
  const r = counts.length;
  const c = colTotals.length;
  const is2x2 = r === 2 && c === 2;
  const expected = rowTotals.map((ri) => colTotals.map((cj) => (ri * cj) / n));
  const residuals = counts.map((row, i) => row.map((o, j) => (o - expected[i][j]) / Math.sqrt(expected[i][j])));
  const stdResiduals = counts.map((row, i) =>
    row.map((o, j) => {
      // R: V = r·c·(n − r)(n − c)/n³
      const v = (rowTotals[i] * colTotals[j] * (n - rowTotals[i]) * (n - colTotals[j])) / (n * n * n);
      return v > 0 ? (o - expected[i][j]) / Math.sqrt(v) : 0;
    }),
  );
  let yates = 0;
  if (correct && is2x2) {
    yates = 0.5;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < c; j++) yates = Math.min(yates, Math.abs(counts[i][j] - expected[i][j]));
  }
  let statistic = 0;
  let g2 = 0;
  let minExpected = Infinity;
  let below5 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = expected[i][j];
      const o = counts[i][j];
      const d = Math.abs(o - e) - yates;
      statistic += (d * d) / e;
      if (o > 0) g2 += o * Math.log(o / e);
      if (e < minExpected) minExpected = e;
      if (e < 5) below5++;
    }
  }
  g2 *= 2;
  if (g2 < 0) g2 = 0; // Σ O log(O/E) ≥ 0 exactly; rounding can leave −1e-16
  const df = (r - 1) * (c - 1);
  const degenerate = r < 2 || c < 2;
  if (degenerate) {
    warnings.push(
      `fewer than two non-empty ${r < 2 ? 'rows' : 'columns'}: no association can be tested; statistic 0, ` +
        `df 0, p-value 1 (SPSS computes no statistic)`,
    );
  }
  const pValue = degenerate ? 1 : chisqSf(statistic, df);
  const gP = degenerate ? 1 : chisqSf(g2, df);
  const cells = r * c;
  const percent = (100 * below5) / cells;
  if (below5 > 0 && !degenerate) {
    warnings.push(
      `expected count < 5 in ${below5} of ${cells} cells (${percent.toFixed(1)}%); minimum expected count ` +
        `${formatCount(minExpected)}; Chi-squared approximation may be incorrect`,
    );
  }
  const yatesApplied = correct && is2x2 && yates > 0;
  return freezeResult({
    method: yatesApplied
      ? "Pearson's Chi-squared test with Yates' continuity correction"
      : "Pearson's Chi-squared test",
    statistic: degenerate ? 0 : statistic,
    statisticName: 'X-squared',
    df: degenerate ? 0 : df,
    pValue,
    n,
    observed: counts,
    expected,
    residuals,
    stdResiduals,
    keptRows: t.keptRows,
    keptColumns: t.keptColumns,
    minExpected,
    cellsExpectedBelow5: below5,
    percentExpectedBelow5: percent,
    likelihoodRatio: { statistic: degenerate ? 0 : g2, df: degenerate ? 0 : df, pValue: gP },
    conventions: {
      test: 'asymptotic chi-squared',
      continuityCorrection: yatesApplied,
      continuityCorrectionRequested: correct,
      continuityCorrectionNote:
        correct && !is2x2
          ? 'Yates correction applies to 2×2 tables only; not applied (as R)'
          : correct && is2x2 && yates === 0
            ? 'Yates correction is min(0.5, |O−E|) = 0 here (O = E)'
            : 'none',
      yatesCorrection: yates,
      emptyRowsDropped: t.droppedRows.length,
      emptyColumnsDropped: t.droppedColumns.length,
    },
    warnings,
  });
}

function formatCount(x: number): string {
  return x >= 0.01 ? x.toFixed(2) : x.toPrecision(3);
}
