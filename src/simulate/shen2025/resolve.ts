/**
 * Consistency checks of the printed targets and the resolution chosen for each conflict. Everything here is
 * computed from the printed text (sums, percentages, χ² p-values, Wald intervals), never asserted by hand.
 */
import { normalSf } from '../../stats/distributions/index.ts';
import { pearsonChiSquare } from '../_measures.ts';
import {
  AGE_TARGET,
  CATEGORICAL_TARGETS,
  GROUP_N,
  GROUPS,
  type Group,
  MASS_MODEL,
  parseCountCell,
  parseMeanSd,
} from './targets.ts';

/** One place where printed numbers cannot all hold, or a choice the paper leaves open. */
export interface Conflict {
  id: string;
  kind: 'conflict' | 'uncertain' | 'decision';
  location: string;
  printed: string;
  problem: string;
  resolution: string;
  evidence?: string;
}

/** Resolved exact counts: variable → level → group → count. */
export type ResolvedCounts = Record<string, Record<string, Record<Group, number>>>;

const pNumber = (printed: string): number | null => {
  const t = printed.replace(/\s+/g, '');
  if (t === 'NA') return null;
  if (t.startsWith('<')) return Number(t.slice(1)) / 2;
  return Number(t);
};

/**
 * Checks every categorical row of Tables 1–2 (each cell's percent against its count, each column's sum
 * against its n, Table 1 totals against the groups) and resolves sums that do not add up: the candidate
 * repair of each cell (n minus the other cells) whose recomputed three-group Pearson χ² p is closest to the
 * printed p is chosen.
 */
export function resolveCategoricalCounts(): { counts: ResolvedCounts; conflicts: Conflict[] } {
  const counts: ResolvedCounts = {};
  const conflicts: Conflict[] = [];
  // lesion_type first: the mass / NME-related denominators depend on it
  const subsetN = (subset: 'all' | 'mass' | 'nme_related', g: Group): number => {
    if (subset === 'all') return GROUP_N[g];
    if (subset === 'mass') return counts.lesion_type.mass[g];
    return counts.lesion_type.nme[g] + counts.lesion_type.mass_with_nme[g];
  };
  for (const target of CATEGORICAL_TARGETS) {
    const levels = Object.keys(target.levels);
    const table: Record<string, Record<Group, number>> = {};
    for (const level of levels) {
      table[level] = { zero: 0, low: 0, over: 0 };
      for (const g of GROUPS) {
        const printed = target.levels[level][g];
        const cell = parseCountCell(printed);
        table[level][g] = cell.count;
        const n = subsetN(target.subset, g);
        if (cell.denominator !== null && cell.denominator !== n) {
          conflicts.push({
            id: `${target.table}:${target.variable}:${level}:${g}:denominator`,
            kind: 'conflict',
            location: `${target.table} ${target.variable} = ${level}, HER2-${g}`,
            printed,
            problem: `denominator ${cell.denominator} but the subset has ${n} patients`,
            resolution: 'count used as printed',
          });
        }
        const pct = Math.round((1000 * cell.count) / n) / 10;
        if (Math.abs(pct - cell.percent) > 0.051) {
          conflicts.push({
            id: `${target.table}:${target.variable}:${level}:${g}:percent`,
            kind: 'conflict',
            location: `${target.table} ${target.variable} = ${level}, HER2-${g}`,
            printed,
            problem: `${cell.count}/${n} is ${pct}%, printed ${cell.percent}%`,
            resolution: 'count used as printed',
          });
        }
        if (target.levels[level].reconstructed?.[g]) {
          conflicts.push({
            id: `${target.table}:${target.variable}:${level}:${g}:reconstructed`,
            kind: 'uncertain',
            location: `${target.table} ${target.variable} = ${level}, HER2-${g}`,
            printed,
            problem:
              'illegible in the text extraction; reconstructed in READING-NOTES.md so that the column sums to its n',
            resolution:
              'reconstructed count used as is (it makes the column sum exact); treat results that depend on ' +
              'it as uncertain',
          });
        }
      }
    }
    for (const g of GROUPS) {
      const n = subsetN(target.subset, g);
      const sum = levels.reduce((s, l) => s + table[l][g], 0);
      if (sum === n) continue;
      const printedP = pNumber(target.p.p);
      const candidates = levels
        .map((level) => {
          const repaired = n - (sum - table[level][g]);
          if (repaired < 0) return undefined;
          const trial = levels.map((l) => GROUPS.map((h) => (l === level && h === g ? repaired : table[l][h])));
          return { level, repaired, p: pearsonChiSquare(trial).pValue };
        })
        .filter((c): c is { level: string; repaired: number; p: number } => c !== undefined);
      candidates.sort((a, b) => Math.abs(a.p - (printedP ?? a.p)) - Math.abs(b.p - (printedP ?? b.p)));
      const best = candidates[0];
      const evidence = candidates
        .map((c) => `${c.level} ${table[c.level][g]}→${c.repaired}: χ² p = ${c.p.toFixed(3)}`)
        .join('; ');
      conflicts.push({
        id: `${target.table}:${target.variable}:${g}:sum`,
        kind: 'conflict',
        location: `${target.table} ${target.variable}, HER2-${g} column`,
        printed: levels.map((l) => target.levels[l][g]).join(' + '),
        problem: `counts sum to ${sum}, not n = ${n}`,
        resolution:
          `${target.variable} = ${best.level} set to ${best.repaired} ` +
          `(${((100 * best.repaired) / n).toFixed(1)}%), the repair whose three-group Pearson χ² p is ` +
          `closest to the printed p = ${target.p.p}`,
        evidence,
      });
      table[best.level][g] = best.repaired;
    }
    for (const level of levels) {
      const total = target.levels[level].total;
      if (total === undefined) continue;
      const cell = parseCountCell(total);
      const sum = GROUPS.reduce((s, g) => s + table[level][g], 0);
      if (sum !== cell.count) {
        conflicts.push({
          id: `${target.table}:${target.variable}:${level}:total`,
          kind: 'conflict',
          location: `${target.table} ${target.variable} = ${level}, total`,
          printed: total,
          problem: `groups sum to ${sum}`,
          resolution: 'group counts used; the total follows from them',
        });
      }
    }
    counts[target.variable] = table;
  }

  conflicts.push(...checkPrintedPValues(counts));

  // HR = ER: identical counts printed in every cell.
  const same = GROUPS.every((g) => counts.hr.positive[g] === counts.er.positive[g]);
  conflicts.push({
    id: 'table1:hr',
    kind: 'decision',
    location: 'table1 HR status',
    printed: GROUPS.map((g) => `${g} ${counts.hr.positive[g]}`).join(', '),
    problem: same
      ? 'HR counts are identical to ER counts in every group; HR is usually "ER or PR positive", which then ' +
        'requires every PR-positive tumour to be ER-positive'
      : 'HR counts differ from ER counts',
    resolution:
      'HR = positive when ER or PR is positive (codebook rule derivedFrom any); PR-positive patients are ' +
      'drawn among ER-positive ones (PR+ ≤ ER+ in every group), so HR = ER exactly as printed',
  });
  return { counts, conflicts };
}

