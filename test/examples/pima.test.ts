/**
 * analyses/pima (MASS Pima.tr2 + Pima.te), run as `restudy run analyses/pima` from an empty working
 * directory, against its independent R computation (test/fixtures/r/examples/pima/generate.R: wilcox.test,
 * t.test, chisq.test, glm with exact profile-likelihood limits, drop1 LR tests, pROC roc/ci.auc/coords/roc.test,
 * binom.test). Tolerances: rtol 1e-9 for closed forms (summaries, tests, AUCs and DeLong of the columns,
 * Clopper–Pearson); rtol 1e-6 for the logistic fit and what depends on it (ORs, profile CIs, Wald and LR p's,
 * the model score's AUC and DeLong test), because IRLS and the profile roots are iterative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAgreesWithR, fixtureOf, useExampleRun } from './_agreement.ts';

describe('analyses/pima agrees with R', () => {
  const cases = fixtureOf('pima');
  const run = useExampleRun('pima');

  it('Table 1 by diabetes: Mann–Whitney (R default: normal approximation with continuity correction), Welch t, χ²', () => {
    expect(expectAgreesWithR(run().results, cases, ['table1'])).toBeGreaterThan(90);
  });

  it('Table 2: logistic model with numeric covariates and a 3-level factor forced in; LR test per term', () => {
    expect(expectAgreesWithR(run().results, cases, ['model'])).toBe(27);
  });

  it('Table 3: ROC of three markers and the model; Youden threshold with exact CIs; paired DeLong', () => {
    expect(expectAgreesWithR(run().results, cases, ['roc'])).toBeGreaterThan(60);
  });

  type Shown = {
    id: string;
    n: Record<string, number>;
    rows: { key: string; label: string; level: number; cells: Record<string, { text: string; tag?: string }> }[];
  };
  const tableOf = (id: string): Shown => (run().results.tables as unknown as Shown[]).find((t) => t.id === id) as Shown;

  it("the 3-level factor's one LR test sits on its own header row, not on a level's (issue 11)", () => {
    const model = tableOf('model');
    const withLr = model.rows.filter((r) => r.cells.lr_p).map((r) => [r.key, r.label]);
    expect(withLr).toEqual([
      ['model:glu', 'Plasma glucose (per mg/dL)'],
      ['model:bmi', 'BMI (per kg/m²)'],
      ['model:ped', 'Diabetes pedigree function (per unit)'],
      ['model:age_group', 'Age group (reference 21–29)'],
    ]);
    const keys = model.rows.map((r) => r.key);
    // the header comes right above its levels, which carry ORs only
    expect(keys.slice(keys.indexOf('model:age_group'), keys.indexOf('model:age_group') + 3)).toEqual([
      'model:age_group',
      'model:age_group:from30to39',
      'model:age_group:from40',
    ]);
    expect(model.rows.find((r) => r.key === 'model:age_group')?.cells.or).toBeUndefined();
    // and the levels are indented under it (level 2), the other terms are not
    expect(model.rows.filter((r) => r.level === 2).map((r) => r.key)).toEqual([
      'model:age_group:from30to39',
      'model:age_group:from40',
    ]);
    const html = readFileSync(join(run().dir, 'index.html'), 'utf8');
    expect(html).toContain('<tr class="lv2"><th scope="row">Age group: 30–39</th>');
  });

  it('the subtitle names each group once; a DeLong row prints "p < 0.001", never "p = < 0.001" (issue 11)', () => {
    expect(tableOf('model').n).toEqual({ Diabetes: 215, 'No diabetes': 417 });
    const html = readFileSync(join(run().dir, 'index.html'), 'utf8');
    expect(html).toContain('All rows — Diabetes n = 215, No diabetes n = 417</p>');
    const delong = tableOf('roc').rows.filter((r) => r.cells.auc?.tag === 'DeLong');
    expect(delong.length).toBeGreaterThan(0);
    for (const r of delong) expect(r.cells.auc.text).toMatch(/^p (< 0\.001|= [01]\.\d{3})$/);
    expect(delong.some((r) => r.cells.auc.text === 'p < 0.001')).toBe(true);
    expect(JSON.stringify(run().results)).not.toMatch(/p = < /);
  });

  it('derived columns are computed and shown; the BMI direction chosen by the data is printed', () => {
    const derived = JSON.stringify(run().results.derived);
    expect(derived).toMatch(/bmi_class/);
    expect(derived).toMatch(/age_group/);
    const html = readFileSync(join(run().dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/HER2|Shen/);
  });
});
