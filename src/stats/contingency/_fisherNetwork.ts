import { logFactorialTable } from './_logFactorial.ts';

/**
 * Exact r × c Fisher p-value by a network algorithm in the spirit of Mehta & Patel (1983, 1986):
 * columns are placed one at a time; a node is the multiset of remaining row totals (sorted, so
 * rows that are exchangeable share a node); paths carry their "past" log-probability, and equal pasts
 * at a node are merged (summing their mass). Each (node, past) pair is resolved without expanding it
 * when bounds on the node's best and worst completions show that every completion, or none, is at
 * most as probable as the observed table; otherwise it is expanded to the next column. For every arc the
 * pasts of a node are split in O(log P) (they are kept sorted with prefix masses): a prefix accepted
 * whole, a suffix dropped, the middle pushed. Nodes with two columns left are finished exactly: with few
 * waiting pasts, by a bounded depth-first search over their rows (exact best/worst completions at every
 * level, cached); with many, by enumerating their completions once, sorted, and binary search per past.
 *
 * Bounds (valid, not heuristic):
 * - two columns left: exact best (separable convex minimisation) and worst (vertex enumeration).
 * - more columns: max completion probability by a Lagrangian relaxation of one margin family with
 *   multipliers log(total) (each column/row then solved exactly by a greedy on convex marginal costs);
 *   min completion probability by filling each column (row) into the largest rows (columns), an upper
 *   bound on Σ log x! by majorization; the better of the two relaxations each time.
 * Differences from FEXACT: FEXACT computes the longest path exactly at every node and merges pasts
 * within its tolerance; here pasts are merged only when equal to 1e-9 in log scale (the mass is summed
 * exactly), so the classification fuzz is FEXACT's 3.45254e-7 tolerance alone.
 * Cost: exponential in the worst case (tables with many columns and n in the hundreds); `maxWork` bounds it.
 */

/** R's FEXACT tolerance: a table counts when its log-probability ≤ log P(observed) + 3.45254e-7. */
export const FEXACT_LOG_TOLERANCE = 3.45254e-7;

export interface NetworkOptions {
  /**
   * stop after about this many elementary steps (arcs generated, pasts pushed to a child, tail-search
   * visits, completions enumerated; each some tens of ns, and pushed pasts bound the memory) and report
   * the resolved mass and bounds.
   */
  maxWork: number;
}

export interface NetworkResult {
  /** the exact p-value (complete = true), or the mass resolved so far (a lower bound) */
  pValue: number;
  complete: boolean;
  /** upper bound on the p-value when incomplete (resolved + unresolved mass) */
  upperBound: number;
  /** probability of the observed table */
  observedProbability: number;
  work: number;
  nodes: number;
  /** (past, child) pairs that no bound could resolve and were pushed on */
  pushedPasts: number;
}

interface NodeInfo {
  rows: Int32Array;
  /** log Σ over completions of exp(future) */
  logTotal: number;
  maxFuture: number;
  minFuture: number;
  /** two-columns-left nodes: sorted futures and cumulative masses exp(f − top) */
  futures?: Float64Array;
  cumulative?: Float64Array;
  top?: number;
  /** pasts waiting at this node: representative log past, mass coefficient */
  reps: number[];
  coefs: number[];
  index: Map<number, number>;
}

/** p-value of an r × c table (no empty rows/columns, r, c ≥ 2). */
export function fisherNetwork(counts: number[][], opts: NetworkOptions): NetworkResult {
  return new NetworkRun(counts, opts.maxWork).run();
}

/**
 * One evaluation of {@link fisherNetwork}. The state lives in fields and the recursive steps are methods,
 * not closures created per call or per node: under esbuild's keepNames (tsx, vitest) every named closure
 * costs a defineProperty at creation, which dominated small tables.
 */
