export * from './types.ts';
export { parsePrinted, parsePart, parseDecimal, roundingInterval, normalizePrinted, kindDomain, PrintedParseError } from './parsePrinted.ts';
export type { PrintedCell, PrintedDecimal, ParsedPart } from './parsePrinted.ts';
export { publishedFileSchema, publishedNumberSchema, publishedLocationSchema } from './schema.ts';
export { loadPublished, loadPublishedFiles, findPublished, checkEntrySemantics, PublishedDataError } from './loadPublished.ts';
export type { PublishedIssue } from './loadPublished.ts';
export { makeEntry, makeCellEntries } from './makeEntry.ts';
