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

  it('derived columns are computed and shown; the BMI direction chosen by the data is printed', () => {
    const derived = JSON.stringify(run().results.derived);
    expect(derived).toMatch(/bmi_class/);
    expect(derived).toMatch(/age_group/);
    const html = readFileSync(join(run().dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/HER2|Shen/);
  });
});
