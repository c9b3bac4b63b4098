/**
 * How close a cohort came to each printed target: one entry per target with the printed text, the number
 * aimed at (after conflict resolution), what the cohort gives, the tolerance and whether it is met. Computed
 * from the rows alone (so it can be run on the written CSV after ingest).
 */
import { cohenKappa, icc as intraclassCorrelation } from '../../stats/agreement/index.ts';
import { mean, quantile, standardDeviation } from '../../stats/descriptive/index.ts';
import { rocCurve } from '../../stats/roc/index.ts';
import { fitMassModel, type MassState, massScreeningP, SCREENED_OUT } from './massModel.ts';
import { resolveCategoricalCounts, resolveOddsRatio } from './resolve.ts';
import {
  AGE_TARGET,
  AGREEMENT,
  CATEGORICAL_TARGETS,
  GROUP_N,
  GROUPS,
  type Group,
  HISTOGRAM_STATS,
  KI67_TARGET,
  MAPS,
  MASS_MODEL,
  parseCountCell,
  parseMeanSd,
  parseMedianIqr,
  SIZE_TARGET,
  TABLE3,
  TABLE4,
  withinRounding,
} from './targets.ts';

export interface TargetCheck {
  section: string;
  id: string;
  printed: string;
  target: number | null;
  achieved: number;
  tolerance: string;
  within: boolean;
  note?: string;
}

type Row = Record<string, string | number | null>;

const num = (v: string | number | null): number => {
  if (typeof v !== 'number') throw new Error(`expected a number, got ${String(v)}`);
  return v;
};

