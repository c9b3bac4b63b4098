import { makeEntry } from '../../data/published/makeEntry.ts';
import type { PublishedNumber } from '../../data/published/types.ts';
import { headerWithoutN } from './headers.ts';
import { compactLabel, findCompact, type Match, outermost, type Token, tokenize } from './phrases.ts';
import { documentSentences, type Sentence } from './sentences.ts';
import type { ExtractedTable } from './tableToPublished.ts';
import type { ReadDocument } from './types.ts';

/**
 * Links a document's prose claims to the table cells they restate, so that the table checks
 * `restatement` and `range-claim` of `auditPublished` run on documents as on a reviewer's JSON:
 * - a p claim ("ER, PR and Ki-67 differed between the HER2-low group and others (all p < 0.001)",
 *   "mass shape (p < 0.001) … between the HER2 groups") next to words that spell a table row label
 *   whose row prints p's → the row's p column that the groups named choose (two groups → their
 *   pairwise column; one group "and others" → every pairwise column with it; "between/among the …
 *   groups" → the omnibus p; a table with one p column → it);
 * - "the AUC values … ranged from 0.666 to 0.786" → the min and max of that column of the table
 *   the sentence (or one of the two before it) cites, or of the only table with that column; over
 *   the rows the sentence names, the rows not named "Combined…/model" when it says "individual" or
 *   "single", those named so when it says "combined", else all rows.
 * Conservative: a clause about a model (independent, multivariate, adjusted, odds, DeLong, AUC) or a
 * significance threshold is not linked; a label matching rows of two tables (none cited), two rows
 * of one table, or a claim that cannot be paired with one label is not linked.
 */
export function linkProse(doc: ReadDocument, tables: readonly ExtractedTable[]): ExtractedTable[] {
  const sentences = documentSentences(doc);
  const out = new Map<'abstract' | 'text', { numbers: PublishedNumber[]; sources: Record<string, string> }>();
  const add = (section: 'abstract' | 'text', entries: PublishedNumber[], source: string): void => {
    const bucket = out.get(section) ?? { numbers: [], sources: {} };
    out.set(section, bucket);
    for (const e of entries) {
      bucket.numbers.push(e);
      bucket.sources[e.id] = source;
    }
  };
  const used = new Set<string>();
  const uniqueRow = (section: string, row: string, column: string): string => {
    let r = row;
    for (let k = 2; used.has(`${section}/${r}/${column}`); k++) r = `${row}_${k}`;
    used.add(`${section}/${r}/${column}`);
    return r;
  };
  sentences.forEach((s, i) => {
    const recent = sentences.slice(Math.max(0, i - 2), i + 1).flatMap((x) => x.cites);
    for (const [from, to] of s.clauses) {
      for (const link of pLinks(s, from, to, tables))
        add(
          s.section,
          [
            makeEntry(s.section, uniqueRow(s.section, link.row, link.column), link.column, link.printed, 'p', {
              refersTo: [`${link.table.table}/${link.row}/${link.column}`],
              printedIn: s.section,
              ...(link.direction ? { direction: link.direction } : {}),
              note: `"${s.printed}"`,
            }),
          ],
          `${at(s, link.offset)}: "${s.printed.slice(from, to).trim()}" → ${link.why}`,
        );
      for (const link of rangeLinks(s, from, to, tables, recent)) {
        const row = uniqueRow(s.section, link.row, `${link.column}_range_min`);
        const opts = { refersTo: link.refersTo, printedIn: s.section, note: `"${s.printed}"` };
        add(
          s.section,
          [
            makeEntry(s.section, row, `${link.column}_range_min`, link.printed, 'range_min', opts),
            makeEntry(s.section, row, `${link.column}_range_max`, link.printed, 'range_max', opts),
          ],
          `${at(s, link.offset)}: "${s.printed.slice(from, to).trim()}" → ${link.why}`,
        );
      }
    }
  });
  return [...out].map(([section, b]) => ({
    table: section,
    title:
      section === 'abstract'
        ? 'Claims in the abstract linked to table cells'
        : 'Claims in the text linked to table cells',
    context: {},
    numbers: b.numbers,
    sources: b.sources,
    warnings: [],
    where: section,
  }));
}

