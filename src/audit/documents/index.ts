export type { DocumentAudit, DocumentExtraction, DocumentFinding } from './auditDocument.ts';
export {
  asPublishedFiles,
  auditDocument,
  extractDocument,
  extractTables,
  mergeContinuations,
} from './auditDocument.ts';
export { readDocx } from './docx.ts';
export { readHtml } from './html.ts';
export type { PdfReadOptions } from './pdf.ts';
export { readPdf } from './pdf.ts';
export { formatOfName, readDocument } from './readDocument.ts';
export { extractedFiles, serializeExtracted, studyKeyOf } from './serialize.ts';
export type { ExtractedTable } from './tableToPublished.ts';
export { tableSlot, tableToPublished } from './tableToPublished.ts';
export { readText } from './text.ts';
export type { DocumentCell, DocumentFormat, DocumentLine, DocumentTable, ReadDocument, ReadLimits } from './types.ts';
export { DOCUMENT_FORMATS, DocumentReadError } from './types.ts';
