export type { Codebook, CodebookColumn, CodebookLevel } from './codebook.ts';
export { codebookJsonSchema, codebookSchema, loadCodebook, missingCodes, parseCodebook } from './codebook.ts';
export type { DataIssue, DataIssueCode, DataIssueSeverity } from './errors.ts';
export { DataError, formatIssue } from './errors.ts';
export type { Cohort, CohortRow, CohortValue, ReadCohortOptions } from './readCohort.ts';
export { readCohort, readCohortAsync } from './readCohort.ts';