function at(s: Sentence, offset: number): string {
  const l = s.locate(offset);
  return `${l.page === undefined ? '' : `page ${l.page}, `}line ${l.line}, column ${l.column}`;
}

const MODEL_OR_THRESHOLD = new RegExp(
  '\\b(?:independent\\w*|multivariat\\w*|multivariabl\\w*|adjusted|logistic|regression|odds|hazard|delong|auc|' +
    'considered|threshold|significance level|defined as|set at)\\b',
  'i',
);
const P_CLAIM = /\b(all\s+|both\s+)?p\s*(?:-\s*values?\s*)?(<|=|≤|<=)\s*(0?\.\d{1,6})\b/gi;
const OTHERS = /\b(?:and|than|from|vs\.?|versus)\s+(?:the\s+)?other(?:s\b|\s+(?:two|three|groups?)\b)/i;
const OMNIBUS = /\b(?:among|across|between)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}groups\b|\bthree groups\b/i;
const GENERIC_SUFFIX = new Set(['group', 'groups', 'status', 'level', 'levels', 'expression', 'category']);

interface RowMention extends Match {
  readonly table: ExtractedTable;
  readonly row: string;
  readonly label: string;
}

/** Rows (of tables whose row has a value in `hasColumn`) whose label the tokens spell. */
function rowMentions(
  tokens: readonly Token[],
  tables: readonly ExtractedTable[],
  hasColumn: (t: ExtractedTable, row: string) => boolean,
): RowMention[] {
  const found: RowMention[] = [];
  for (const t of tables) {
    const rows = Object.entries(t.rowLabels ?? {}).filter(([row]) => hasColumn(t, row));
    const full = new Map(rows.map(([row, label]) => [row, compactLabel(label)]));
    for (const [row, label] of rows) {
      const words = tokenize(label.replace(/\([^()]*\)/g, ' '));
      const short =
        words.length > 1 && GENERIC_SUFFIX.has(words[words.length - 1].text)
          ? words
              .slice(0, -1)
              .map((w) => w.text)
              .join('')
          : '';
      const spellings = [full.get(row)!, ...(short && ![...full.values()].includes(short) ? [short] : [])];
      for (const compact of spellings)
        for (const m of findCompact(tokens, compact)) found.push({ ...m, table: t, row, label });
    }
  }
  // a span matching rows of two tables, or two rows of one table, names none of them
  const spans = outermost(found);
  return spans.filter(
    (m) => spans.filter((o) => o.from === m.from && o.to === m.to).length === 1 && compactLabel(m.label).length >= 2,
  );
}

/** Group names of `table` that the tokens spell, in order of first appearance, with where (token index). */
function groupsIn(tokens: readonly Token[], table: ExtractedTable): { name: string; at: number; end: number }[] {
  const hits: { name: string; at: number; end: number }[] = [];
  for (const name of Object.keys(table.context.groups ?? {})) {
    const header = headerWithoutN(table.columnHeaders?.[name] ?? name);
    for (const m of findCompact(tokens, compactLabel(header), true)) hits.push({ name, at: m.from, end: m.to });
  }
  hits.sort((a, b) => a.at - b.at);
  return hits.filter((h, i) => hits.findIndex((o) => o.name === h.name) === i);
}

const LOWER = /\b(?:lower|smaller|less|decreased|reduced|shorter)\b/i;
const HIGHER = /\b(?:higher|greater|larger|increased|longer|elevated)\b/i;

/**
 * A claim of direction between the two groups a clause names, as the `direction` of the p column's
 * comparison: "the HER2-low group had lower ADC … than the HER2-overexpression group" with p2 = low vs
 * over → lower. Only with "than" between the two groups and one direction word (so "compared with A, B
 * had lower …" makes no claim).
 */
