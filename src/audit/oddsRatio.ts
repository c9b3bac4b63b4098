import { normalQuantileUpper, normalSf } from '../stats/distributions/index.ts';
import { fmt, fmtIv } from './_interval.ts';
import { clipBox, type HalfPlane, rangeOver } from './_polygon.ts';
import type { CheckOutcome, Interval } from './types.ts';

/** Printed odds ratio with its confidence interval and (optional) p. */
export interface PrintedOddsRatio {
  readonly or: Interval;
  readonly lower: Interval;
  readonly upper: Interval;
  /** rounding interval of the printed p ([0, 0.001] for "< 0.001"); null when not printed */
  readonly p: Interval | null;
  /** @default 0.95 */
  readonly confLevel?: number;
  /** the printed texts, for messages: e.g. { or: '2.23', lower: '1.29', upper: '8.10', p: '0.012' } */
  readonly printed: { readonly or: string; readonly lower: string; readonly upper: string; readonly p?: string };
}

/**
 * Share of the log-scale half-width by which the OR may sit off the CI's geometric midpoint before
 * the check calls it inconsistent rather than implausible. Wald CIs (SPSS's `Exp(B)` CI) are exactly
 * symmetric; profile-likelihood (R `confint`) and exact CIs are not, but rarely by more than this.
 */
export const OR_ASYMMETRY_TOLERANCE = 0.15;

const logIv = (iv: Interval): Interval => [Math.log(Math.max(iv[0], Number.MIN_VALUE)), Math.log(iv[1])];

interface Frame {
  A: Interval;
  B: Interval;
  M: Interval;
  z1: number;
  z2: number;
  /** true in the mirrored frame (OR < 1 analysed as 1/OR) */
  flip: boolean;
}

/** |z| interval of a two-sided p interval. */
function zRange(p: Interval): [number, number] {
  const z1 = p[1] >= 1 ? 0 : normalQuantileUpper(p[1] / 2);
  const z2 = p[0] <= 0 ? Infinity : normalQuantileUpper(p[0] / 2);
  return [z1, z2];
}

/** Half-planes in (a, b) for t(a + b)/(b − a) ∈ [z1, z2] with m ≥ 0. */
function pPlanesAB(t: number, z1: number, z2: number): HalfPlane[] {
  const planes: HalfPlane[] = [
    { a: -(t + z1), b: -(t - z1), c: 0 },
    { a: -1, b: -1, c: 0 },
  ];
  if (Number.isFinite(z2)) planes.push({ a: t + z2, b: t - z2, c: 0 });
  return planes;
}

/** The analyses below assume m ≥ 0 (OR ≥ 1); an OR below 1 is mirrored (1/OR, 1/upper, 1/lower). */
function frames(d: PrintedOddsRatio): Frame[] {
  const A = logIv(d.lower);
  const B = logIv(d.upper);
  const M = logIv(d.or);
  const [z1, z2] = d.p ? zRange(d.p) : [0, Infinity];
  const out: Frame[] = [];
  if (M[1] >= 0) out.push({ A, B, M: [Math.max(0, M[0]), M[1]], z1, z2, flip: false });
  if (M[0] <= 0) out.push({ A: [-B[1], -B[0]], B: [-A[1], -A[0]], M: [Math.max(0, -M[1]), -M[0]], z1, z2, flip: true });
  return out;
}

function union(a: [number, number] | null, b: [number, number] | null): [number, number] | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/**
 * Odds ratio, CI and p must agree on the log scale: a Wald CI is exp(β ± z·SE), so ln(OR) is the
 * midpoint of ln(lower) and ln(upper), SE = (ln upper − ln lower)/(2z), and the Wald p is
 * 2·Φ̄(|ln OR|/SE). With every printed number an interval, the feasible set is a convex polygon on the
 * log scale; the check is exact (vertex enumeration, no grid). When no values agree, it reports for
 * each of the four numbers the values it would need (others as printed) — the single number whose
 * change makes all agree is the likely typo.
 * Statuses: consistent; implausible when only the symmetry fails by less than
 * OR_ASYMMETRY_TOLERANCE of the half-width (a profile or exact CI); inconsistent otherwise.
 */
