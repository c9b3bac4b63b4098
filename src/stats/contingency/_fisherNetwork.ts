import { logFactorialTable } from './_logFactorial.ts';

/**
 * Exact r × c Fisher p-value by a network algorithm in the spirit of Mehta & Patel (1983, 1986):
 * columns are placed one at a time; a node is the multiset of remaining row totals (sorted, so
 * rows that are exchangeable share a node); paths carry their "past" log-probability, and equal pasts
 * at a node are merged (summing their mass) in an open-addressing hash. Each (node, past) pair is resolved
 * without expanding it when bounds on the node's best and worst completions show that every completion,
 * or none, is at most as probable as the observed table; otherwise it is expanded to the next column. For
 * every arc the pasts of a node are split in O(log P) (they are kept sorted with prefix masses): a prefix
 * accepted whole, a suffix dropped, the middle pushed on.
 * Tied rows: column vectors that differ only by a permutation among tied rows lead to the same child with
 * the same weight, so only one per class is generated, weighted by the class size.
 * The last expansion (into nodes with two columns left) pushes nothing: each undecided past is finished on
 * the spot against the child's completions, enumerated once and sorted (or, for children asked about few
 * pasts, by a bounded depth-first search over the child's rows with exact best/worst completions at every
 * level). This is where large tables spend their time, so it replaces the merge there.
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
 * Measured (bench/fisher.bench.ts): 5 × 5 tables with n = 155 that take R 16–136 s take 2–7 s here.
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
  /**
   * completions of two-columns-left nodes kept in memory at once (16 bytes each; default 2^25 = 512 MiB);
   * once spent, further nodes are enumerated for one arc at a time or answered by depth-first search.
   * (Tests set it small to exercise those routes.)
   */
  keptCompletions?: number;
  /** expand tied rows once per permutation class (default true; false only to cross-check routes in tests) */
  tieClasses?: boolean;
  /**
   * finish the pasts of the last expansion against the children's completions (default true); false pushes
   * them into the children and finishes there, the other route (for tests)
   */
  finishInPlace?: boolean;
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
}

/** p-value of an r × c table (no empty rows/columns, r, c ≥ 2). */
export function fisherNetwork(counts: number[][], opts: NetworkOptions): NetworkResult {
  return new NetworkRun(
    counts,
    opts.maxWork,
    opts.keptCompletions ?? MAX_KEPT_COMPLETIONS,
    opts.tieClasses ?? true,
    opts.finishInPlace ?? true,
  ).run();
}

/** resolution of the merge key: pasts equal to 1e-9 in log scale share an entry */
const PAST_KEY_SCALE = 1e9;

/**
 * The pasts waiting at the nodes of the next stage: an open-addressing hash on (node, past rounded to
 * 1e-9), in typed arrays (a JS Map per node cost ≈ 200 ns per push; pushes dominate large tables).
 * `group` then lays the entries out node by node, ascending in past.
 */
class PastTable {
  private slots: Int32Array;
  private mask: number;
  private nodeOf: Int32Array;
  private keyOf: Float64Array;
  private repOf: Float64Array;
  private coefOf: Float64Array;
  size = 0;

  constructor(capacity = 8) {
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
    this.nodeOf = new Int32Array(capacity);
    this.keyOf = new Float64Array(capacity);
    this.repOf = new Float64Array(capacity);
    this.coefOf = new Float64Array(capacity);
  }

