import { parsePart } from '../data/published/parsePrinted.ts';
import type { PublishedFile, PublishedLocation, PublishedNumber } from '../data/published/types.ts';
import { checkCountSum, checkPercent, checkPooledMeanSd, checkTotal, type GroupSummary } from './arithmetic.ts';
import { checkAucCi, checkAucGranularity, checkDelongP, type PrintedAuc } from './auc.ts';
import { type ContingencyTests, checkContingencyP, matchingConventions, type PConvention } from './contingency.ts';
import { checkDirection, checkRangeClaim, checkRestatement, checkSumClaim, type Printed } from './crossref.ts';
import { checkPositiveClassAgreement, checkRocPoint, checkSensSpec } from './diagnostic.ts';
import { checkGrim, checkGrimmer } from './grim.ts';
import { checkOddsRatio } from './oddsRatio.ts';
import { checkPairwiseVsOmnibus, checkPRange } from './omnibus.ts';
import { checkSummaryVsTest } from './summaryTests.ts';
import type { AuditCheck, AuditKind, CheckOutcome, Interval } from './types.ts';

export interface AuditOptions {
  /** χ² and Fisher tests for the contingency checks; without them those checks are not-checkable */
  readonly tests?: ContingencyTests;
  /** also list consistent checks (default true) */
  readonly includeConsistent?: boolean;
}

const TABLE = /^table/;

function printedPart(e: PublishedNumber): string {
  // the part of a compound cell an entry stands for, as printed ("8.10" of "1.29–8.10", "< 0.001")
  if (e.value === null) return e.printed;
  let decimals = 0;
  try {
    decimals = parsePart(e.printed, e.kind).decimals ?? 0;
  } catch {
    return e.printed;
  }
  const v = e.kind === 'count' || e.kind === 'n' ? String(e.value) : e.value.toFixed(decimals);
  return e.bound === 'upper' ? `< ${v}` : e.bound === 'lower' ? `> ${v}` : v;
}

/**
 * Runs every check that the transcribed numbers allow and returns one finding per check, in file
 * order. Pure apart from the injected tests. See src/audit/README section in docs for what each kind
 * checks.
 */
