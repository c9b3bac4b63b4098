import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publishedFileSchema } from '../../../src/data/published/index.ts';
import { PUBLISHED_TABLE_PATTERN } from '../../../src/data/published/types.ts';

/**
 * The committed JSON Schema (data/schema/published.schema.json) is the contract for transcribers;
 * the zod schema in src/data/published/schema.ts validates at load time. The JSON Schema is read
 * here through zod's own JSON-Schema interpreter (z.fromJSONSchema), independently of the hand-
 * written mirror, and both must give the same verdict on every sample.
 */
const jsonSchema = JSON.parse(readFileSync('data/schema/published.schema.json', 'utf8'));
const fromJsonSchema = z.fromJSONSchema(jsonSchema);

const entry = {
  id: 'table2/fgt:c_d/low',
  location: { table: 'table2', row: 'fgt:c_d', column: 'low' },
  printed: '50/91 (54.9%)',
  value: 50,
  interval: [50, 50],
  kind: 'count',
  denominator: 91,
};
const file = { study: 'shen2025', source: { citation: 'Shen et al. 2025' }, numbers: [entry] };
const withEntry = (patch: Record<string, unknown>) => ({ ...file, numbers: [{ ...entry, ...patch }] });
const without = (obj: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

const valid: [string, unknown][] = [
  ['minimal file', { study: 'x', source: { citation: 'c' }, numbers: [] }],
  ['one count entry', file],
  ['NA entry', withEntry({ printed: 'NA', value: null, interval: null, kind: 'p', denominator: undefined })],
  ['upper bound', withEntry({ printed: '< 0.001', value: 0.001, interval: [0, 0.001], bound: 'upper', kind: 'p' })],
  [
    'all optional fields',
    withEntry({
      reconstructed: true,
      printedIn: 'section 3.2',
      note: 'n',
      refersTo: ['table1/age/p'],
      direction: 'lower',
    }),
  ],
  [
    'context',
    {
      ...file,
      $schema: '../x.json',
      title: 't',
      context: {
        groups: { low: 36, over: 41 },
        subset: 'lesion_class:nme_related',
        comparison: ['low', 'over'],
        note: 'n',
      },
    },
  ],
  [
    'source with date',
    { ...file, source: { citation: 'c', doi: '10.1/x', transcribedBy: 'me', transcribedOn: '2025-03-10' } },
  ],
  [
    'text location',
    withEntry({
      id: 'text/low_vs_zero:mass_shape:irregular/or',
      location: { table: 'text', row: 'low_vs_zero:mass_shape:irregular', column: 'or' },
      kind: 'or',
    }),
  ],
];
const invalid: [string, unknown][] = [
  ['missing study', without(file, 'study')],
  ['missing numbers', without(file, 'numbers')],
  ['unknown top-level key', { ...file, extra: 1 }],
  ['bad study key', { ...file, study: 'Shen 2025' }],
  ['missing citation', { ...file, source: {} }],
  ['bad date', { ...file, source: { citation: 'c', transcribedOn: '10/03/2025' } }],
  ['unknown table', withEntry({ location: { table: 'figure2', row: 'fgt', column: 'low' } })],
  ['row with capitals', withEntry({ location: { table: 'table2', row: 'FGT', column: 'low' } })],
  ['column with colon', withEntry({ location: { table: 'table2', row: 'fgt', column: 'low:x' } })],
  ['unknown kind', withEntry({ kind: 'ratio' })],
  ['interval of three', withEntry({ interval: [1, 2, 3] })],
  ['interval of one', withEntry({ interval: [1] })],
  ['interval of strings', withEntry({ interval: ['1', '2'] })],
  ['value as string', withEntry({ value: '50' })],
  ['missing value', without(entry as Record<string, unknown>, 'value')],
  ['missing interval', without(entry as Record<string, unknown>, 'interval')],
  ['empty printed', withEntry({ printed: '' })],
  ['bad bound', withEntry({ bound: 'both' })],
  ['fractional denominator', withEntry({ denominator: 9.5 })],
  ['zero denominator', withEntry({ denominator: 0 })],
  ['reconstructed not boolean', withEntry({ reconstructed: 'yes' })],
  ['unknown entry key', withEntry({ colour: 'red' })],
  ['empty refersTo', withEntry({ refersTo: [] })],
  ['bad direction', withEntry({ direction: 'up' })],
  ['refersTo not an id', withEntry({ refersTo: ['age p'] })],
  ['unknown location key', withEntry({ location: { table: 'table2', row: 'fgt', column: 'low', page: 3 } })],
  ['bad id', withEntry({ id: 'fgt low' })],
  ['group n not integer', { ...file, context: { groups: { low: 3.5 } } }],
  ['comparison of one', { ...file, context: { comparison: ['low'] } }],
  ['comparison of three', { ...file, context: { comparison: ['a', 'b', 'c'] } }],
  ['unknown context key', { ...file, context: { design: 'x' } }],
];
// 'missing value' / 'missing interval' samples are entries, wrap them in a file
const wrap = (name: string, s: unknown): unknown =>
  name.startsWith('missing value') || name.startsWith('missing interval') ? { ...file, numbers: [s] } : s;

describe('published.schema.json and the zod mirror agree', () => {
  it.each(valid)('valid: %s', (_name, sample) => {
    expect(fromJsonSchema.safeParse(sample).success).toBe(true);
    expect(publishedFileSchema.safeParse(sample).success).toBe(true);
  });
  it.each(invalid)('invalid: %s', (name, sample) => {
    const s = wrap(name, sample);
    expect(fromJsonSchema.safeParse(s).success).toBe(false);
    expect(publishedFileSchema.safeParse(s).success).toBe(false);
  });
  it('the schema is draft 2020-12', () => {
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
  it('every committed shen2025 file is valid under both', () => {
    const dir = 'data/shen2025/published';
    const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const json = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
      expect(fromJsonSchema.safeParse(json).success, name).toBe(true);
      expect(publishedFileSchema.safeParse(json).success, name).toBe(true);
    }
  });
  it('the kind enum and the table pattern are the same in both', () => {
    const def = jsonSchema.$defs;
    expect(def.number.properties.kind.enum).toEqual(publishedFileSchema.shape.numbers.element.shape.kind.options);
    expect(def.location.properties.table.pattern).toBe(PUBLISHED_TABLE_PATTERN.source);
  });
});
