import { fmt, fmtIv, overlaps } from '../_interval.ts';
import type { CheckOutcome, Interval } from '../types.ts';
import { readNumber, readPValue } from './numbers.ts';
import type { ProseOptions } from './options.ts';
import { pOfStatistic } from './pValue.ts';
import type { ProseErrorClass, ProseTest } from './types.ts';

/** The outcome of a prose test check: a `CheckOutcome` plus statcheck's error class and the readings. */
export interface ProseTestOutcome extends CheckOutcome {
  readonly errorClass?: ProseErrorClass;
  readonly readings?: { readonly twoTailed: boolean; readonly oneTailed?: boolean };
}

const INF = Number.POSITIVE_INFINITY;

/** Range of |statistic| the printed statistic allows, or why it is impossible. */
function statisticRange(t: ProseTest): Interval | string {
  const n = readNumber(t.statistic)!;
  const signed = t.test === 't' || t.test === 'z' || t.test === 'r';
  if (!signed && n.interval[1] < 0) return `a negative ${t.label} (${t.statistic}) is impossible`;
  if (t.test === 'r' && Math.abs(n.value) > 1) return `|r| = ${Math.abs(n.value)} > 1 is impossible`;
  const abs = Math.abs(n.value);
  if (t.statisticRelation === '<' || t.statisticRelation === '<=') return [0, abs];
  if (t.statisticRelation === '>' || t.statisticRelation === '>=') return [abs, t.test === 'r' ? 1 : INF];
  const [lo, hi] = n.interval;
  const range: Interval =
    lo <= 0 && hi >= 0
      ? [0, Math.max(-lo, hi)]
      : [Math.min(Math.abs(lo), Math.abs(hi)), Math.max(Math.abs(lo), Math.abs(hi))];
  return t.test === 'r' ? [Math.min(range[0], 1), Math.min(range[1], 1)] : range;
}

/** Ends of a printed df: an integer is exact; a decimal df (Welch's 27.85) stands for its rounding interval. */
function dfEnds(df: number | undefined): (number | undefined)[] {
  if (df === undefined || Number.isInteger(df)) return [df];
  const decimals = String(df).split('.')[1]?.length ?? 0;
  const half = 0.5 * 10 ** -decimals;
  return [df - half, df + half];
}

/**
 * p over the box of |statistic| × df1 × df2 intervals: the extremes over its corners (p is monotone in
 * the statistic, and in a df over the width of a rounding interval).
 */
function pRangeOver(t: ProseTest, [a, b]: Interval, oneTailed: boolean): Interval {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of [a, b]) {
    for (const df1 of dfEnds(t.df1)) {
      for (const df2 of dfEnds(t.df2)) {
        const p = pOfStatistic(t.test, x, df1, df2, oneTailed);
        lo = Math.min(lo, p);
        hi = Math.max(hi, p);
      }
    }
  }
  return [lo, hi];
}

/** Interval of the printed p, or why it is an error by itself. `zero` marks "p = .000". */
function printedPRange(t: ProseTest, o: ProseOptions): { iv: Interval; zero: boolean } | string {
  if (t.p === null) return { iv: [o.alpha, 1], zero: false };
  const p = readPValue(t.p)!;
  const rel = t.pRelation;
  if (rel === '<' || rel === '<=')
    return p.value <= 0
      ? `p < ${t.p} is impossible (a p is never below 0)`
      : { iv: [0, Math.min(1, p.value)], zero: false };
  if (rel === '>' || rel === '>=') return p.value >= 1 ? `p > ${t.p} is impossible` : { iv: [p.value, 1], zero: false };
  if (p.value > 1) return `p = ${t.p} is not a probability`;
  return { iv: [Math.max(0, p.interval[0]), Math.min(1, p.interval[1])], zero: p.value === 0 };
}

/** Printed significance: true, false, or null when the printed bound does not decide (p < .10 at α = .05). */
function printedSignificant(t: ProseTest, o: ProseOptions): boolean | null {
  if (t.p === null) return false;
  const v = readPValue(t.p)!.value;
  const atAlphaSignificant = o.pEqualAlpha === 'significant';
  if (t.pRelation === '<') return v <= o.alpha ? true : null;
  if (t.pRelation === '<=') return v < o.alpha || (v === o.alpha && atAlphaSignificant) ? true : null;
  if (t.pRelation === '>') return v >= o.alpha ? false : null;
  if (t.pRelation === '>=') return v > o.alpha || (v === o.alpha && !atAlphaSignificant) ? false : null;
  return v < o.alpha || (v === o.alpha && atAlphaSignificant);
}

/** Whether every p in the range is significant (true), every p is not (false), or it straddles α (null). */
function rangeSignificant(pr: Interval, o: ProseOptions): boolean | null {
  const sig = (p: number) => p < o.alpha || (p === o.alpha && o.pEqualAlpha === 'significant');
  if (sig(pr[1])) return true;
  if (!sig(pr[0])) return false;
  return null;
}

function describe(t: ProseTest): string {
  const df = t.df1 === undefined ? '' : `(${t.df1}${t.df2 === undefined ? '' : `, ${t.df2}`})`;
  const rel = t.statisticRelation === '=' ? '=' : t.statisticRelation;
  return `${t.test === 'chisq' || t.test === 'Q' ? `${t.label}` : t.label}${df} ${rel} ${t.statistic}`;
}

function pShown(t: ProseTest): string {
  return t.p === null ? t.pPrinted : `p ${t.pRelation} ${t.pPrinted}`;
}

