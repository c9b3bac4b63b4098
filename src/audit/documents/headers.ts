import type { PublishedKind } from '../../data/published/types.ts';

/** What a table column holds, read from its header. */
export interface ColumnInfo {
  /** column name in the published-numbers format: total, zero, p, p1, auc, auc_ci, sensitivity, … */
  readonly name: string;
  /** the kind of a plain number in this column (count for group columns, p for p columns, …) */
  readonly kind: PublishedKind;
  /** group size printed in the header ("HER2-Zero (n = 60)") */
  readonly n?: number;
  /** for pairwise p columns, the two groups named in the header ("(Low vs. Zero)"), as header words */
  readonly versus?: readonly [string, string];
  /** the header as printed */
  readonly header: string;
}

/** Lower-case slug: sub/superscript markers and spaces to "_", "5%" to "p5" (a percentile). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\^/g, '')
    .replace(/(^|[_\s])(\d{1,2})\s*%/g, '$1p$2')
    .replace(/[^a-z0-9.+-]+/g, '_')
    .replace(/[.+-]+/g, (m) => (m.length === 1 ? m : m[0]))
    .replace(/^[_.+-]+|[_.+-]+$/g, '')
    .replace(/[.+-]/g, '_')
    .replace(/_+/g, '_');
}

const N_IN_HEADER = /[([]?\s*[nN]\s*=\s*(\d{1,7})\s*[)\]]?/;
const VERSUS = /\(\s*([^()]+?)\s+(?:vs\.?|versus)\s+([^()]+?)\s*\)/i;

/**
 * Reads one column header: a group size "(n = 60)", a pairwise comparison "(Low vs. Zero)", and a
 * name from a small vocabulary (p-value with its index, total, AUC, 95% CI of the column before,
 * sensitivity, specificity, cut-off, OR, kappa, ICC); anything else is slugged.
 */
export function readHeader(header: string, previous: ColumnInfo | undefined): ColumnInfo {
  const n = N_IN_HEADER.exec(header);
  const vs = VERSUS.exec(header);
  const bare = header
    .replace(N_IN_HEADER, ' ')
    .replace(VERSUS, ' ')
    .replace(/;?\s*n\s*\(%\)/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const base = { header, ...(n ? { n: Number(n[1]) } : {}), ...(vs ? { versus: [vs[1], vs[2]] as const } : {}) };
  const p = /^p\s*\^?\s*(\d?)\s*-?\s*(?:value)?$/i.exec(bare.replace(/\s*-\s*/g, '-'));
  if (p) return { ...base, name: `p${p[1]}`, kind: 'p' };
  if (/^(?:p\s*\^?\s*(\d)?)?\s*-?\s*value$/i.test(bare)) return { ...base, name: 'p', kind: 'p' };
  if (/^(total|overall|all patients|all)$/i.test(bare)) return { ...base, name: 'total', kind: 'count' };
  if (/^(auc|area under the curve|auroc|c-statistic)$/i.test(bare)) return { ...base, name: 'auc', kind: 'auc' };
  if (/^(\d{2}\s*%\s*)?(ci|confidence interval)$/i.test(bare))
    return { ...base, name: `${previous?.name ?? 'estimate'}_ci`, kind: previous?.kind ?? 'estimate' };
  if (/^sensitivity/i.test(bare)) return { ...base, name: 'sensitivity', kind: 'percent' };
  if (/^specificity/i.test(bare)) return { ...base, name: 'specificity', kind: 'percent' };
  if (/^cut-?\s*off|^threshold/i.test(bare)) return { ...base, name: 'cutoff', kind: 'cutoff' };
  if (/^(or|odds ratio)$/i.test(bare)) return { ...base, name: 'or', kind: 'or' };
  if (/^(kappa|κ)$/i.test(bare)) return { ...base, name: 'kappa', kind: 'kappa' };
  if (/^icc$/i.test(bare)) return { ...base, name: 'icc', kind: 'icc' };
  return { ...base, name: slug(bare) || 'column', kind: n ? 'count' : 'estimate' };
}

/**
 * Names the group columns (those with "(n = …)", except total) by what distinguishes them: the
 * common leading words are dropped ("HER2-Zero", "HER2-Low", "HER2-Over" → zero, low, over).
 */
export function nameGroups(columns: readonly ColumnInfo[]): ColumnInfo[] {
  const isGroup = (c: ColumnInfo): boolean => c.n !== undefined && c.name !== 'total';
  const groups = columns.filter(isGroup);
  if (groups.length < 2) return [...columns];
  const names = withoutCommonLead(groups.map((c) => c.name.split('_')));
  let i = 0;
  return columns.map((c) => (isGroup(c) ? { ...c, name: names[i++] } : c));
}

/** Names from word lists without the leading words all share (each keeps at least its last word), joined by "_". */
export function withoutCommonLead(parts: readonly (readonly string[])[]): string[] {
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0][common])) common++;
  return parts.map((p) => p.slice(common).join('_'));
}

/** A column header without its group size "(n = 60)". */
export function headerWithoutN(header: string): string {
  return header.replace(N_IN_HEADER, '');
}
