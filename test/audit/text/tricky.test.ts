import { describe, expect, it } from 'vitest';
import { auditProse } from '../../../src/audit/text/index.ts';

/**
 * Hand-written sentences in the forms papers print, each with the verdict worked out in R (the p in
 * the comment; "range" is over the printed statistic's rounding interval). `null` = nothing may be read.
 * With the seeded corpus (corpus.test.ts, 330) they make the ≥ 300-string corpus of issue 12.
 */
type Verdict = 'consistent' | 'error' | 'decision-error' | 'implausible';
const CASES: [string, Verdict[] | null][] = [
  ['The interaction was significant, F(2, 56) = 4.51, p = .015.', ['consistent']], // .01527
  ['Participants recalled more words, t(39) = −2.45, p = .019.', ['consistent']], // .01888
  ['Type differed by site, χ2 (3, N = 1,024) = 12.84, p = .005.', ['consistent']], // .004996
  ['a positive correlation, r(98) = .21, p = .036', ['consistent']], // .03599
  ['Accuracy rose, z = −3.29, p < .001.', ['consistent']], // range reaches .000984
  ['Heterogeneity was present, Q(11) = 24.80, p = .010.', ['consistent']], // .00975
  ['Between subgroups, Qb(2) = 1.02, p = .60.', ['consistent']], // .6005
  ['The effect on accuracy was not reliable, F(1, 48) = 1.12, ns.', ['consistent']],
  ['The trend, F(l, 76) = 2.95, p = .09, was weak.', ['consistent']], // .08995
  ['Welch: t(27,85) = 2,31; p = 0,029.', ['consistent']], // df 27.85: .02852
  ['The likelihood ratio, G2(4) = 10.05, p = .04.', ['consistent']], // .03959
  ['Model comparison gave Δχ2(2) = 3.10, p = .21.', ['consistent']], // .2122
  ['Preference was even, chi-square(1, n = 81) = 0.42, p = .52.', ['consistent']], // .5169
  ['The model fit improved, Δχ2(1) = 2.10, p = .02.', ['decision-error']], // .1473
  ['Scores rose, t(58) = 1.50, p = .04.', ['decision-error']], // .1390
  ['Group differed, F(3, 120) = 2.90, p = .01.', ['error']], // .03785
  ['A difference, t(28) = 2.1, p < .000.', ['error']],
  ['A trend, r(45) = .28, p = .06.', ['consistent']], // range [.0522, .0614]
  ['Z = 2.56, p = .01', ['consistent']], // .01047
  ['Independence held, X2(2) = 0.86, p = .65.', ['consistent']], // .6505
  ['Both were reliable, t(22) = 3.01, p = .006, and t(22) = 2.20, p = .039.', ['consistent', 'consistent']], // .00644, .03861
  ['Recall improved (F(2, 40) = 5.30, p = .009).', ['consistent']], // .00908
  ['Marginal: t(30) = 2.04 (p = .05).', ['consistent']], // range [.0497, .0508]
  ['t(30) = 2.75, p-value = .010', ['consistent']], // .0099999
  ['Association: χ²(1) = 9.60, P = 0.002.', ['consistent']], // .001946
  ['Across 2,403 participants, F(2, 2,400) = 3.02, p = .049.', ['consistent']], // .04899
  ['t(1,224) = 1.97, p = .049', ['consistent']], // .04906
  ['As predicted (one-tailed), t(24) = 2.80, p = .005.', ['consistent']], // one-tailed range [.00491, .00502]
  ['F(1, 30) < 1, p > .05', ['consistent']],
  ['χ2(1) = 3.84, p = .05', ['consistent']], // range [.04989, .05019]
  ['The groups differed, t(18) =\n2.90, p = .010.', ['consistent']], // .009545
  ['z(28) = 2.30, p = .029', ['implausible']], // fits t(28) [.0288, .0294], not z [.0212, .0217]
  ['r(28) = 1.12, p < .001', ['error']],
  ['t(35) = 3.40, p = .000', ['error']],
  ['Sizes: chi-square(2) = 7.81; p = .02.', ['consistent']], // .02014
  ['F(2, 28) = 3.34, p = .05', ['consistent']], // range [.04981, .05022]
  ['Sizes differed, chi-\nsquare(2) = 7.81, p = .02.', ['consistent']], // .02014, hyphenated at a line end
  ['A PDF text layer: t(28) \u00BC 2.10, p \u00BC .045.', ['consistent']], // '=' mapped to '¼' by the font
  ['t(2, 28) = 3.34, p = .05', null],
  ['At time t(0) the response, see p. 45 and Table 3 (p. 12).', null],
  ['An F-test was used; in 2019, t = 5 and F = 2, p = .04.', null],
  ['Cohen d = 0.45, p = .02; β = 0.31, p = .003.', null],
];

function verdicts(text: string): Verdict[] {
  return auditProse(text)
    .checks.filter((c) => c.kind === 'reported-test')
    .map(
      (c) =>
        (c.status === 'consistent'
          ? 'consistent'
          : c.status === 'implausible'
            ? 'implausible'
            : c.errorClass!) as Verdict,
    );
}

describe(`${CASES.length} hand-written tricky sentences`, () => {
  for (const [text, expected] of CASES) {
    it(text.replace(/\n/g, '⏎'), () => {
      expect(verdicts(text)).toEqual(expected ?? []);
    });
  }
  it('reports the extraction rate and agreement', () => {
    const withResults = CASES.filter(([, e]) => e !== null);
    const agree = withResults.filter(([t, e]) => JSON.stringify(verdicts(t)) === JSON.stringify(e)).length;
    expect(auditProse('Sizes: chi-\nsquare(2) = 7.81, p = .02.').results[0].test!.label).toBe('chi-square');
    console.info(
      `prose tricky sentences: ${agree}/${withResults.length} read with the expected verdicts; ${CASES.length - withResults.length} distractors`,
    );
    expect(agree).toBe(withResults.length);
  });
});
