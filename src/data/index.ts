export { DataError, formatIssue } from './errors.ts';
export type { DataIssue, DataIssueCode, DataIssueSeverity } from './errors.ts';
export { codebookSchema, codebookJsonSchema, loadCodebook, parseCodebook, missingCodes } from './codebook.ts';
export type { Codebook, CodebookColumn, CodebookLevel } from './codebook.ts';
export { readCohort, readCohortAsync } from './readCohort.ts';
export type { Cohort, CohortRow, CohortValue, ReadCohortOptions } from './readCohort.ts';
