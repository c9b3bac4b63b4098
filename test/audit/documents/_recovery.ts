import type { ExtractedTable } from '../../../src/audit/documents/tableToPublished.ts';
import type { DocumentLine } from '../../../src/audit/documents/types.ts';
import { parsePart } from '../../../src/data/published/parsePrinted.ts';
import type { PublishedNumber } from '../../../src/data/published/types.ts';

/** How many transcribed numbers a document reading recovered, tables and prose apart. */
export interface Recovery {
  readonly total: number;
  readonly recovered: number;
  readonly tableCells: { readonly total: number; readonly recovered: number };
  readonly prose: { readonly total: number; readonly recovered: number };
  readonly missed: readonly string[];
}

/** The lines of a part of the paper: 'abstract' (Abstract … Keywords) or 'section 3.2' (its heading to the next). */
function partLines(lines: readonly DocumentLine[], part: string): string {
  const texts = lines.map((l) => l.text);
  if (part === 'abstract') {
    const start = texts.findIndex((t) => /^Abstract/.test(t));
    const end = texts.findIndex((t, i) => i > start && /^Keywords/.test(t));
    return texts.slice(start, end === -1 ? undefined : end).join('\n');
  }
  const section = /^section (\d+(?:\.\d+)*)$/.exec(part)?.[1];
  if (!section) return texts.join('\n');
  const start = texts.findIndex((t) => t.startsWith(`${section}. `));
  const end = texts.findIndex(
    (t, i) => i > start && /^[1-9](?:\.\d+)*\.\s+[A-Z][a-z]/.test(t) && !t.startsWith(`${section}. `),
  );
  return start === -1 ? '' : texts.slice(start, end === -1 ? undefined : end).join('\n');
}

/**
 * A table cell is recovered when the extraction holds an entry with the same id (table/row/column),
 * printed text, value and kind. A number printed in prose (abstract, sections) is recovered when its
 * printed value appears as a number in the prose lines of the same part of the paper (the abstract,
 * or the section it is quoted in): the reader got the text right and in reading order; which row of
 * a table a sentence restates is the reviewer's call, not the reader's.
 */
export function recovery(
  truth: readonly PublishedNumber[],
  tables: readonly ExtractedTable[],
  lines: readonly DocumentLine[],
): Recovery {
  const got = new Map<string, PublishedNumber>();
  for (const t of tables) for (const e of t.numbers) got.set(e.id, e);
  const missed: string[] = [];
  let cells = 0;
  let cellsOk = 0;
  let prose = 0;
  let proseOk = 0;
  const parts = new Map<string, string>();
  for (const e of truth) {
    const inTable = e.location.table.startsWith('table') && e.printedIn === undefined;
    if (inTable) {
      cells++;
      const g = got.get(e.id);
      if (g && g.printed === e.printed && g.value === e.value && g.kind === e.kind) cellsOk++;
      else missed.push(`${e.id} "${e.printed}"${g ? ` read as "${g.printed}" (${g.kind})` : ''}`);
      continue;
    }
    prose++;
    const part = e.location.table === 'abstract' ? 'abstract' : (e.printedIn ?? 'body');
    if (!parts.has(part)) parts.set(part, partLines(lines, part));
    const p = parsePart(e.printed, e.kind);
    const token = p.value === null ? 'NA' : p.value.toFixed(p.decimals ?? 0);
    const alternatives = [token, token.replace(/^0\./, '.')];
    const text = parts.get(part) ?? '';
    const found = alternatives.some((t) => new RegExp(`(?<![\\d.])${t.replace(/\./g, '\\.')}(?![\\d])`).test(text));
    if (found) proseOk++;
    else missed.push(`${e.id} "${e.printed}" (not in the prose of ${part})`);
  }
  return {
    total: truth.length,
    recovered: cellsOk + proseOk,
    tableCells: { total: cells, recovered: cellsOk },
    prose: { total: prose, recovered: proseOk },
    missed,
  };
}
