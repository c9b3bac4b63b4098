import { textPositions } from '../../data/textPosition.ts';
import { estimatePatterns } from './estimatePatterns.ts';
import { normalizeProse } from './normalize.ts';
import { oneTailedMentionOffsets } from './oneTailed.ts';
import { readTest, type TestMatchGroups } from './readTest.ts';
import { testResultPattern } from './testPattern.ts';
import type { ProseLine, ProseLocation, ProseResult } from './types.ts';

/** A text joined from lines, and the map from its offsets back to page/line/column. */
export interface JoinedText {
  readonly text: string;
  locate(offset: number): ProseLocation;
}

/** Joins lines with '\n' (so a result broken over two lines is still read) and keeps their positions. */
export function joinLines(lines: readonly ProseLine[]): JoinedText {
  const text = lines.map((l) => l.text.replace(/[\r\n]/g, ' ')).join('\n');
  const where = textPositions(text);
  return {
    text,
    locate(offset) {
      const { line, column } = where.at(offset);
      const src = lines[line - 1];
      return { ...(src.page === undefined ? {} : { page: src.page }), line: src.line, column };
    },
  };
}

/** What the extractor read and what it left. */
export interface Extraction {
  readonly results: ProseResult[];
  /** test-like text that was not read, with the reason (no df for a t, two dfs for a t, …) */
  readonly skipped: { readonly location: ProseLocation; readonly text: string; readonly reason: string }[];
  readonly oneTailedMentions: ProseLocation[];
}

function byPosition(a: ProseResult, b: ProseResult): number {
  const pa = a.location.page ?? 0;
  const pb = b.location.page ?? 0;
  return pa - pb || a.location.line - b.location.line || a.location.column - b.location.column;
}

/**
 * Reads every test result (t, F, r, χ² in its spellings, z, Q), OR with CI and p, AUC with CI,
 * k/n (x%) and M/SD/N triple in a text. Linear in the text's length (bounded patterns).
 */
export function extractProse(joined: JoinedText): Extraction {
  const printed = joined.text;
  const text = normalizeProse(printed);
  const results: ProseResult[] = [];
  const skipped: Extraction['skipped'] = [];
  const re = testResultPattern();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups as unknown as TestMatchGroups;
    const read = readTest(g);
    const location = joined.locate(m.index);
    const raw = printed.slice(m.index, m.index + m[0].length);
    if ('skip' in read) {
      skipped.push({ location, text: raw, reason: read.skip });
      continue;
    }
    const fields: Record<string, string> = { test: g.label, statistic: read.statistic };
    if (read.df1 !== undefined) fields.df1 = String(read.df1);
    if (read.df2 !== undefined) fields.df2 = String(read.df2);
    if (read.p !== null) fields.p = read.p;
    if (read.pRelation !== null) fields.rel = read.pRelation;
    results.push({ kind: 'test', location, text: raw, fields, test: read });
  }
  for (const { kind, re: pattern, names } of estimatePatterns()) {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const fields: Record<string, string> = {};
      names.forEach((name, i) => {
        if (m![i + 1] !== undefined) fields[name] = m![i + 1];
      });
      results.push({
        kind,
        location: joined.locate(m.index),
        text: printed.slice(m.index, m.index + m[0].length),
        fields,
      });
    }
  }
  return {
    results: results.sort(byPosition),
    skipped,
    oneTailedMentions: oneTailedMentionOffsets(text).map((o) => joined.locate(o)),
  };
}
