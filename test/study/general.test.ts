/**
 * A study written in the general language (test/fixtures/r/study/general/: two groups, no id column, no
 * printed numbers, derived columns, every analysis kind) against an independent R computation
 * (generate_general.R: wilcox.test, t.test, chisq.test/fisher.test, glm + MASS confint + drop1 LRT, pROC with
 * direction = "auto" and closest.topleft, binom.test, roc.test paired and unpaired, psych::ICC); and the report
 * it makes: framed as an analysis, no statuses, derived columns shown, rows numbered.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { loadInputs } from '../../src/study/load.ts';
import { runAnalyses } from '../../src/study/run.ts';
import type { Cell, StudyResult } from '../../src/study/types.ts';
import { expectClose } from '../helpers/expectClose.ts';
import type { RCase } from './_rcase.ts';

const DIR = 'test/fixtures/r/study/general';

/**
 * Tolerances: closed forms 1e-9; IRLS fits 1e-6; profile-likelihood CIs 1e-4 (MASS interpolates the profile
 * with a spline, restudy solves for the limit; see r-agreement.test.ts).
 */
function tolerance(c: RCase): { rtol: number; atol: number } {
  if (c.table === 'model' && c.column.startsWith('or_ci')) return { rtol: 1e-4, atol: 0 };
  if (c.table === 'model' || c.row === 'model_score' || c.row.startsWith('model_score'))
    return { rtol: 1e-6, atol: 1e-9 };
  return { rtol: 1e-9, atol: 1e-12 };
}

describe('a general study (two groups, every kind) against R', () => {
  let result: StudyResult;
  let cells: Map<string, Cell>;
  const cases = (JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: RCase[] }).cases;
  beforeAll(async () => {
    result = await runAnalyses(await loadInputs(DIR), { bootstrapReplicates: 20 });
    cells = new Map();
    for (const t of result.tables)
      for (const r of t.rows)
        for (const c of Object.values(r.cells))
          for (const p of c.parts)
            if (!cells.has(`${p.table}|${p.row}|${p.column}`)) cells.set(`${p.table}|${p.row}|${p.column}`, p);
  });

  it('agrees with R on every number', () => {
    expect(cases.length).toBeGreaterThan(80);
    for (const c of cases) {
      const ctx = `${c.table}/${c.row}/${c.column} (${c.what})`;
      if (c.column === 'direction') {
        const row = result.tables.find((t) => t.id === 'roc')!.rows.find((r) => r.key === c.row)!;
        expect(row.cells.direction.text, ctx).toContain(c.value === 1 ? "('<')" : "('>')");
        continue;
      }
      const cell = cells.get(`${c.table}|${c.row}|${c.column}`);
      expect(cell, ctx).toBeDefined();
      expectClose(cell!.value as number, c.value as number, tolerance(c), ctx);
    }
  });

  it('prints how the auto direction was chosen', () => {
    const roc = result.tables.find((t) => t.id === 'roc')!;
    expect(roc.notes.join(' ')).toMatch(/Marker 2 '>' \(auto \(pROC\): median of Benign > median of Malignant\)/);
  });

  it('is framed as an analysis, not synthetic, with derived columns listed and rows numbered', () => {
    expect(result.framing).toBe('analysis');
    expect(result.synthetic).toBe(false);
    expect(result.derived.map((d) => d.name)).toEqual(['bmi', 'age_group', 'grade_num', 'grade_2']);
    expect(result.derived[1].rule).toBe(
      'age_group = cut of age (young: age < 50; middle: 50 ≤ age < 65; old: 65 ≤ age)',
    );
    const marker1 = result.exclusions.find((x) => x.table === 'table1' && x.variable === 'marker1')!;
    expect(marker1.patientIds).toHaveLength(4);
    for (const id of marker1.patientIds) expect(id).toMatch(/^row \d+$/);
    // every covariate is in the model (no screening): four terms, one LR test each; the 3-level grade's on its
    // own header row (issue 11), a binary factor's on its one level's row
    const model = result.tables.find((t) => t.id === 'model')!;
    expect(model.rows.filter((r) => r.cells.lr_p).map((r) => r.key)).toEqual([
      'model:marker1',
      'model:age',
      'model:sex:M',
      'model:grade',
    ]);
    expect(model.notes).toContain('Every covariate is in the model (no screening).');
  });

  it('writes a report with no statuses, the same counts in the CLI and the page, and every figure', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'restudy-general-')), 'report');
    let stdout = '';
    const code = await runCommand(
      DIR,
      { out, replicates: '20' },
      { stdout: (s) => (stdout += s), stderr: () => undefined },
    );
    expect(code).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<h1>Analysis: Two markers for malignancy');
    expect(html).not.toContain('class="badge"');
    expect(html).not.toMatch(/not printed|reproduced against printed|the paper/i);
    expect(html).not.toContain('class="banner"');
    for (const id of ['box-box', 'forest-forest', 'curves-roc']) expect(html).toContain(`id="${id}"`);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as StudyResult;
    const f = json.findings;
    expect(stdout).toContain(`method sensitivity: ${f.conclusionsThatFlip} of ${f.conclusions} conclusions`);
    expect(html).toContain(`${f.conclusionsThatFlip} of ${f.conclusions} conclusions`);
    expect(html).toContain('Derived columns');
  });
});
