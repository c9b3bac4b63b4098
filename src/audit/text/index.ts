export { auditProse } from './auditProse.ts';
export { PROSE_OPTION_SPECS, DEFAULT_PROSE_OPTIONS, resolveProseOptions } from './options.ts';
export type { ProseOptions, ProseOptionSpec } from './options.ts';
export type {
  ProseAudit,
  ProseCheck,
  ProseErrorClass,
  ProseLine,
  ProseLocation,
  ProseResult,
  ProseResultKind,
  ProseTest,
  ProseTestKind,
  Relation,
} from './types.ts';