/** The total age mean is checked against the group means (the group rows are used when they disagree). */
export function checkAgeTotal(): Conflict[] {
  const total = parseMeanSd(AGE_TARGET.total);
  let lo = 0;
  let hi = 0;
  let n = 0;
  for (const g of GROUPS) {
    const t = parseMeanSd(AGE_TARGET[g]);
    const half = 0.5 * 10 ** -t.meanDecimals;
    lo += GROUP_N[g] * (t.mean - half);
    hi += GROUP_N[g] * (t.mean + half);
    n += GROUP_N[g];
  }
  lo /= n;
  hi /= n;
  if (total.mean >= lo - 0.005 && total.mean <= hi + 0.005) return [];
  return [
    {
      id: 'table1:age:total_mean',
      kind: 'conflict',
      location: 'table1 age, total column',
      printed: AGE_TARGET.total,
      problem:
        `the group means (${GROUPS.map((g) => AGE_TARGET[g]).join('; ')}, n = 60/91/81) imply a ` +
        `total mean in [${lo.toFixed(3)}, ${hi.toFixed(3)}], not ${total.mean.toFixed(2)}`,
      resolution:
        'group means and SDs are met; the total mean follows from them (the printed total SD is still checked)',
    },
  ];
}

/**
 * A Wald OR with its 95% CI and p: the CI fixes ln OR = (ln lo + ln hi)/2 and SE = (ln hi − ln lo)/(2·1.96);
 * when the printed OR is not the CI's centre, the value consistent with CI and p is used.
 */
