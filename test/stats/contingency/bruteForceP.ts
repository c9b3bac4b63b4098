/** Independent check: enumerate every table with the observed margins (small tables only). */
export function bruteForceP(table: number[][]): number {
  const r = table.length;
  const c = table[0].length;
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
  const n = rows.reduce((a, b) => a + b, 0);
  const lf = (k: number): number => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  };
  const lfTab = Array.from({ length: n + 1 }, (_, k) => lf(k));
  const logConst = rows.reduce((a, v) => a + lfTab[v], 0) + cols.reduce((a, v) => a + lfTab[v], 0) - lfTab[n];
  const logP = (cells: number[]): number => logConst - cells.reduce((a, v) => a + lfTab[v], 0);
  const observed = logP(table.flat());
  let p = 0;
  const cells = new Array<number>(r * c).fill(0);
  const rowLeft = rows.slice();
  const colLeft = cols.slice();
  const fill = (k: number): void => {
    if (k === r * c) {
      const lp = logP(cells);
      if (lp <= observed + 3.45254e-7) p += Math.exp(lp);
      return;
    }
    const i = Math.floor(k / c);
    const j = k % c;
    if (j === c - 1) {
      const v = rowLeft[i];
      if (v > colLeft[j] || (i === r - 1 && v !== colLeft[j])) return;
      if (i === r - 1 && colLeft.some((cl, jj) => jj !== j && cl !== 0)) return;
      cells[k] = v;
      rowLeft[i] -= v;
      colLeft[j] -= v;
      fill(k + 1);
      rowLeft[i] += v;
      colLeft[j] += v;
      return;
    }
    for (let v = 0; v <= Math.min(rowLeft[i], colLeft[j]); v++) {
      if (i === r - 1 && v !== colLeft[j]) continue;
      cells[k] = v;
      rowLeft[i] -= v;
      colLeft[j] -= v;
      fill(k + 1);
      rowLeft[i] += v;
      colLeft[j] += v;
    }
  };
  fill(0);
  return Math.min(1, p);
}
