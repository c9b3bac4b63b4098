import { parsePart } from '../data/published/parsePrinted.ts';
import { checkPercent } from './arithmetic.ts';
import { fmtIv, overlaps } from './_interval.ts';
import { checkOddsRatio } from './oddsRatio.ts';
import { checkReportedTest, type ReportedTestKind } from './testStatistic.ts';
import type { AuditCheck, AuditKind, CheckOutcome, Interval } from './types.ts';
import { textPositions } from '../data/textPosition.ts';

/** One statistic found in prose, with where it was found. */
export interface ExtractedStatistic {
  readonly kind: 'odds-ratio' | 'auc' | 'test' | 'percent';
  /** 1-based line and column of the match */
  readonly line: number;
  readonly column: number;
  /** the matched text */
  readonly text: string;
  readonly fields: Readonly<Record<string, string>>;
}

const NUM = String.raw`-?\d*\.?\d+`;
const DASH = String.raw`\s*(?:–|—|-|to)\s*`;
const CI = String.raw`(\d+(?:\.\d+)?)\s*%\s*(?:confidence interval|CI)(?:\s*\[CI\])?\s*[:,]?\s*`;
const PVAL = String.raw`p\s*(=|<|>|≤|≥|<=|>=)\s*(\d*\.?\d+)`;

const PATTERNS: { kind: ExtractedStatistic['kind']; re: RegExp; names: string[] }[] = [
  {
    kind: 'odds-ratio',
    re: new RegExp(String.raw`\b(?:OR|odds ratio(?:\s*\[OR\])?)\s*(?:=|of|was|:)\s*(${NUM})\s*[,;(]?\s*\(?\s*${CI}(${NUM})${DASH}(${NUM})\s*\)?(?:\s*[,;]\s*${PVAL})?`, 'gi'),
    names: ['or', 'level', 'lower', 'upper', 'rel', 'p'],
  },
  {
    kind: 'auc',
    re: new RegExp(String.raw`\b(?:area under the (?:ROC |receiver operating characteristic )?curve(?:\s*\(AUC\))?|AUC\)?)[^()]{0,80}?(?:=|\bof\b|\bwas\b|:)\s*(\d*\.\d+)\s*\(\s*${CI}(\d*\.\d+)${DASH}(\d*\.\d+)\s*\)`, 'gi'),
    names: ['auc', 'level', 'lower', 'upper'],
  },
  {
    kind: 'test',
    re: new RegExp(String.raw`(χ2|χ²|chi-square|chi2|X2|\bt|\bF|\bz)\s*(?:\(\s*(\d+(?:\.\d+)?)(?:\s*,\s*(\d+(?:\.\d+)?))?(?:\s*,\s*N\s*=\s*\d+)?\s*\))?\s*=\s*(${NUM})\s*,\s*${PVAL}`, 'g'),
    names: ['test', 'df1', 'df2', 'statistic', 'rel', 'p'],
  },
  {
    kind: 'percent',
    re: new RegExp(String.raw`\b(\d+) ?(?:/| of ) ?(\d+) ?\( ?(\d+(?:\.\d+)?) ?% ?\)`, 'g'),
    names: ['count', 'n', 'percent'],
  },
];

/** Unicode dashes, minus and NFKC; keeps offsets line-compatible (no newlines added or removed). */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/[\u2212\uFE63\uFF0D]/g, '-').replace(/\u00a0/g, ' ');
}

/**
 * Finds "OR = 2.1 (95% CI 1.2–3.4), p = 0.01", "AUC = 0.80 (95% CI 0.70–0.90)", "χ²(2) = 7.1,
 * p = 0.03", "t(28) = 2.1, p = .04", "F(2, 30) = 3.5, p = .04", "z = 2.1, p = .04" and
 * "n/N (x%)" / "n of N (x%)" in prose (also "odds ratio [OR] = 3.91, 95% confidence interval [CI]:
 * 1.38–11.05, p = 0.010" and "AUC ... was 0.763 (95% CI: 0.667–0.859)" as the seed paper writes them).
 */
