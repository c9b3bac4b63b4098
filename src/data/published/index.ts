export type { PublishedIssue } from './loadPublished.ts';
export {
  checkEntrySemantics,
  findPublished,
  loadPublished,
  loadPublishedFiles,
  PublishedDataError,
} from './loadPublished.ts';
export { makeCellEntries, makeEntry } from './makeEntry.ts';
export type { ParsedPart, PrintedCell, PrintedDecimal } from './parsePrinted.ts';
export {
  kindDomain,
  normalizePrinted,
  PrintedParseError,
  parseDecimal,
  parsePart,
  parsePrinted,
  roundingInterval,
} from './parsePrinted.ts';
export { publishedFileSchema, publishedLocationSchema, publishedNumberSchema } from './schema.ts';
export * from './types.ts';
