/**
 * Every reproduced number of the Shen 2025 study against an independent R computation on the same cohort
 * (test/fixtures/r/study/generate.R: chisq.test/fisher.test, kruskal.test, aov, shapiro.test, a hand-written
 * Dunn test, glm + confint.default, pROC roc/ci.auc/coords/roc.test, psych::ICC). CI reads the committed JSON.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/study/load.ts';
import { runAnalyses } from '../../src/study/run.ts';
import type { Cell, StudyResult } from '../../src/study/types.ts';
import type { RCase } from './_rcase.ts';

const PRESETS = [
  { preset: 'spss', fixture: process.env.RESTUDY_STUDY_FIXTURE ?? 'test/fixtures/r/study/study.json' },
  { preset: 'r', fixture: 'test/fixtures/r/study/study.r.json' },
];

/**
 * Tolerances: closed forms 1e-9; Fisher's network algorithm vs R's FEXACT 1e-6; IRLS fits 1e-6 (iterative);
 * profile-likelihood CIs 1e-4 (observed up to 5e-5), because MASS's confint.glm interpolates the profile with a spline on a grid
 * rather than solving for the limit (restudy solves it), so R itself is only that accurate.
 */
function tolerance(c: RCase, preset: string): { rtol: number; atol?: number } {
  if (preset === 'r' && c.table === 'tableS2' && c.column.startsWith('or_ci')) return { rtol: 1e-4 };
  if (c.table === 'tableS2' || c.row.startsWith('combined_') || c.row.endsWith(':qualitative_model'))
    return { rtol: 1e-6, atol: 1e-9 };
  if (/Fisher|chi-squared|pairwise/.test(c.what)) return { rtol: 1e-6, atol: 1e-12 };
  return { rtol: 1e-9, atol: 1e-12 };
}

for (const { preset, fixture: FIXTURE } of PRESETS) {
  const META = FIXTURE.replace(/\.json$/, '.meta.json');

  describe(`Shen 2025 on the synthetic cohort, preset ${preset}: restudy vs R`, () => {
    let result: StudyResult;
    let cells: Map<string, Cell>;
    let cases: RCase[];
    beforeAll(async () => {
      const meta = JSON.parse(readFileSync(META, 'utf8')) as { cohort: string; md5: string };
      const md5 = createHash('md5').update(readFileSync(meta.cohort)).digest('hex');
      expect(
        md5,
        `${meta.cohort} changed since the R fixture was generated: rerun TZ=UTC Rscript test/fixtures/r/study/generate.R`,
      ).toBe(meta.md5);
      cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: RCase[] }).cases;
      const inputs = await loadInputs('analyses/shen2025', { data: meta.cohort });
      result = await runAnalyses(inputs, { bootstrapReplicates: 20, preset });
      cells = new Map();
      for (const t of result.tables)
        for (const r of t.rows)
          for (const c of Object.values(r.cells))
            for (const p of c.parts)
              if (!cells.has(`${p.table}|${p.row}|${p.column}`)) cells.set(`${p.table}|${p.row}|${p.column}`, p);
    });

    it.skipIf(preset !== 'spss')(
      "finds, from the printed percentages alone, that Table 4's single-feature rows count HER2-over as positive",
      () => {
        const t4 = result.tables.find((t) => t.id === 'table4')!;
        const w = t4.warnings.find((x) => x.startsWith('The printed numbers themselves'));
        expect(w).toContain(
          'in 10 of 14 rows (ADC mean, ADC median, ADC 5%, D mean, D median, D 5%, K mean, K median, K 95%, K entropy)',
        );
        // 95.12 = 39/41 (HER2-over), 38.89 = 14/36 (HER2-low)
        const sens = t4.rows.find((r) => r.key === 'adc_mean')!.cells.sensitivity.parts[0];
        expect(sens.note).toMatch(/printed sensitivity 95\.12% is a count out of 41 \(HER2-overexpression/);
      },
    );

    it('covers every table', () => {
      const tables = new Set(cases.map((c) => c.table));
      for (const t of ['table1', 'table2', 'table3', 'tableS3', 'tableS4', 'tableS2', 'table4', 'tableS5', 'text'])
        expect(tables.has(t), t).toBe(true);
      expect(cases.length).toBeGreaterThan(900);
    });

    it('agrees with R on every number', () => {
      let checked = 0;
      const failures: string[] = [];
      const close = (
        actual: number | null,
        expected: number,
        tol: { rtol: number; atol?: number },
        ctx: string,
      ): void => {
        if (actual === null) {
          failures.push(`${ctx}: reproduced NA, R ${expected}`);
          return;
        }
        if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
          if (!Object.is(actual, expected)) failures.push(`${ctx}: restudy ${actual}, R ${expected}`);
          return;
        }
        const allowed = (tol.atol ?? 0) + tol.rtol * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= allowed))
          failures.push(
            `${ctx}: restudy ${actual}, R ${expected}, Δ ${Math.abs(actual - expected).toExponential(2)} > ${allowed.toExponential(2)}`,
          );
      };
      for (const c of cases) {
        const ctx = `${c.table}/${c.row}/${c.column} (${c.what})`;
        if (c.row.includes(':screen:')) {
          const [contrast, , variable] = c.row.split(':');
          const t = result.tables.find((x) => x.publishedTable === 'tableS2')!;
          const step = t.trace!.find(
            (s) =>
              s.variable === variable && s.contrast.toLowerCase().replace(/her2-/g, '').replace(/ /g, '_') === contrast,
          );
          if (!step) failures.push(`${ctx}: no screening step`);
          else if (c.value === null) {
            if (step.p !== null) failures.push(`${ctx}: restudy ${step.p}, R NA`);
          } else close(step.p, c.value, { rtol: 1e-6, atol: 1e-12 }, ctx);
          checked++;
          continue;
        }
        if (c.column === 'youden_ties' || c.column === 'cutoff_min' || c.column === 'cutoff_max') {
          const cut = cells.get(`${c.table}|${c.row}|cutoff`);
          const v = cut?.value ?? null;
          if (v === null) failures.push(`${ctx}: no cut-off`);
          else if (c.column === 'cutoff_min' && v < c.value! - 1e-9 * Math.abs(c.value!))
            failures.push(`${ctx}: cut-off ${v} below R's smallest Youden-optimal threshold ${c.value}`);
          else if (c.column === 'cutoff_max' && v > c.value! + 1e-9 * Math.abs(c.value!))
            failures.push(`${ctx}: cut-off ${v} above R's largest Youden-optimal threshold ${c.value}`);
          checked++;
          continue;
        }
        const cell = cells.get(`${c.table}|${c.row}|${c.column}`);
        if (!cell) failures.push(`${ctx}: no reproduced cell`);
        else if (c.value === null) {
          if (cell.value !== null) failures.push(`${ctx}: restudy ${cell.value}, R NA`);
        } else close(cell.value, c.value, tolerance(c, preset), ctx);
        checked++;
      }
      expect(checked).toBe(cases.length);
      expect(failures.slice(0, 40).join('\n'), `${failures.length} of ${cases.length} numbers differ from R`).toBe('');
    });
  });
}