export function extractStatistics(text: string): ExtractedStatistic[] {
  const t = normalize(text);
  const where = textPositions(t).at;
  const out: ExtractedStatistic[] = [];
  for (const { kind, re, names } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const fields: Record<string, string> = {};
      names.forEach((n, i) => {
        if (m![i + 1] !== undefined) fields[n] = m![i + 1];
      });
      if (kind === 'test' && fields.test !== 'z' && fields.df1 === undefined) continue; // t/F/χ² need df
      if (kind === 'test' && fields.test === 'F' && fields.df2 === undefined) continue;
      out.push({ kind, ...where(m.index), text: m[0], fields });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Lines with at least this many "k/n (x%)" cells are treated as table extractions in messages. */
export const TABLE_LIKE_CELLS = 6;

function pInterval(rel: string | undefined, p: string): Interval {
  const printed = rel === undefined || rel === '=' ? p : `${rel} ${p}`;
  return parsePart(printed, 'p').interval as Interval;
}

/**
 * Audits the statistics found in prose: OR/CI/p agreement, AUC CI symmetry, test statistic → p
 * (statcheck), k/n → percent. Location: table 'text', row `line-<n>`, column the kind.
 */
export function auditText(text: string): AuditCheck[] {
  const out: AuditCheck[] = [];
  const ids = new Set<string>();
  const found = extractStatistics(text);
  const tableLike = new Map<number, number>();
  for (const s of found) if (s.kind === 'percent') tableLike.set(s.line, (tableLike.get(s.line) ?? 0) + 1);
  for (const s of found) {
    const f = s.fields;
    let kind: AuditKind;
    let o: CheckOutcome;
    const iv = (x: string): Interval => parsePart(x, 'estimate').interval as Interval;
    if (s.kind === 'odds-ratio') {
      kind = 'odds-ratio';
      o = checkOddsRatio({ or: iv(f.or), lower: iv(f.lower), upper: iv(f.upper), p: f.p ? pInterval(f.rel, f.p) : null, confLevel: Number(f.level) / 100, printed: { or: f.or, lower: f.lower, upper: f.upper, p: f.p ? (f.rel && f.rel !== '=' ? `${f.rel} ${f.p}` : f.p) : undefined } });
    } else if (s.kind === 'auc') {
      kind = 'auc-ci';
      const a = iv(f.auc);
      const lo = iv(f.lower);
      const hi = iv(f.upper);
      const mid: Interval = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
      const inside = a[1] >= lo[0] && a[0] <= hi[1];
      const sym = overlaps(mid, a);
      o = {
        status: !inside ? 'inconsistent' : sym ? 'consistent' : 'not-checkable',
        reported: `${f.auc} (${f.lower}–${f.upper})`,
        recomputed: `CI midpoint ${fmtIv(mid)}`,
        message: !inside ? 'the AUC lies outside its CI' : sym ? 'symmetric CI (AUC ± z·SE); group sizes unknown in prose, so the SE is not compared' : 'asymmetric CI (bootstrap or transformed?)',
        arithmetic: [`(${f.lower} + ${f.upper})/2 ∈ ${fmtIv(mid)}; AUC ${f.auc} ∈ ${fmtIv(a)}`],
        severity: 'high',
      };
    } else if (s.kind === 'test') {
      kind = 'reported-test';
      const test: ReportedTestKind = /χ|chi|X2/i.test(f.test) ? 'chisq' : (f.test as ReportedTestKind);
      o = checkReportedTest({ test, df1: f.df1 ? Number(f.df1) : undefined, df2: f.df2 ? Number(f.df2) : undefined, statistic: iv(f.statistic), p: pInterval(f.rel, f.p), printed: s.text.replace(/,\s*p.*$/, ''), printedP: f.rel && f.rel !== '=' ? `${f.rel} ${f.p}` : f.p });
    } else {
      kind = 'percent';
      const k = Number(f.count);
      const n = Number(f.n);
      if (n === 0 || k > n) {
        o = { status: 'not-checkable', reported: s.text, recomputed: null, message: k > n ? 'count larger than n: not a k/n fraction' : 'n = 0', arithmetic: [], severity: 'high' };
      } else o = checkPercent(k, n, parsePart(f.percent, 'percent').interval as Interval, f.percent);
      if (o.status === 'inconsistent' && (tableLike.get(s.line) ?? 0) >= TABLE_LIKE_CELLS) {
        o = { ...o, severity: 'low', message: `${o.message} (in a table-like line of ${tableLike.get(s.line)} k/n cells: a garbled text extraction of a table is as likely as a misprint)` };
      }
    }
    let id = `${kind}:text/line-${s.line}/col-${s.column}`;
    for (let j = 2; ids.has(id); j++) id = `${kind}:text/line-${s.line}/col-${s.column}#${j}`;
    ids.add(id);
    out.push({ id, kind, location: { table: 'text', row: `line-${s.line}`, column: `col-${s.column}` }, inputs: [], ...o, arithmetic: [`found: "${s.text}"`, ...o.arithmetic] });
  }
  return out;
}
