/**
 * analyses/mspatients (vcd MSPatients: two neurologists, four diagnostic categories), run as
 * `restudy run analyses/mspatients` from an empty working directory, against its independent R computation
 * (test/fixtures/r/examples/mspatients/generate.R: vcd::Kappa for kappa and its asymptotic SE, the FCE 1969
 * null variance written out, psych::ICC(lmer = FALSE), chisq.test, fisher.test, wilcox.test). All closed forms:
 * rtol 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { expectAgreesWithR, fixtureOf, useExampleRun } from './_agreement.ts';

// Every number both ways at full precision: kappa with its SE, CI limits and z test; each ICC with its CI limits
// and F test (F, df1, df2, p). Nothing is compared through the printed text.

describe('analyses/mspatients agrees with R', () => {
  const cases = fixtureOf('mspatients');
  const run = useExampleRun('mspatients');
  type Shown = { id: string; rows: { key: string; label: string; cells: Record<string, { text: string }> }[] };
  const tableOf = (id: string): Shown | undefined =>
    (run().results.tables as unknown as Shown[]).find((t) => t.id === id);

  it("Table 1 by city: each neurologist's categories (χ², Fisher) and scores (Mann–Whitney)", () => {
    expect(expectAgreesWithR(run().results, cases, ['table1'])).toBeGreaterThan(60);
  });

  it('kappa with its SE, CI and z test; three ICC forms with CI and F test, on all patients', () => {
    // 6 kappa numbers + 3 ICC forms × 7
    expect(expectAgreesWithR(run().results, cases, ['agreement'])).toBe(6 + 3 * 7);
  });

  it('one reader pair, three weightings in one table (kappa entries with ids)', () => {
    // and the range row over the three kappas (min, max)
    expect(expectAgreesWithR(run().results, cases, ['agreement_weights'])).toBe(3 * 6 + 2);
    const table = tableOf('agreement_weights');
    expect(table?.rows.map((r) => r.label)).toEqual([
      "Cohen's kappa",
      'Diagnostic category (unweighted)',
      'Diagnostic category (linear weights)',
      'Diagnostic category (quadratic weights)',
      'All kappa rows',
    ]);
  });

  it("the same in each city's patients (subgroups)", () => {
    expect(expectAgreesWithR(run().results, cases, ['agreement_winnipeg', 'agreement_new_orleans'])).toBe(
      2 * (6 + 3 * 7),
    );
  });

  it('the report shows each test: "z = …, p < 0.001" and "F(df1, df2) = …, p …"', () => {
    const table = tableOf('agreement');
    const kappa = table?.rows.find((r) => r.key === 'neuro_no_vs_neuro_wp');
    expect(kappa?.cells.test.text).toMatch(/^z = \d+\.\d\d, p (< 0\.001|= 0\.\d{3})$/);
    const icc = table?.rows.find((r) => r.key === 'icc_agreement');
    expect(icc?.cells.test.text).toMatch(/^F\(217, \d+(\.\d+)?\) = \d+\.\d\d, p (< 0\.001|= 0\.\d{3})$/);
  });
});
