import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy, SpecError } from '../../src/study/spec.ts';

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
function problems(dir: string): { file: string; problems: string[] } {
  try {
    loadStudy(dir);
  } catch (error) {
    if (error instanceof SpecError) return { file: error.file, problems: error.problems };
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('analyses/shen2025', () => {
  it('loads and validates every analysis of the paper', () => {
    const { study, analyses } = loadStudy('analyses/shen2025');
    expect(study.defaultPreset).toBe('spss');
    expect(analyses.map((a) => a.id)).toEqual(['table1', 'table2', 'table3', 'tables3', 'tables4', 'figure3', 'tables2', 'table4', 'tables5']);
    const t3 = analyses.find((a) => a.id === 'table3');
    expect(t3?.kind === 'group-comparison' && t3.rows?.filter((r) => 'variable' in r).length).toBe(21);
    const t4 = analyses.find((a) => a.id === 'table4');
    expect(t4?.kind === 'roc' && t4.positive).toBe('low');
    expect(t4?.kind === 'roc' && t4.features.every((f) => (f.variable.startsWith('k_') ? f.direction === '<' : f.direction === '>'))).toBe(true);
    expect(study.presets.spss.conventions).toMatchObject({ yates: false, quantileType: 6, orCi: 'wald', pairwiseOnlyWhenOmnibusSignificant: true });
    expect(study.presets.r.conventions).toMatchObject({ yates: true, quantileType: 7, orCi: 'profile' });
  });
});

describe('spec errors name the file and the field', () => {
  it('an unknown test kind', () => {
    const dir = copyStudy();
    edit(dir, 'table1.yaml', 'test: auto-continuous        #', 'test: t-test #');
    const e = problems(dir);
    expect(e.file).toBe(join(dir, 'table1.yaml'));
    expect(e.problems.join('\n')).toMatch(/^rows\.0/m);
  });
  it('an unknown subgroup', () => {
    const dir = copyStudy();
    edit(dir, 'table2.yaml', 'subgroup: mass\n', 'subgroup: masses\n');
    expect(problems(dir).problems.join('\n')).toMatch(/no subgroup "masses"/);
  });
  it('a misspelt key (strict objects)', () => {
    const dir = copyStudy();
    edit(dir, 'study.yaml', 'alpha: 0.05', 'alpah: 0.05');
    const e = problems(dir);
    expect(e.file).toBe(join(dir, 'study.yaml'));
    expect(e.problems.join('\n')).toMatch(/alpah|alpha/);
  });
  it('a comparison with a level that does not exist', () => {
    const dir = copyStudy();
    edit(dir, 'study.yaml', 'p2: { a: low, b: over', 'p2: { a: low, b: high');
    expect(problems(dir).problems.join('\n')).toMatch(/"high" is not a level of her2_group/);
  });
  it('a ROC positive class that is not a group', () => {
    const dir = copyStudy();
    edit(dir, 'table4.yaml', 'positive: low', 'positive: HER2-low');
    expect(problems(dir).problems.join('\n')).toMatch(/positive: "HER2-low" is not a level/);
  });
  it('rowsFrom pointing nowhere, a missing file, bad YAML', () => {
    let dir = copyStudy();
    edit(dir, 'tableS3.yaml', 'rowsFrom: table3', 'rowsFrom: table9');
    expect(problems(dir).problems.join('\n')).toMatch(/rowsFrom: "table9"/);
    dir = copyStudy();
    edit(dir, 'study.yaml', '  - table4.yaml', '  - table5.yaml');
    expect(problems(dir).problems).toEqual(['file not found']);
    dir = copyStudy();
    edit(dir, 'table4.yaml', 'positive: low', 'positive: [low');
    expect(problems(dir).problems[0]).toMatch(/not valid YAML/);
  });
  it('a DeLong comparison with an unknown model', () => {
    const dir = copyStudy();
    edit(dir, 'table4.yaml', 'against: [combined_adc,', 'against: [combined_xyz,');
    expect(problems(dir).problems.join('\n')).toMatch(/"combined_xyz" is not a combined model/);
  });
});