export function checkTargets(
  rows: readonly Row[],
  aims: { kappa: Record<string, number>; icc: Record<string, number> },
): TargetCheck[] {
  const out: TargetCheck[] = [];
  const byGroup = (g: Group) => rows.filter((r) => r.her2_group === g);
  // ---- group sizes
  for (const g of GROUPS) {
    const achieved = byGroup(g).length;
    out.push({
      section: 'groups',
      id: `n:${g}`,
      printed: `n = ${GROUP_N[g]}`,
      target: GROUP_N[g],
      achieved,
      tolerance: 'exact',
      within: achieved === GROUP_N[g],
    });
  }
  // ---- categorical counts
  const { counts } = resolveCategoricalCounts();
  for (const t of CATEGORICAL_TARGETS) {
    for (const [level, cells] of Object.entries(t.levels)) {
      for (const g of GROUPS) {
        const target = counts[t.variable][level][g];
        const printed = cells[g];
        const achieved = byGroup(g).filter((r) => r[t.variable] === level).length;
        const resolved = parseCountCell(printed).count !== target;
        out.push({
          section: t.table === 'table1' ? 'table1 counts' : 'table2 counts',
          id: `${t.variable}:${level}:${g}`,
          printed,
          target,
          achieved,
          tolerance: 'exact',
          within: achieved === target,
          note: resolved
            ? `printed count ${parseCountCell(printed).count} resolved to ${target} (see conflicts)`
            : cells.reconstructed?.[g]
              ? 'reconstructed cell (READING-NOTES)'
              : undefined,
        });
      }
    }
  }
  // ---- age
  for (const key of ['zero', 'low', 'over', 'total'] as const) {
    const t = parseMeanSd(AGE_TARGET[key]);
    const ages = (key === 'total' ? rows : byGroup(key)).map((r) => num(r.age));
    const d = meanSd(ages);
    out.push({
      section: 'table1 age',
      id: `age:${key}:mean`,
      printed: AGE_TARGET[key],
      target: t.mean,
      achieved: d.mean,
      tolerance: `±${0.5 * 10 ** -t.meanDecimals}`,
      within: withinRounding(d.mean, t.mean, t.meanDecimals),
      note: key === 'total' ? 'inconsistent with the group means (see conflicts)' : undefined,
    });
    out.push({
      section: 'table1 age',
      id: `age:${key}:sd`,
      printed: AGE_TARGET[key],
      target: t.sd,
      achieved: d.sd,
      tolerance: `±${0.5 * 10 ** -t.sdDecimals}`,
      within: withinRounding(d.sd, t.sd, t.sdDecimals),
    });
  }
  // ---- Ki-67 and size quartiles (type 6)
  const quartiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { q1: quantileType6(sorted, 0.25), median: quantileType6(sorted, 0.5), q3: quantileType6(sorted, 0.75) };
  };
  {
    const t = parseMedianIqr(KI67_TARGET.total);
    const q = quartiles(rows.map((r) => num(r.ki67)));
    for (const k of ['q1', 'median', 'q3'] as const) {
      out.push({
        section: 'table1 Ki-67',
        id: `ki67:total:${k}`,
        printed: KI67_TARGET.total,
        target: t[k],
        achieved: q[k],
        tolerance: 'exact (type 6)',
        within: withinRounding(q[k], t[k], t.decimals),
      });
    }
    const inconsistent = rows.filter((r) => (num(r.ki67) < 40 ? 'low' : 'high') !== r.ki67_group).length;
    out.push({
      section: 'table1 Ki-67',
      id: 'ki67_group:consistent',
      printed: 'low < 40% ≤ high',
      target: 0,
      achieved: inconsistent,
      tolerance: 'exact',
      within: inconsistent === 0,
    });
  }
  for (const key of ['zero', 'low', 'over', 'total'] as const) {
    const t = parseMedianIqr(SIZE_TARGET[key]);
    const q = quartiles((key === 'total' ? rows : byGroup(key)).map((r) => num(r.size_mm)));
    for (const k of ['q1', 'median', 'q3'] as const) {
      out.push({
        section: 'table1 size',
        id: `size:${key}:${k}`,
        printed: SIZE_TARGET[key],
        target: t[k],
        achieved: q[k],
        tolerance: `±${0.5 * 10 ** -t.decimals} (type 6)`,
        within: withinRounding(q[k], t[k], t.decimals),
      });
    }
  }
  // ---- Table 3
  for (const [feature, cells] of Object.entries(TABLE3)) {
    for (const g of GROUPS) {
      const t = parseMeanSd(cells[g]);
      const d = meanSd(byGroup(g).map((r) => num(r[feature])));
      out.push({
        section: 'table3',
        id: `${feature}:${g}:mean`,
        printed: cells[g],
        target: t.mean,
        achieved: d.mean,
        tolerance: `±${0.5 * 10 ** -t.meanDecimals}`,
        within: withinRounding(d.mean, t.mean, t.meanDecimals),
      });
      out.push({
        section: 'table3',
        id: `${feature}:${g}:sd`,
        printed: cells[g],
        target: t.sd,
        achieved: d.sd,
        tolerance: `±${0.5 * 10 ** -t.sdDecimals}`,
        within: withinRounding(d.sd, t.sd, t.sdDecimals),
      });
    }
  }
  // ---- Table 4
  for (const [feature, t] of Object.entries(TABLE4)) {
    const nme = rows.filter((r) => r.lesion_class === 'nme_related');
    const low = nme.filter((r) => r.her2_group === 'low').map((r) => num(r[feature]));
    const over = nme.filter((r) => r.her2_group === 'over').map((r) => num(r[feature]));
    const auc = t.direction === 'low_higher' ? aucGreater(low, over) : aucGreater(over, low);
    const target = Number(t.auc);
    out.push({
      section: 'table4',
      id: `${feature}:auc`,
      printed: `${t.auc} (${t.ci})`,
      target,
      achieved: auc,
      tolerance: '±0.05',
      within: Math.abs(auc - target) <= 0.05 + 1e-12,
      note:
        `${withinRounding(auc, target, 3) ? 'also' : 'not'} within printed rounding; n = ${low.length} ` +
        `low vs ${over.length} over NME-related`,
    });
  }
  // ---- mass model
  const mass = rows.filter((r) => r.lesion_type === 'mass');
  const state: MassState = {
    extra: {},
    t2: mass.map((r) => (r.t2_hyperintensity === 'present' ? 1 : 0)),
    shape: mass.map((r) => (r.mass_shape === 'irregular' ? 1 : 0)),
    margin: mass.map((r) => (r.mass_margin === 'not_circumscribed' ? 1 : 0)),
  };
  const groups = mass.map((r) => r.her2_group as Group);
  const positiveLevel: Record<string, string> = {
    fgt: 'c_d',
    bpe: 'moderate_marked',
    multifocal: 'yes',
    edema: 'present',
  };
  state.extra = Object.fromEntries(SCREENED_OUT.map((f) => [f, mass.map((r) => (r[f] === positiveLevel[f] ? 1 : 0))]));
  for (const other of ['zero', 'over'] as const) {
    const pT2 = massScreeningP(state.t2, state, groups, other);
    out.push({
      section: 'mass screening',
      id: `low_vs_${other}:t2_hyperintensity`,
      printed: 'screened in (p < 0.1)',
      target: 0.1,
      achieved: pT2,
      tolerance: 'p < 0.1 (Pearson χ², mass lesions)',
      within: pT2 < 0.1,
    });
    for (const f of SCREENED_OUT) {
      const p = massScreeningP(state.extra[f], state, groups, other);
      out.push({
        section: 'mass screening',
        id: `low_vs_${other}:${f}`,
        printed: 'not screened in',
        target: 0.1,
        achieved: p,
        tolerance: 'p ≥ 0.1 (Pearson χ², mass lesions)',
        within: p >= 0.1,
      });
    }
  }
  for (const [key, other] of [
    ['lowVsZero', 'zero'],
    ['lowVsOver', 'over'],
  ] as const) {
    const fit = fitMassModel(state, groups, other);
    const printed = MASS_MODEL[key];
    const orTarget = resolveOddsRatio(key).target;
    const resolvedNote = orTarget !== Number(printed.or) ? `; printed OR ${printed.or} resolved to ${orTarget}` : '';
    out.push({
      section: 'mass model',
      id: `${key}:or`,
      printed: `OR ${printed.or} (${printed.ci})`,
      target: orTarget,
      achieved: fit.or,
      tolerance: '±10%',
      within: Math.abs(Math.log(fit.or / orTarget)) <= Math.log(1.1),
      note: `95% Wald CI ${fit.orCi[0].toFixed(2)}–${fit.orCi[1].toFixed(2)}${resolvedNote}`,
    });
    out.push({
      section: 'mass model',
      id: `${key}:p`,
      printed: `p = ${printed.p}`,
      target: Number(printed.p),
      achieved: fit.p,
      tolerance: 'same side of 0.05, within ×2',
      within: fit.p < 0.05 && Math.abs(Math.log(fit.p / Number(printed.p))) <= Math.log(2),
    });
    out.push({
      section: 'mass model',
      id: `${key}:auc`,
      printed: `AUC ${printed.auc} (${printed.aucCi})`,
      target: Number(printed.auc),
      achieved: fit.auc,
      tolerance: '±0.05',
      within: Math.abs(fit.auc - Number(printed.auc)) <= 0.05,
    });
  }
  // ---- kappa
  const kappas: number[] = [];
  const [kLo, kHi] = AGREEMENT.kappa.split(/\s*to\s*/).map(Number);
  for (const [feature, target] of Object.entries(aims.kappa)) {
    const rated = rows.filter((r) => r[`${feature}_r1`] !== null);
    const k = cohenKappaSimple(
      rated.map((r) => String(r[`${feature}_r1`])),
      rated.map((r) => String(r[`${feature}_r2`])),
    );
    kappas.push(k);
    out.push({
      section: 'kappa',
      id: `${feature}:kappa`,
      printed: AGREEMENT.kappa,
      target,
      achieved: k,
      tolerance: 'inside the printed range (3 decimals)',
      within: k >= kLo - 0.0005 && k <= kHi + 0.0005,
      note:
        `n = ${rated.length}; aimed at ` +
        `${target.toFixed(3)}${withinRounding(k, target, 3) ? ', met to 3 decimals' : ''}`,
    });
  }
  out.push({
    section: 'kappa',
    id: 'kappa:min',
    printed: AGREEMENT.kappa,
    target: kLo,
    achieved: Math.min(...kappas),
    tolerance: '3 decimals',
    within: withinRounding(Math.min(...kappas), kLo, 3),
  });
  out.push({
    section: 'kappa',
    id: 'kappa:max',
    printed: AGREEMENT.kappa,
    target: kHi,
    achieved: Math.max(...kappas),
    tolerance: '3 decimals',
    within: withinRounding(Math.max(...kappas), kHi, 3),
  });
  // ---- ICC
  for (const map of MAPS) {
    const values: number[] = [];
    const [lo, hi] = AGREEMENT.icc[map].split(/[–-]/).map(Number);
    for (const stat of HISTOGRAM_STATS) {
      const feature = `${map}_${stat}`;
      const icc = iccTwoRaters(
        rows.map((r) => num(r[`${feature}_r1`])),
        rows.map((r) => num(r[`${feature}_r2`])),
      ).agreement;
      values.push(icc);
      const metNote = withinRounding(icc, aims.icc[feature], 3) ? ', met to 3 decimals' : '';
      out.push({
        section: 'icc',
        id: `${feature}:icc`,
        printed: AGREEMENT.icc[map],
        target: aims.icc[feature],
        achieved: icc,
        tolerance: 'inside the printed range (3 decimals), ICC(A,1)',
        within: icc >= lo - 0.0005 && icc <= hi + 0.0005,
        note: `aimed at ${aims.icc[feature].toFixed(3)}${metNote}`,
      });
    }
    out.push({
      section: 'icc',
      id: `${map}:icc:min`,
      printed: AGREEMENT.icc[map],
      target: lo,
      achieved: Math.min(...values),
      tolerance: '3 decimals',
      within: withinRounding(Math.min(...values), lo, 3),
    });
    out.push({
      section: 'icc',
      id: `${map}:icc:max`,
      printed: AGREEMENT.icc[map],
      target: hi,
      achieved: Math.max(...values),
      tolerance: '3 decimals',
      within: withinRounding(Math.max(...values), hi, 3),
    });
  }
  // ---- realism
  let orderBreaks = 0;
  let kurtosisBreaks = 0;
  let nonPositive = 0;
  let kOutside = 0;
  for (const r of rows) {
    for (const suffix of ['', '_r1', '_r2']) {
      for (const map of MAPS) {
        const v = (stat: string) => num(r[`${map}_${stat}${suffix}`]);
        if (!(v('p5') <= Math.min(v('mean'), v('median')) && Math.max(v('mean'), v('median')) <= v('p95')))
          orderBreaks++;
        if (v('kurtosis') < v('skewness') ** 2 - 2 - 1e-9) kurtosisBreaks++;
        if (map !== 'k' && v('p5') <= 0) nonPositive++;
        if (map === 'k' && (v('p5') <= 0 || v('p95') >= 3)) kOutside++;
      }
    }
  }
  out.push({
    section: 'realism',
    id: 'order:p5<=median,mean<=p95',
    printed: 'per patient and reader',
    target: 0,
    achieved: orderBreaks,
    tolerance: 'exact',
    within: orderBreaks === 0,
  });
  out.push({
    section: 'realism',
    id: 'kurtosis>=skewness^2-2',
    printed: 'per patient and reader',
    target: 0,
    achieved: kurtosisBreaks,
    tolerance: 'exact',
    within: kurtosisBreaks === 0,
  });
  out.push({
    section: 'realism',
    id: 'adc,d>0',
    printed: 'per patient and reader',
    target: 0,
    achieved: nonPositive,
    tolerance: 'exact',
    within: nonPositive === 0,
  });
  out.push({
    section: 'realism',
    id: 'k in (0,3)',
    printed: 'K p5 > 0 and K p95 < 3',
    target: 0,
    achieved: kOutside,
    tolerance: 'exact',
    within: kOutside === 0,
  });
  return out;
}