export function resolveOddsRatio(which: keyof typeof MASS_MODEL): {
  target: number;
  conflicts: Conflict[];
  seTarget: number;
} {
  const printed = MASS_MODEL[which];
  const or = Number(printed.or);
  const [lo, hi] = printed.ci.split(/[–-]/).map(Number);
  const centre = Math.exp((Math.log(lo) + Math.log(hi)) / 2);
  const se = (Math.log(hi) - Math.log(lo)) / (2 * 1.959963984540054);
  const pFromCi = 2 * normalSf(Math.abs(Math.log(centre)) / se);
  const pFromOr = 2 * normalSf(Math.abs(Math.log(or)) / se);
  if (Math.abs(Math.log(centre / or)) < 0.02) return { target: or, conflicts: [], seTarget: se };
  return {
    target: Number(centre.toFixed(2)),
    seTarget: se,
    conflicts: [
      {
        id: `text:mass_model:${which}:or`,
        kind: 'conflict',
        location: `section 3.2 / Table S2, irregular shape, ${which}`,
        printed: `OR = ${printed.or}, 95% CI ${printed.ci}, p = ${printed.p}`,
        problem:
          `a Wald CI ${printed.ci} is centred (log scale) on OR = ${centre.toFixed(2)}, not ` +
          `${printed.or}; with SE = ${se.toFixed(3)} the printed OR gives p = ${pFromOr.toFixed(3)}, the CI ` +
          `centre gives p = ${pFromCi.toFixed(3)} (printed ${printed.p})`,
        resolution:
          `target OR = ${centre.toFixed(2)} (consistent with the printed CI and p; the printed ` +
          `${printed.or} is probably a typo)`,
      },
    ],
  };
}

/**
 * The counts of a categorical row fix its χ² p-values. Where every expected count is ≥ 5 (so the paper's
 * "chi-squared or Fisher's exact" rule means χ²) and the Pearson p does not round to the printed one, the
 * printed p cannot come from these counts: reported (the counts are kept; p is not a simulation target).
 * When the printed value matches the recomputed p of another row, the note says so (a likely swap).
 */
export function checkPrintedPValues(counts: ResolvedCounts): Conflict[] {
  const out: Conflict[] = [];
  const computed: { variable: string; column: string; p: number }[] = [];
  const rows: { variable: string; column: 'p' | 'p1' | 'p2'; printed: string; p: number; minExpected: number }[] = [];
  for (const target of CATEGORICAL_TARGETS) {
    const levels = Object.keys(counts[target.variable]);
    for (const [column, groups] of [
      ['p', GROUPS],
      ['p1', ['low', 'zero']],
      ['p2', ['low', 'over']],
    ] as const) {
      const table = levels
        .map((l) => groups.map((g) => counts[target.variable][l][g as Group]))
        .filter((row) => row.some((v) => v > 0));
      if (table.length < 2) continue;
      const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
      const colSums = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
      const total = rowSums.reduce((a, b) => a + b, 0);
      const minExpected = Math.min(...rowSums.flatMap((r) => colSums.map((c) => (r * c) / total)));
      const p = pearsonChiSquare(table).pValue;
      computed.push({ variable: target.variable, column, p });
      rows.push({ variable: target.variable, column, printed: target.p[column], p, minExpected });
    }
  }
  const matches = (printed: string, p: number): boolean => {
    const t = printed.replace(/\s+/g, '');
    if (t === 'NA') return true;
    if (t.startsWith('<')) return p < Number(t.slice(1));
    const decimals = t.includes('.') ? t.split('.')[1].length : 0;
    return Math.abs(p - Number(t)) <= 0.5 * 10 ** -decimals + 1e-12;
  };
  for (const r of rows) {
    if (r.minExpected < 5 || matches(r.printed, r.p)) continue;
    const other = computed.find(
      (c) => !(c.variable === r.variable && c.column === r.column) && matches(r.printed, c.p),
    );
    out.push({
      id: `table:${r.variable}:${r.column}:p`,
      kind: 'conflict',
      location: `${CATEGORICAL_TARGETS.find((t) => t.variable === r.variable)?.table} ${r.variable}, ${r.column}`,
      printed: r.printed,
      problem:
        `the printed counts give Pearson χ² p = ${r.p.toFixed(3)} (all expected counts ≥ 5, smallest ` +
        `${r.minExpected.toFixed(1)}), not ${r.printed}` +
        (other ? `; ${r.printed} is the recomputed p of ${other.variable} ${other.column} (swapped?)` : ''),
      resolution: 'counts kept as printed (p is not a simulation target); the printed p is flagged for the audit',
    });
  }
  return out;
}