  private static hash(node: number, key: number): number {
    const lo = key | 0;
    const hi = (key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b) ^ Math.imul(node + 1, 0xc2b2ae35), 0x9e3779b1);
    h ^= h >>> 15;
    return h;
  }

  private find(node: number, key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let h = PastTable.hash(node, key) & mask;
    for (;;) {
      const e = slots[h];
      if (e === 0) return -1 - h;
      const k = e - 1;
      if (this.keyOf[k] === key && this.nodeOf[k] === node) return k;
      h = (h + 1) & mask;
    }
  }

  /** add mass coef·exp(past) to the entry of (node, past) */
  add(node: number, past: number, coef: number): void {
    const key = Math.round(past * PAST_KEY_SCALE);
    const at = this.find(node, key);
    if (at >= 0) {
      // |past − rep| ≤ 1e-9: exp(d) = 1 + d to 1e-18
      this.coefOf[at] += coef * (1 + (past - this.repOf[at]));
      return;
    }
    if (this.size === this.nodeOf.length) {
      this.grow();
      this.add(node, past, coef);
      return;
    }
    const k = this.size++;
    this.nodeOf[k] = node;
    this.keyOf[k] = key;
    this.repOf[k] = past;
    this.coefOf[k] = coef;
    this.slots[-1 - at] = k + 1;
  }

  private grow(): void {
    const capacity = this.nodeOf.length * 2;
    const copy = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.nodeOf = copy(this.nodeOf, new Int32Array(capacity));
    this.keyOf = copy(this.keyOf, new Float64Array(capacity));
    this.repOf = copy(this.repOf, new Float64Array(capacity));
    this.coefOf = copy(this.coefOf, new Float64Array(capacity));
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
    for (let k = 0; k < this.size; k++) {
      let h = PastTable.hash(this.nodeOf[k], this.keyOf[k]) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = k + 1;
    }
  }

  /** the entries node by node (offsets[node] … offsets[node + 1]), each node's pasts ascending */
  group(nodeCount: number): PastLayout {
    const size = this.size;
    const offsets = new Int32Array(nodeCount + 1);
    for (let k = 0; k < size; k++) offsets[this.nodeOf[k] + 1]++;
    for (let v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v];
    const fill = offsets.slice(0, nodeCount);
    const pasts = new Float64Array(size);
    for (let k = 0; k < size; k++) pasts[fill[this.nodeOf[k]]++] = this.repOf[k];
    const coefs = new Float64Array(size);
    for (let v = 0; v < nodeCount; v++) {
      const segment = pasts.subarray(offsets[v], offsets[v + 1]);
      segment.sort();
      // distinct keys within a node, so each sorted past finds its own entry again
      for (let k = offsets[v]; k < offsets[v + 1]; k++)
        coefs[k] = this.coefOf[this.find(v, Math.round(pasts[k] * PAST_KEY_SCALE))];
    }
    return { offsets, pasts, coefs };
  }
}

interface PastLayout {
  offsets: Int32Array;
  pasts: Float64Array;
  coefs: Float64Array;
}

/**
 * One evaluation of {@link fisherNetwork}. The state lives in fields and the recursive steps are methods,
 * not closures created per call or per node: under esbuild's keepNames (tsx, vitest) every named closure
 * costs a defineProperty at creation, which dominated small tables.
 */
class NetworkRun {
  private readonly nRows: number;
  private readonly rowTotals: number[];
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
  /** n! as doubles for the multiplicities of tied rows (≤ nRows!) */
  private readonly factorial: Float64Array;
  private pValue = 0;
  private unresolved = 0;
  private work = 0;
  private middle = 0;
  private nodeCount = 0;
  // per-node expansion state
  private readonly x: Int32Array;
  private readonly sorted: Int32Array;
  private readonly suffix: Int32Array;
  /** tiedWithPrevious[i]: rows[i] equals rows[i − 1] (rows are sorted, so ties are runs) */
  private readonly tied: Uint8Array;
  private hasTies = false;
  private nextIndex = new Map<number | string, number>();
  private nextNodes: NodeInfo[] = [];
  private table = new PastTable();
  private stage = 0;
  private rows: Int32Array = new Int32Array(0);
  private pasts: Float64Array = new Float64Array(0);
  private coefs: Float64Array = new Float64Array(0);
  private prefixMass: Float64Array = new Float64Array(0);
  /** coefs[k]·exp(pasts[k] − pastTop) of the node being expanded */
  private relMass: Float64Array = new Float64Array(0);
  private pastCount = 0;
  private pastTop = 0;
  private readonly completions: Completions;
  private readonly tail: TwoColumnTail;
  /** expanding into two-columns-left children: their pasts are finished, not pushed */
  private finalStage = false;
  private childCompletions: (CompletionList | undefined)[] = [];
  private childHits: number[] = [];
  private childCount: number[] = [];
  private keptCompletions = 0;