/** Markdown rendering of the checks, one table per section, misses first in a summary. */
export function targetsMarkdown(checks: readonly TargetCheck[], header: string[]): string {
  const lines = [...header, ''];
  const sections = [...new Set(checks.map((c) => c.section))];
  lines.push('| section | targets | met |', '|---|---:|---:|');
  for (const s of sections) {
    const list = checks.filter((c) => c.section === s);
    lines.push(`| ${s} | ${list.length} | ${list.filter((c) => c.within).length} |`);
  }
  const misses = checks.filter((c) => !c.within);
  lines.push('', `## Not met (${misses.length})`, '');
  for (const m of misses)
    lines.push(
      `- ${m.section} \`${m.id}\`: printed ${m.printed}; target ${fmt(m.target)}; achieved ` +
        `${fmt(m.achieved)} (${m.tolerance})${m.note ? ` — ${m.note}` : ''}`,
    );
  for (const s of sections) {
    lines.push(
      '',
      `## ${s}`,
      '',
      '| id | printed | target | achieved | tolerance | within | note |',
      '|---|---|---:|---:|---|---|---|',
    );
    for (const c of checks.filter((x) => x.section === s)) {
      lines.push(
        `| ${c.id} | ${c.printed} | ${fmt(c.target)} | ${fmt(c.achieved)} | ${c.tolerance} | ` +
          `${c.within ? 'yes' : '**no**'} | ${c.note ?? ''} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

function fmt(x: number | null): string {
  if (x === null) return '—';
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(4);
}

// The report re-measures the final cohort with the public, R-validated functions (the search loops use the
// minimal copies in ../_measures.ts for speed).
function meanSd(x: number[]): { mean: number; sd: number } {
  return { mean: mean(x), sd: standardDeviation(x) };
}

function quantileType6(sorted: number[], p: number): number {
  return quantile(sorted, p, { type: 6 });
}

/** AUC of `positives` scoring higher than `negatives` (ties ½), pROC direction '<'. */
function aucGreater(positives: number[], negatives: number[]): number {
  const labels = [...positives.map(() => 1), ...negatives.map(() => 0)];
  return rocCurve(labels, [...positives, ...negatives], { direction: '<' }).auc;
}

function cohenKappaSimple(a: string[], b: string[]): number {
  return cohenKappa(a, b).kappa;
}

/** ICC(A,1): two-way random, absolute agreement, single measures (SPSS's choice for two readers). */
function iccTwoRaters(x1: number[], x2: number[]): { agreement: number } {
  return {
    agreement: intraclassCorrelation(
      x1.map((v, i) => [v, x2[i]]),
      { model: 'twoway-random', type: 'agreement', unit: 'single' },
    ).value,
  };
}
