import { describe, expect, it } from 'vitest';
import { auditProse } from '../../../src/audit/text/index.ts';
import { readFixture } from '../../helpers/expectClose.ts';

/**
 * A corpus of 330 APA-style result sentences generated in R (test/fixtures/r/prose/generate.R) from
 * known statistics, with the ground truth computed there: the p range over the printed statistic's
 * rounding interval and the verdict (consistent / error / decision-error; two-tailed, α = .05).
 */
interface CorpusCase {
  text: string;
  result: string;
  test: string;
  df1: number | null;
  df2: number | null;
  statistic: number;
  pRelation: string;
  p: number | null;
  truth: 'consistent' | 'error' | 'decision-error';
}
const corpus = readFixture<{ cases: CorpusCase[] }>('test/fixtures/r/prose/corpus.json').cases;

function verdict(text: string) {
  const a = auditProse(text);
  const c = a.checks.filter((k) => k.kind === 'reported-test');
  if (c.length !== 1) return { read: c.length, verdict: null, result: a.results[0] };
  const v = c[0].status === 'consistent' ? 'consistent' : (c[0].errorClass ?? c[0].status);
  return { read: 1, verdict: v, result: a.results.find((r) => r.kind === 'test') };
}

describe(`seeded corpus of ${corpus.length} result sentences (ground truth from R)`, () => {
  const outcomes = corpus.map((c) => ({ c, ...verdict(c.text) }));
  it('extracts every result once, with the right test, df and statistic', () => {
    const wrong: string[] = [];
    for (const { c, read, result } of outcomes) {
      const t = result?.test;
      const ok =
        read === 1 &&
        t !== undefined &&
        (t.test === c.test || (t.test === 'Q' && c.test === 'Q')) &&
        (c.df1 === null || t.df1 === c.df1) &&
        (c.df2 === null || t.df2 === c.df2) &&
        Number(t.statistic) === c.statistic;
      if (!ok) wrong.push(`${c.text} → ${JSON.stringify(t)}`);
    }
    const rate = (corpus.length - wrong.length) / corpus.length;
    console.info(
      `prose corpus: extracted ${corpus.length - wrong.length}/${corpus.length} (${(100 * rate).toFixed(1)} %)`,
    );
    expect(wrong).toEqual([]);
  });
  it('agrees with the R verdict on every extracted result (consistent / error / decision error)', () => {
    const disagree = outcomes
      .filter((o) => o.verdict !== null && o.verdict !== o.c.truth)
      .map((o) => `${o.c.text}: ${o.verdict} vs R ${o.c.truth}`);
    const counts = { consistent: 0, error: 0, 'decision-error': 0 };
    for (const o of outcomes) counts[o.c.truth]++;
    console.info(
      `prose corpus verdicts: ${outcomes.length - disagree.length}/${outcomes.length} agree; truth ${JSON.stringify(counts)}`,
    );
    expect(counts.error).toBeGreaterThan(20);
    expect(counts['decision-error']).toBeGreaterThan(20);
    expect(disagree).toEqual([]);
  });
});
