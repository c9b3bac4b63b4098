import { chisqSf, fSf, normalSf, tSf } from '../stats/distributions/index.ts';
import { fmt, fmtIv, overlaps, pText } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

export type ReportedTestKind = 'chisq' | 't' | 'F' | 'z';

export interface ReportedTest {
  readonly test: ReportedTestKind;
  readonly df1?: number;
  readonly df2?: number;
  /** rounding interval of the printed statistic */
  readonly statistic: Interval;
  /** rounding interval of the printed p ([0, 0.05] for "p < .05") */
  readonly p: Interval;
  readonly printed: string;
  readonly printedP: string;
}

function pOf(test: ReportedTestKind, x: number, df1?: number, df2?: number): number {
  switch (test) {
    case 'chisq':
      return chisqSf(x, df1!);
    case 'F':
      return fSf(x, df1!, df2!);
    case 't':
      return Math.min(1, 2 * tSf(Math.abs(x), df1!));
    case 'z':
      return Math.min(1, 2 * normalSf(Math.abs(x)));
  }
}

/**
 * statcheck's test, made exact: the p of a printed test statistic (χ², F upper tail; t, z two-sided)
 * over the statistic's whole rounding interval must overlap the printed p's interval. Also says when
 * the mismatch changes the decision at α = 0.05 (statcheck's "decision error").
 * Reference: Nuijten MB et al. Behav Res Methods 2016;48:1205–1226.
 */
export function checkReportedTest(d: ReportedTest): CheckOutcome {
  const [a, b] =
    d.test === 't' || d.test === 'z'
      ? d.statistic[0] < 0 && d.statistic[1] > 0
        ? [0, Math.max(-d.statistic[0], d.statistic[1])]
        : [
            Math.min(Math.abs(d.statistic[0]), Math.abs(d.statistic[1])),
            Math.max(Math.abs(d.statistic[0]), Math.abs(d.statistic[1])),
          ]
      : [Math.max(0, d.statistic[0]), d.statistic[1]];
  const pr: Interval = [pOf(d.test, b, d.df1, d.df2), pOf(d.test, a, d.df1, d.df2)];
  const arithmetic = [
    `${d.printed}: statistic ∈ ${fmtIv(d.statistic)} → p ∈ ${fmtIv(pr, 3)}`,
    `printed ${pText(d.printedP)} stands for ${fmtIv(d.p)}`,
  ];
  if (overlaps(pr, d.p))
    return {
      status: 'consistent',
      reported: d.printedP,
      recomputed: fmtIv(pr, 3),
      message: `the statistic gives p ∈ ${fmtIv(pr, 3)}`,
      arithmetic,
      severity: 'high',
    };
  // decision error: printed p on one side of α, every recomputed p on the other
  const printedSignificant = d.p[1] <= 0.05;
  const decision = printedSignificant ? pr[0] >= 0.05 : pr[1] < 0.05 && d.p[0] >= 0.05;
  return {
    status: 'inconsistent',
    reported: d.printedP,
    recomputed: fmtIv(pr, 3),
    message:
      `${d.printed} gives p ∈ ${fmtIv(pr, 3)}, not ${pText(d.printedP)}` +
      `${decision ? ' — and the decision at α = 0.05 changes' : ''}`,
    arithmetic: [...arithmetic, `p at the printed statistic: ${fmt(pOf(d.test, (a + b) / 2, d.df1, d.df2), 4)}`],
    severity: 'high',
  };
}
