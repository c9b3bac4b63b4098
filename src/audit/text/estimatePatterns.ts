/**
 * Patterns for what statcheck does not read: ORs with CI and p, AUCs with CI, "k/n (x%)" and
 * "M = 3.45, SD = 1.20, N = 28". Every quantifier is bounded (see testPattern.ts for why).
 */
const SP = String.raw`\s{0,3}`;
const NUM = String.raw`-?(?:\d{1,12}(?:\.\d{1,12})?|\.\d{1,12})`;
const DASH = String.raw`\s{0,3}(?:–|—|-|to)\s{0,3}`;
const CI = String.raw`(\d{1,2}(?:\.\d{1,3})?)${SP}%${SP}(?:confidence interval|CI)(?:${SP}\[CI\])?${SP}[:,]?${SP}`;
const PVAL = String.raw`p${SP}(=|<|>|≤|≥|<=|>=)${SP}(\d{0,3}\.?\d{1,12})`;
/** a mean or SD, dot or comma decimal */
const DEC = String.raw`\d{1,7}(?:[.,]\d{1,7})?`;
const INT = String.raw`\d{1,3}(?:,\d{3}){1,3}|\d{1,9}`;

export interface EstimatePattern {
  readonly kind: 'odds-ratio' | 'auc' | 'percent' | 'descriptives';
  readonly re: RegExp;
  readonly names: readonly string[];
}

export function estimatePatterns(): readonly EstimatePattern[] {
  return [
    {
      kind: 'odds-ratio',
      re: new RegExp(String.raw`\b(?:OR|odds ratio(?:${SP}\[OR\])?)${SP}(?:=|of|was|:)${SP}(${NUM})${SP}[,;(]?${SP}\(?${SP}${CI}(${NUM})${DASH}(${NUM})${SP}\)?(?:${SP}[,;]${SP}${PVAL})?`, 'gi'),
      names: ['or', 'level', 'lower', 'upper', 'rel', 'p'],
    },
    {
      kind: 'auc',
      re: new RegExp(String.raw`\b(?:area under the (?:ROC |receiver operating characteristic )?curve(?:${SP}\(AUC\))?|AUC\)?)[^()]{0,80}?(?:=|\bof\b|\bwas\b|:)${SP}(\d{0,3}\.\d{1,12})${SP}\(${SP}${CI}(\d{0,3}\.\d{1,12})${DASH}(\d{0,3}\.\d{1,12})${SP}\)`, 'gi'),
      names: ['auc', 'level', 'lower', 'upper'],
    },
    {
      kind: 'percent',
      re: new RegExp(String.raw`\b(\d{1,9}) ?(?:/| of ) ?(\d{1,9}) ?\( ?(\d{1,3}(?:\.\d{1,9})?) ?% ?\)`, 'g'),
      names: ['count', 'n', 'percent'],
    },
    {
      kind: 'descriptives',
      re: new RegExp(String.raw`(?<![A-Za-z])(?:M|Mean|mean)${SP}=${SP}(${DEC})${SP}(?:[,;]${SP}|\(${SP})(?:SD|sd|s)${SP}=${SP}(${DEC})${SP}\)?${SP}[,;]${SP}[nN]${SP}=${SP}(${INT})(?![\d.,]?\d)`, 'g'),
      names: ['mean', 'sd', 'n'],
    },
    {
      kind: 'descriptives',
      re: new RegExp(String.raw`(?<![A-Za-z])[nN]${SP}=${SP}(${INT})${SP}[,;]${SP}(?:M|Mean|mean)${SP}=${SP}(${DEC})${SP}[,;(]${SP}(?:SD|sd|s)${SP}=${SP}(${DEC})(?![\d])`, 'g'),
      names: ['n', 'mean', 'sd'],
    },
  ];
}
