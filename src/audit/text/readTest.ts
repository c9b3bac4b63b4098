import { readNumber, readPValue } from './numbers.ts';
import { readDf } from './readDf.ts';
import type { ProseTest, ProseTestKind, Relation } from './types.ts';

/** The named groups of one `testResultPattern()` match. */
export interface TestMatchGroups {
  readonly label: string;
  readonly df?: string;
  readonly srel: string;
  readonly stat: string;
  readonly prel?: string;
  readonly p?: string;
  readonly ns?: string;
}

function kindOf(label: string): ProseTestKind {
  if (label === 't' || label === 'F' || label === 'r') return label;
  if (label === 'z' || label === 'Z') return 'z';
  if (label.startsWith('Q')) return 'Q';
  return 'chisq';
}

function relation(printed: string): Relation {
  if (printed === '≤') return '<=';
  if (printed === '≥') return '>=';
  return printed as Relation;
}

/**
 * Turns a pattern match into a `ProseTest`, or a reason it is not one (no df for t, two dfs for a t,
 * an unreadable number). A statistic's comma is a decimal comma when the p has one.
 */
export function readTest(g: TestMatchGroups): ProseTest | { readonly skip: string } {
  const test = kindOf(g.label);
  const df = readDf(test, g.df);
  if (!df.ok) return { skip: df.reason };
  const notes = [...df.notes];
  const p = g.p === undefined ? null : readPValue(g.p);
  if (g.p !== undefined && p === null) return { skip: `unreadable p "${g.p}"` };
  const stat = readNumber(g.stat, p?.decimalComma ?? false);
  if (stat === null) return { skip: `unreadable statistic "${g.stat}"` };
  if (stat.decimalComma || p?.decimalComma) notes.push('decimal comma read as a decimal point');
  if (stat.thousands) notes.push(`statistic ${g.stat.trim()}: comma read as a thousands separator`);
  if (test === 'z' && df.df1 !== undefined) notes.push(`z has no df: "(${g.df})" also tried as t(${df.df1})`);
  if (test === 'Q') notes.push('Q read against χ² with its df (meta-analytic heterogeneity)');
  if (test === 'chisq' && /G|Δ/.test(g.label)) notes.push(`${g.label} read against χ² with its df`);
  return {
    test,
    label: g.label.replace(/-\n/, '-'),
    ...(df.df1 === undefined ? {} : { df1: df.df1 }),
    ...(df.df2 === undefined ? {} : { df2: df.df2 }),
    ...(df.sampleSize === undefined ? {} : { sampleSize: df.sampleSize }),
    statisticRelation: relation(g.srel),
    statistic: stat.text,
    pRelation: g.ns !== undefined ? null : relation(g.prel!),
    p: p === null ? null : p.text,
    pPrinted: g.ns ?? g.p!,
    readingNotes: notes,
  };
}
