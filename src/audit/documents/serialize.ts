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
