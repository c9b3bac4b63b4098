import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { codebookJsonSchema, DataError, type DataIssue, loadCodebook, parseCodebook } from '../../src/data/index.ts';
import { MINI_CODEBOOK, tempDir, writeTemp } from './_tmp.ts';

const SHEN = 'data/shen2025/codebook.yaml';

/** The cohort contract of BRIEF.md, restated here independently of the codebook file. */
function contractColumns(): Record<string, string[] | 'integer' | 'number' | 'percent' | 'string'> {
  const c: Record<string, string[] | 'integer' | 'number' | 'percent' | 'string'> = {
    patient_id: 'string',
    her2_group: ['zero', 'low', 'over'],
    age: 'integer',
    menopause: ['pre', 'post'],
    er: ['positive', 'negative'],
    pr: ['positive', 'negative'],
    hr: ['positive', 'negative'],
    ki67: 'percent',
    ki67_group: ['low', 'high'],
    size_mm: 'number',
    fgt: ['a_b', 'c_d'],
    bpe: ['minimal_mild', 'moderate_marked'],
    multifocal: ['yes', 'no'],
    lesion_type: ['mass', 'nme', 'mass_with_nme'],
    lesion_class: ['mass', 'nme_related'],
    t2_hyperintensity: ['present', 'absent'],
    edema: ['present', 'absent'],
    mass_shape: ['oval_round', 'irregular'],
    mass_margin: ['circumscribed', 'not_circumscribed'],
    mass_enhancement: ['homogeneous', 'heterogeneous', 'rim', 'dark_septations'],
    nme_distribution: ['focal', 'linear', 'segmental', 'regional_diffuse'],
    nme_enhancement: ['homogeneous', 'heterogeneous', 'clumped', 'clustered_ring'],
  };
  for (const f of [
    'fgt',
    'bpe',
    'multifocal',
    'lesion_type',
    't2_hyperintensity',
    'edema',
    'mass_shape',
    'mass_margin',
    'mass_enhancement',
    'nme_distribution',
    'nme_enhancement',
  ]) {
    c[`${f}_r1`] = c[f];
    c[`${f}_r2`] = c[f];
  }
  for (const m of ['adc', 'd', 'k']) {
    for (const s of ['mean', 'median', 'p5', 'p95', 'skewness', 'kurtosis', 'entropy']) {
      for (const suffix of ['', '_r1', '_r2']) c[`${m}_${s}${suffix}`] = 'number';
    }
  }
  // issue 15: the VOI voxel and flag counts `restudy features` writes (optional columns)
  for (const n of [
    'voxels',
    'adc_used',
    'adc_flagged',
    'adc_nonpositive',
    'adc_nonmonotone',
    'adc_failed',
    'dki_used',
    'dki_flagged',
    'dki_nonpositive',
    'dki_nonmonotone',
    'dki_failed',
    'dki_k_clipped',
  ]) {
    for (const r of ['_r1', '_r2']) c[`voi_${n}${r}`] = 'integer';
  }
  return c;
}

