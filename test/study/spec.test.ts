import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/data/index.ts';
import { columnsOf } from '../../src/study/load.ts';
import { checkStudy, loadStudy, SpecError } from '../../src/study/spec.ts';

const COLUMNS = columnsOf(loadCodebook('data/shen2025/codebook.yaml'));

function copyStudy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-spec-'));
  cpSync('analyses/shen2025', dir, { recursive: true });
  return dir;
}
function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
  writeFileSync(p, next);
}
/** Loads and checks the study against the Shen codebook's columns; returns the SpecError's file and problems. */
function problems(dir: string): { file: string; problems: string[] } {
  try {
    checkStudy(loadStudy(dir), COLUMNS);
  } catch (error) {
    if (error instanceof SpecError) return { file: error.file, problems: error.problems };
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('analyses/shen2025', () => {
  it('loads and validates every analysis of the paper', () => {
    const loaded = loadStudy('analyses/shen2025');
    checkStudy(loaded, COLUMNS);
    expect(loaded.id).toBe('shen2025');
    expect(loaded.study.preset).toBe('spss');
    expect(loaded.analyses.map((a) => a.id)).toEqual([
      'table1',
      'table2',
      'table3',
      'tables3',
      'tables4',
      'figure3',
      'tables2',
      'table4',
      'figure_roc',
      'tables5',
      'imageQc',
    ]);
    expect(loaded.analyses.map((a) => a.kind)).toEqual([
      'summary-table',
      'summary-table',
      'summary-table',
      'summary-table',
      'summary-table',
      'violin',
      'logistic-model',
      'roc',
      'roc-curves',
      'agreement',
      'qc',
    ]);
    const t3 = loaded.analyses.find((a) => a.id === 'table3')!.spec as { rows: unknown[] };
    expect(t3.rows.filter((r) => typeof r === 'object' && r !== null && 'variable' in r)).toHaveLength(21);
    const t4 = loaded.analyses.find((a) => a.id === 'table4')!.spec as {
      outcome: { event: string };
      markers: { variable?: string; direction: string }[];
    };
    expect(t4.outcome.event).toBe('low');
    expect(
      t4.markers
        .filter((m) => m.variable)
        .every((m) => (m.variable!.startsWith('k_') ? m.direction === '<' : m.direction === '>')),
    ).toBe(true);
    expect(loaded.presets.get('spss')!.conventions).toMatchObject({
      yates: false,
      quantileType: 6,
      orCi: 'wald',
      pairwiseOnlyWhenOmnibusSignificant: true,
      pairwiseAdjust: 'bonferroni',
    });
    expect(loaded.presets.get('r')!.conventions).toMatchObject({
      yates: true,
      quantileType: 7,
      orCi: 'profile',
      pairwiseAdjust: 'bonferroni',
      pairwiseCategoricalAdjust: 'none',
    });
  });
});

describe('spec errors name the file and the field', () => {
  it('an unknown test lists the allowed names', () => {
    const dir = copyStudy();
    edit(dir, 'table1.yaml', 'test: auto                   # Shapiro', 'test: t-test # Shapiro');
    const e = problems(dir);
    expect(e.file).toBe(join(dir, 'table1.yaml'));
    expect(e.problems).toEqual([
      expect.stringMatching(/^rows\.0\.test: unknown test "t-test"; allowed: auto, chisq, .*, none$/),
    ]);
  });
  it('an unknown kind lists the kinds', () => {
    const dir = copyStudy();
    edit(dir, 'table1.yaml', 'kind: summary-table', 'kind: group-comparison');
    expect(problems(dir).problems[0]).toMatch(
      /^kind: unknown kind "group-comparison"; allowed: summary-table, logistic-model, roc, agreement/,
    );
  });
  it('an unknown subgroup, also one named like a built-in', () => {
    let dir = copyStudy();
    edit(dir, 'table2.yaml', 'subgroup: mass\n', 'subgroup: masses\n');
    expect(problems(dir).problems.join('\n')).toMatch(/rows\.8\.subgroup: no subgroup "masses"/);
    dir = copyStudy();
    edit(dir, 'table2.yaml', 'subgroup: mass\n', 'subgroup: constructor\n');
    expect(problems(dir).problems.join('\n')).toMatch(/no subgroup "constructor"/);
  });
  it('a misspelt key (strict objects)', () => {
    const dir = copyStudy();
    edit(dir, 'study.yaml', 'alpha: 0.05', 'alpah: 0.05');
    const e = problems(dir);
    expect(e.file).toBe(join(dir, 'study.yaml'));
    expect(e.problems.join('\n')).toMatch(/alpah/);
  });
  it('a pair or group level that does not exist (a typo of case: Low for low)', () => {
    let dir = copyStudy();
    edit(dir, 'table1.yaml', '{ id: p2, a: low, b: over', '{ id: p2, a: low, b: high');
    expect(problems(dir).problems.join('\n')).toMatch(/pairwise\.pairs\.1: "high" is not a group of this table/);
    dir = copyStudy();
    edit(dir, 'table3.yaml', 'levels: [zero, low, over]', 'levels: [zero, Low, over]');
    expect(problems(dir).problems).toContain('by.levels.1: "Low" is not a level of her2_group (have zero, low, over)');
  });
  it('a ROC event that is not a level; a categorical ROC marker', () => {
    let dir = copyStudy();
    edit(dir, 'table4.yaml', 'event: low', 'event: HER2-low');
    expect(problems(dir).problems.join('\n')).toMatch(/outcome\.event: "HER2-low" is not a level of her2_group/);
    dir = copyStudy();
    edit(dir, 'table4.yaml', '{ variable: adc_mean,', '{ variable: mass_shape,');
    expect(problems(dir).problems.join('\n')).toMatch(
      /markers\.0\.variable: "mass_shape" is categorical; a numeric column is needed \(a ROC marker must be numeric/,
    );
  });
  it('rowsFrom pointing nowhere, a missing file, bad YAML', () => {
    let dir = copyStudy();
    edit(dir, 'tableS3.yaml', 'rowsFrom: table3', 'rowsFrom: table9');
    expect(problems(dir).problems.join('\n')).toMatch(/"table9" is not an earlier analysis/);
    dir = copyStudy();
    edit(dir, 'study.yaml', '  - table4.yaml', '  - table5.yaml');
    expect(problems(dir).problems).toEqual(['file not found']);
    dir = copyStudy();
    edit(dir, 'table4.yaml', 'event: low', 'event: [low');
    expect(problems(dir).problems[0]).toMatch(/not valid YAML/);
  });
  it('a DeLong comparison with an unknown marker', () => {
    const dir = copyStudy();
    edit(dir, 'table4.yaml', '[combined_all, combined_adc]', '[combined_all, combined_xyz]');
    expect(problems(dir).problems.join('\n')).toMatch(/compare\.0: "combined_xyz" is not a marker id/);
  });
  it('a logistic covariate or reference level that matches nothing', () => {
    let dir = copyStudy();
    edit(dir, 'tableS2.yaml', 'reference: oval_round', 'reference: Oval_round');
    expect(problems(dir).problems.join('\n')).toMatch(
      /covariates\.5\.reference: "Oval_round" is not a level of mass_shape/,
    );
    dir = copyStudy();
    edit(dir, 'tableS2.yaml', '{ variable: fgt,', '{ variable: __proto__,');
    expect(problems(dir).problems.join('\n')).toMatch(/covariates\.0\.variable: no column "__proto__"/);
  });
  it('a missing kappa reader column', () => {
    const dir = copyStudy();
    edit(dir, 'tableS5.yaml', '{ variable: fgt, label: FGT }', '{ variable: fgtt, label: FGT }');
    expect(problems(dir).problems.join('\n')).toMatch(/kappa\.0\.readers\.0: no column "fgtt_r1"/);
  });
  it('an unknown preset, also a name of Object.prototype', () => {
    const dir = copyStudy();
    edit(dir, 'study.yaml', 'preset: spss ', 'preset: constructor ');
    expect(problems(dir).problems).toEqual(['preset: no preset named "constructor" (have r, spss)']);
  });
  it('an unknown key of study.yaml', () => {
    const dir = copyStudy();
    edit(dir, 'study.yaml', 'analyses:', 'presets2: 1\nanalyses:');
    expect(problems(dir).problems.join('\n')).toMatch(/presets2/);
  });
});
