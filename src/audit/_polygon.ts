/**
 * Exact feasibility on a 2-D box cut by half-planes: the feasible set of two rounded inputs under
 * linear constraints is a convex polygon, and a linear or linear-fractional objective attains its
 * extremes at the polygon's vertices. Used by the odds-ratio check, where every condition is linear
 * on the log scale.
 */
export type Point = readonly [number, number];

/** Half-plane a·x + b·y ≤ c. */
export interface HalfPlane {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Vertices of box [x0, x1] × [y0, y1] cut by the half-planes (Sutherland–Hodgman); [] when empty. */
export function clipBox(
  x: readonly [number, number],
  y: readonly [number, number],
  planes: readonly HalfPlane[],
): Point[] {
  let poly: Point[] = [
    [x[0], y[0]],
    [x[1], y[0]],
    [x[1], y[1]],
    [x[0], y[1]],
  ];
  for (const { a, b, c } of planes) {
    const scale = Math.max(1, Math.abs(a), Math.abs(b), Math.abs(c));
    const tol = 1e-12 * scale;
    const inside = (p: Point): boolean => a * p[0] + b * p[1] <= c + tol;
    const out: Point[] = [];
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i];
      const q = poly[(i + 1) % poly.length];
      const pin = inside(p);
      const qin = inside(q);
      if (pin) out.push(p);
      if (pin !== qin) {
        const fp = a * p[0] + b * p[1] - c;
        const fq = a * q[0] + b * q[1] - c;
        const t = fp / (fp - fq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    poly = out;
    if (poly.length === 0) return [];
  }
  return poly;
}

/** [min, max] of f over the vertices; f must be linear or linear-fractional with a sign-definite denominator. */
export function rangeOver(vertices: readonly Point[], f: (p: Point) => number): [number, number] | null {
  if (vertices.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vertices) {
    const y = f(v);
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  return [lo, hi];
}
