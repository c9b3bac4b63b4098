/**
 * The pattern of a test result in prose: LABEL (df) REL STATISTIC, p REL VALUE (or "ns").
 *
 * Every quantifier is bounded (`{0,3}`, `{1,40}`, …) and every alternative starts at a label, so a
 * match attempt costs O(1) and a whole text O(length): no input can make it backtrack
 * super-linearly (issue 14; tested on 100 kB pathological lines).
 */
const SP = String.raw`\s{0,3}`;
const REL = `<=|>=|=|<|>|≤|≥`;

/**
 * χ² in its spellings: χ2, χ 2, χ^2, x2, X2, chi2, chi_2, chi-square(d), Chi-Square, G2, Δχ2, ΔG2 (a line
 * break may follow the hyphen of a word split at the end of a line: "chi-⏎square").
 */
const CHI = String.raw`(?:Δ ?)?(?:[χxX] ?\^?2|[Cc]hi(?:[-_ ]?\^?2|(?:-\n?| )?[Ss]quared?)|G ?\^?2)`;
/** Q statistics of meta-analysis: Q, Qw, Qb, Q_within, Q-between … (χ² reference). */
const Q = `Q(?:[_-]?(?:w|b|W|B|within|between|total|T))?`;

const LABEL = String.raw`(?<![A-Za-z0-9_.\\])(?<label>${CHI}|${Q}|t|F|r|z|Z)`;
const DF = String.raw`(?:${SP}\((?<df>[^()=<>]{1,24}(?:=${SP}[\d,.]{1,12})?)${SP}\))?`;
/** a signed number with thousands separators or a decimal comma; sign also as en dash */
const THOUSANDS = String.raw`\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,12})?`;
const STAT = String.raw`(?<stat>[-–]? ?(?:${THOUSANDS}|\d{1,12}(?:[.,]\d{1,12})?|[.,]\d{1,12}))`;
const PNUM = String.raw`(?:\d{0,3}[.,])?\d{1,12}(?:[eE]-?\d{1,3}| ?[×x·] ?10 ?\^?[-–]\d{1,3})?`;
const PPART = String.raw`(?:[pP](?:[- ]?value)?${SP}(?<prel>${REL})${SP}(?<p>${PNUM})(?!\.?\d))`;
const NS = String.raw`(?:[pP]${SP}=${SP})?(?<ns>[nN]\.? ?[sS]\.?)(?![A-Za-z])`;
const SEP = String.raw`${SP}(?:[,;:]|,? ?\(|,? ?and)?${SP}`;

/** One regex for every test format (sticky-free, global; run over a whole normalised text). */
export function testResultPattern(): RegExp {
  return new RegExp(`${LABEL}${DF}${SP}(?<srel>${REL})${SP}${STAT}${SEP}(?:${PPART}|${NS})`, 'g');
}
