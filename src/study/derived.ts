/**
 * Derived columns (study.yaml `derived`): computed before any analysis from declared rules — cut points,
 * recode, level → number, arithmetic of columns — and listed in the report with their rule. A missing input
 * gives a missing result; a division by zero gives a missing result and a warning counting the rows. The
 * input rows are never modified. Browser-safe.
 */
import { z } from 'zod';
import type { ColumnInfo, Row, Value } from './types.ts';

const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'a column name (letters, digits, _ and .)');

export const derivedSchema = z
  .strictObject({
    name: columnName,
    label: z.string().optional(),
    unit: z.string().optional(),
    cut: z
      .strictObject({
        from: z.string().min(1),
        breaks: z.array(z.number()).min(1),
        levels: z.array(z.string().min(1)).min(2),
        labels: z.array(z.string()).optional(),
        /** left: [a, b) (a break belongs to the level above); right: (a, b]. */
        closed: z.enum(['left', 'right']).default('left'),
      })
      .optional(),
    recode: z
      .strictObject({
        from: z.string().min(1),
        map: z.record(z.string(), z.string().min(1)),
        otherwise: z.string().min(1).optional(),
      })
      .optional(),
    number: z.strictObject({ from: z.string().min(1), map: z.record(z.string(), z.number()) }).optional(),
    formula: z.string().min(1).optional(),
  })
  .refine((d) => [d.cut, d.recode, d.number, d.formula].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one rule: cut, recode, number or formula',
  });
export type DerivedSpec = z.infer<typeof derivedSchema>;

// ---------------------------------------------------------------- formulas

type Node =
  | { op: 'num'; value: number }
  | { op: 'col'; name: string }
  | { op: 'neg'; arg: Node }
  | { op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { op: 'fn'; name: 'log' | 'exp' | 'sqrt' | 'abs'; arg: Node };

const FUNCTIONS = new Set(['log', 'exp', 'sqrt', 'abs']);

/** Parses `+ - * / ^`, parentheses, numbers, column names and log/exp/sqrt/abs; throws with the position. */
export function parseFormula(text: string): Node {
  const tokens = [...text.matchAll(/\s*(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_.]*|[-+*/^()])/gy)];
  const consumed = tokens.reduce((n, t) => n + t[0].length, 0);
  if (text.slice(consumed).trim() !== '')
    throw new Error(`formula: unexpected "${text.slice(consumed).trim()[0]}" at position ${consumed + 1}`);
  const list = tokens.map((t) => t[1]);
  let i = 0;
  const peek = (): string | undefined => list[i];
  const expect = (s: string): void => {
    if (list[i] !== s) throw new Error(`formula: expected "${s}"${list[i] ? `, found "${list[i]}"` : ' at the end'}`);
    i++;
  };
  const primary = (): Node => {
    const t = list[i++];
    if (t === undefined) throw new Error('formula: ends too early');
    if (t === '(') {
      const e = sum();
      expect(')');
      return e;
    }
    if (t === '-') return { op: 'neg', arg: power() };
    if (/^[\d.]/.test(t)) return { op: 'num', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (FUNCTIONS.has(t) && peek() === '(') {
        i++;
        const arg = sum();
        expect(')');
        return { op: 'fn', name: t as 'log', arg };
      }
      return { op: 'col', name: t };
    }
    throw new Error(`formula: unexpected "${t}"`);
  };
  const power = (): Node => {
    const base = primary();
    if (peek() === '^') {
      i++;
      return { op: '^', left: base, right: power() };
    }
    return base;
  };
  const product = (): Node => {
    let left = power();
    while (peek() === '*' || peek() === '/') {
      const op = list[i++] as '*' | '/';
      left = { op, left, right: power() };
    }
    return left;
  };
  const sum = (): Node => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = list[i++] as '+' | '-';
      left = { op, left, right: product() };
    }
    return left;
  };
  const tree = sum();
  if (i < list.length) throw new Error(`formula: unexpected "${list[i]}"`);
  return tree;
}

export function formulaColumns(node: Node): string[] {
  switch (node.op) {
    case 'num':
      return [];
    case 'col':
      return [node.name];
    case 'neg':
    case 'fn':
      return formulaColumns(node.arg);
    default:
      return [...formulaColumns(node.left), ...formulaColumns(node.right)];
  }
}

