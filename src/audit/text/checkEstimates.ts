import { parsePart } from '../../data/published/parsePrinted.ts';
import { fmtIv, overlaps } from '../_interval.ts';
import { checkPercent } from '../arithmetic.ts';
import { checkGrim, checkGrimmer } from '../grim.ts';
import { checkOddsRatio } from '../oddsRatio.ts';
import type { AuditKind, CheckOutcome, Interval } from '../types.ts';
import { readNumber } from './numbers.ts';
import type { ProseOptions } from './options.ts';

type Fields = Readonly<Record<string, string>>;

const iv = (x: string): Interval => parsePart(x, 'estimate').interval as Interval;

function pPrinted(f: Fields): string | undefined {
  if (f.p === undefined) return undefined;
  return f.rel && f.rel !== '=' ? `${f.rel} ${f.p}` : f.p;
}

/** OR, its CI and p agree on the log scale (Wald); see checkOddsRatio. */
export function checkProseOddsRatio(f: Fields): CheckOutcome {
  const printedP = pPrinted(f);
  return checkOddsRatio({
    or: iv(f.or),
    lower: iv(f.lower),
    upper: iv(f.upper),
    p: printedP === undefined ? null : (parsePart(printedP, 'p').interval as Interval),
    confLevel: Number(f.level) / 100,
    printed: { or: f.or, lower: f.lower, upper: f.upper, p: printedP },
  });
}

/** AUC inside its CI and the CI symmetric about it (AUC ± z·SE); group sizes are unknown in prose. */
export function checkProseAuc(f: Fields): CheckOutcome {
  const a = iv(f.auc);
  const lo = iv(f.lower);
  const hi = iv(f.upper);
  const mid: Interval = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
  const inside = a[1] >= lo[0] && a[0] <= hi[1];
  const symmetric = overlaps(mid, a);
  const message = !inside
    ? 'the AUC lies outside its CI'
    : symmetric
      ? 'symmetric CI (AUC ± z·SE); group sizes unknown in prose, so the SE is not compared'
      : 'asymmetric CI (bootstrap or transformed?)';
  return {
    status: !inside ? 'inconsistent' : symmetric ? 'consistent' : 'not-checkable',
    reported: `${f.auc} (${f.lower}–${f.upper})`,
    recomputed: `CI midpoint ${fmtIv(mid)}`,
    message,
    arithmetic: [`(${f.lower} + ${f.upper})/2 ∈ ${fmtIv(mid)}; AUC ${f.auc} ∈ ${fmtIv(a)}`],
    severity: 'high',
  };
}

/** Lines with at least this many "k/n (x%)" cells are treated as table extractions in messages. */
export const TABLE_LIKE_CELLS = 6;

/** k/n (x%): the percentage is 100·k/n; in a table-like line a failure is low severity. */
export function checkProsePercent(f: Fields, cellsOnLine: number): CheckOutcome {
  const k = Number(f.count);
  const n = Number(f.n);
  if (n === 0 || k > n) {
    const message = k > n ? 'count larger than n: not a k/n fraction' : 'n = 0';
    return {
      status: 'not-checkable',
      reported: `${f.count}/${f.n} (${f.percent}%)`,
      recomputed: null,
      message,
      arithmetic: [],
      severity: 'high',
    };
  }
  const o = checkPercent(k, n, parsePart(f.percent, 'percent').interval as Interval, f.percent);
  if (o.status !== 'inconsistent' || cellsOnLine < TABLE_LIKE_CELLS) return o;
  const why = 'a garbled text extraction of a table is as likely as a misprint';
  return { ...o, severity: 'low', message: `${o.message} (in a table-like line of ${cellsOnLine} k/n cells: ${why})` };
}

/**
 * GRIM and GRIMMER on "M = 3.45, SD = 1.20, N = 28" (mean over `items` integer items). Prose cannot say
 * whether the data are integers: without `items` a failure is 'implausible' (low), with it 'inconsistent'.
 */
export function checkProseDescriptives(f: Fields, o: ProseOptions): { kind: AuditKind; outcome: CheckOutcome }[] {
  const n = Number(f.n.replace(/,/g, ''));
  const mean = readNumber(f.mean);
  const sd = readNumber(f.sd);
  if (mean === null || sd === null || !(n >= 1)) return [];
  const k = o.items ?? 1;
  const printed = `M = ${f.mean}, SD = ${f.sd}, N = ${f.n}`;
  const scaled = (x: Interval): Interval => [x[0] * k, x[1] * k];
  const soften = (c: CheckOutcome): CheckOutcome => {
    if (c.status !== 'inconsistent' || o.items !== undefined) return c;
    const assumption = 'if these are integer data (set items to say so), this cannot be';
    return { ...c, status: 'implausible', severity: 'low', message: `${c.message} — ${assumption}` };
  };
  const grim = soften(checkGrim(mean.interval, n, printed, k));
  const out = [{ kind: 'grim' as AuditKind, outcome: grim }];
  if (grim.status === 'consistent')
    out.push({
      kind: 'grimmer',
      outcome: soften(checkGrimmer(scaled(mean.interval), scaled(sd.interval), n, printed)),
    });
  return out;
}
