/**
 * The file-system layer every command writes and reads through: outputs that never touch inputs,
 * all-or-nothing writes, bounded reads (issue 14).
 */

export { writeFileAtomic } from './atomicWrite.ts';
export { exitCodeOf, formatBytes, InputFormatError, InputLimitError, UsageError } from './errors.ts';
export type { ReadLimit } from './limitedRead.ts';
export {
  DEFAULT_MAX_INFLATED_BYTES,
  DEFAULT_MAX_INPUT_BYTES,
  gunzipLimited,
  MAX_INFLATED_FLAG,
  MAX_INPUT_FLAG,
  readFileLimited,
} from './limitedRead.ts';
export type { OutputSafetyPaths } from './outputSafety.ts';
export { assertOutputsSafe, realPathOf } from './outputSafety.ts';
export type { ReportDirOptions } from './reportDir.ts';
export { assertReportDirWritable, OUTPUT_MARKER, writeReportDirAtomic } from './reportDir.ts';