/** The value of a formula on a row: null when an input is missing or the result is not a finite number. */
function evaluate(node: Node, row: Row): number | null {
  switch (node.op) {
    case 'num':
      return node.value;
    case 'col': {
      const v = Object.hasOwn(row, node.name) ? row[node.name] : null;
      return typeof v === 'number' ? v : null;
    }
    case 'neg': {
      const a = evaluate(node.arg, row);
      return a === null ? null : -a;
    }
    case 'fn': {
      const a = evaluate(node.arg, row);
      if (a === null) return null;
      const r =
        node.name === 'log'
          ? Math.log(a)
          : node.name === 'exp'
            ? Math.exp(a)
            : node.name === 'sqrt'
              ? Math.sqrt(a)
              : Math.abs(a);
      return Number.isFinite(r) ? r : null;
    }
    default: {
      const a = evaluate(node.left, row);
      const b = evaluate(node.right, row);
      if (a === null || b === null) return null;
      const r =
        node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : node.op === '/' ? a / b : a ** b;
      return Number.isFinite(r) ? r : null;
    }
  }
}

// ---------------------------------------------------------------- check and apply

/** Problems of every rule against the columns (derived columns become available to later rules). */
export function checkDerived(derived: readonly DerivedSpec[], columns: ReadonlyMap<string, ColumnInfo>): string[] {
  const cols = new Map(columns);
  const out: string[] = [];
  derived.forEach((d, i) => {
    const at = `derived.${i}`;
    if (cols.has(d.name)) out.push(`${at}.name: a column "${d.name}" exists already`);
    const source = (from: string, field: string, type: 'categorical' | 'numeric'): ColumnInfo | undefined => {
      const c = cols.get(from);
      if (!c) out.push(`${at}.${field}.from: no column "${from}"`);
      else if (c.type !== type) out.push(`${at}.${field}.from: "${from}" is ${c.type}; a ${type} column is needed`);
      return c?.type === type ? c : undefined;
    };
    if (d.cut) {
      source(d.cut.from, 'cut', 'numeric');
      if (d.cut.levels.length !== d.cut.breaks.length + 1)
        out.push(
          `${at}.cut.levels: ${d.cut.breaks.length} breaks make ${d.cut.breaks.length + 1} levels; ` +
            `got ${d.cut.levels.length}`,
        );
      for (let k = 1; k < d.cut.breaks.length; k++)
        if (!(d.cut.breaks[k] > d.cut.breaks[k - 1])) out.push(`${at}.cut.breaks: not ascending at ${d.cut.breaks[k]}`);
      if (d.cut.labels && d.cut.labels.length !== d.cut.levels.length)
        out.push(`${at}.cut.labels: one label per level (${d.cut.levels.length})`);
    } else if (d.recode || d.number) {
      const rule = (d.recode ?? d.number) as { from: string; map: Record<string, unknown> };
      const field = d.recode ? 'recode' : 'number';
      const c = source(rule.from, field, 'categorical');
      const codes = c?.levels?.map((l) => l.code) ?? [];
      for (const k of Object.keys(rule.map))
        if (c && !codes.includes(k))
          out.push(`${at}.${field}.map: "${k}" is not a level of ${rule.from} (have ${codes.join(', ')})`);
      const unmapped = codes.filter((k) => !Object.hasOwn(rule.map, k));
      if (unmapped.length && !d.recode?.otherwise)
        out.push(
          `${at}.${field}.map: levels not mapped: ${unmapped.join(', ')}` +
            `${d.recode ? ' (map them or give otherwise)' : ''}`,
        );
    } else if (d.formula) {
      try {
        for (const name of formulaColumns(parseFormula(d.formula))) {
          const c = cols.get(name);
          if (!c) out.push(`${at}.formula: no column "${name}"`);
          else if (c.type !== 'numeric') out.push(`${at}.formula: "${name}" is ${c.type}, not numeric`);
        }
      } catch (error) {
        out.push(`${at}.${(error as Error).message}`);
      }
    }
    cols.set(d.name, columnOf(d));
  });
  return out;
}

function columnOf(d: DerivedSpec): ColumnInfo {
  const label = d.label ?? d.name;
  if (d.cut)
    return {
      name: d.name,
      label,
      type: 'categorical',
      levels: d.cut.levels.map((code, i) => ({ code, label: d.cut?.labels?.[i] ?? code })),
    };
  if (d.recode) {
    const codes = [...new Set([...Object.values(d.recode.map), ...(d.recode.otherwise ? [d.recode.otherwise] : [])])];
    return { name: d.name, label, type: 'categorical', levels: codes.map((code) => ({ code, label: code })) };
  }
  return { name: d.name, label, type: 'numeric', ...(d.unit ? { unit: d.unit } : {}) };
}