function directionOf(
  text: string,
  tokens: readonly Token[],
  named: readonly { name: string; at: number; end: number }[],
  comparison: readonly [string, string] | undefined,
): 'lower' | 'higher' | undefined {
  if (named.length !== 2 || !comparison) return undefined;
  const between = text.slice(tokens[named[0].end - 1].end, tokens[named[1].at].start);
  const lower = LOWER.test(text);
  if (!/\bthan\b/i.test(between) || lower === HIGHER.test(text)) return undefined;
  const said = lower ? 'lower' : 'higher';
  if (comparison[0] === named[0].name && comparison[1] === named[1].name) return said;
  if (comparison[0] === named[1].name && comparison[1] === named[0].name) return lower ? 'higher' : 'lower';
  return undefined;
}

/** The pairwise p columns of `table` comparing groups a and b (either order). */
function pairwiseColumns(table: ExtractedTable, a: string, b: string): string[] {
  const comparisons = table.context.comparisons ?? {};
  return Object.keys(table.columnHeaders ?? {}).filter(
    (c) => /^p\d?$/.test(c) && comparisons[c] && new Set([...comparisons[c], a, b]).size === 2,
  );
}

/**
 * "T2 hyperintensity was more frequent in A than in B and C (p = 0.009 and p = 0.008, respectively)":
 * one row named, one group before "than" and as many after it as there are claims → each claim the
 * pairwise column of the group before with the group in its place after.
 */
function respectively(
  clause: string,
  tokens: readonly Token[],
  claims: readonly { at: number }[],
  mention: RowMention,
): { columns: string[]; why: string }[] | null {
  const than = clause.search(/\bthan\b/i);
  if (!/\brespectively\b/i.test(clause) || than === -1) return null;
  const named = groupsIn(tokens, mention.table).filter((g) => tokens[g.end - 1].end <= claims[0].at);
  const before = named.filter((g) => tokens[g.at].start < than);
  const after = named.filter((g) => tokens[g.at].start > than);
  if (before.length !== 1 || after.length !== claims.length) return null;
  const out = after.map((g) => ({
    columns: pairwiseColumns(mention.table, before[0].name, g.name),
    why: `respectively: ${before[0].name} vs ${g.name}`,
  }));
  return out.every((o) => o.columns.length === 1) ? out : null;
}

type ChosenColumns = { columns: string[]; why: string; direction?: 'lower' | 'higher' };

/** The one pairwise p column of the two groups named, with the direction the words claim; null if not one. */
function pairColumn(
  text: string,
  tokens: readonly Token[],
  named: readonly { name: string; at: number; end: number }[],
  table: ExtractedTable,
): ChosenColumns | null {
  const cols = pairwiseColumns(table, named[0].name, named[1].name);
  if (cols.length !== 1) return null;
  const direction = directionOf(text, tokens, named, table.context.comparisons?.[cols[0]]);
  return {
    columns: cols,
    why: `${named[0].name} vs ${named[1].name}${direction ? `, claimed ${direction}` : ''}`,
    direction,
  };
}

/**
 * "Ki-67 differed between A and B (p = 0.01) and between B and C (p = 0.20)", no "respectively": one
 * row named before the first claim, and before each claim (since the claim before it) exactly two
 * groups whose pairwise column is one → each claim that column, with the direction its own words claim.
 * All or nothing: one claim without its own pair (one group, three, "among the groups") links none.
 */
function eachAfterItsPair(
  clause: string,
  claims: readonly { at: number; end: number }[],
  mention: RowMention,
): ChosenColumns[] | null {
  const out: ChosenColumns[] = [];
  let from = 0;
  for (const claim of claims) {
    const segment = clause.slice(from, claim.at);
    from = claim.end;
    const tokens = tokenize(segment);
    const named = groupsIn(tokens, mention.table);
    if (named.length !== 2 || OMNIBUS.test(segment) || OTHERS.test(segment)) return null;
    const chosen = pairColumn(segment, tokens, named, mention.table);
    if (!chosen) return null;
    out.push({ ...chosen, why: `${chosen.why}, the pair named before this p` });
  }
  return out;
}

