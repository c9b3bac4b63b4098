import type { DocumentExtraction } from './auditDocument.ts';
import { slug } from './headers.ts';
import type { ExtractedTable } from './tableToPublished.ts';

/**
 * One extracted table as a published-numbers JSON file (`data/schema/published.schema.json`), one
 * entry per line so that a reviewer's corrections make readable diffs. Each entry's `note` says where
 * it was read ("Table 2 (page 4), row "Irregular", column "HER2-Low (n = 91)": "44/55 (80.0%)"").
 * Deterministic: no dates, keys in a fixed order.
 */
export function serializeExtracted(table: ExtractedTable, source: string, study: string): string {
  const head = {
    study,
    title: table.title || table.table,
    source: { citation: `extracted by restudy from ${source}`, transcribedBy: 'restudy extract' },
    ...(Object.keys(table.context).length ? { context: table.context } : {}),
  };
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const body = table.numbers.map((e) => {
    const where = table.sources[e.id];
    const note = [e.note, where].filter(Boolean).join('; ');
    return `    ${JSON.stringify(note ? { ...e, note } : e)}`;
  });
  return `${headText},\n  "numbers": [\n${body.join(',\n')}\n  ]\n}\n`;
}

/** The study key `restudy extract` writes for a document file name: "Paper 1.html" → paper_1. */
export function studyKeyOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return slug(base).replace(/^[^a-z0-9]+/, '') || 'document';
}

/**
 * What `restudy extract` writes for a document's extraction (`extractDocument`, or an audit's
 * `extraction`), as file name → JSON text: one published-number file per table (`table1.json`, …) and
 * the prose claims linked to table cells (`abstract.json`, `text.json`), with the tables in that order.
 * Browser-safe: the offline page offers the same files for download.
 */
export function extractedFiles(
  extraction: DocumentExtraction,
  source: string,
  study: string,
): { files: Record<string, string>; tables: ExtractedTable[] } {
  const tables = [...extraction.tables, ...extraction.links];
  const files: Record<string, string> = {};
  for (const t of tables) files[`${t.table}.json`] = serializeExtracted(t, source, study);
  return { files, tables };
}
