import { joinLines } from '../text/extract.ts';
import { normalizeProse } from '../text/normalize.ts';
import type { ProseLocation } from '../text/types.ts';
import { tableCitations } from './captions.ts';
import type { DocumentLine, ReadDocument } from './types.ts';

/** A sentence of a document's prose, its clauses, and where it starts. */
export interface Sentence {
  readonly section: 'abstract' | 'text';
  /** the sentence as printed, line breaks as spaces */
  readonly printed: string;
  /**
   * the sentence as the prose checker reads it (`normalizeProse`: "p ¼ 0.009" → "p = 0.009", Unicode
   * minus → '-'), the same length as `printed`, so an offset into one is an offset into the other
   */
  readonly text: string;
  /** clauses split at ";" and ", with|while|whereas|but", as [start, end) into `text` */
  readonly clauses: readonly (readonly [number, number])[];
  /** the tables this sentence cites ("Table 4", "eTable 2"), as their keys (`table4`, `tableE2`; `tableCitations`) */
  readonly cites: readonly string[];
  /** where a character of `text` was printed */
  locate(offset: number): ProseLocation;
}

const ABBREVIATION = /\b(?:vs|e\.g|i\.e|al|fig|figs|no|ref|approx|resp|cf|ca)$/i;
const CLAUSE_BREAK = /;|,\s+(?:with|while|whereas|but)\s/g;

/** The lines of the abstract ("Abstract" … "Keywords" / "Introduction") and of the rest. */
function sections(lines: readonly DocumentLine[]): { section: Sentence['section']; lines: DocumentLine[] }[] {
  const start = lines.findIndex((l) => /^\s*abstract\b/i.test(l.text));
  const end =
    start === -1
      ? -1
      : lines.findIndex((l, i) => i > start && /^\s*(?:key\s*words?|(?:\d+\.?\s+)?introduction)\b/i.test(l.text));
  if (start === -1 || end === -1) return [{ section: 'text', lines: [...lines] }];
  return [
    { section: 'text', lines: lines.slice(0, start) },
    { section: 'abstract', lines: lines.slice(start, end) },
    { section: 'text', lines: lines.slice(end) },
  ];
}

/**
 * Where a heading line ends in the joined text: a line without closing punctuation that is numbered
 * ("3.2. Results") or shorter than half the typical line, so that "Results" does not run into the
 * sentence after it (a PDF line broken inside a sentence is full width).
 */
function headingEnds(lines: readonly DocumentLine[]): number[] {
  const lengths = lines.map((l) => l.text.trim().length).sort((a, b) => a - b);
  const typical = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const out: number[] = [];
  let offset = 0;
  for (const l of lines) {
    offset += l.text.length;
    const t = l.text.trim();
    if (t && !/[.,;:!?)\]-]$/.test(t) && (/^\d+(?:\.\d+)*\.?\s+\p{Lu}/u.test(t) || t.length < typical / 2))
      out.push(offset);
    offset += 1;
  }
  return out;
}

/**
 * Splits a document's prose into sentences (at ". " before a capital or parenthesis, not after
 * "vs.", "e.g.", "et al." …), each with its clauses, the tables it cites and a locator back to page,
 * line and column. Linear in the text.
 */
export function documentSentences(doc: ReadDocument): Sentence[] {
  const out: Sentence[] = [];
  const paginated = doc.format === 'pdf';
  for (const part of sections(doc.lines)) {
    if (part.lines.length === 0) continue;
    const joined = joinLines(
      part.lines.map((l) =>
        paginated ? { text: l.text, page: l.page, line: l.line } : { text: l.text, line: l.line },
      ),
    );
    const printedText = joined.text.replace(/\n/g, ' ');
    const text = normalizeProse(printedText);
    const ends: number[] = headingEnds(part.lines);
    const re = /[.!?](?=\s+[\p{Lu}([])/gu;
    for (let m = re.exec(text); m; m = re.exec(text))
      if (!ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index))) ends.push(m.index + 1);
    ends.push(text.length);
    ends.sort((a, b) => a - b);
    let from = 0;
    for (const end of ends) {
      const raw = text.slice(from, end);
      const lead = raw.length - raw.trimStart().length;
      const start = from + lead;
      const sentence = text.slice(start, end).trimEnd();
      from = end;
      if (!/\d/.test(sentence)) continue;
      const clauses: [number, number][] = [];
      let c = 0;
      CLAUSE_BREAK.lastIndex = 0;
      for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
        clauses.push([c, m.index]);
        c = m.index + 1;
      }
      clauses.push([c, sentence.length]);
      const cites = tableCitations(sentence);
      const printed = printedText.slice(start, start + sentence.length);
      const locate = (o: number) => joined.locate(start + o);
      out.push({ section: part.section, printed, text: sentence, clauses, cites, locate });
    }
  }
  return out;
}