/** The p columns a clause's words choose in `table`, with why. */
function pColumns(text: string, table: ExtractedTable): ChosenColumns | null {
  const pCols = Object.keys(table.columnHeaders ?? {}).filter((c) => /^p\d?$/.test(c));
  const tokens = tokenize(text);
  const named = groupsIn(tokens, table);
  const groups = named.map((g) => g.name);
  const all = Object.keys(table.context.groups ?? {});
  const pairwise = (a: string, b: string) => pairwiseColumns(table, a, b);
  if (OMNIBUS.test(text) || (all.length > 2 && groups.length === all.length))
    return pCols.includes('p') ? { columns: ['p'], why: 'all groups compared' } : null;
  if (groups.length === 1 && OTHERS.test(text)) {
    const cols = all.filter((g) => g !== groups[0]).flatMap((g) => pairwise(groups[0], g));
    return cols.length === all.length - 1 ? { columns: cols, why: `${groups[0]} vs each other group` } : null;
  }
  if (groups.length === 2) {
    if (pairwise(groups[0], groups[1]).length === 0 && all.length === 2 && pCols.length === 1)
      return { columns: pCols, why: 'the table compares these two groups' };
    return pairColumn(text, tokens, named, table);
  }
  if (groups.length === 0 && pCols.length === 1) return { columns: pCols, why: 'the only p column' };
  return null;
}

interface PLink {
  readonly table: ExtractedTable;
  readonly row: string;
  readonly column: string;
  readonly printed: string;
  readonly offset: number;
  readonly why: string;
  readonly direction?: 'lower' | 'higher';
}

