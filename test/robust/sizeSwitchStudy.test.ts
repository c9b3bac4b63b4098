/**
 * Issue 14 (scale), end to end: every switch made for size is printed in the report. The Shen study is run with
 * the preset's `exactUpTo` lowered to 60 rows (232 patients), so each switch fires at the size of the paper:
 * the categorical `auto` rule keeps χ² where Fisher would be chosen, the AUC bootstrap draws counts, and the
 * logistic models' sensitivity panel skips its extra profile-likelihood fits. With the default (5 000) none fires.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadInputs } from '../../src/study/load.ts';
import { runAnalyses } from '../../src/study/run.ts';
import type { StudyResult } from '../../src/study/types.ts';

const STUDY = 'analyses/shen2025';

/** A copy of the Shen study whose spss preset sets exactUpTo; data paths point at the repository's files. */
function studyWithExactUpTo(exactUpTo: number | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-size-switch-'));
  for (const f of readdirSync(STUDY)) copyFileSync(join(STUDY, f), join(dir, f));
  const study = parse(readFileSync(join(STUDY, 'study.yaml'), 'utf8'));
  for (const key of ['codebook', 'cohort', 'published']) study.data[key] = resolve(STUDY, study.data[key]);
  if (exactUpTo !== null) study.presets.spss.conventions = { exactUpTo };
  writeFileSync(join(dir, 'study.yaml'), stringify(study));
  return dir;
}

async function run(exactUpTo: number | null): Promise<{ result: StudyResult; text: string }> {
  const result = await runAnalyses(await loadInputs(studyWithExactUpTo(exactUpTo)), { bootstrapReplicates: 50 });
  return { result, text: JSON.stringify(result) };
}

describe('size switches in a whole study (exactUpTo 60 on the 232-patient cohort)', () => {
  let small: { result: StudyResult; text: string };
  let defaults: { result: StudyResult; text: string };
  beforeAll(async () => {
    small = await run(60);
    defaults = await run(null);
  }, 120_000);

  it('categorical auto: χ² stands for Fisher in the cell method and conventions, and the table notes say so', () => {
    expect(small.text).toMatch(/but n = \d+ > exactUpTo 60: Pearson χ², the asymptotic form, stands for Fisher/);
    expect(small.text).toMatch(/"sizeSwitch":"n = \d+ > exactUpTo 60: χ² for Fisher"/);
    expect(small.text).toMatch(/Above exactUpTo = 60 rows in a table no exact r × c test is run/);
    expect(small.text).toMatch(/n = \d+ > exactUpTo 60: Fisher's exact test not run, χ² is its asymptotic form/);
  });

  it('AUC bootstrap: counts per distinct score, printed in the sensitivity variant', () => {
    expect(small.text).toMatch(
      /stratified bootstrap CI \(50 replicates, seeded; m \+ n = 77 > 60: multinomial counts per distinct score/,
    );
  });

  it('logistic models: the profile-likelihood and Firth CIs of the panel are skipped, and the notes say so', () => {
    expect(small.text).toMatch(/n = \d+ > exactUpTo 60: the sensitivity panel's profile-likelihood and Firth CIs/);
    expect(small.text).toMatch(/Odds-ratio CI: Wald vs profile likelihood vs Firth \(n = \d+ > exactUpTo 60: /);
  });

  it('with the default exactUpTo (5 000) no switch fires and nothing mentions one', () => {
    expect(defaults.text).not.toMatch(/exactUpTo \d|sizeSwitch|multinomial counts/);
    expect(defaults.result.input.rows).toBe(232);
  });
});
