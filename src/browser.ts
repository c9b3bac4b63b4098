/**
 * restudy's browser-safe entry (`restudy/browser`): the statistics core, the audit of printed numbers and the
 * parsing of printed numbers, with no `node:` import anywhere below it, so a bundler can target the browser
 * (the offline page `dist/web/restudy.html` is built from it). test/browser/web.test.ts bundles this file for
 * the browser platform and fails on any `node:` import.
 *
 * What is not here needs the file system or threads: cohort and codebook loading from paths, the study runner,
 * imaging, the synthetic-cohort generator. Use the main entry (`restudy`) in Node for those.
 */

export { defaultContingencyTests } from './audit/contingencyTests.ts';
export * from './audit/documents/index.ts';
export * from './audit/index.ts';
export * from './audit/text/index.ts';
export { parsePart } from './data/published/parsePrinted.ts';
export * from './stats/index.ts';
export type { Conventions, Preset } from './study/conventions.ts';
export { BUILT_IN_PRESETS } from './study/conventions.ts';
export type {
  SummaryTableInput,
  SummaryTableResult,
  SummaryTableSpec,
  SummaryVariable,
} from './study/kinds/summaryTable.ts';
export { checkSummaryTable, runSummaryTable, summaryTableSchema, TEST_NAMES } from './study/kinds/summaryTable.ts';
