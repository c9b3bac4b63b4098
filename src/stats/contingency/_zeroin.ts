/**
 * Brent's (1973) root finder in the form of R's `uniroot` (R_zeroin2): the same bracketing, inverse
 * quadratic interpolation, bisection fallback and stopping rule |c − b|/2 ≤ 2·ε·|b| + tol/2, so a
 * caller using R's default tol = ε^0.25 reproduces R's iterates (and hence R's printed roots, which are
 * only accurate to about that tolerance). Written from Brent's published algorithm.
 *
 * Reference: Brent RP (1973) Algorithms for Minimization without Derivatives, ch. 4. Prentice-Hall.
 */
export function zeroin(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol = Number.EPSILON ** 0.25,
  maxIter = 1000,
): number {
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let iter = 0; iter <= maxIter; iter++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(previousStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((previousStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
