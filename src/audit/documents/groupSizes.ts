import type { PublishedContext } from '../../data/published/types.ts';
import { headerWithoutN, withoutCommonLead } from './headers.ts';
import { compactLabel, findCompact, type Match, outermost, tokenize } from './phrases.ts';
import type { ExtractedTable } from './tableToPublished.ts';
import type { DocumentLine } from './types.ts';

/** Level labels that name nothing by themselves ("Yes" of which variable?): never a subset. */
const GENERIC_LEVELS = new Set(
  'yes no present absent positive negative low high other others none total all normal abnormal unknown missing'.split(
    ' ',
  ),
);
const SUBSET_WORDS = new Set(['in', 'among', 'within', 'for', 'with']);
const DIAGNOSTIC_COLUMNS = /^(auc|sensitivity|specificity)$/;

interface GroupWord {
  readonly name: string;
  readonly compact: string;
  readonly header: string;
}

/** The group columns of the tables that print sizes: name, header without "(n = …)". */
function groupVocabulary(tables: readonly ExtractedTable[]): GroupWord[] {
  const out: GroupWord[] = [];
  for (const t of tables)
    for (const name of Object.keys(t.context.groups ?? {})) {
      const header = headerWithoutN(t.columnHeaders?.[name] ?? name).trim();
      const compact = compactLabel(header);
      if (compact && !out.some((w) => w.name === name && w.compact === compact)) out.push({ name, compact, header });
    }
  return out;
}

/** Two groups a caption names, in the order it names them, and the token index after the last one. */
function groupsNamed(tokens: ReturnType<typeof tokenize>, vocabulary: readonly GroupWord[]) {
  const hits: (Match & { word: GroupWord })[] = [];
  for (const word of vocabulary) for (const m of findCompact(tokens, word.compact, true)) hits.push({ ...m, word });
  hits.sort((a, b) => a.from - b.from);
  const names = [...new Set(hits.map((h) => h.word.name))];
  return { names, words: hits.map((h) => h.word), end: hits.length ? Math.max(...hits.map((h) => h.to)) : 0 };
}

/** A group size the prose states: "HER2-zero (n = 60)", "low dose (N = 50)". */
interface ProseSize {
  readonly label: string;
  readonly n: number;
  readonly where: string;
}

const PROSE_SIZE =
  /((?:[\p{L}\p{N}][\p{L}\p{N}-]{0,30}\s+){0,2}[\p{L}\p{N}][\p{L}\p{N}-]{0,30})\s*\(\s*[nN]\s*=\s*(\d{1,6})\s*\)/gu;

const FUNCTION_WORDS = new Set('and or the of in with as to for vs versus between among from than a an'.split(' '));

/**
 * Sizes stated in the prose, by the words before "(n = …)" (the last one, two and three words, so that
 * the caption's words choose); a label stated with two different sizes is dropped (two cohorts).
 */
function proseSizes(lines: readonly DocumentLine[]): ProseSize[] {
  const out: ProseSize[] = [];
  for (const l of lines)
    for (const m of l.text.matchAll(PROSE_SIZE)) {
      const words = m[1].split(/\s+/);
      for (let k = 1; k <= words.length; k++)
        if (!FUNCTION_WORDS.has(words[words.length - k].toLowerCase()))
          out.push({ label: words.slice(-k).join(' '), n: Number(m[2]), where: `page ${l.page}, line ${l.line}` });
    }
  return out.filter((a) => !out.some((b) => compactLabel(b.label) === compactLabel(a.label) && b.n !== a.n));
}

/**
 * The groups the caption names with the prose's sized labels (the longest label matching at a place,
 * spelling-tolerant as the linker: `findCompact`). Conservative: a label matching at two places of the
 * caption ("HER2 (n = 111)" in "HER2-low and HER2-overexpression") names neither; a place matched by
 * labels with different sizes ("HER2-overexpressed (n = 20)", "HER2-overexpression (n = 22)") gives none.
 */
function proseGroups(tokens: ReturnType<typeof tokenize>, sizes: readonly ProseSize[]) {
  const hits: (Match & { size: ProseSize })[] = [];
  for (const size of sizes) {
    const places = findCompact(tokens, compactLabel(size.label), true);
    if (places.length === 1) hits.push({ ...places[0], size });
  }
  const kept = outermost(hits).sort((a, b) => a.from - b.from);
  const byPlace = new Map<string, typeof kept>();
  for (const h of kept) byPlace.set(`${h.from}-${h.to}`, [...(byPlace.get(`${h.from}-${h.to}`) ?? []), h]);
  const places = [...byPlace.values()];
  if (places.some((p) => new Set(p.map((h) => h.size.n)).size > 1)) return { hits: [], end: 0 };
  return { hits: places.map((p) => p[0]), end: kept.length ? Math.max(...kept.map((h) => h.to)) : 0 };
}

interface SubsetRow {
  readonly table: ExtractedTable;
  readonly row: string;
  readonly label: string;
  readonly sizes: readonly [number, number];
}

