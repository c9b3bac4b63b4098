/** The statistical core in one barrel: re-exported by the full API (src/index.ts) and the browser entry. */
export * from './_shared/index.ts';
export * from './adjust/index.ts';
export * from './agreement/index.ts';
export * from './contingency/index.ts';
export * from './descriptive/index.ts';
export * from './distributions/index.ts';
export * from './parametric/index.ts';
export * from './ranks/index.ts';
export * from './regression/index.ts';
export * from './roc/index.ts';
