export { InputError, InternalError } from './errors.ts';
export type { Rng } from './random.ts';
export { createRng } from './random.ts';
export type { Alternative, Conventions, TestResult } from './result.ts';
export { freezeResult } from './result.ts';
