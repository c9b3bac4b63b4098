import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { INIT_FILES, initCommand } from '../../src/cli/init.ts';
import { runCommand } from '../../src/cli/run.ts';
import { loadCodebook } from '../../src/data/codebook.ts';
import { readCohort } from '../../src/data/readCohort.ts';

const EXAMPLES = ['pima', 'pbc', 'mspatients'] as const;

function capture(): {
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
  out: () => string;
  err: () => string;
} {
  let o = '';
  let e = '';
  return { io: { stdout: (s) => (o += s), stderr: (s) => (e += s) }, out: () => o, err: () => e };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'restudy-init-'));

function csvFile(text: string, name = 'table.csv'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

interface WrittenColumn {
  name: string;
  type: string;
  role?: string;
  levels?: { code: string }[];
  range?: { min: number; max: number };
}

function init(
  csv: string,
  options: { group?: string; out?: string } = {},
): { code: number; out: string; err: string; dir: string } {
  const dir = options.out ?? join(tempDir(), 'study');
  const c = capture();
  const code = initCommand(csv, { ...options, out: dir }, c.io);
  return { code, out: c.out(), err: c.err(), dir };
}

const columnsOf = (dir: string): WrittenColumn[] =>
  (parseYaml(readFileSync(join(dir, 'codebook.yaml'), 'utf8')) as { columns: WrittenColumn[] }).columns;

describe('restudy init on the example cohorts', () => {
  for (const study of EXAMPLES) {
    it(`${study}: writes a codebook that reads the whole table, a study and a summary table of every variable`, () => {
      const csv = `data/${study}/${study}.csv`;
      const r = init(csv);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      for (const f of INIT_FILES) expect(existsSync(join(r.dir, f)), f).toBe(true);
      const cohort = readCohort(csv, loadCodebook(join(r.dir, 'codebook.yaml')));
      expect(cohort.rows.length).toBe(readFileSync(csv, 'utf8').trim().split('\n').length - 1);
      const studyYaml = parseYaml(readFileSync(join(r.dir, 'study.yaml'), 'utf8')) as {
        data: { cohort: string; codebook: string };
      };
      expect(resolve(r.dir, studyYaml.data.cohort)).toBe(resolve(csv));
      expect(studyYaml.data.cohort.startsWith('/')).toBe(false);
      expect(studyYaml.data.codebook).toBe('codebook.yaml');
      const table = parseYaml(readFileSync(join(r.dir, 'table1.yaml'), 'utf8')) as {
        kind: string;
        rows: string[];
        by?: string;
      };
      expect(table.kind).toBe('summary-table');
      expect(table.by).toBeUndefined();
      const columns = columnsOf(r.dir);
      expect(table.rows).toEqual(columns.filter((c) => c.role === undefined && c.type !== 'string').map((c) => c.name));
    });
  }

  for (const [study, group] of [
    ['pima', 'type'],
    ['pbc', 'stage'],
    ['mspatients', undefined],
  ] as const) {
    it(`${study}${group ? ` --group ${group}` : ''}: restudy run runs the written folder unedited; one summary row per variable`, async () => {
      const r = init(`data/${study}/${study}.csv`, group ? { group } : {});
      expect(r.code).toBe(0);
      const out = join(tempDir(), 'report');
      const c = capture();
      const code = await runCommand(r.dir, { out, replicates: '20' }, c.io);
      expect(c.err()).toBe('');
      expect(code).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        framing: string;
        tables: {
          id: string;
          columns: { key: string }[];
          rows: { key: string; cells: Record<string, { parts: { value: number | null }[] }> }[];
        }[];
      };
      expect(results.framing).toBe('analysis');
      const table = results.tables.find((t) => t.id === 'table1')!;
      const rows = (parseYaml(readFileSync(join(r.dir, 'table1.yaml'), 'utf8')) as { rows: string[] }).rows;
      for (const v of rows)
        expect(
          table.rows.some((row) => row.key === v),
          `${study}: row ${v}`,
        ).toBe(true);
      if (group) {
        for (const v of rows) {
          const p = table.rows.find((row) => row.key === v)!.cells.p.parts[0].value;
          expect(p, `${study} ${v}: p`).toBeGreaterThanOrEqual(0);
        }
      } else {
        expect(table.columns.map((col) => col.key)).not.toContain('p');
      }
    }, 60_000);
  }

  it('pima: no id column (rows numbered), integers and numbers with their observed ranges, type as No/Yes', () => {
    const r = init('data/pima/pima.csv');
    const byName = new Map(columnsOf(r.dir).map((c) => [c.name, c]));
    expect([...byName.values()].some((c) => c.role === 'id')).toBe(false);
    expect(byName.get('glu')).toMatchObject({ type: 'integer', range: { min: 56, max: 199 } });
    expect(byName.get('bmi')).toMatchObject({ type: 'number', range: { min: 18.2, max: 67.1 } });
    expect(byName.get('type')?.levels?.map((l) => l.code)).toEqual(['No', 'Yes']);
    const text = readFileSync(join(r.dir, 'codebook.yaml'), 'utf8');
    expect(text).toMatch(
      /# 629 values, 3 missing\.\n {2}# Numeric \(number\); range set to the observed 18\.2 to 67\.1/,
    );
    expect(text).toMatch(/no id column was found, so rows are numbered/);
    expect(r.out).toMatch(/id: none \(rows are numbered\)/);
  });

  it('pbc --group stage: stage categorical in natural order, the table by stage with a Total, stage not a row', () => {
    const r = init('data/pbc/pbc.csv', { group: 'stage' });
    expect(r.code).toBe(0);
    const byName = new Map(columnsOf(r.dir).map((c) => [c.name, c]));
    expect(byName.get('id')?.role).toBe('id');
    expect(byName.get('stage')).toMatchObject({
      type: 'categorical',
      levels: [{ code: 'I' }, { code: 'II' }, { code: 'III' }, { code: 'IV' }],
    });
    expect(byName.get('stage')?.role).toBeUndefined();
    const table = parseYaml(readFileSync(join(r.dir, 'table1.yaml'), 'utf8')) as {
      by: string;
      total: boolean;
      rows: string[];
    };
    expect(table).toMatchObject({ by: 'stage', total: true });
    expect(table.rows).not.toContain('stage');
    expect(table.rows).not.toContain('id');
  });

  it('is deterministic: the same table gives byte-identical files', () => {
    const a = init('data/mspatients/mspatients.csv', { group: 'city' });
    const b = init('data/mspatients/mspatients.csv', { group: 'city' });
    for (const f of INIT_FILES) expect(readFileSync(join(a.dir, f), 'utf8')).toBe(readFileSync(join(b.dir, f), 'utf8'));
  });
});

