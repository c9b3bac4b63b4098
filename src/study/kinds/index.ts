/**
 * The registry of analysis kinds: `{ schema, sources, check, run }` per kind name. A new kind is a new module
 * and one line here. Browser-safe.
 */
import type { Kind } from './_kind.ts';
import { agreementKind } from './agreement.ts';
import { forestKind, rocCurvesKind, violinKind } from './figures.ts';
import { logisticModelKind } from './logisticModel.ts';
import { qcKind } from './qc.ts';
import { rocKind } from './roc.ts';
import { summaryTableKind } from './summaryTableKind.ts';

export const KINDS: ReadonlyMap<string, Kind<never>> = new Map<string, Kind<never>>([
  ['summary-table', summaryTableKind as unknown as Kind<never>],
  ['logistic-model', logisticModelKind as unknown as Kind<never>],
  ['roc', rocKind as unknown as Kind<never>],
  ['agreement', agreementKind as unknown as Kind<never>],
  ['qc', qcKind as unknown as Kind<never>],
  ['violin', violinKind as unknown as Kind<never>],
  ['box', violinKind as unknown as Kind<never>],
  ['roc-curves', rocCurvesKind as unknown as Kind<never>],
  ['forest', forestKind as unknown as Kind<never>],
]);

export const KIND_NAMES = [...KINDS.keys()];

export type { AnalysisOutput, CheckContext, Kind, KindContext, PublishedLookup } from './_kind.ts';