describe('shen2025 codebook', () => {
  const codebook = loadCodebook(SHEN);

  it('declares exactly the columns of the cohort contract, with the contract level codes in order', () => {
    const contract = contractColumns();
    expect(Object.keys(contract)).toHaveLength(107 + 24);
    expect(codebook.columns.map((c) => c.name).sort()).toEqual(Object.keys(contract).sort());
    for (const column of codebook.columns) {
      const want = contract[column.name];
      if (Array.isArray(want)) {
        expect(column.type, column.name).toBe('categorical');
        expect(
          column.levels?.map((l) => l.code),
          column.name,
        ).toEqual(want);
      } else {
        expect(column.type, column.name).toBe(want);
      }
    }
  });

  it('declares readers, derived columns and applicability rules', () => {
    const get = (n: string) => codebook.columns.find((c) => c.name === n);
    expect(get('patient_id')?.role).toBe('id');
    expect(get('her2_group')?.role).toBe('group');
    expect(get('adc_mean_r2')).toMatchObject({ role: 'reader2', of: 'adc_mean', unit: '10^-3 mm²/s' });
    expect(get('mass_shape_r1')).toMatchObject({
      role: 'reader1',
      of: 'mass_shape',
      presentWhen: { column: 'lesion_type', in: ['mass'] },
    });
    expect(get('nme_enhancement')?.presentWhen).toEqual({ column: 'lesion_class', in: ['nme_related'] });
    expect(get('ki67_group')?.derivedFrom).toEqual({ kind: 'thresholds', from: 'ki67', breaks: [40] });
    expect(get('lesion_class')?.derivedFrom?.kind).toBe('map');
    expect(get('size_mm')?.range).toMatchObject({ min: 0, minExclusive: true });
    expect(codebook.missing).toEqual(['', 'NA']);
  });

  it('the committed JSON Schema is the one generated from the zod schema', () => {
    const committed = JSON.parse(readFileSync('data/codebook.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(codebookJsonSchema())));
  });
});

describe('codebook validation', () => {
  const base = parseYaml(MINI_CODEBOOK) as { columns: Record<string, unknown>[] } & Record<string, unknown>;
  const clone = () => structuredClone(base);
  const issues = (raw: unknown): DataIssue[] => {
    try {
      parseCodebook(raw, 'cb.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      return [...(error as DataError).issues];
    }
    throw new Error('expected the codebook to be rejected');
  };

  it('accepts the mini codebook and fills defaults', () => {
    const cb = parseCodebook(base);
    expect(cb.missing).toEqual(['', 'NA']);
    expect(cb.columns[2]).toMatchObject({ required: true, role: 'variable' });
  });

  it('rejects shape errors with their path', () => {
    const raw = clone();
    raw.columns[2].type = 'float';
    delete raw.columns[3].label;
    const found = issues(raw);
    expect(found.map((i) => i.message).join('\n')).toMatch(/columns\.2\.type/);
    expect(found.map((i) => i.message).join('\n')).toMatch(/columns\.3\.label/);
  });

  it('rejects semantic errors, all of them at once', () => {
    const raw = clone();
    raw.columns.push({ name: 'age', label: 'again', type: 'integer' });
    raw.columns.push({
      name: 'x_r1',
      label: 'x',
      type: 'categorical',
      role: 'reader1',
      of: 'nothing',
      levels: [{ code: 'a', label: 'A' }],
    });
    raw.columns.push({ name: 'y', label: 'y', type: 'number', levels: [{ code: 'a', label: 'A' }] });
    raw.columns.push({ name: 'z', label: 'z', type: 'categorical', levels: [{ code: 'NA', label: 'missing?' }] });
    raw.columns.push({
      name: 'w',
      label: 'w',
      type: 'categorical',
      levels: [{ code: 'a', label: 'A' }],
      presentWhen: { column: 'lesion_type', in: ['blob'] },
    });
    raw.columns.push({ name: 'v', label: 'v', type: 'number', range: { min: 5, max: 1 } });
    const messages = issues(raw).map((i) => i.message);
    expect(messages).toHaveLength(6);
    expect(messages.join('\n')).toMatch(/"age" is declared twice/);
    expect(messages.join('\n')).toMatch(/reader column "x_r1" must name/);
    expect(messages.join('\n')).toMatch(/type number declares levels/);
    expect(messages.join('\n')).toMatch(/"NA" of "z" is also a missing-value code/);
    expect(messages.join('\n')).toMatch(/"blob" is not a level of "lesion_type"/);
    expect(messages.join('\n')).toMatch(/empty range/);
  });

  it('allows at most one id column (none: rows are numbered), requires complete derived maps', () => {
    const raw = clone();
    raw.columns[2].role = 'id';
    (raw.columns[10].derivedFrom as { map: Record<string, string> }).map = { mass: 'mass', nme: 'nme_related' };
    const messages = issues(raw)
      .map((i) => i.message)
      .join('\n');
    expect(messages).toMatch(/at most one id column; found 2/);
    expect(messages).toMatch(/does not map level "mass_with_nme"/);
  });

  it('loadCodebook names unreadable files and invalid YAML', () => {
    const dir = tempDir('restudy-cb-');
    expect(() => loadCodebook(`${dir}/none.yaml`)).toThrow(/cannot read codebook/);
    expect(() => loadCodebook(writeTemp(dir, 'bad.yaml', 'study: [unclosed'))).toThrow(/not valid YAML/);
  });
});