describe('restudy init guesses, each written down', () => {
  const csv = [
    'subject_id,sex,smoker,score,ratio,share,comment,wave',
    ...Array.from({ length: 30 }, (_, i) =>
      [
        `S${i + 1}`,
        i % 3 === 0 ? 'F' : 'M',
        i % 2,
        i === 4 ? 'N/A' : i === 7 ? '.' : String(i * 2),
        i === 9 ? '' : `${i / 4}`,
        `${i}%`,
        `note ${i}`,
        i === 3 ? '-99' : String(i % 4),
      ].join(','),
    ),
  ].join('\n');

  it('missing codes seen, 0/1 flag, percent, free text, id, and a "-99" sentinel pointed out', () => {
    const r = init(csvFile(csv));
    expect(r.code).toBe(0);
    const text = readFileSync(join(r.dir, 'codebook.yaml'), 'utf8');
    const book = parseYaml(text) as { missing: string[]; columns: WrittenColumn[] };
    expect(book.missing).toEqual(['', 'NA', 'N/A', '.']);
    const byName = new Map(book.columns.map((c) => [c.name, c]));
    expect(byName.get('subject_id')).toMatchObject({ type: 'string', role: 'id' });
    expect(byName.get('smoker')).toMatchObject({ type: 'categorical', levels: [{ code: '0' }, { code: '1' }] });
    expect(byName.get('score')).toMatchObject({ type: 'integer', range: { min: 0, max: 58 } });
    expect(byName.get('ratio')).toMatchObject({ type: 'number' });
    expect(byName.get('share')).toMatchObject({ type: 'percent', range: { min: 0, max: 100 } });
    expect(byName.get('comment')?.type).toBe('string');
    expect(byName.get('wave')).toMatchObject({ type: 'integer', range: { min: -99, max: 3 } });
    expect(text).toMatch(/Only 0 and 1: read as a categorical yes\/no flag/);
    expect(text).toMatch(/The value -99 occurs 1 times: if it means "missing", add "-99" to missing/);
    expect(text).toMatch(/Free text: 30 distinct values/);
    expect(readFileSync(join(r.dir, 'table1.yaml'), 'utf8')).toMatch(/# Free-text columns left out: comment\./);
  });

  it('--group on a numeric column makes it categorical, levels in numeric order; a missing group value is allowed', () => {
    const r = init(csvFile('arm,y\n10,1.5\n2,2.5\n1,3\n2,4\nNA,5\n'), { group: 'arm' });
    expect(r.code).toBe(0);
    expect(columnsOf(r.dir)[0]).toMatchObject({
      name: 'arm',
      type: 'categorical',
      levels: [{ code: '1' }, { code: '2' }, { code: '10' }],
    });
  });

  it('reads a semicolon-separated file with decimal commas as numbers', () => {
    const r = init(csvFile('id;weight;group\n1;70,5;a\n2;80,25;b\n3;66;a\n'));
    expect(r.code).toBe(0);
    expect(new Map(columnsOf(r.dir).map((c) => [c.name, c])).get('weight')).toMatchObject({
      type: 'number',
      range: { min: 66, max: 80.25 },
    });
  });
});

describe('restudy init refuses, writing nothing (exit 2)', () => {
  it('never overwrites: a second run into the same folder fails and leaves every file as it was', () => {
    const first = init('data/pima/pima.csv');
    const before = INIT_FILES.map((f) => [
      readFileSync(join(first.dir, f), 'utf8'),
      statSync(join(first.dir, f)).mtimeMs,
    ]);
    const second = init('data/pbc/pbc.csv', { out: first.dir });
    expect(second.code).toBe(2);
    expect(second.err).toMatch(
      /would overwrite .*codebook\.yaml, .*study\.yaml, .*table1\.yaml; init never overwrites/,
    );
    expect(
      INIT_FILES.map((f) => [readFileSync(join(first.dir, f), 'utf8'), statSync(join(first.dir, f)).mtimeMs]),
    ).toEqual(before);
  });

  it('one existing file is enough to write none of the three', () => {
    const dir = join(tempDir(), 'study');
    mkdirSync(dir);
    writeFileSync(join(dir, 'table1.yaml'), 'mine\n');
    const r = init('data/pima/pima.csv', { out: dir });
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'codebook.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'table1.yaml'), 'utf8')).toBe('mine\n');
  });

  it('writes beside the data when nothing would be clobbered, and refuses a planted symlink', () => {
    const csv = csvFile('a,b\n1,x\n2,y\n');
    const beside = init(csv, { out: join(csv, '..') });
    expect(beside.code).toBe(0);
    const dir = join(tempDir(), 'study');
    mkdirSync(dir);
    symlinkSync(csv, join(dir, 'study.yaml'));
    const planted = init(csv, { out: dir });
    expect(planted.code).toBe(2);
    expect(readFileSync(csv, 'utf8')).toBe('a,b\n1,x\n2,y\n');
    expect(existsSync(join(dir, 'codebook.yaml'))).toBe(false);
  });

  it('an --out that is a file', () => {
    const csv = csvFile('a,b\n1,x\n');
    const r = init(csv, { out: csv });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a file, not a folder/);
  });

  const bad: [string, string, RegExp, string?][] = [
    [
      'a column name that cannot be a codebook name',
      'id,Age (years)\n1,40\n',
      /column name "Age \(years\)" cannot be a codebook name/,
    ],
    ['a repeated column', 'a,b,a\n1,2,3\n', /column "a" appears twice/],
    ['an empty header cell', 'a,,c\n1,2,3\n', /a header cell is empty/],
    ['a header without rows', 'a,b\n', /no data rows/],
    ['a ragged row', 'a,b\n1,2\n3\n', /data row 2 has 1 cells; the header has 2/],
    ['--group that is not a column', 'a,b\n1,x\n', /--group "grp" is not a column of the file \(have a, b\)/, 'grp'],
    [
      '--group with one value',
      'a,b\n1,x\n2,x\n',
      /--group b has 1 distinct value; a grouping column needs 2 to 20/,
      'b',
    ],
  ];
  for (const [what, text, message, group] of bad) {
    it(what, () => {
      const r = init(csvFile(text), group === undefined ? {} : { group });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(r.dir)).toBe(false);
    });
  }

  it('a file larger than --max-input-mb, and /dev/zero, end with the limit and the flag named', () => {
    const c = capture();
    const dir = join(tempDir(), 'study');
    expect(initCommand('data/pima/pima.csv', { out: dir, maxInputMb: '0.001' }, c.io)).toBe(2);
    expect(c.err()).toMatch(/pima\.csv: the data table exceeds the limit of 1\.023 KiB; raise it with --max-input-mb/);
    const z = capture();
    expect(initCommand('/dev/zero', { out: dir, maxInputMb: '1' }, z.io)).toBe(2);
    expect(z.err()).toMatch(/--max-input-mb/);
    expect(initCommand('data/pima/pima.csv', { out: dir, maxInputMb: 'lots' }, capture().io)).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it('a file that does not exist, an XLSX workbook, bytes that are not UTF-8', () => {
    expect(init(join(tempDir(), 'nope.csv')).code).toBe(2);
    const xlsx = init(csvFile('x', 'book.xlsx'));
    expect(xlsx.code).toBe(2);
    expect(xlsx.err).toMatch(/init reads CSV/);
    const latin1 = join(tempDir(), 'latin1.csv');
    writeFileSync(latin1, Buffer.from([0x61, 0x0a, 0xe9, 0x0a]));
    const r = init(latin1);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid UTF-8/);
  });
});