/** The rule in words, for the report. */
export function describeDerived(d: DerivedSpec): string {
  if (d.cut) {
    const { from, breaks, levels, closed } = d.cut;
    const parts = levels.map((l, i) => {
      const lo = i === 0 ? null : breaks[i - 1];
      const hi = i === breaks.length ? null : breaks[i];
      const left = lo === null ? '' : `${lo} ${closed === 'left' ? '≤' : '<'} `;
      const right = hi === null ? '' : ` ${closed === 'left' ? '<' : '≤'} ${hi}`;
      return `${l}: ${left}${from}${right}`;
    });
    return `${d.name} = cut of ${from} (${parts.join('; ')})`;
  }
  if (d.recode)
    return `${d.name} = ${d.recode.from} recoded (${Object.entries(d.recode.map)
      .map(([a, b]) => `${a} → ${b}`)
      .join(', ')}${d.recode.otherwise ? `; otherwise ${d.recode.otherwise}` : ''})`;
  if (d.number)
    return `${d.name} = ${d.number.from} as a number (${Object.entries(d.number.map)
      .map(([a, b]) => `${a} → ${b}`)
      .join(', ')})`;
  return `${d.name} = ${d.formula}`;
}

/** Applies every rule; returns new rows (inputs untouched), the columns with the derived ones, and warnings. */
export function applyDerived(
  derived: readonly DerivedSpec[],
  rows: readonly Row[],
  columns: ReadonlyMap<string, ColumnInfo>,
): { rows: Row[]; columns: Map<string, ColumnInfo>; warnings: string[] } {
  const cols = new Map(columns);
  const warnings: string[] = [];
  // no rule: the rows themselves (nothing downstream writes to a row); a copy per row is 1e5+ objects at scale
  if (derived.length === 0) return { rows: [...rows], columns: cols, warnings };
  const rules: { name: string; compute: (r: Row) => Value; undefinedCount: () => number; formula?: string }[] = [];
  for (const d of derived) {
    const columnValue = (r: Row, c: string): Value => (Object.hasOwn(r, c) ? r[c] : null);
    let compute: (r: Row) => Value;
    let undefinedCount = 0;
    if (d.cut) {
      const { from, breaks, levels, closed } = d.cut;
      compute = (r) => {
        const v = columnValue(r, from);
        if (typeof v !== 'number') return null;
        const k = breaks.filter((b) => (closed === 'left' ? v >= b : v > b)).length;
        return levels[k];
      };
    } else if (d.recode) {
      const { from, map, otherwise } = d.recode;
      compute = (r) => {
        const v = columnValue(r, from);
        if (v === null) return null;
        return Object.hasOwn(map, String(v)) ? map[String(v)] : (otherwise ?? null);
      };
    } else if (d.number) {
      const { from, map } = d.number;
      compute = (r) => {
        const v = columnValue(r, from);
        return v !== null && Object.hasOwn(map, String(v)) ? map[String(v)] : null;
      };
    } else {
      const tree = parseFormula(d.formula as string);
      const inputs = formulaColumns(tree);
      compute = (r) => {
        const v = evaluate(tree, r);
        if (v === null && inputs.every((c) => typeof columnValue(r, c) === 'number')) undefinedCount++;
        return v;
      };
    }
    rules.push({ name: d.name, compute, undefinedCount: () => undefinedCount, formula: d.formula });
    cols.set(d.name, columnOf(d));
  }
  // one copy per row with every derived column; a rule sees the columns derived before it
  const out = rows.map((r) => {
    const x: Row = { ...r };
    for (const rule of rules) {
      const value = rule.compute(x);
      // an own property even for the name "__proto__" (an assignment would set the prototype instead)
      if (rule.name === '__proto__') Object.defineProperty(x, rule.name, { value, enumerable: true, writable: true });
      else x[rule.name] = value;
    }
    return x;
  });
  for (const rule of rules) {
    const count = rule.undefinedCount();
    if (count)
      warnings.push(
        `${rule.name}: ${count} row${count === 1 ? '' : 's'} where ${rule.formula} ` +
          `is not a finite number (division by zero, ` +
          `log of a non-positive value …): missing`,
      );
  }
  return { rows: out, columns: cols, warnings };
}
