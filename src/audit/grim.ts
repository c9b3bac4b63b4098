import { fmt, fmtIv, SLACK } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

/**
 * GRIM (Brown & Heathers 2017): the mean of n integers (× `items` for multi-item scales) is S/(n·items)
 * for an integer S. Consistent when some integer S gives a mean inside the printed mean's interval.
 * Reference: Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363–369.
 */
export function checkGrim(mean: Interval, n: number, printed: string, items = 1): CheckOutcome {
  const m = n * items;
  const lo = Math.ceil(mean[0] * m - SLACK * m);
  const hi = Math.floor(mean[1] * m + SLACK * m);
  const arithmetic = [
    `mean ${printed} stands for ${fmtIv(mean)}; × n = ${m}: [${fmt(mean[0] * m, 8)}, ${fmt(mean[1] * m, 8)}]`,
  ];
  if (lo <= hi) {
    arithmetic.push(`integer sum ${lo} / ${m} = ${fmt(lo / m, 8)}`);
    return {
      status: 'consistent',
      reported: printed,
      recomputed: `sum ${lo === hi ? lo : `${lo}…${hi}`}`,
      message: `an integer sum (${lo}) over n = ${m} gives ${printed}`,
      arithmetic,
      severity: 'high',
    };
  }
  const below = Math.floor(mean[0] * m);
  arithmetic.push(`${below} / ${m} = ${fmt(below / m, 8)}, ${below + 1} / ${m} = ${fmt((below + 1) / m, 8)}`);
  return {
    status: 'inconsistent',
    reported: printed,
    recomputed: `${fmt(below / m, 6)} or ${fmt((below + 1) / m, 6)}`,
    message: `no integer sum over n = ${m} gives a mean of ${printed} (GRIM)`,
    arithmetic,
    severity: 'high',
  };
}

/**
 * GRIMMER (Anaya 2016; Allard 2018): for n integers with sum S, Σx² is an integer with the parity
 * of S, and s² = (Σx² − S²/n)/(n − 1). Consistent when some GRIM-compatible S and some integer Q of
 * S's parity give an SD inside the printed SD's interval.
 */
export function checkGrimmer(mean: Interval, sd: Interval, n: number, printed: string): CheckOutcome {
  const sLo = Math.ceil(mean[0] * n - SLACK * n);
  const sHi = Math.floor(mean[1] * n + SLACK * n);
  const arithmetic: string[] = [];
  if (sLo > sHi)
    return {
      status: 'not-checkable',
      reported: printed,
      recomputed: null,
      message: 'the mean fails GRIM, so GRIMMER does not apply',
      arithmetic,
      severity: 'high',
    };
  if (n < 2)
    return {
      status: 'not-checkable',
      reported: printed,
      recomputed: null,
      message: 'n < 2',
      arithmetic,
      severity: 'high',
    };
  for (let S = sLo; S <= sHi; S++) {
    const qLo = (n - 1) * Math.max(0, sd[0]) ** 2 + (S * S) / n;
    const qHi = (n - 1) * sd[1] ** 2 + (S * S) / n;
    let q = Math.ceil(qLo - SLACK * Math.max(1, qLo));
    if ((((q - S) % 2) + 2) % 2 !== 0) q += 1;
    arithmetic.push(`S = ${S}: Σx² ∈ [${fmt(qLo, 10)}, ${fmt(qHi, 10)}], needs an integer ≡ S (mod 2)`);
    if (q <= qHi + SLACK * Math.max(1, qHi)) {
      const s = Math.sqrt((q - (S * S) / n) / (n - 1));
      arithmetic.push(`Σx² = ${q} gives SD ${fmt(s, 8)}`);
      return {
        status: 'consistent',
        reported: printed,
        recomputed: `SD ${fmt(s, 6)}`,
        message: `integer data with sum ${S} and Σx² = ${q} give this mean and SD`,
        arithmetic,
        severity: 'high',
      };
    }
  }
  return {
    status: 'inconsistent',
    reported: printed,
    recomputed: null,
    message: `no integer data of n = ${n} have this mean and SD (GRIMMER)`,
    arithmetic,
    severity: 'high',
  };
}