/**
 * statcheck's check, made exact: the p of the printed statistic over its whole rounding interval (or
 * bound, for "F < 1") must overlap the printed p's interval ("p = .04" → [.035, .045], "p < .05" →
 * [0, .05], "ns" → [α, 1]). For t, z and r, the one-tailed reading (half the two-sided p) is tried when
 * `oneTailedAllowed`; the result is flagged only when no allowed reading fits. "p = .000" is an error
 * when `pZero` is 'error'; "p < .000" always is. An error is a decision error when the printed p and
 * every recomputed p lie on opposite sides of α.
 * Reference: Nuijten MB et al. Behav Res Methods 2016;48:1205–1226; Epskamp S, Nuijten MB. statcheck.
 */
export function checkProseTest(t: ProseTest, o: ProseOptions, oneTailedAllowed: boolean): ProseTestOutcome {
  const printed = describe(t);
  const reported = pShown(t);
  const range = statisticRange(t);
  const pRange = printedPRange(t, o);
  const impossible = typeof range === 'string' ? range : typeof pRange === 'string' ? pRange : null;
  if (impossible !== null) {
    return {
      status: 'inconsistent',
      errorClass: 'error',
      reported,
      recomputed: null,
      message: impossible,
      arithmetic: [`${printed}, ${reported}`],
      severity: 'high',
    };
  }
  const [a, b] = range as Interval;
  const { iv: pIv, zero } = pRange as { iv: Interval; zero: boolean };
  const pFor = (oneTailed: boolean): Interval => pRangeOver(t, [a, b], oneTailed);
  const directional = t.test === 't' || t.test === 'z' || t.test === 'r';
  const twoTailedOnly = !(directional && (oneTailedAllowed || o.oneTailed === 'all'));
  const twoTailed = pFor(false);
  const oneTailed = twoTailedOnly ? null : pFor(true);
  const fitsTwo = o.oneTailed !== 'all' && overlaps(twoTailed, pIv);
  const fitsOne = oneTailed !== null && overlaps(oneTailed, pIv);
  const shownReading: Interval = o.oneTailed === 'all' && oneTailed ? oneTailed : twoTailed;
  const tailsNote = directional ? ' (two-tailed)' : '';
  const arithmetic = [
    `${printed}: |statistic| ∈ ${fmtIv([a, b])} → p ∈ ${fmtIv(twoTailed, 4)}${tailsNote}`,
    ...(oneTailed ? [`one-tailed: p ∈ ${fmtIv(oneTailed, 3)}`] : []),
    `printed ${reported} stands for ${fmtIv(pIv)}`,
  ];
  const readings = directional
    ? { readings: { twoTailed: overlaps(twoTailed, pIv), ...(oneTailed ? { oneTailed: fitsOne } : {}) } }
    : {};
  if ((fitsTwo || fitsOne) && !(zero && o.pZero === 'error')) {
    const which = fitsTwo ? '' : ' (one-tailed reading only: the text mentions one-tailed/one-sided/directional tests)';
    const p = fitsTwo ? shownReading : oneTailed!;
    return {
      status: 'consistent',
      reported,
      recomputed: fmtIv(p, 3),
      message: `the statistic gives p ∈ ${fmtIv(p, 3)}${which}`,
      arithmetic,
      severity: 'high',
      ...readings,
    };
  }
  if (fitsTwo || fitsOne) {
    const gives = `the statistic gives p ∈ ${fmtIv(shownReading, 3)}`;
    const message = `p = ${t.p} is reported as exactly 0; a p is never 0 (write p < .001); ${gives}`;
    return {
      status: 'inconsistent',
      errorClass: 'error',
      reported,
      recomputed: fmtIv(shownReading, 3),
      message,
      arithmetic,
      severity: 'high',
      ...readings,
    };
  }
  if (t.test === 'z' && t.df1 !== undefined) {
    const asT: Interval = [
      pOfStatistic('t', b, t.df1, undefined, false),
      pOfStatistic('t', a, t.df1, undefined, false),
    ];
    if (overlaps(asT, pIv)) {
      return {
        status: 'implausible',
        reported,
        recomputed: fmtIv(asT, 3),
        message:
          `as z the statistic gives p ∈ ${fmtIv(twoTailed, 3)}; ` +
          `as t(${t.df1}) it gives p ∈ ${fmtIv(asT, 3)}, which fits: a t labelled z?`,
        arithmetic: [...arithmetic, `as t(${t.df1}): p ∈ ${fmtIv(asT, 3)}`],
        severity: 'low',
        ...readings,
      };
    }
  }
  const printedSig = printedSignificant(t, o);
  const recomputedSig = rangeSignificant(shownReading, o);
  const decision = printedSig !== null && recomputedSig !== null && printedSig !== recomputedSig;
  const decisionNote = decision ? ` — a decision error at α = ${o.alpha}` : '';
  const oneTailedNote =
    oneTailed && o.oneTailed !== 'all' ? `; one-tailed p ∈ ${fmtIv(oneTailed, 3)} does not fit either` : '';
  const at = pOfStatistic(t.test, readNumber(t.statistic)!.value, t.df1, t.df2, o.oneTailed === 'all' && directional);
  return {
    status: 'inconsistent',
    errorClass: decision ? 'decision-error' : 'error',
    reported,
    recomputed: fmtIv(shownReading, 3),
    message: `${printed} gives p ∈ ${fmtIv(shownReading, 3)}, not ${reported}${decisionNote}${oneTailedNote}`,
    arithmetic: [...arithmetic, `p at the printed statistic: ${fmt(at, 4)}`],
    severity: 'high',
    ...readings,
  };
}
