export { auditProse } from './auditProse.ts';
export type { ProseOptionSpec, ProseOptions } from './options.ts';
export { DEFAULT_PROSE_OPTIONS, PROSE_OPTION_SPECS, resolveProseOptions } from './options.ts';
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