  constructor(
    counts: number[][],
    private readonly maxWork: number,
    private readonly keptBudget: number,
    private readonly tieClasses: boolean,
    private readonly finishInPlace: boolean,
  ) {
    // orientation: node keys run over the smaller dimension
    let table = counts;
    if (table.length > table[0].length) table = table[0].map((_, j) => table.map((row) => row[j]));
    const nRows = table.length;
    this.nRows = nRows;
    const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
    this.rowTotals = rowTotals;
    const colTotalsRaw = table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
    const n = rowTotals.reduce((a, b) => a + b, 0);
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
    this.numericKeys = this.base ** nRows < Number.MAX_SAFE_INTEGER;
    this.x = new Int32Array(nRows);
    this.sorted = new Int32Array(nRows);
    this.suffix = new Int32Array(nRows + 1);
    this.tied = new Uint8Array(nRows);
    this.completions = new Completions(lf, nRows);
    this.tail = new TwoColumnTail(lf, nRows, this.base, n);
    this.factorial = factorials(nRows);
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
    const info: NodeInfo = { rows, logTotal, maxFuture: 0, minFuture: 0 };
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
    const count = this.pastCount;
    // most arcs resolve every past one way: skip the search then
    if (bound < pasts[0]) return 0;
    if (bound >= pasts[count - 1]) return count;
    return upperCount(pasts, bound, 1, count - 1);
  }

  private arc(weight: number): void {
    const nRows = this.nRows;
    const rows = this.rows;
    const x = this.x;
    const sorted = this.sorted;
    const mult = this.hasTies ? tieMultiplicity(x, this.tied, this.factorial) : 1;
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
    let id = this.nextIndex.get(key);
    if (id === undefined) {
      id = this.nextNodes.length;
      this.nextNodes.push(this.makeNode(Int32Array.from(sorted), this.stage + 1));
      this.nextIndex.set(key, id);
    }
    const target = this.nextNodes[id];
    const limit = this.limit;
    // past + weight + future ≤ limit for all futures  ⇔  past ≤ limit − weight − maxFuture
    this.work++;
    const acceptEnd = this.countAtMost(limit - weight - target.maxFuture);
    if (acceptEnd > 0)
      this.pValue +=
        mult * Math.exp(this.logConst + this.pastTop + weight + target.logTotal) * this.prefixMass[acceptEnd];
    // none counts  ⇔  past > limit − weight − minFuture
    const liveEnd = this.countAtMost(limit - weight - target.minFuture);
    this.middle += liveEnd - acceptEnd;
    this.work += liveEnd - acceptEnd;
    if (liveEnd === acceptEnd) return;
    if (this.finalStage) {
      this.finishBand(id, target, weight, mult, acceptEnd, liveEnd);
      return;
    }
    const pasts = this.pasts;
    const coefs = this.coefs;
    const table = this.table;
    for (let k = acceptEnd; k < liveEnd; k++) table.add(id, pasts[k] + weight, coefs[k] * mult);
  }

  /**
   * The undecided pasts [from, to) of an arc into a two-columns-left child are finished on the spot, not
   * merged at the child: pushing (hash merge) cost 90–250 ns a past, a search in the child's sorted
   * completions a few tens. A child's completions are enumerated (and kept) once it has been asked about
   * enough pasts to repay the enumeration; before that, and for children with too many completions, a
   * bounded depth-first search answers each past (some hundreds of steps a past: 10–30× slower).
   */
  private finishBand(id: number, child: NodeInfo, weight: number, mult: number, from: number, to: number): void {
    const pasts = this.pasts;
    const coefs = this.coefs;
    const limit = this.limit - weight;
    let list = this.childCompletions[id];
    if (list === undefined) {
      const hits = (this.childHits[id] ?? 0) + (to - from);
      this.childHits[id] = hits;
      // (a depth-first search costs some hundreds of steps a past: below MIN_HITS_TO_ENUMERATE never worth counting)
      const count =
        hits < MIN_HITS_TO_ENUMERATE
          ? Infinity
          : (this.childCount[id] ??= countColumnVectors(child.rows, this.cols[this.nCols - 2]));
      const keep = this.keptCompletions + count <= this.keptBudget;
      // enumerate when the pasts asked so far repay it (kept), or, with the memory budget spent, when this
      // arc's pasts alone repay it (used once); dropping kept lists to make room thrashes, so it never happens
      if (keep ? count <= 1024 * hits : count <= 16 * (to - from)) {
        list = this.completions.enumerate(child.rows, this.cols[this.nCols - 2], count);
        if (keep) {
          this.childCompletions[id] = list;
          this.keptCompletions += count;
        }
        this.work += list.values.length;
      } else {
        const base = this.logConst + weight + child.logTotal;
        for (let k = from; k < to; k++) {
          const fraction = this.tail.fractionAtMost(child.rows, this.cols[this.nCols - 2], limit - pasts[k]);
          if (fraction > 0) this.pValue += mult * coefs[k] * Math.exp(base + pasts[k]) * fraction;
        }
        this.work += this.tail.takeWork();
        return;
      }
    }
    const s = weightedShareAtMost(list, limit, pasts, this.relMass, from, to);
    this.work += to - from;
    if (s > 0) this.pValue += mult * s * Math.exp(this.logConst + this.pastTop + weight + list.top);
  }