class NetworkRun {
  private readonly nRows: number;
  private readonly rowTotals: number[];
  private readonly n: number;
  private readonly lf: Float64Array;
  private readonly cols: number[];
  private readonly nCols: number;
  private readonly logConst: number;
  private readonly observedPath: number;
  private readonly limit: number;
  private readonly colsLeftTotal: Float64Array;
  private readonly colsLeftLf: Float64Array;
  private readonly base: number;
  private readonly numericKeys: boolean;
  private pValue = 0;
  private unresolved = 0;
  private work = 0;
  private middle = 0;
  private nodeCount = 0;
  // per-node expansion state
  private readonly x: Int32Array;
  private readonly sorted: Int32Array;
  private readonly suffix: Int32Array;
  private next = new Map<number | string, NodeInfo>();
  private stage = 0;
  private rows: Int32Array = new Int32Array(0);
  private pasts: Float64Array = new Float64Array(0);
  private coefs: Float64Array = new Float64Array(0);
  private prefixMass: Float64Array = new Float64Array(0);
  private pastCount = 0;
  private pastTop = 0;

  constructor(counts: number[][], private readonly maxWork: number) {
    // orientation: node keys run over the smaller dimension
    let table = counts;
    if (table.length > table[0].length) table = table[0].map((_, j) => table.map((row) => row[j]));
    const nRows = table.length;
    this.nRows = nRows;
    const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
    this.rowTotals = rowTotals;
    const colTotalsRaw = table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
    const n = rowTotals.reduce((a, b) => a + b, 0);
    this.n = n;
    const lf = logFactorialTable(n);
    this.lf = lf;
    // process columns from smallest to largest (as FEXACT): few arcs early, the two largest resolved exactly
    const cols = colTotalsRaw.slice().sort((a, b) => a - b);
    this.cols = cols;
    const nCols = cols.length;
    this.nCols = nCols;
    let logConst = -lf[n];
    for (const r of rowTotals) logConst += lf[r];
    for (const c of cols) logConst += lf[c];
    this.logConst = logConst;
    let observedPath = 0;
    for (const row of table) for (const v of row) observedPath -= lf[v];
    this.observedPath = observedPath;
    this.limit = observedPath + FEXACT_LOG_TOLERANCE;
    // suffix sums of column totals and of their log-factorials
    this.colsLeftTotal = new Float64Array(nCols + 1);
    this.colsLeftLf = new Float64Array(nCols + 1);
    for (let k = nCols - 1; k >= 0; k--) {
      this.colsLeftTotal[k] = this.colsLeftTotal[k + 1] + cols[k];
      this.colsLeftLf[k] = this.colsLeftLf[k + 1] + lf[cols[k]];
    }
    const maxRow = Math.max(...rowTotals);
    this.base = maxRow + 1;
    this.numericKeys = Math.pow(this.base, nRows) < Number.MAX_SAFE_INTEGER;
    this.x = new Int32Array(nRows);
    this.sorted = new Int32Array(nRows);
    this.suffix = new Int32Array(nRows + 1);
  }

  private keyOf(rows: Int32Array): number | string {
    if (!this.numericKeys) return rows.join(',');
    let key = 0;
    for (let i = 0; i < this.nRows; i++) key = key * this.base + rows[i];
    return key;
  }

  private makeNode(rows: Int32Array, stage: number): NodeInfo {
    const lf = this.lf;
    const nRows = this.nRows;
    this.nodeCount++;
    const remaining = this.colsLeftTotal[stage];
    let logTotal = lf[remaining] - this.colsLeftLf[stage];
    for (let i = 0; i < nRows; i++) logTotal -= lf[rows[i]];
    const info: NodeInfo = { rows, logTotal, maxFuture: 0, minFuture: 0, reps: [], coefs: [], index: new Map() };
    if (this.nCols - stage === 1) {
      // one column left: the completion is forced, future = −Σ lf(rows)
      let f = 0;
      for (let i = 0; i < nRows; i++) f -= lf[rows[i]];
      info.maxFuture = info.minFuture = f;
    } else if (this.nCols - stage === 2) {
      twoColumnBounds(info, this.cols[stage], lf);
    } else {
      info.maxFuture = maxFutureBound(rows, this.cols, stage, remaining, lf);
      info.minFuture = minFutureBound(rows, this.cols, stage, lf);
    }
    return info;
  }

