import type { PublishedFile } from '../../data/published/types.ts';
import { auditPublished } from '../auditPublished.ts';
import type { ContingencyTests } from '../contingency.ts';
import { countByStatus } from '../report.ts';
import { auditProse } from '../text/auditProse.ts';
import type { ProseOptions } from '../text/options.ts';
import type { AuditCheck, AuditStatus } from '../types.ts';
import { captionKey } from './captions.ts';
import { type InferredSizes, inferGroupSizes } from './groupSizes.ts';
import { linkProse } from './linkProse.ts';
import { type ExtractedTable, tableSlot, tableToPublished } from './tableToPublished.ts';
import type { DocumentTable, ReadDocument } from './types.ts';

/** A finding with where in the document its numbers were read, as printed. */
export type DocumentFinding = AuditCheck & { readonly where: readonly string[] };

/** The audit of one document: findings from its tables and its prose, and what was read. */
export interface DocumentAudit {
  readonly source: string;
  readonly format: ReadDocument['format'];
  readonly pages: number;
  readonly tables: readonly ExtractedTable[];
  /** what the audit read as published numbers: `extractedFiles` writes the downloads from it, never a second read */
  readonly extraction: DocumentExtraction;
  /** statistics read from prose (tests, ORs, AUCs, k/n (x%), M/SD/N) */
  readonly proseResults: number;
  readonly checks: readonly DocumentFinding[];
  readonly summary: Record<AuditStatus, number>;
  readonly warnings: readonly string[];
}

const HEADER_OR_EMPTY = (t: DocumentTable, i: number): boolean =>
  i === 0 && t.rows[0]?.slice(1).every((c) => !/\d/.test(c.text) || /n\s*=/.test(c.text));

/** "Table 3. Cont." after "Table 3.": one table (the continuation's repeated header dropped). */
export function mergeContinuations(tables: readonly DocumentTable[]): DocumentTable[] {
  const out: DocumentTable[] = [];
  for (const t of tables) {
    const slot = tableSlot(t.caption, t.index);
    const before = slot ? out.find((o) => tableSlot(o.caption, o.index) === slot) : undefined;
    if (before && /\bcont(?:inued|\.)?/i.test(t.caption)) {
      const rows = t.rows.filter((_r, i) => !HEADER_OR_EMPTY(t, i));
      out[out.indexOf(before)] = { ...before, rows: [...before.rows, ...rows] };
    } else out.push({ ...t, index: out.length + 1 });
  }
  return out;
}

/** Checks that use a table's group sizes: their `where` says where inferred sizes came from. */
const SIZED_KINDS = new Set<AuditCheck['kind']>(['sens-spec', 'positive-class', 'auc-ci', 'auc-granularity']);

/** Where a table is, for messages: "Table 2 (page 4)". */
function tableWhere(t: DocumentTable, doc: ReadDocument): string {
  const name = captionKey(t.caption)?.name ?? `table ${t.index}`;
  return doc.format === 'pdf' ? `${name} (page ${t.page})` : name;
}

/**
 * The tables of a document in the published-numbers format, one file body per table slot; a
 * diagnostic table that prints no group sizes gets them from the document (`inferGroupSizes`).
 */
export function extractTables(doc: ReadDocument): {
  tables: ExtractedTable[];
  warnings: string[];
  inferred: InferredSizes[];
} {
  const tables: ExtractedTable[] = [];
  const warnings: string[] = [];
  const used = new Set<string>();
  for (const t of mergeContinuations(doc.tables)) {
    const extracted = tableToPublished(t, tableWhere(t, doc));
    if (!extracted) continue;
    warnings.push(...extracted.warnings);
    if (extracted.numbers.length === 0) continue;
    if (used.has(extracted.table)) {
      warnings.push(
        `${tableWhere(t, doc)}: a second table named ${extracted.table}; skipped (rename its caption to transcribe it)`,
      );
      continue;
    }
    used.add(extracted.table);
    tables.push(extracted);
  }
  const sized = inferGroupSizes(tables, doc.lines);
  return { tables: sized.tables, warnings: [...warnings, ...sized.warnings], inferred: sized.inferred };
}

