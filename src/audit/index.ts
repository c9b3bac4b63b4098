export type { GroupSummary } from './arithmetic.ts';
export {
  checkCountSum,
  checkPercent,
  checkPooledMeanSd,
  checkTotal,
  countsMatchingPercent,
  pooledMeanRange,
  pooledSdRange,
} from './arithmetic.ts';
export {
  AUC_SE_RATIO_BAND,
  checkAucCi,
  checkAucGranularity,
  checkDelongP,
  delongMaxSe,
  hanleyMcNeilSe,
} from './auc.ts';
export { auditPublished } from './auditPublished.ts';
export { auditText, extractStatistics } from './auditText.ts';
export type { ContingencyTests, PConvention } from './contingency.ts';
export { checkContingencyP, contingencyPValues, dropEmpty, likelihoodRatioP, nearbyTables } from './contingency.ts';
export { checkDirection, checkRangeClaim, checkRestatement, checkSumClaim } from './crossref.ts';
export { checkPositiveClassAgreement, checkRocPoint, checkSensSpec } from './diagnostic.ts';
export { checkGrim, checkGrimmer } from './grim.ts';
export { checkOddsRatio, OR_ASYMMETRY_TOLERANCE } from './oddsRatio.ts';
export { checkPairwiseVsOmnibus, checkPRange } from './omnibus.ts';
export { countByStatus, escapeHtml, renderAuditHtml, renderAuditText } from './report.ts';
export {
  anovaFromSummary,
  checkSummaryVsTest,
  SUMMARY_ALPHA,
  SUMMARY_P_FACTOR,
  tTestFromSummary,
  welchAnovaFromSummary,
} from './summaryTests.ts';
export { checkReportedTest } from './testStatistic.ts';
export type { AuditCheck, AuditKind, AuditStatus, CheckOutcome, Interval } from './types.ts';
