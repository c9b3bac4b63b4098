export { InputError, InternalError } from './errors.ts';
export type { Alternative, Conventions, TestResult } from './result.ts';
export { freezeResult } from './result.ts';