export function auditPublished(files: readonly PublishedFile[], opts: AuditOptions = {}): AuditCheck[] {
  const out: AuditCheck[] = [];
  const ids = new Set<string>();
  const byId = new Map<string, { entry: PublishedNumber; file: PublishedFile }>();
  for (const f of files) for (const e of f.numbers) byId.set(e.id, { entry: e, file: f });

  const emit = (
    kind: AuditKind,
    location: PublishedLocation,
    inputs: readonly PublishedNumber[],
    o: CheckOutcome,
  ): void => {
    let id = `${kind}:${location.table}/${location.row}/${location.column}`;
    for (let k = 2; ids.has(id); k++) id = `${kind}:${location.table}/${location.row}/${location.column}#${k}`;
    ids.add(id);
    if (opts.includeConsistent === false && o.status === 'consistent') return;
    out.push({
      id,
      kind,
      location,
      inputs: inputs.map((e) => e.id),
      status: o.status,
      reported: o.reported,
      recomputed: o.recomputed,
      message: o.message,
      arithmetic: [...o.arithmetic],
      severity: o.severity,
    });
  };
  const iv = (e: PublishedNumber): Interval => e.interval as Interval;

  for (const file of files) {
    const ctx = file.context ?? {};
    const groups = ctx.groups ?? {};
    const groupNames = Object.keys(groups);
    const get = (table: string, row: string, column: string): PublishedNumber | undefined =>
      byId.get(`${table}/${row}/${column}`)?.entry;
    const entries = file.numbers;
    const tables = [...new Set(entries.map((e) => e.location.table))];

    for (const table of tables) {
      const inTable = entries.filter((e) => e.location.table === table);
      const rows = [...new Set(inTable.map((e) => e.location.row))];
      const g = (row: string, column: string) => get(table, row, column);
      const denominatorOf = (e: PublishedNumber | undefined, column: string): number | undefined =>
        e?.denominator ??
        groups[column] ??
        (column === 'total' && groupNames.length ? groupNames.reduce((a, k) => a + groups[k], 0) : undefined);

      // ---- percentages of counts
      for (const e of inTable) {
        if (e.kind !== 'count' || e.value === null) continue;
        const pct = g(e.location.row, `${e.location.column}_pct`);
        if (!pct || pct.value === null) continue;
        const n = denominatorOf(e, e.location.column);
        if (n === undefined) {
          emit('percent', pct.location, [e, pct], {
            status: 'not-checkable',
            reported: e.printed,
            recomputed: null,
            message: 'denominator unknown',
            arithmetic: [],
            severity: 'high',
          });
          continue;
        }
        emit('percent', pct.location, [e, pct], checkPercent(e.value, n, iv(pct), printedPart(pct)));
      }

      // printed p's that no convention reproduces, for the swap detection below
      const unexplained: {
        index: number;
        variable: string;
        column: string;
        reported: Interval;
        printed: string;
        pValues: Partial<Record<PConvention, number>>;
        factors: number[];
      }[] = [];

      // ---- variables: level rows `var:level`
      const variables = [
        ...new Set(
          rows.filter((r) => r.includes(':') && !r.includes('_vs_')).map((r) => r.slice(0, r.lastIndexOf(':'))),
        ),
      ];
      for (const variable of variables) {
        if (!TABLE.test(table)) continue;
        const levels = rows.filter((r) => r.startsWith(`${variable}:`) && !r.slice(variable.length + 1).includes(':'));
        const columns = ['total', ...groupNames].filter((c) =>
          levels.every((l) => g(l, c)?.kind === 'count' && g(l, c)?.value !== null),
        );
        const colN: Record<string, number | undefined> = {};
        for (const c of columns) {
          const cells = levels.map((l) => g(l, c)!);
          const n = denominatorOf(cells.find((x) => x.denominator !== undefined) ?? cells[0], c);
          colN[c] = n;
          if (n !== undefined && levels.length > 1) {
            emit(
              'count-sum',
              {
                table: file.numbers[0].location.table === table ? table : table,
                row: variable,
                column: c,
              } as PublishedLocation,
              cells,
              checkCountSum(
                cells.map((x) => x.value!),
                n,
                levels.map((l) => l.slice(variable.length + 1)),
              ),
            );
          }
        }
        // totals per level
        if (columns.includes('total')) {
          for (const l of levels) {
            const parts = groupNames.map((c) => g(l, c)).filter((x): x is PublishedNumber => !!x && x.value !== null);
            if (parts.length === groupNames.length && groupNames.length > 0)
              emit(
                'total',
                g(l, 'total')!.location,
                [...parts, g(l, 'total')!],
                checkTotal(
                  parts.map((x) => x.value!),
                  g(l, 'total')!.value!,
                  groupNames,
                ),
              );
          }
        }
        // contingency p: omnibus over the groups, pairwise per ctx.comparisons
        const groupCols = groupNames.filter((c) => columns.includes(c));
        if (groupCols.length < 2 || levels.length < 2) continue;
        const table0 = levels.map((l) => groupCols.map((c) => g(l, c)!.value!));
        const cellInputs = levels.flatMap((l) => groupCols.map((c) => g(l, c)!));
        const pCols: [string, string[] | null][] = [
          ['p', null],
          ...Object.entries(ctx.comparisons ?? {}).map(([k, v]) => [k, [...v]] as [string, string[]]),
        ];
        // variants: as printed, and each column completed to its n when it does not sum
        const variants: { name: string; table: number[][] }[] = [{ name: 'as printed', table: table0 }];
        groupCols.forEach((c, j) => {
          const n = colN[c];
          const sum = table0.reduce((a, r) => a + r[j], 0);
          if (n !== undefined && sum !== n) {
            levels.forEach((l, i) => {
              const t = table0.map((r) => [...r]);
              t[i][j] = n - (sum - table0[i][j]);
              if (t[i][j] >= 0)
                variants.push({
                  name: `${c} ${l.slice(variable.length + 1)} completed to n = ${n} (${table0[i][j]} → ${t[i][j]})`,
                  table: t,
                });
            });
          }
        });
        for (const [pc, pair] of pCols) {
          const pe = g(variable, pc);
          if (!pe || pe.value === null) continue;
          if (!opts.tests) {
            emit(pair ? 'pairwise-p' : 'contingency-p', pe.location, [pe, ...cellInputs], {
              status: 'not-checkable',
              reported: pe.printed,
              recomputed: null,
              message: 'χ²/Fisher tests unavailable',
              arithmetic: [],
              severity: 'high',
            });
            continue;
          }
          const colIdx = pair ? pair.map((c) => groupCols.indexOf(c)) : groupCols.map((_, j) => j);
          if (colIdx.some((j) => j < 0)) continue;
          const labels = colIdx.map((j) => groupCols[j]);
          const results = variants.map((v) => ({
            v,
            r: checkContingencyP(
              v.table.map((row) => colIdx.map((j) => row[j])),
              iv(pe),
              printedPart(pe),
              opts.tests!,
              {
                factors: pair ? [1, 2, 3] : [1],
                rowLabels: levels.map((l) => l.slice(variable.length + 1)),
                columnLabels: labels,
                searchNearby: v.name === 'as printed',
              },
            ),
          }));
          const base = results[0].r;
          const fixedBy = results.slice(1).filter((x) => x.r.status === 'consistent');
          const relevant = results
            .slice(1)
            .filter((x) => x.v.table.some((row, i) => colIdx.some((j) => row[j] !== table0[i][j])));
          let o: CheckOutcome = base;
          if (relevant.length > 0) {
            const extra = relevant.map(
              (x) => `${x.v.name}: ${x.r.recomputed}${x.r.status === 'consistent' ? ` → ${x.r.message}` : ''}`,
            );
            o = {
              ...base,
              message: `${base.message}${
                fixedBy.length
                  ? `; with the count completed ` +
                    `(${fixedBy.map((x) => x.v.name).join('; ')}) ` +
                    `it is ${fixedBy[0].r.message}`
                  : ''
              }`,
              arithmetic: [...base.arithmetic, ...extra.map((l) => `variant ${l}`)],
            };
          }
          emit(pair ? 'pairwise-p' : 'contingency-p', pe.location, [pe, ...cellInputs], o);
          if (base.status === 'inconsistent' && out.at(-1)?.location === pe.location) {
            unexplained.push({
              index: out.length - 1,
              variable,
              column: pc,
              reported: iv(pe),
              printed: printedPart(pe),
              pValues: base.pValues,
              factors: pair ? [1, 2, 3] : [1],
            });
          }
        }
      }
      // two printed p's that each reproduce the other's table: transposed between rows
      for (const a of unexplained) {
        for (const b of unexplained) {
          if (a === b || a.column !== b.column) continue;
          const aFitsB = matchingConventions(b.pValues, a.reported, b.factors);
          const bFitsA = matchingConventions(a.pValues, b.reported, a.factors);
          if (aFitsB.length && bFitsA.length) {
            const c = out[a.index];
            out[a.index] = {
              ...c,
              message:
                `${c.message}; the printed ${a.column} of ${a.variable} (${a.printed}) ` +
                `and of ${b.variable} (${b.printed}) ` +
                `appear swapped: each reproduces the other's table ` +
                `(${aFitsB[0].convention} p = ${aFitsB[0].p.toFixed(4)})`,
              arithmetic: [
                ...c.arithmetic,
                `swap: ${a.variable} ${a.column} printed ${a.printed} ` +
                  `= ${b.variable}'s ${aFitsB[0].convention} p ${aFitsB[0].p.toFixed(4)}; ` +
                  `${b.variable} ${b.column} printed ${b.printed} ` +
                  `= ${a.variable}'s ${bFitsA[0].convention} p ${bFitsA[0].p.toFixed(4)}`,
              ],
            };
          }
        }
      }

      // ---- per-row checks on means, p's, ORs, AUCs
      for (const row of rows) {
        // group sizes: a printed total n must be the sum of the group n's
        const tn = g(row, 'total');
        const gn = groupNames
          .map((c) => g(row, c))
          .filter((x): x is PublishedNumber => !!x && x.kind === 'n' && x.value !== null);
        if (tn && tn.kind === 'n' && tn.value !== null && gn.length === groupNames.length && gn.length > 1) {
          emit(
            'total',
            tn.location,
            [...gn, tn],
            checkTotal(
              gn.map((x) => x.value!),
              tn.value,
              groupNames,
            ),
          );
        }
        // pooled mean / SD and GRIM
        const means = groupNames
          .map((c) => ({ c, m: g(row, `${c}_mean`), s: g(row, `${c}_sd`) }))
          .filter((x) => x.m && x.s && x.m.value !== null && x.s.value !== null);
        const integer = ctx.integerRows?.includes(row) ?? false;
        if (means.length === groupNames.length && means.length >= 2) {
          const summaries: GroupSummary[] = means.map((x) => ({ n: groups[x.c], mean: iv(x.m!), sd: iv(x.s!) }));
          const tm = g(row, 'total_mean');
          const ts = g(row, 'total_sd');
          if (tm && ts) {
            emit(
              'pooled-mean-sd',
              tm.location,
              [...means.flatMap((x) => [x.m!, x.s!]), tm, ts],
              checkPooledMeanSd(
                summaries,
                { mean: iv(tm), sd: iv(ts), printed: tm.printed },
                { integerData: integer, labels: means.map((x) => x.c) },
              ),
            );
          }
          // summaries vs the printed (rank-test) p's
          const p = g(row, 'p');
          if (p && p.value !== null)
            emit(
              'summary-vs-test',
              p.location,
              [p, ...means.flatMap((x) => [x.m!, x.s!])],
              checkSummaryVsTest(summaries, iv(p), printedPart(p)),
            );
          for (const [pc, pair] of Object.entries(ctx.comparisons ?? {})) {
            const pp = g(row, pc);
            const sel = pair.map((c) => means.find((x) => x.c === c));
            if (!pp || pp.value === null || sel.some((x) => !x)) continue;
            emit(
              'summary-vs-test',
              pp.location,
              [pp, ...sel.flatMap((x) => [x!.m!, x!.s!])],
              checkSummaryVsTest(
                sel.map((x) => ({ n: groups[x!.c], mean: iv(x!.m!), sd: iv(x!.s!) })),
                iv(pp),
                printedPart(pp),
                { pairs: (groupNames.length * (groupNames.length - 1)) / 2, test: 'pairwise (Mann–Whitney/Dunn)' },
              ),
            );
          }
        }
        if (integer) {
          for (const c of [...groupNames, 'total']) {
            const m = g(row, `${c}_mean`);
            const s = g(row, `${c}_sd`);
            const n = c === 'total' ? groupNames.reduce((a, k) => a + groups[k], 0) : groups[c];
            if (!m || m.value === null || !n) continue;
            emit('grim', m.location, [m], checkGrim(iv(m), n, printedPart(m)));
            if (s && s.value !== null) emit('grimmer', s.location, [m, s], checkGrimmer(iv(m), iv(s), n, m.printed));
          }
        }
        // omnibus vs pairwise, p range
        const p = g(row, 'p');
        const pairs = Object.keys(ctx.comparisons ?? {})
          .map((k) => g(row, k))
          .filter((x): x is PublishedNumber => !!x && x.value !== null);
        if (p && p.value !== null && pairs.length > 0 && TABLE.test(table)) {
          emit(
            'pairwise-vs-omnibus',
            p.location,
            [p, ...pairs],
            checkPairwiseVsOmnibus(
              iv(p),
              printedPart(p),
              pairs.map((x) => ({ name: x.location.column, p: iv(x), printed: printedPart(x) })),
            ),
          );
        }
        for (const e of inTable.filter((x) => x.location.row === row && x.kind === 'p' && x.value !== null)) {
          if (e.value! >= 1 || e.value! < 0) emit('p-range', e.location, [e], checkPRange(iv(e), e.printed));
        }
        // odds ratios
        const or = inTable.find((x) => x.location.row === row && x.kind === 'or' && x.value !== null);
        if (or && !or.refersTo) {
          const lo = g(row, `${or.location.column}_ci_lower`);
          const hi = g(row, `${or.location.column}_ci_upper`);
          const pe = g(row, 'p');
          if (lo && hi && lo.value !== null && hi.value !== null) {
            const r = checkOddsRatio({
              or: iv(or),
              lower: iv(lo),
              upper: iv(hi),
              p: pe && pe.value !== null ? iv(pe) : null,
              printed: {
                or: printedPart(or),
                lower: printedPart(lo),
                upper: printedPart(hi),
                p: pe ? printedPart(pe) : undefined,
              },
            });
            emit('odds-ratio', or.location, [or, lo, hi, ...(pe ? [pe] : [])], r);
          }
        }
        // AUCs
        const auc = inTable.find(
          (x) => x.location.row === row && x.kind === 'auc' && x.value !== null && x.location.column === 'auc',
        );
        if (auc && !auc.refersTo) {
          const cmp = /^([a-z0-9]+)_vs_([a-z0-9]+):/.exec(row);
          const pair = cmp ? [cmp[1], cmp[2]] : ctx.comparison ? [...ctx.comparison] : null;
          const n1 = pair ? groups[pair[0]] : undefined;
          const n0 = pair ? groups[pair[1]] : undefined;
          const lo = g(row, 'auc_ci_lower');
          const hi = g(row, 'auc_ci_upper');
          if (n1 && n0) {
            if (lo && hi)
              emit(
                'auc-ci',
                auc.location,
                [auc, lo, hi],
                checkAucCi({
                  auc: iv(auc),
                  lower: iv(lo),
                  upper: iv(hi),
                  n1,
                  n0,
                  printed: `${auc.printed} (${lo.printed})`,
                }),
              );
            emit('auc-granularity', auc.location, [auc], checkAucGranularity(iv(auc), n1, n0, auc.printed));
          } else {
            emit('auc-ci', auc.location, [auc], {
              status: 'not-checkable',
              reported: auc.printed,
              recomputed: null,
              message: 'group sizes unknown (context.groups / context.comparison)',
              arithmetic: [],
              severity: 'high',
            });
          }
        }
      }

      // ---- sensitivity / specificity (diagnostic tables)
      if (ctx.comparison && groups[ctx.comparison[0]] && groups[ctx.comparison[1]]) {
        const classes = [
          { name: ctx.comparison[0], n: groups[ctx.comparison[0]] },
          { name: ctx.comparison[1], n: groups[ctx.comparison[1]] },
        ] as const;
        const fits: { row: string; positive: readonly string[] }[] = [];
        for (const row of rows) {
          const se = g(row, 'sensitivity');
          const sp = g(row, 'specificity');
          if (!se || !sp || se.value === null || sp.value === null) continue;
          const r = checkSensSpec(iv(se), iv(sp), classes, `${se.printed}% / ${sp.printed}%`);
          fits.push({ row, positive: r.fit.positive });
          emit('sens-spec', se.location, [se, sp], r);
          const auc = g(row, 'auc');
          if (auc && auc.value !== null)
            emit(
              'roc-point',
              auc.location,
              [auc, se, sp],
              checkRocPoint(iv(auc), iv(se), iv(sp), `AUC ${auc.printed}, ${se.printed}% / ${sp.printed}%`),
            );
        }
        if (fits.length > 1) {
          const r = checkPositiveClassAgreement(fits);
          emit(
            'positive-class',
            { table, row: '*', column: 'sensitivity' } as PublishedLocation,
            fits.map((f) => g(f.row, 'sensitivity')!),
            r,
          );
        }
      }
    }

    // ---- restatements, sums, ranges, DeLong p's
    for (const e of entries) {
      if (!e.refersTo || e.value === null) continue;
      const refs = e.refersTo.map((id) => byId.get(id)?.entry).filter((x): x is PublishedNumber => !!x);
      const P = (x: PublishedNumber): Printed => ({ id: x.id, interval: iv(x), printed: printedPart(x) });
      if (e.location.column === 'delong_p' && refs.length === 2) {
        const aucOf = (a: PublishedNumber): PrintedAuc | null => {
          const f = byId.get(a.id)!.file;
          const lo = byId.get(`${a.location.table}/${a.location.row}/${a.location.column}_ci_lower`)?.entry;
          const hi = byId.get(`${a.location.table}/${a.location.row}/${a.location.column}_ci_upper`)?.entry;
          const cmp = f.context?.comparison;
          const gr = f.context?.groups ?? {};
          if (!lo || !hi || a.value === null || !cmp) return null;
          return {
            auc: iv(a),
            lower: iv(lo),
            upper: iv(hi),
            n1: gr[cmp[0]],
            n0: gr[cmp[1]],
            printed: `${a.printed} (${lo.printed})`,
          };
        };
        const A = aucOf(refs[0]);
        const B = aucOf(refs[1]);
        if (A && B)
          emit('delong-p', e.location, [e, ...refs], checkDelongP({ a: A, b: B, p: iv(e), printedP: printedPart(e) }));
        continue;
      }
      if (e.kind === 'range_min') {
        const max = entries.find(
          (x) =>
            x.location.row === e.location.row &&
            x.kind === 'range_max' &&
            x.location.column === e.location.column.replace(/_min$/, '_max'),
        );
        if (max && refs.length > 1)
          emit('range-claim', e.location, [e, max, ...refs], checkRangeClaim(P(e), P(max), refs.map(P)));
        continue;
      }
      if (e.kind === 'range_max') continue;
      if (refs.length > 1 && (e.kind === 'count' || e.kind === 'n')) {
        emit('sum-claim', e.location, [e, ...refs], checkSumClaim(P(e), refs.map(P)));
        continue;
      }
      if (refs.length === 1) emit('restatement', e.location, [e, refs[0]], checkRestatement(P(e), P(refs[0])));
      if (e.direction && refs.length === 1) {
        const ref = refs[0];
        const rf = byId.get(ref.id)!.file;
        const pair = rf.context?.comparisons?.[ref.location.column];
        const centre = (grp: string): PublishedNumber | undefined =>
          byId.get(`${ref.location.table}/${ref.location.row}/${grp}_mean`)?.entry ??
          byId.get(`${ref.location.table}/${ref.location.row}/${grp}_median`)?.entry;
        const a = pair ? centre(pair[0]) : undefined;
        const b = pair ? centre(pair[1]) : undefined;
        if (pair && a && b && a.value !== null && b.value !== null) {
          emit(
            'direction',
            e.location,
            [e, a, b],
            checkDirection(
              e.direction,
              { name: pair[0], interval: iv(a), printed: printedPart(a) },
              { name: pair[1], interval: iv(b), printed: printedPart(b) },
            ),
          );
        }
      }
    }
    // text percentages of the cohort (e.g. "60 (25.9%)" of 232) are covered by the percent check above
  }
  return out;
}

/** Counts of findings by status. */
export function summarizeAudit(checks: readonly AuditCheck[]): Record<AuditCheck['status'], number> {
  const out = { consistent: 0, inconsistent: 0, implausible: 0, 'not-checkable': 0 };
  for (const c of checks) out[c.status]++;
  return out;
}
