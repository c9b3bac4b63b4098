/**
 * restudy's public API. Names and fields listed in the Foundation issue are a contract.
 */

export type { DocumentAudit, DocumentExtraction, DocumentFinding } from './audit/documents/index.ts';
export {
  auditDocument,
  DocumentReadError,
  extractDocument,
  extractedFiles,
  extractTables,
  formatOfName,
  readDocument,
  tableToPublished,
} from './audit/documents/index.ts';
export { auditProse, DEFAULT_PROSE_OPTIONS, PROSE_OPTION_SPECS, resolveProseOptions } from './audit/text/index.ts';
export * from './data/index.ts';
export * from './data/published/index.ts';
export * from './imaging/index.ts';
export * from './simulate/index.ts';
export * from './stats/index.ts';