  /** count of pasts ≤ bound */
  private countAtMost(bound: number): number {
    const pasts = this.pasts;
    let lo = 0;
    let hi = this.pastCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pasts[mid] <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private arc(weight: number): void {
    const nRows = this.nRows;
    const rows = this.rows;
    const x = this.x;
    const sorted = this.sorted;
    // child's sorted (descending) rows without allocation: insertion sort
    for (let t = 0; t < nRows; t++) {
      const v = rows[t] - x[t];
      let u = t;
      while (u > 0 && sorted[u - 1] < v) {
        sorted[u] = sorted[u - 1];
        u--;
      }
      sorted[u] = v;
    }
    const key = this.keyOf(sorted);
    let target = this.next.get(key);
    if (target === undefined) {
      target = this.makeNode(Int32Array.from(sorted), this.stage + 1);
      this.next.set(key, target);
    }
    const limit = this.limit;
    // past + weight + future ≤ limit for all futures  ⇔  past ≤ limit − weight − maxFuture
    this.work++;
    const acceptEnd = this.countAtMost(limit - weight - target.maxFuture);
    if (acceptEnd > 0) this.pValue += Math.exp(this.logConst + this.pastTop + weight + target.logTotal) * this.prefixMass[acceptEnd];
    // none counts  ⇔  past > limit − weight − minFuture
    const liveEnd = this.countAtMost(limit - weight - target.minFuture);
    this.middle += liveEnd - acceptEnd;
    this.work += liveEnd - acceptEnd;
    const pasts = this.pasts;
    const coefs = this.coefs;
    for (let k = acceptEnd; k < liveEnd; k++) {
      const past = pasts[k] + weight;
      const q = Math.round(past * 1e9);
      const at = target.index.get(q);
      if (at === undefined) {
        target.index.set(q, target.reps.length);
        target.reps.push(past);
        target.coefs.push(coefs[k]);
      } else {
        target.coefs[at] += coefs[k] * Math.exp(past - target.reps[at]);
      }
    }
  }

  /** enumerate column vectors x (0 ≤ x_i ≤ rows_i, Σ x = colTotal) depth-first */
  private visit(i: number, left: number, arcWeight: number): void {
    const lf = this.lf;
    if (i === this.nRows - 1) {
      this.x[i] = left;
      this.arc(arcWeight - lf[left]);
      return;
    }
    const low = Math.max(0, left - this.suffix[i + 1]);
    const high = Math.min(this.rows[i], left);
    for (let v = low; v <= high; v++) {
      this.x[i] = v;
      this.visit(i + 1, left - v, arcWeight - lf[v]);
    }
  }

  run(): NetworkResult {
    const { nRows, nCols, cols, lf, logConst, limit } = this;
    let current = new Map<number | string, NodeInfo>();
    const rootRows = Int32Array.from(this.rowTotals).sort().reverse();
    const root = this.makeNode(rootRows, 0);
    // resolve the root if possible
    if (root.maxFuture <= limit) this.pValue += Math.exp(logConst + root.logTotal);
    else if (!(root.minFuture > limit)) {
      root.reps.push(0);
      root.coefs.push(1);
      current.set(this.keyOf(rootRows), root);
    }
    for (let stage = 0; stage < nCols - 2 && current.size > 0; stage++) {
      // (stages 0 … nCols − 3 expand; their children at stage nCols − 2 have two columns left)
      this.next = new Map<number | string, NodeInfo>();
      this.stage = stage;
      const colTotal = cols[stage];
      for (const node of current.values()) {
        const rows = node.rows;
        const pastCount = node.reps.length;
        if (this.work > this.maxWork) {
          for (let p = 0; p < pastCount; p++) this.unresolved += node.coefs[p] * Math.exp(logConst + node.reps[p] + node.logTotal);
          continue;
        }
        // pasts in ascending order with prefix masses relative to the largest past: for every arc, the pasts
        // whose every completion counts form a prefix (summed in O(log P)) and those that can never count a suffix
        const reps = node.reps;
        const order = Array.from({ length: pastCount }, (_, p) => p).sort((p, q) => reps[p] - reps[q]);
        const pasts = new Float64Array(pastCount);
        const coefs = new Float64Array(pastCount);
        for (let k = 0; k < pastCount; k++) {
          pasts[k] = reps[order[k]];
          coefs[k] = node.coefs[order[k]];
        }
        const pastTop = pasts[pastCount - 1];
        const prefixMass = new Float64Array(pastCount + 1);
        for (let k = 0; k < pastCount; k++) prefixMass[k + 1] = prefixMass[k] + coefs[k] * Math.exp(pasts[k] - pastTop);
        node.reps = [];
        node.coefs = [];
        node.index = new Map();
        this.rows = rows;
        this.pasts = pasts;
        this.coefs = coefs;
        this.prefixMass = prefixMass;
        this.pastCount = pastCount;
        this.pastTop = pastTop;
        const suffix = this.suffix;
        suffix[nRows] = 0;
        for (let i = nRows - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + rows[i];
        this.visit(0, colTotal, 0);
      }
      current = new Map();
      for (const [key, node] of this.next) if (node.reps.length > 0) current.set(key, node);
    }
    this.next = new Map();
    // nodes with two columns left: enumerate their completions once (sorted, cumulative masses) and answer
    // every waiting past by binary search
    const twoColumns = new TwoColumnTail(lf, nRows, this.base, this.n);
    for (const node of current.values()) {
      const pastCount = node.reps.length;
      if (this.work > this.maxWork) {
        for (let p = 0; p < pastCount; p++) this.unresolved += node.coefs[p] * Math.exp(logConst + node.reps[p] + node.logTotal);
        continue;
      }
      if (pastCount > 100000) {
        enumerateTwoColumns(node, cols[nCols - 2], lf);
        const futures = node.futures as Float64Array;
        const cumulative = node.cumulative as Float64Array;
        this.work += futures.length;
        for (let p = 0; p < pastCount; p++) {
          const theta = limit - node.reps[p];
          let lo = 0;
          let hi = futures.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (futures[mid] <= theta) lo = mid + 1;
            else hi = mid;
          }
          if (lo > 0) this.pValue += node.coefs[p] * Math.exp(logConst + node.reps[p] + (node.top as number)) * cumulative[lo - 1];
        }
        node.futures = undefined;
        node.cumulative = undefined;
      } else {
        for (let p = 0; p < pastCount; p++) {
          const fraction = twoColumns.fractionAtMost(node.rows, cols[nCols - 2], limit - node.reps[p]);
          if (fraction > 0) this.pValue += node.coefs[p] * Math.exp(logConst + node.reps[p] + node.logTotal) * fraction;
        }
        this.work += twoColumns.takeWork();
      }
    }
    const observedProbability = Math.exp(logConst + this.observedPath);
    const complete = this.unresolved === 0;
    return {
      pValue: Math.min(1, this.pValue),
      complete,
      upperBound: Math.min(1, this.pValue + this.unresolved),
      observedProbability,
      work: this.work,
      nodes: this.nodeCount,
      pushedPasts: this.middle,
    };
  }
}

/** All completions of a node with two columns left: futures sorted, cumulative masses relative to the largest. */
function enumerateTwoColumns(info: NodeInfo, firstCol: number, lf: Float64Array): void {
  const rows = info.rows;
  const r = rows.length;
  const values: number[] = [];
  const suffix = new Int32Array(r + 1);
  for (let i = r - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + rows[i];
  const visit = (i: number, left: number, acc: number): void => {
    if (i === r - 1) {
      values.push(acc - lf[left] - lf[rows[i] - left]);
      return;
    }
    const low = Math.max(0, left - suffix[i + 1]);
    const high = Math.min(rows[i], left);
    for (let v = low; v <= high; v++) visit(i + 1, left - v, acc - lf[v] - lf[rows[i] - v]);
  };
  visit(0, firstCol, 0);
  const futures = Float64Array.from(values).sort();
  const top = futures[futures.length - 1];
  const cumulative = new Float64Array(futures.length);
  let s = 0;
  for (let k = 0; k < futures.length; k++) {
    s += Math.exp(futures[k] - top);
    cumulative[k] = s;
  }
  info.futures = futures;
  info.cumulative = cumulative;
  info.top = top;
}

/**
 * Exact best and worst completions of a node with two columns left (first column total `firstCol`):
 * with x_i the count in that column, the future is −Σ g_i(x_i), g_i(x) = lf(x) + lf(R_i − x), convex.
 * Best: min Σ g_i (separable convex, one sum constraint) by greedy unit allocation on increasing
 * marginal costs log((x + 1)/(R_i − x)), exact. Worst: max Σ g_i (convex maximisation) is attained at a
 * vertex, where every x_i but at most one sits at 0 or R_i: all r·2^(r−1) vertices are checked.
 */
function twoColumnBounds(info: NodeInfo, firstCol: number, lf: Float64Array): void {
  const rows = info.rows;
  const r = rows.length;
  if (r <= 2) {
    // one row: forced; two rows: a 2 × 2 table, most probable at the hypergeometric mode, least probable
    // at an end of the support (−g is concave in x)
    if (r === 0) {
      info.maxFuture = info.minFuture = 0;
      return;
    }
    if (r === 1) {
      info.maxFuture = info.minFuture = -lf[firstCol] - lf[rows[0] - firstCol];
      return;
    }
    const r0 = rows[0];
    const r1 = rows[1];
    const lo = Math.max(0, firstCol - r1);
    const hi = Math.min(r0, firstCol);
    const mode = Math.min(hi, Math.max(lo, Math.floor(((firstCol + 1) * (r0 + 1)) / (r0 + r1 + 2))));
    info.maxFuture = twoByTwoFuture(lf, r0, r1, firstCol, mode);
    info.minFuture = Math.min(twoByTwoFuture(lf, r0, r1, firstCol, lo), twoByTwoFuture(lf, r0, r1, firstCol, hi));
    return;
  }
  // start from the proportional allocation (marginal costs nearly equal there), add the few missing
  // units greedily, then exchange single units while that lowers the cost: for a separable convex cost
  // under one sum constraint, no improving unit exchange ⇔ optimal.
  const x = new Int32Array(r);
  let total = 0;
  for (let i = 0; i < r; i++) total += rows[i];
  let used = 0;
  for (let i = 0; i < r; i++) {
    x[i] = total > 0 ? Math.floor((firstCol * rows[i]) / total) : 0;
    used += x[i];
  }
  for (let unit = used; unit < firstCol; unit++) {
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < r; i++) {
      if (x[i] >= rows[i]) continue;
      const cost = Math.log((x[i] + 1) / (rows[i] - x[i]));
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    x[best]++;
  }
  for (;;) {
    let give = -1;
    let giveCost = -Infinity; // saving from removing the last unit of row i
    let take = -1;
    let takeCost = Infinity; // cost of adding a unit to row j
    for (let i = 0; i < r; i++) {
      if (x[i] > 0) {
        const c = Math.log(x[i] / (rows[i] - x[i] + 1));
        if (c > giveCost) {
          giveCost = c;
          give = i;
        }
      }
      if (x[i] < rows[i]) {
        const c = Math.log((x[i] + 1) / (rows[i] - x[i]));
        if (c < takeCost) {
          takeCost = c;
          take = i;
        }
      }
    }
    if (give < 0 || take < 0 || give === take || !(takeCost < giveCost - 1e-12)) break;
    x[give]--;
    x[take]++;
  }
  let minSum = 0;
  for (let i = 0; i < r; i++) minSum += lf[x[i]] + lf[rows[i] - x[i]];
  info.maxFuture = -minSum;
  let maxSum = -Infinity;
  let allLf = 0;
  for (let i = 0; i < r; i++) allLf += lf[rows[i]];
  for (let mask = 0; mask < 1 << r; mask++) {
    let full = 0;
    for (let i = 0; i < r; i++) if (mask & (1 << i)) full += rows[i];
    // rows in mask take x_i = R_i, others 0: g_i = lf(R_i) either way
    if (full === firstCol) {
      if (allLf > maxSum) maxSum = allLf;
      continue;
    }
    const rest = firstCol - full;
    if (rest < 0) continue;
    for (let f = 0; f < r; f++) {
      if (mask & (1 << f) || rest >= rows[f]) continue;
      const v = allLf - lf[rows[f]] + lf[rest] + lf[rows[f] - rest];
      if (v > maxSum) maxSum = v;
    }
  }
  info.minFuture = -maxSum;
}

/**
 * Upper bound on max over completions of −Σ log x_ij! (rows = remaining row totals, columns cols[stage..]).
 * Lagrangian relaxation: min Σ lf(x) ≥ Σ_i u_i R_i + Σ_j min_{Σ_i x_ij = C_j, 0 ≤ x_ij ≤ R_i} Σ_i (lf(x_ij) − u_i x_ij),
 * with u_i = log R_i (and symmetrically with the roles of rows and columns swapped); each inner problem has
 * convex separable cost and is solved exactly by starting from the proportional floor and adding the few
 * remaining units by smallest marginal cost.
 */
function maxFutureBound(rows: Int32Array, cols: number[], stage: number, remaining: number, lf: Float64Array): number {
  const colsLeft = cols.slice(stage);
  const rowsArr = Array.from(rows);
  const a = relaxedMin(rowsArr, colsLeft, remaining, lf);
  const b = relaxedMin(colsLeft, rowsArr, remaining, lf);
  return -Math.max(a, b);
}

/** Lagrangian lower bound on min Σ lf(x) keeping the `keep` margins, relaxing `relax` with u = log(relax). */
function relaxedMin(relax: number[], keep: number[], total: number, lf: Float64Array): number {
  const u = relax.map((v) => (v > 0 ? Math.log(v) : 0));
  let bound = 0;
  for (let i = 0; i < relax.length; i++) bound += u[i] * relax[i];
  const x = new Array<number>(relax.length);
  for (const c of keep) {
    let used = 0;
    for (let i = 0; i < relax.length; i++) {
      x[i] = Math.min(relax[i], Math.floor((c * relax[i]) / total));
      used += x[i];
    }
    for (let extra = c - used; extra > 0; extra--) {
      let best = -1;
      let bestCost = Infinity;
      for (let i = 0; i < relax.length; i++) {
        if (x[i] >= relax[i]) continue;
        const cost = Math.log(x[i] + 1) - u[i];
        if (cost < bestCost) {
          bestCost = cost;
          best = i;
        }
      }
      x[best]++;
    }
    for (let i = 0; i < relax.length; i++) bound += lf[x[i]] - u[i] * x[i];
  }
  return bound;
}

/**
 * Lower bound on min over completions of −Σ log x_ij!: −(upper bound on max Σ lf(x)). Relaxing the row
 * constraints, each column's best is to fill the largest rows first (its vector majorizes every feasible
 * one and Σ lf is Schur-convex); symmetrically for rows; the smaller of the two maxima.
 */
function minFutureBound(rows: Int32Array, cols: number[], stage: number, lf: Float64Array): number {
  const rowsDesc = Array.from(rows).sort((p, q) => q - p);
  const colsDesc = cols.slice(stage).sort((p, q) => q - p);
  return -Math.min(fillLargestFirst(rowsDesc, colsDesc, lf), fillLargestFirst(colsDesc, rowsDesc, lf));
}

/** Σ lf over filling each amount into the (descending) caps, largest first. */
function fillLargestFirst(caps: number[], amounts: number[], lf: Float64Array): number {
  let s = 0;
  for (const amount of amounts) {
    let left = amount;
    for (let i = 0; i < caps.length && left > 0; i++) {
      const v = Math.min(caps[i], left);
      s += lf[v];
      left -= v;
    }
  }
  return s;
}

/** −log of the cell factorials of a 2 × 2 table with rows r0, r1, first column c, top-left x. */
function twoByTwoFuture(lf: Float64Array, r0: number, r1: number, c: number, x: number): number {
  return -lf[x] - lf[r0 - x] - lf[c - x] - lf[r1 - c + x];
}

/**
 * Share of the completion mass of a two-columns-left node whose future is ≤ θ, by depth-first search over
 * its rows with exact bounds at every level (the remaining rows with the remaining first-column count form
 * again a two-column problem, whose best and worst completions {@link twoColumnBounds} finds exactly), so
 * whole branches are accepted (closed-form mass, Vandermonde) or dropped without enumeration.
 * Bounds are cached across nodes by (sorted remaining rows, count).
 */
class TwoColumnTail {
  private readonly cache = new Map<string | number, [number, number]>();
  private work = 0;
  private readonly numeric: boolean;
  constructor(private readonly lf: Float64Array, private readonly maxRows: number, private readonly base: number, private readonly total: number) {
    this.numeric = Math.pow(base + 1, maxRows) * (total + 1) < Number.MAX_SAFE_INTEGER;
  }
  takeWork(): number {
    const w = this.work;
    this.work = 0;
    return w;
  }
  /** [best, worst] future of rows[from..] with `count` in the first column. */
  private bounds(rows: Int32Array, from: number, count: number): [number, number] {
    let key: string | number;
    if (this.numeric) {
      // digits rows_i + 1 (never 0, so the length is encoded too), then the count in radix n + 1
      key = 0;
      for (let i = from; i < rows.length; i++) key = key * (this.base + 1) + rows[i] + 1;
      key = key * (this.total + 1) + count;
    } else key = `${count}:${Array.from(rows.subarray(from)).join(',')}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      const info = { rows: rows.slice(from), maxFuture: 0, minFuture: 0 } as unknown as NodeInfo;
      twoColumnBounds(info, count, this.lf);
      hit = [info.maxFuture, info.minFuture];
      this.cache.set(key, hit);
    }
    return hit;
  }
  private rows: Int32Array = new Int32Array(0);
  private theta = 0;
  private suffix = new Int32Array(0);
  private suffixLf = new Float64Array(0);
  private rootLogTotal = 0;
  /** log of the total mass of rows[i..] with count a in the first column (Vandermonde) */
  private logTotal(i: number, a: number): number {
    const lf = this.lf;
    const si = this.suffix[i];
    return lf[si] - lf[a] - lf[si - a] - this.suffixLf[i];
  }
  fractionAtMost(rows: Int32Array, firstCol: number, theta: number): number {
    const lf = this.lf;
    const r = rows.length;
    if (this.suffix.length !== r + 1) {
      this.suffix = new Int32Array(r + 1);
      this.suffixLf = new Float64Array(r + 1);
    }
    const suffix = this.suffix;
    const suffixLf = this.suffixLf;
    suffix[r] = 0;
    suffixLf[r] = 0;
    for (let i = r - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + rows[i];
    for (let i = r - 1; i >= 0; i--) suffixLf[i] = suffixLf[i + 1] + lf[rows[i]];
    this.rows = rows;
    this.theta = theta;
    this.rootLogTotal = this.logTotal(0, firstCol);
    return this.visit(0, firstCol, 0);
  }
  private visit(i: number, a: number, acc: number): number {
    const lf = this.lf;
    const rows = this.rows;
    const r = rows.length;
    const theta = this.theta;
    const rootLogTotal = this.rootLogTotal;
    this.work++;
    const low = Math.max(0, a - this.suffix[i + 1]);
    const high = Math.min(rows[i], a);
    if (i === r - 2) {
      // last two rows (the final row is forced) form a 2 × 2 table: the future is concave in x, largest at
      // the hypergeometric mode and smallest at an end; the completions at most as probable as θ are the
      // two ends of the range, found by walking in from both sides
      const last = rows[r - 1];
      const ri = rows[i];
      const mode = Math.min(high, Math.max(low, Math.floor(((a + 1) * (ri + 1)) / (ri + last + 2))));
      if (acc - lf[mode] - lf[ri - mode] - lf[a - mode] - lf[last - a + mode] <= theta) return Math.exp(acc + this.logTotal(i, a) - rootLogTotal);
      // (the log future decides membership, as everywhere; the masses follow by the hypergeometric term
      // ratio, one exp per side)
      let s = 0;
      const d = last - a;
      let f = acc - lf[low] - lf[ri - low] - lf[a - low] - lf[d + low];
      if (low < mode && f <= theta) {
        let term = Math.exp(f - rootLogTotal);
        for (let x = low; ; ) {
          s += term;
          term *= ((ri - x) * (a - x)) / ((x + 1) * (d + x + 1));
          x++;
          if (x >= mode) break;
          f = acc - lf[x] - lf[ri - x] - lf[a - x] - lf[d + x];
          if (f > theta) break;
        }
      }
      f = acc - lf[high] - lf[ri - high] - lf[a - high] - lf[d + high];
      if (high > mode && f <= theta) {
        let term = Math.exp(f - rootLogTotal);
        for (let y = high; ; ) {
          s += term;
          term *= (y * (d + y)) / ((ri - y + 1) * (a - y + 1));
          y--;
          if (y <= mode) break;
          f = acc - lf[y] - lf[ri - y] - lf[a - y] - lf[d + y];
          if (f > theta) break;
        }
      }
      return s;
    }
    const [best, worst] = this.bounds(rows, i, a);
    if (acc + best <= theta) return Math.exp(acc + this.logTotal(i, a) - rootLogTotal);
    if (acc + worst > theta) return 0;
    let s = 0;
    for (let x = low; x <= high; x++) s += this.visit(i + 1, a - x, acc - lf[x] - lf[rows[i] - x]);
    return s;
  }
}