/** Rows of the sized tables whose label the subset phrase spells, with their counts in both groups. */
function subsetRows(
  phrase: ReturnType<typeof tokenize>,
  tables: readonly ExtractedTable[],
  pair: readonly [string, string],
): SubsetRow[] {
  const found: (Match & SubsetRow)[] = [];
  for (const t of tables) {
    if (!t.context.groups) continue;
    const countOf = (row: string, group: string): number | null => {
      const e = t.numbers.find((x) => x.id === `${t.table}/${row}/${group}`);
      return e && e.kind === 'count' && e.value !== null ? e.value : null;
    };
    for (const [row, label] of Object.entries(t.rowLabels ?? {})) {
      const compact = compactLabel(label);
      if (GENERIC_LEVELS.has(compact)) continue;
      const a = countOf(row, pair[0]);
      const b = countOf(row, pair[1]);
      if (a === null || b === null) continue;
      for (const m of findCompact(phrase, compact)) found.push({ ...m, table: t, row, label, sizes: [a, b] });
    }
  }
  return outermost(found);
}

/** What `inferGroupSizes` did for one table, for its findings' `where`. */
export interface InferredSizes {
  readonly table: string;
  readonly text: string;
}

/**
 * A diagnostic table (AUC, sensitivity, specificity) that prints no group sizes gets them from where
 * the document states them: its caption names the two groups compared with the group columns' words
 * of a table that prints sizes ("differentiating HER2-low and HER2-overexpression" → low, over); a
 * subset after "in"/"among"/"for" ("in NME-related lesions") must spell a row of such a table whose
 * cells count both groups (the sizes are those counts), otherwise the sizes are the column headers'
 * "(n = …)". Conservative: no sizes when the caption names other than two groups, when the subset
 * matches no row or rows with different counts. Each inference is stated in `context.note`.
 */
export function inferGroupSizes(
  tables: readonly ExtractedTable[],
  prose: readonly DocumentLine[] = [],
): {
  tables: ExtractedTable[];
  inferred: InferredSizes[];
  warnings: string[];
} {
  const vocabulary = groupVocabulary(tables);
  const stated = proseSizes(prose);
  const inferred: InferredSizes[] = [];
  const warnings: string[] = [];
  const out = tables.map((t) => {
    const columns = Object.keys(t.columnHeaders ?? {});
    if (t.context.groups || !columns.some((c) => DIAGNOSTIC_COLUMNS.test(c))) return t;
    const where = t.where ?? t.table;
    const caption = t.title.replace(/\([^()]*\)/g, ' ');
    const tokens = tokenize(caption);
    const named = groupsNamed(tokens, vocabulary);
    if (named.names.length !== 2) return fromProse(t, tokens, stated, inferred);
    const pair = [named.names[0], named.names[1]] as const;
    const labels = pair.map((n) => named.words.find((w) => w.name === n)!.header);
    const after = tokens.slice(named.end);
    const at = after.findIndex((x) => SUBSET_WORDS.has(x.text));
    const phrase = at === -1 ? [] : after.slice(at + 1);
    let sizes: readonly [number, number] | null = null;
    let from = '';
    if (phrase.length) {
      const rows = subsetRows(phrase, tables, pair);
      const distinct = new Set(rows.map((r) => r.sizes.join(',')));
      const said = caption.slice(after[at].start).replace(/[\s.;:,]+$/, '');
      if (rows.length === 0 || distinct.size !== 1) {
        warnings.push(
          `${where} compares ${labels.join(' and ')} "${said}": ` +
            (rows.length === 0
              ? 'no table row gives the group sizes of that subset'
              : `rows with different counts match (${rows.map((r) => `"${r.label}"`).join(', ')})`) +
            '; group sizes unknown (add context.groups)',
        );
        return t;
      }
      sizes = rows[0].sizes;
      from = `${rows[0].table.where ?? rows[0].table.table}, row "${rows[0].label}" (the caption's "${said}")`;
    } else {
      const source = tables.find((s) => s.context.groups?.[pair[0]] && s.context.groups?.[pair[1]]);
      if (!source) return t;
      sizes = [source.context.groups![pair[0]], source.context.groups![pair[1]]];
      from = `the column headers of ${source.where ?? source.table}`;
    }
    const text =
      `group sizes ${labels[0]} ${sizes[0]}, ${labels[1]} ${sizes[1]} from ${from}; ` +
      `${where} names the groups in its caption and prints no sizes`;
    inferred.push({ table: t.table, text });
    const context: PublishedContext = {
      ...t.context,
      groups: { [pair[0]]: sizes[0], [pair[1]]: sizes[1] },
      comparison: [pair[0], pair[1]],
      note: text,
    };
    return { ...t, context };
  });
  return { tables: out, inferred, warnings };
}

/**
 * The sizes of the two groups a caption names from the prose ("HER2-low (n = 91)"), when no table
 * prints them: only without a subset after the groups (the prose's sizes are the whole cohort's).
 */
function fromProse(
  t: ExtractedTable,
  tokens: ReturnType<typeof tokenize>,
  stated: readonly ProseSize[],
  inferred: InferredSizes[],
): ExtractedTable {
  const { hits, end } = proseGroups(tokens, stated);
  if (hits.length !== 2 || tokens.slice(end).some((x) => SUBSET_WORDS.has(x.text))) return t;
  const words = hits.map((h) => tokenize(h.size.label).map((x) => x.text));
  const names = withoutCommonLead(words);
  if (names[0] === names[1]) return t;
  const text =
    `group sizes ${hits.map((h) => `${h.size.label} ${h.size.n} (${h.size.where})`).join(', ')} from the prose; ` +
    `${t.where ?? t.table} names the groups in its caption and prints no sizes`;
  inferred.push({ table: t.table, text });
  const groups = { [names[0]]: hits[0].size.n, [names[1]]: hits[1].size.n };
  return { ...t, context: { ...t.context, groups, comparison: [names[0], names[1]], note: text } };
}
