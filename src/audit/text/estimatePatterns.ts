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

const joined = (flags: string, ...parts: string[]) => new RegExp(parts.join(''), flags);
const OR_LABEL = String.raw`\b(?:OR|odds ratio(?:${SP}\[OR\])?)${SP}(?:=|of|was|:)${SP}`;
const CURVE = `area under the (?:ROC |receiver operating characteristic )?curve`;
const AUC_LABEL = String.raw`\b(?:${CURVE}(?:${SP}\(AUC\))?|AUC\)?)`;
const AUC_VALUE = String.raw`(\d{0,3}\.\d{1,12})`;
const MEAN = `(?:M|Mean|mean)${SP}=${SP}(${DEC})`;
const SD = `(?:SD|sd|s)${SP}=${SP}(${DEC})`;
const N = `[nN]${SP}=${SP}(${INT})`;

export function estimatePatterns(): readonly EstimatePattern[] {
  return [
    {
      kind: 'odds-ratio',
      re: joined(
        'gi',
        OR_LABEL,
        String.raw`(${NUM})${SP}[,;(]?${SP}\(?${SP}${CI}(${NUM})${DASH}(${NUM})${SP}\)?`,
        `(?:${SP}[,;]${SP}${PVAL})?`,
      ),
      names: ['or', 'level', 'lower', 'upper', 'rel', 'p'],
    },
    {
      kind: 'auc',
      re: joined(
        'gi',
        AUC_LABEL,
        String.raw`[^()]{0,80}?(?:=|\bof\b|\bwas\b|:)${SP}${AUC_VALUE}${SP}\(${SP}${CI}`,
        String.raw`${AUC_VALUE}${DASH}${AUC_VALUE}${SP}\)`,
      ),
      names: ['auc', 'level', 'lower', 'upper'],
    },
    {
      kind: 'percent',
      re: /\b(\d{1,9}) ?(?:\/| of ) ?(\d{1,9}) ?\( ?(\d{1,3}(?:\.\d{1,9})?) ?% ?\)/g,
      names: ['count', 'n', 'percent'],
    },
    {
      kind: 'descriptives',
      re: joined(
        'g',
        String.raw`(?<![A-Za-z])${MEAN}${SP}(?:[,;]${SP}|\(${SP})${SD}${SP}\)?${SP}[,;]${SP}${N}`,
        String.raw`(?![\d.,]?\d)`,
      ),
      names: ['mean', 'sd', 'n'],
    },
    {
      kind: 'descriptives',
      re: joined('g', String.raw`(?<![A-Za-z])${N}${SP}[,;]${SP}${MEAN}${SP}[,;(]${SP}${SD}(?![\d])`),
      names: ['n', 'mean', 'sd'],
    },
  ];
}