  /**
   * enumerate column vectors x (0 ≤ x_i ≤ rows_i, Σ x = colTotal) depth-first; within a run of tied rows
   * only non-increasing x (the permutations share child and weight and are counted by {@link multiplicity})
   */
  private visit(i: number, left: number, arcWeight: number): void {
    const lf = this.lf;
    const x = this.x;
    if (i === this.nRows - 1) {
      if (left > this.rows[i] || (this.tied[i] && left > x[i - 1])) return;
      x[i] = left;
      this.arc(arcWeight - lf[left]);
      return;
    }
    const low = Math.max(0, left - this.suffix[i + 1]);
    let high = Math.min(this.rows[i], left);
    if (i > 0 && this.tied[i] && x[i - 1] < high) high = x[i - 1];
    for (let v = low; v <= high; v++) {
      x[i] = v;
      this.visit(i + 1, left - v, arcWeight - lf[v]);
    }
  }

  private setRows(rows: Int32Array): void {
    this.rows = rows;
    const nRows = this.nRows;
    const suffix = this.suffix;
    suffix[nRows] = 0;
    for (let i = nRows - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + rows[i];
    this.hasTies = false;
    this.tied[0] = 0;
    for (let i = 1; i < nRows; i++) {
      this.tied[i] = this.tieClasses && rows[i] === rows[i - 1] ? 1 : 0;
      if (this.tied[i]) this.hasTies = true;
    }
  }

  run(): NetworkResult {
    const { nCols, cols, logConst, limit } = this;
    const rootRows = Int32Array.from(this.rowTotals).sort().reverse();
    const root = this.makeNode(rootRows, 0);
    let nodes: NodeInfo[] = [];
    let layout: PastLayout = { offsets: new Int32Array(1), pasts: new Float64Array(0), coefs: new Float64Array(0) };
    // resolve the root if possible
    if (root.maxFuture <= limit) this.pValue += Math.exp(logConst + root.logTotal);
    else if (!(root.minFuture > limit)) {
      nodes = [root];
      layout = { offsets: Int32Array.of(0, 1), pasts: Float64Array.of(0), coefs: Float64Array.of(1) };
    }
    for (let stage = 0; stage < nCols - 2 && layout.pasts.length > 0; stage++) {
      // (stages 0 … nCols − 3 expand; their children at stage nCols − 2 have two columns left; the
      // per-stage state starts empty, see clearStage)
      this.stage = stage;
      this.finalStage = this.finishInPlace && stage === nCols - 3;
      const colTotal = cols[stage];
      for (let v = 0; v < nodes.length; v++) {
        const from = layout.offsets[v];
        const pastCount = layout.offsets[v + 1] - from;
        if (pastCount === 0) continue;
        const pasts = layout.pasts.subarray(from, from + pastCount);
        const coefs = layout.coefs.subarray(from, from + pastCount);
        if (this.work > this.maxWork) {
          this.addUnresolved(nodes[v], pasts, coefs);
          continue;
        }
        // pasts ascending with prefix masses relative to the largest past: for every arc, the pasts whose
        // every completion counts form a prefix (summed in O(log P)) and those that can never count a suffix
        const pastTop = pasts[pastCount - 1];
        const prefixMass = new Float64Array(pastCount + 1);
        if (this.relMass.length < pastCount)
          this.relMass = new Float64Array(Math.max(pastCount, 2 * this.relMass.length));
        const relMass = this.relMass;
        for (let k = 0; k < pastCount; k++) {
          relMass[k] = coefs[k] * Math.exp(pasts[k] - pastTop);
          prefixMass[k + 1] = prefixMass[k] + relMass[k];
        }
        this.pasts = pasts;
        this.coefs = coefs;
        this.prefixMass = prefixMass;
        this.pastCount = pastCount;
        this.pastTop = pastTop;
        this.setRows(nodes[v].rows);
        this.visit(0, colTotal, 0);
      }
      nodes = this.nextNodes;
      layout = this.table.group(nodes.length);
      this.clearStage();
    }
    // pasts waiting at nodes with two columns left (the root of a two-column table, or every such node with
    // finishInPlace off): each needs the share of the node's completions at most as probable as
    // limit − past. Many pasts: enumerate the completions once, sorted, and sweep the pasts against them;
    // few: a bounded depth-first search per past.
    const twoColumns = this.tail;
    const firstCol = cols[nCols - 2];
    for (let v = 0; v < nodes.length; v++) {
      const from = layout.offsets[v];
      const pastCount = layout.offsets[v + 1] - from;
      if (pastCount === 0) continue;
      const node = nodes[v];
      const pasts = layout.pasts.subarray(from, from + pastCount);
      const coefs = layout.coefs.subarray(from, from + pastCount);
      if (this.work > this.maxWork) {
        this.addUnresolved(node, pasts, coefs);
        continue;
      }
      const completions = countColumnVectors(node.rows, firstCol);
      if (pastCount > 1 && completions <= 32 * pastCount && completions <= 5e7) {
        this.sweepTwoColumns(node, firstCol, pasts, coefs, completions);
      } else {
        for (let p = 0; p < pastCount; p++) {
          const fraction = twoColumns.fractionAtMost(node.rows, firstCol, limit - pasts[p]);
          if (fraction > 0) this.pValue += coefs[p] * Math.exp(logConst + pasts[p] + node.logTotal) * fraction;
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

  /** empties the per-stage state (child index, pushed pasts, kept completions), also freeing its memory */
  private clearStage(): void {
    this.nextIndex = new Map();
    this.nextNodes = [];
    this.table = new PastTable();
    this.childCompletions = [];
    this.childHits = [];
    this.childCount = [];
    this.keptCompletions = 0;
  }

  private addUnresolved(node: NodeInfo, pasts: Float64Array, coefs: Float64Array): void {
    for (let p = 0; p < pasts.length; p++)
      this.unresolved += coefs[p] * Math.exp(this.logConst + pasts[p] + node.logTotal);
  }

  /** finish a two-columns-left node's waiting pasts (ascending) against its sorted completions in one sweep */
  private sweepTwoColumns(
    node: NodeInfo,
    firstCol: number,
    pasts: Float64Array,
    coefs: Float64Array,
    completions: number,
  ): void {
    const list = this.completions.enumerate(node.rows, firstCol, completions);
    this.work += list.values.length + pasts.length;
    const pastTop = pasts[pasts.length - 1];
    const relMass = new Float64Array(pasts.length);
    for (let k = 0; k < pasts.length; k++) relMass[k] = coefs[k] * Math.exp(pasts[k] - pastTop);
    const s = weightedShareAtMost(list, this.limit, pasts, relMass, 0, pasts.length);
    if (s > 0) this.pValue += s * Math.exp(this.logConst + pastTop + list.top);
  }
}

/**
 * Number of distinct column vectors equal to x up to permutations among tied rows, for x non-increasing
 * within each run of tied rows (tied[i]: row i equals row i − 1): g!/Π(run of equal x)! per run of g rows.
 */
function tieMultiplicity(x: Int32Array, tied: Uint8Array, factorial: Float64Array): number {
  const nRows = tied.length;
  let mult = 1;
  let group = 1;
  let equal = 1;
  for (let i = 1; i <= nRows; i++) {
    if (i < nRows && tied[i]) {
      group++;
      if (x[i] === x[i - 1]) equal++;
      else {
        mult /= factorial[equal];
        equal = 1;
      }
      continue;
    }
    if (group > 1) mult *= factorial[group] / factorial[equal];
    group = 1;
    equal = 1;
  }
  return mult;
}

/**
 * Sorted completions of a two-columns-left node: futures ascending, cumulative masses exp(f − top) (with
 * multiplicities).
 */
interface CompletionList {
  values: Float64Array;
  cumulative: Float64Array;
  top: number;
}

/**
 * Enumerates every completion of a node with two columns left (x_i in the first column, R_i − x_i in the
 * second; future −Σ lf(x_i) − Σ lf(R_i − x_i)), one per class of permutations among tied rows, weighted by
 * the class size. Own scratch arrays, so it can run in the middle of an arc enumeration.
 */
class Completions {
  private readonly x: Int32Array;
  private readonly tied: Uint8Array;
  private readonly suffix: Int32Array;
  private readonly factorial: Float64Array;
  private rows: Int32Array = new Int32Array(0);
  private hasTies = false;
  private values: Float64Array = new Float64Array(0);
  private mults: Float64Array = new Float64Array(0);
  private count = 0;
  constructor(
    private readonly lf: Float64Array,
    private readonly nRows: number,
  ) {
    this.x = new Int32Array(nRows);
    this.tied = new Uint8Array(nRows);
    this.suffix = new Int32Array(nRows + 1);
    this.factorial = factorials(nRows);
  }

  /** `capacity`: at least the number of column vectors ({@link countColumnVectors}) */
  enumerate(rows: Int32Array, firstCol: number, capacity: number): CompletionList {
    const nRows = this.nRows;
    this.rows = rows;
    this.suffix[nRows] = 0;
    for (let i = nRows - 1; i >= 0; i--) this.suffix[i] = this.suffix[i + 1] + rows[i];
    this.hasTies = false;
    this.tied[0] = 0;
    for (let i = 1; i < nRows; i++) {
      this.tied[i] = rows[i] === rows[i - 1] ? 1 : 0;
      if (this.tied[i]) this.hasTies = true;
    }
    if (this.values.length < capacity) {
      this.values = new Float64Array(capacity);
      this.mults = new Float64Array(capacity);
    }
    this.count = 0;
    this.visit(0, firstCol, 0);
    const count = this.count;
    const values = new Float64Array(count);
    let mults: Float64Array | undefined;
    if (this.hasTies) {
      // sort indices so that the multiplicities follow their futures
      const order = new Uint32Array(count);
      for (let k = 0; k < count; k++) order[k] = k;
      const raw = this.values;
      order.sort((a, b) => raw[a] - raw[b]);
      mults = new Float64Array(count);
      for (let k = 0; k < count; k++) {
        values[k] = raw[order[k]];
        mults[k] = this.mults[order[k]];
      }
    } else {
      values.set(this.values.subarray(0, count));
      values.sort();
    }
    const top = values[count - 1];
    const cumulative = new Float64Array(count);
    let s = 0;
    for (let k = 0; k < count; k++) {
      s += (mults === undefined ? 1 : mults[k]) * Math.exp(values[k] - top);
      cumulative[k] = s;
    }
    return { values, cumulative, top };
  }

  private visit(i: number, left: number, acc: number): void {
    const lf = this.lf;
    const rows = this.rows;
    const x = this.x;
    if (i === this.nRows - 1) {
      if (left > rows[i] || (this.tied[i] && left > x[i - 1])) return;
      x[i] = left;
      const k = this.count++;
      this.values[k] = acc - lf[left] - lf[rows[i] - left];
      if (this.hasTies) this.mults[k] = tieMultiplicity(x, this.tied, this.factorial);
      return;
    }
    const low = Math.max(0, left - this.suffix[i + 1]);
    let high = Math.min(rows[i], left);
    if (i > 0 && this.tied[i] && x[i - 1] < high) high = x[i - 1];
    for (let v = low; v <= high; v++) {
      x[i] = v;
      this.visit(i + 1, left - v, acc - lf[v] - lf[rows[i] - v]);
    }
  }
}

/** a two-columns-left child is asked this many pasts before its completions may be enumerated */
const MIN_HITS_TO_ENUMERATE = 16;

/** completions kept in memory across two-columns-left children (16 bytes each) */
const MAX_KEPT_COMPLETIONS = 1 << 25;

/** k! for k = 0 … n as doubles (the multiplicities of tied rows) */
function factorials(n: number): Float64Array {
  const f = new Float64Array(n + 1);
  f[0] = 1;
  for (let k = 1; k <= n; k++) f[k] = f[k - 1] * k;
  return f;
}

/**
 * Σ_k weights[k] · cumulative[#completions with future ≤ limit − pasts[k]] over k in [from, to), for pasts
 * ascending (so thresholds descending): one binary search, then a gallop down from the last position.
 */
function weightedShareAtMost(
  list: CompletionList,
  limit: number,
  pasts: Float64Array,
  weights: Float64Array,
  from: number,
  to: number,
): number {
  const { values, cumulative } = list;
  let j = upperCount(values, limit - pasts[from], 0, values.length);
  let s = 0;
  for (let k = from; k < to; k++) {
    const theta = limit - pasts[k];
    if (j > 0 && values[j - 1] > theta) {
      let step = 1;
      let hi = j - 1;
      while (hi - step >= 0 && values[hi - step] > theta) {
        hi -= step;
        step *= 2;
      }
      j = upperCount(values, theta, Math.max(0, hi - step), hi);
    }
    if (j === 0) break;
    s += weights[k] * cumulative[j - 1];
  }
  return s;
}

/** count of values[lo..hi) ≤ bound, plus lo (values ascending) */
function upperCount(values: Float64Array, bound: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** number of vectors 0 ≤ x_i ≤ rows_i with Σ x = total (an upper bound on the distinct completions) */
function countColumnVectors(rows: Int32Array, total: number): number {
  let ways = new Float64Array(total + 1);
  ways[0] = 1;
  for (let i = 0; i < rows.length; i++) {
    const next = new Float64Array(total + 1);
    // next[s] = Σ_{v=0..rows_i} ways[s − v], by a running window
    let window = 0;
    for (let s = 0; s <= total; s++) {
      window += ways[s];
      if (s - rows[i] - 1 >= 0) window -= ways[s - rows[i] - 1];
      next[s] = window;
    }
    ways = next;
  }
  return ways[total];
}

/**
 * Exact best and worst completions of a node with two columns left (first column total `firstCol`):
 * with x_i the count in that column, the future is −Σ g_i(x_i), g_i(x) = lf(x) + lf(R_i − x), convex.
 * Best: min Σ g_i (separable convex, one sum constraint) by greedy unit allocation on increasing
 * marginal costs log((x + 1)/(R_i − x)), exact. Worst: max Σ g_i (convex maximisation) is attained at a
 * vertex, where every x_i but at most one sits at 0 or R_i: all r·2^(r−1) vertices are checked.
 */
function twoColumnBounds(
  info: { rows: Int32Array; maxFuture: number; minFuture: number },
  firstCol: number,
  lf: Float64Array,
): void {
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
 * Lagrangian relaxation:
 *   min Σ lf(x) ≥ Σ_i u_i R_i + Σ_j min_{Σ_i x_ij = C_j, 0 ≤ x_ij ≤ R_i} Σ_i (lf(x_ij) − u_i x_ij),
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
  constructor(
    private readonly lf: Float64Array,
    maxRows: number,
    private readonly base: number,
    private readonly total: number,
  ) {
    this.numeric = (base + 1) ** maxRows * (total + 1) < Number.MAX_SAFE_INTEGER;
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
      const info = { rows: rows.slice(from), maxFuture: 0, minFuture: 0 };
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
      if (acc - lf[mode] - lf[ri - mode] - lf[a - mode] - lf[last - a + mode] <= theta)
        return Math.exp(acc + this.logTotal(i, a) - rootLogTotal);
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
