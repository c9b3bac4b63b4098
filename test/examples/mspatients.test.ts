/**
 * analyses/mspatients (vcd MSPatients: two neurologists, four diagnostic categories), run as
 * `restudy run analyses/mspatients` from an empty working directory, against its independent R computation
 * (test/fixtures/r/examples/mspatients/generate.R: vcd::Kappa for kappa and its asymptotic SE, the FCE 1969
 * null variance written out, psych::ICC(lmer = FALSE), chisq.test, fisher.test, wilcox.test). All closed forms:
 * rtol 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { expectAgreesWithR, fixtureOf, type ReportGaps, useExampleRun } from './_agreement.ts';

// The agreement kind shows each value's CI only inside the cell text and neither kappa's z/p nor the ICC's F
// test: the CIs are compared at the printed 3 decimals, the tests are listed as not reported (forwarded).
const GAPS: ReportGaps = {
  ciInText: true,
  notReported: { columns: /^(kappa_(se|z|p)|icc_(F|df1|df2|p))$/, reason: 'not shown by the agreement kind' },
};

describe('analyses/mspatients agrees with R', () => {
  const cases = fixtureOf('mspatients');
  const run = useExampleRun('mspatients');

  it("Table 1 by city: each neurologist's categories (χ², Fisher) and scores (Mann–Whitney)", () => {
    expect(expectAgreesWithR(run().results, cases, ['table1'])).toBeGreaterThan(60);
  });

  it('kappa unweighted, linear and quadratic, and three ICC forms, on all patients', () => {
    expect(
      expectAgreesWithR(run().results, cases, ['agreement', 'agreement_linear', 'agreement_quadratic'], GAPS),
    ).toBe(6);
  });

  it("the same in each city's patients (subgroups)", () => {
    expect(expectAgreesWithR(run().results, cases, ['agreement_winnipeg', 'agreement_new_orleans'], GAPS)).toBe(8);
  });
});