export function checkOddsRatio(
  d: PrintedOddsRatio,
): CheckOutcome & { readonly fixes: Readonly<Record<'or' | 'lower' | 'upper' | 'p', Interval | null>> } {
  const level = d.confLevel ?? 0.95;
  const t = normalQuantileUpper((1 - level) / 2);
  const pr = d.printed;
  const reported = `OR ${pr.or} (${pr.lower}–${pr.upper})${pr.p ? `, p = ${pr.p}` : ''}`;
  const fs = frames(d);
  // 1) everything together
  let feasible = false;
  // 2) symmetry alone, and p implied by CI + OR (symmetric part)
  let symOk = false;
  let impliedP: [number, number] | null = null;
  // fixes
  let fixOr: [number, number] | null = null;
  let fixP: [number, number] | null = null;
  let fixLo: [number, number] | null = null;
  let fixHi: [number, number] | null = null;
  for (const f of fs) {
    const flip = f.flip;
    const sym: HalfPlane[] = [
      { a: -1, b: -1, c: -2 * f.M[0] },
      { a: 1, b: 1, c: 2 * f.M[1] },
    ];
    const pp = pPlanesAB(t, f.z1, f.z2);
    if (clipBox(f.A, f.B, [...sym, ...(d.p ? pp : [])]).length > 0) feasible = true;
    const symPoly = clipBox(f.A, f.B, sym);
    if (symPoly.length > 0) symOk = true;
    const zOf = (v: readonly [number, number]): number => (t * (v[0] + v[1])) / (v[1] - v[0]);
    const zr = rangeOver(symPoly, zOf);
    if (zr) {
      const pr2: [number, number] = [2 * normalSf(Math.abs(zr[1])), 2 * normalSf(Math.max(0, zr[0]))];
      impliedP = union(impliedP, [Math.min(...pr2), Math.max(...pr2)]);
      fixP = impliedP;
    }
    if (d.p) {
      // OR free: (a, b) over A × B with the p planes; OR = exp((a + b)/2)
      const r = rangeOver(clipBox(f.A, f.B, pp), (v) => (v[0] + v[1]) / 2);
      if (r) fixOr = union(fixOr, flip ? [Math.exp(-r[1]), Math.exp(-r[0])] : [Math.exp(r[0]), Math.exp(r[1])]);
      // lower free: (m, b) over M × B; a = 2m − b; z = t·m/(b − m)
      const planesMB: HalfPlane[] = [
        { a: -(t + f.z1), b: f.z1, c: 0 },
        { a: 1, b: -1, c: 0 },
        ...(Number.isFinite(f.z2) ? [{ a: t + f.z2, b: -f.z2, c: 0 }] : []),
      ];
      const rl = rangeOver(clipBox(f.M, f.B, planesMB), (v) => 2 * v[0] - v[1]);
      // upper free: (a, m) over A × M; b = 2m − a; z = t·m/(m − a)
      const planesAM: HalfPlane[] = [
        { a: -f.z1, b: f.z1 - t, c: 0 },
        { a: 1, b: -1, c: 0 },
        ...(Number.isFinite(f.z2) ? [{ a: f.z2, b: t - f.z2, c: 0 }] : []),
      ];
      const ru = rangeOver(clipBox(f.A, f.M, planesAM), (v) => 2 * v[1] - v[0]);
      if (flip) {
        // in the mirrored frame "lower" is −ln(upper) and vice versa
        if (rl) fixHi = union(fixHi, [Math.exp(-rl[1]), Math.exp(-rl[0])]);
        if (ru) fixLo = union(fixLo, [Math.exp(-ru[1]), Math.exp(-ru[0])]);
      } else {
        if (rl) fixLo = union(fixLo, [Math.exp(rl[0]), Math.exp(rl[1])]);
        if (ru) fixHi = union(fixHi, [Math.exp(ru[0]), Math.exp(ru[1])]);
      }
    }
  }
  const A = logIv(d.lower);
  const B = logIv(d.upper);
  const mid: Interval = [Math.exp((A[0] + B[0]) / 2), Math.exp((A[1] + B[1]) / 2)];
  const se: Interval = [(B[0] - A[1]) / (2 * t), (B[1] - A[0]) / (2 * t)];
  const arithmetic = [
    `ln(${pr.lower}) = ${fmt(Math.log((d.lower[0] + d.lower[1]) / 2), 5)}, ` +
      `ln(${pr.upper}) = ${fmt(Math.log((d.upper[0] + d.upper[1]) / 2), 5)}, ` +
      `ln(${pr.or}) = ${fmt(Math.log((d.or[0] + d.or[1]) / 2), 5)}`,
    `Wald CI is symmetric on the log scale: ` +
      `OR = exp((ln lower + ln upper)/2) = √(lower × upper) ∈ ${fmtIv(mid, 4)}; printed OR ${pr.or}`,
    `SE = (ln upper − ln lower)/(2 × ${fmt(t, 6)}) ∈ ${fmtIv(se, 4)}`,
  ];
  if (impliedP)
    arithmetic.push(
      `Wald p = 2·Φ̄(|ln OR|/SE) from the printed OR and CI ∈ ${fmtIv(impliedP, 3)}` +
        `${pr.p ? `; printed p = ${pr.p}` : ''}`,
    );
  else {
    // symmetric part infeasible: p from the CI alone (its midpoint)
    const zr = [(t * (A[0] + B[0])) / (B[1] - A[0]), (t * (A[1] + B[1])) / (B[0] - A[1])];
    const pci = [2 * normalSf(Math.abs(zr[1])), 2 * normalSf(Math.abs(zr[0]))];
    arithmetic.push(
      `Wald p from the CI alone (its midpoint as ln OR) ∈ ${fmtIv([Math.min(...pci), Math.max(...pci)], 3)}` +
        `${pr.p ? `; printed p = ${pr.p}` : ''}`,
    );
  }
  const fixes = { or: fixOr, lower: fixLo, upper: fixHi, p: fixP } as const;
  const fixLines: string[] = [];
  if (!feasible && d.p) {
    if (fixOr) fixLines.push(`OR ∈ ${fmtIv(fixOr, 4)} (instead of ${pr.or})`);
    if (fixLo) fixLines.push(`lower ∈ ${fmtIv(fixLo, 4)} (instead of ${pr.lower})`);
    if (fixHi) fixLines.push(`upper ∈ ${fmtIv(fixHi, 4)} (instead of ${pr.upper})`);
    if (fixP && symOk) fixLines.push(`p ∈ ${fmtIv(fixP, 3)} (instead of ${pr.p})`);
    arithmetic.push(...fixLines.map((l) => `all agree if only this changes: ${l}`));
    if (fixLines.length === 0) arithmetic.push('no single changed number makes all four agree');
  }
  if (feasible) {
    return {
      status: 'consistent',
      reported,
      recomputed: `√(lower·upper) ∈ ${fmtIv(mid, 4)}${impliedP ? `; Wald p ∈ ${fmtIv(impliedP, 3)}` : ''}`,
      message: 'OR, CI and p agree (Wald, log scale)',
      arithmetic,
      severity: 'high',
      fixes,
    };
  }
  const lnOr = Math.log((d.or[0] + d.or[1]) / 2);
  const lnMid = (Math.log(d.lower[0] * d.upper[0]) + Math.log(d.lower[1] * d.upper[1])) / 4;
  const halfWidth = (B[0] + B[1] - A[0] - A[1]) / 4;
  const asym = Math.abs(lnOr - lnMid) / halfWidth;
  const recomputed = `√(lower·upper) ∈ ${fmtIv(mid, 4)}${impliedP ? `; Wald p ∈ ${fmtIv(impliedP, 3)}` : ''}`;
  if (!symOk) {
    const soft = asym <= OR_ASYMMETRY_TOLERANCE;
    return {
      status: soft ? 'implausible' : 'inconsistent',
      reported,
      recomputed,
      message:
        `the CI ${pr.lower}–${pr.upper} is not symmetric on the log scale around OR ${pr.or} ` +
        `(geometric midpoint ${fmtIv(mid, 4)}; ` +
        `off by ${fmt(asym * 100, 2)}% of the half-width` +
        `${soft ? ', small enough for a profile-likelihood or exact CI' : ''})` +
        (fixLines.length ? `; a single change would make all agree: ${fixLines.join(' or ')}` : ''),
      arithmetic,
      severity: soft ? 'low' : 'high',
      fixes,
    };
  }
  return {
    status: 'inconsistent',
    reported,
    recomputed,
    message:
      `the Wald p implied by OR and CI is ${impliedP ? fmtIv(impliedP, 3) : '?'}, not ${pr.p}` +
      (fixLines.length ? `; a single change would make all agree: ${fixLines.join(' or ')}` : ''),
    arithmetic,
    severity: 'high',
    fixes,
  };
}