function pLinks(s: Sentence, from: number, to: number, tables: readonly ExtractedTable[]): PLink[] {
  const clause = s.text.slice(from, to);
  if (MODEL_OR_THRESHOLD.test(clause)) return [];
  const claims = [...clause.matchAll(P_CLAIM)].map((m) => ({
    all: Boolean(m[1]),
    printed: m[2] === '=' ? m[3] : `< ${m[3]}`,
    at: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  if (claims.length === 0) return [];
  const tokens = tokenize(clause);
  const hasP = (t: ExtractedTable, row: string) => t.numbers.some((e) => e.kind === 'p' && e.location.row === row);
  // a sentence citing tables speaks of those (a cited table the reader did not find: of none)
  const candidates = s.cites.length ? tables.filter((t) => s.cites.includes(t.table)) : tables;
  const mentions = rowMentions(tokens, candidates, hasP);
  const paired: {
    claim: (typeof claims)[number];
    mentions: RowMention[];
    context: string;
    fixed?: ChosenColumns;
  }[] = [];
  const one = mentions.length === 1 ? mentions[0] : null;
  const before = one !== null && tokens[one.to - 1].end <= claims[0].at;
  const each =
    claims.length > 1 && one
      ? (respectively(clause, tokens, claims, one) ?? (before ? eachAfterItsPair(clause, claims, one) : null))
      : null;
  if (claims.length === 1 && (claims[0].all || mentions.length === 1))
    paired.push({ claim: claims[0], mentions, context: clause });
  else if (each) claims.forEach((claim, i) => paired.push({ claim, mentions, context: clause, fixed: each[i] }));
  else
    for (const claim of claims) {
      // "mass shape (p < 0.001)": the label right before the claim's parenthesis
      const before = mentions.filter(
        (m) => tokens[m.to - 1].end <= claim.at && /^\s*\(?\s*$/.test(clause.slice(tokens[m.to - 1].end, claim.at)),
      );
      if (before.length === 1)
        paired.push({ claim, mentions: before, context: clause.slice(tokens[before[0].from].start) });
    }
  const out: PLink[] = [];
  for (const { claim, mentions: ms, context, fixed } of paired)
    for (const m of ms) {
      const cols = fixed ?? pColumns(context, m.table);
      if (!cols) continue;
      for (const column of cols.columns) {
        if (!m.table.numbers.some((e) => e.id === `${m.table.table}/${m.row}/${column}`)) continue;
        const header = m.table.columnHeaders?.[column] ?? column;
        out.push({
          table: m.table,
          row: m.row,
          column,
          printed: claim.printed,
          offset: from + claim.at,
          ...(cols.direction ? { direction: cols.direction } : {}),
          why:
            `${m.table.where ?? m.table.table}, row "${m.label}", column "${header}" ` +
            `("${s.printed.slice(from + tokens[m.from].start, from + tokens[m.to - 1].end)}" names the row; ` +
            `${cols.why})`,
        });
      }
    }
  return out;
}

const RANGE = /\brang(?:ed|ing|es?)\s+from\s+(\d*\.?\d+)\s*%?\s+(?:to|and)\s+(\d*\.?\d+)\s*%?/i;
const COLUMN_NOUNS: readonly [RegExp, string][] = [
  [/\bAUCs?\b|\barea under the curve/i, 'auc'],
  [/\bsensitivit/i, 'sensitivity'],
  [/\bspecificit/i, 'specificity'],
  [/\bkappa/i, 'kappa'],
  [/\bICCs?\b/, 'icc'],
  [/\bcut-?\s?off/i, 'cutoff'],
];
const COMBINED = /combin|model/i;

interface RangeLink {
  readonly row: string;
  readonly column: string;
  readonly printed: string;
  readonly refersTo: string[];
  readonly offset: number;
  readonly why: string;
}

function rangeLinks(
  s: Sentence,
  from: number,
  to: number,
  tables: readonly ExtractedTable[],
  recentCites: readonly string[],
): RangeLink[] {
  const clause = s.text.slice(from, to);
  const m = RANGE.exec(clause);
  if (!m) return [];
  const nouns = COLUMN_NOUNS.filter(([re]) => re.test(clause.slice(0, m.index)));
  if (nouns.length !== 1) return [];
  const column = nouns[0][1];
  const withColumn = tables.filter((t) => t.columnHeaders && Object.hasOwn(t.columnHeaders, column));
  const cited = withColumn.filter((t) => recentCites.includes(t.table));
  const table = cited.length === 1 ? cited[0] : withColumn.length === 1 && cited.length === 0 ? withColumn[0] : null;
  if (!table) return [];
  const rows = Object.keys(table.rowLabels ?? {}).filter((r) =>
    table.numbers.some((e) => e.id === `${table.table}/${r}/${column}` && e.value !== null),
  );
  const label = (r: string) => table.rowLabels![r];
  const named = rowMentions(tokenize(clause), [table], (_t, r) => rows.includes(r)).map((x) => x.row);
  let chosen = rows;
  let which = 'all rows';
  if (named.length >= 2) {
    chosen = [...new Set(named)];
    which = 'the rows the sentence names';
  } else if (/\b(?:individual|single|each)\b/i.test(clause) && rows.some((r) => COMBINED.test(label(r)))) {
    chosen = rows.filter((r) => !COMBINED.test(label(r)));
    which = 'the rows not named "Combined…"/"model" (the sentence says individual/single)';
  } else if (/\bcombin/i.test(clause) && rows.some((r) => COMBINED.test(label(r)))) {
    chosen = rows.filter((r) => COMBINED.test(label(r)));
    which = 'the rows named "Combined…"/"model"';
  }
  if (chosen.length < 2) return [];
  const header = table.columnHeaders![column];
  return [
    {
      row: `${table.table}_${column}`,
      column,
      printed: `${m[1]} to ${m[2]}`,
      refersTo: chosen.map((r) => `${table.table}/${r}/${column}`),
      offset: from + m.index,
      why:
        `${table.where ?? table.table}, column "${header}", ${which}: ` + chosen.map((r) => `"${label(r)}"`).join(', '),
    },
  ];
}