/** A document's numbers as published numbers: its tables, and its prose claims linked to their cells. */
export interface DocumentExtraction {
  /** one per table slot, group sizes inferred where the document states them (`extractTables`) */
  readonly tables: readonly ExtractedTable[];
  /** the prose claims linked to table cells, as the tables `abstract` and `text` (`linkProse`) */
  readonly links: readonly ExtractedTable[];
  /** cells that are not printed numbers, tables skipped, sizes that could not be inferred */
  readonly warnings: readonly string[];
  readonly inferred: readonly InferredSizes[];
}

/**
 * Reads a document's tables into published numbers and links its prose claims to their cells, once:
 * `auditDocument` audits this extraction and returns it, so the files `restudy extract` writes (and the
 * offline page downloads) are made from the numbers the findings were computed from.
 */
export function extractDocument(doc: ReadDocument): DocumentExtraction {
  const { tables, warnings, inferred } = extractTables(doc);
  return Object.freeze({ tables, links: tables.length ? linkProse(doc, tables) : [], warnings, inferred });
}

/** The extracted tables as published-number files (in memory; `file` names the document and table). */
export function asPublishedFiles(tables: readonly ExtractedTable[], source: string, study: string): PublishedFile[] {
  return tables.map((t) => ({
    file: `${source}#${t.table}`,
    study,
    source: { citation: `extracted by restudy from ${source}` },
    title: t.title,
    context: t.context,
    numbers: t.numbers,
  }));
}

/**
 * Audits a document that a reader has read: every table check of `auditPublished` on its tables
 * (reconstructed into published numbers), and the prose audit (`auditProse`) on its lines. Each
 * finding carries `where`: the page/line (prose) or table/row/column (tables) and the text as printed.
 */
export function auditDocument(
  doc: ReadDocument,
  source: string,
  opts: { prose?: Partial<ProseOptions>; tests?: ContingencyTests } = {},
): DocumentAudit {
  const extraction = extractDocument(doc);
  const { tables, links, warnings, inferred } = extraction;
  const files = asPublishedFiles([...tables, ...links], source, 'document');
  const sourceOf = new Map<string, string>();
  for (const t of [...tables, ...links]) for (const [id, text] of Object.entries(t.sources)) sourceOf.set(id, text);
  const sizesOf = new Map(inferred.map((i) => [i.table, i.text]));
  const tableChecks: DocumentFinding[] = auditPublished(files, { tests: opts.tests }).map((c) => {
    const sizes = SIZED_KINDS.has(c.kind) ? sizesOf.get(c.location.table) : undefined;
    return { ...c, where: [...new Set(c.inputs.map((id) => sourceOf.get(id) ?? id)), ...(sizes ? [sizes] : [])] };
  });
  const paginated = doc.format === 'pdf';
  const prose = auditProse(
    doc.lines.map((l) => (paginated ? { text: l.text, page: l.page, line: l.line } : { text: l.text, line: l.line })),
    opts.prose ?? {},
  );
  const proseChecks: DocumentFinding[] = prose.checks.map((c) => ({
    ...c,
    where: [
      `${c.source.page === undefined ? '' : `page ${c.source.page}, `}` +
        `line ${c.source.line}, column ${c.source.column}: ` +
        `"${c.source.text.replace(/\s*\n\s*/g, ' ')}"`,
    ],
  }));
  const checks = [...tableChecks, ...proseChecks];
  const allWarnings = [...doc.warnings, ...warnings];
  if (doc.tables.length === 0 && doc.format !== 'txt')
    allWarnings.push('no tables found in the document; only its prose was audited');
  return {
    source,
    format: doc.format,
    pages: doc.pages,
    tables,
    extraction,
    proseResults: prose.results.length,
    checks,
    summary: countByStatus(checks),
    warnings: allWarnings,
  };
}
