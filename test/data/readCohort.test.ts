import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DataError, type DataIssue, parseCodebook, readCohort, readCohortAsync } from '../../src/data/index.ts';
import { GOOD_HEADER, GOOD_ROWS, goodCsv, MINI_CODEBOOK, tempDir, writeTemp } from './_tmp.ts';

const codebook = parseCodebook(parseYaml(MINI_CODEBOOK), 'mini.yaml');
const dir = tempDir();
let counter = 0;
const csv = (content: string | Uint8Array, ext = 'csv'): string => writeTemp(dir, `f${counter++}.${ext}`, content);

/** Reads and returns the DataError's issues (fails the test when nothing is thrown). */
function issuesOf(path: string): DataIssue[] {
  try {
    readCohort(path, codebook);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return [...(error as DataError).issues];
  }
  throw new Error(`expected ${path} to be rejected`);
}
const errors = (issues: DataIssue[]) => issues.filter((i) => i.severity === 'error');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('readCohort: valid CSV', () => {
  it('types every cell by the codebook (hand-checked values)', () => {
    const cohort = readCohort(csv(goodCsv()), codebook);
    expect(cohort.columns).toEqual(GOOD_HEADER.split(','));
    expect(cohort.rows).toHaveLength(3);
    expect(cohort.rows[0]).toEqual({
      patient_id: 'P1',
      her2_group: 'zero',
      age: 45,
      er: 'positive',
      pr: 'negative',
      hr: 'positive',
      ki67: 30,
      ki67_group: 'low',
      size_mm: 21.5,
      lesion_type: 'mass',
      lesion_class: 'mass',
      mass_shape: 'irregular',
    });
    expect(cohort.rows[1].mass_shape).toBeNull(); // empty cell
    expect(cohort.rows[2].mass_shape).toBeNull(); // NA
    expect(cohort.rows[2].ki67).toBe(55); // "55%" accepted for a percent column
    expect(cohort.rows[1].ki67_group).toBe('high'); // 40 is high: left-closed break
    expect(cohort.warnings).toEqual([]);
  });

  it('reads CRLF files exactly as LF files, without an issue', () => {
    const lf = readCohort(csv(goodCsv('\n')), codebook);
    const crlf = readCohort(csv(goodCsv('\r\n')), codebook);
    expect(crlf.rows).toEqual(lf.rows);
    expect(crlf.warnings).toEqual([]);
  });

  it('removes a UTF-8 BOM and says so', () => {
    const cohort = readCohort(csv(`\uFEFF${goodCsv()}`), codebook);
    expect(cohort.columns[0]).toBe('patient_id');
    expect(cohort.warnings.map((w) => w.code)).toEqual(['bom']);
  });

  it('reads semicolon-separated files with decimal commas and names the delimiter', () => {
    const text = goodCsv().replace(/,/g, ';').replace('21.5', '21,5');
    const cohort = readCohort(csv(text), codebook);
    expect(cohort.rows[0].size_mm).toBe(21.5);
    expect(cohort.warnings.map((w) => w.code)).toEqual(['delimiter']);
  });

  it('names a decimal comma in a comma-separated file as a wrong type', () => {
    const text = [
      GOOD_HEADER,
      'P1,zero,45,positive,negative,positive,30,low,"21,5",mass,mass,irregular',
      GOOD_ROWS[1],
      GOOD_ROWS[2],
    ].join('\n');
    const [issue] = errors(issuesOf(csv(text)));
    expect(issue).toMatchObject({ code: 'wrong_type', column: 'size_mm', value: '21,5', row: 1, line: 2 });
    expect(issue.message).toMatch(/decimal comma/);
  });

  it('reads a file with mixed line endings and warns', () => {
    const text = `${GOOD_HEADER}\r\n${GOOD_ROWS[0]}\n${GOOD_ROWS[1]}\r\n${GOOD_ROWS[2]}\r\n`;
    const cohort = readCohort(csv(text), codebook);
    expect(cohort.rows).toHaveLength(3);
    expect(cohort.warnings.map((w) => w.code)).toEqual(['line_endings']);
  });

  it('ignores an unknown extra column with a warning and suggests a case-fixed name', () => {
    const text = goodCsv()
      .split('\n')
      .map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'Extra' : 'x'}`))
      .join('\n');
    const cohort = readCohort(csv(text), codebook);
    expect(cohort.columns).not.toContain('Extra');
    expect(cohort.warnings).toHaveLength(1);
    expect(cohort.warnings[0]).toMatchObject({ code: 'unknown_column', column: 'Extra', severity: 'warning' });
  });

  it('never modifies the input file (bytes unchanged, good and bad input)', () => {
    const good = csv(`\uFEFF${goodCsv('\r\n')}`);
    const bad = csv(`${GOOD_HEADER}\nP1,zero,4O,positive,negative,positive,30,low,21.5,mass,mass,irregular\n`);
    const before = [sha(good), sha(bad)];
    readCohort(good, codebook);
    issuesOf(bad);
    expect([sha(good), sha(bad)]).toEqual(before);
  });
});

describe('readCohort: every bad input is named with file, row, line, column, value and expectation', () => {
  it('wrong type "4O" in an integer column', () => {
    const path = csv(
      `${GOOD_HEADER}\n${GOOD_ROWS[0]}\nP2,low,4O,negative,negative,negative,40,high,18,nme,nme_related,\n${GOOD_ROWS[2]}\n`,
    );
    const issues = errors(issuesOf(path));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: path, row: 2, line: 3, column: 'age', value: '4O', code: 'wrong_type' });
    expect(issues[0].expected).toBe('an integer ≥ 18 and ≤ 100');
    expect(issues[0].message).toMatch(/letter O/);
  });

  it('non-integer in an integer column, non-finite and text in number columns', () => {
    const rows = [
      'P1,zero,45.5,positive,negative,positive,30,low,21.5,mass,mass,irregular',
      'P2,low,52,negative,negative,negative,40,high,Inf,nme,nme_related,',
      'P3,over,61,negative,positive,positive,abc,high,40.25,mass_with_nme,nme_related,NA',
    ];
    const issues = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['wrong_type', 1, 'age', '45.5'],
      ['wrong_type', 2, 'size_mm', 'Inf'],
      ['wrong_type', 3, 'ki67', 'abc'],
    ]);
  });

  it('unknown level, with a did-you-mean hint for case', () => {
    const path = csv(
      `${GOOD_HEADER}\nP1,Zero,45,positive,negative,positive,30,low,21.5,mass,mass,irregular\n${GOOD_ROWS[1]}\n${GOOD_ROWS[2]}\n`,
    );
    const issues = errors(issuesOf(path));
    const level = issues.find((i) => i.code === 'unknown_level');
    expect(level).toMatchObject({
      row: 1,
      line: 2,
      column: 'her2_group',
      value: 'Zero',
      expected: 'one of zero, low, over',
    });
    expect(level?.message).toMatch(/did you mean "zero"/);
    // the row then has no valid group, and group zero is empty: both reported in the same pass
    expect(issues.map((i) => i.code).sort()).toEqual(['empty_group', 'unknown_level']);
  });

  it('out of range, including an exclusive bound', () => {
    const rows = [
      'P1,zero,12,positive,negative,positive,30,low,21.5,mass,mass,irregular',
      'P2,low,52,negative,negative,negative,140,high,0,nme,nme_related,',
      GOOD_ROWS[2],
    ];
    const issues = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issues.map((i) => [i.code, i.row, i.column, i.value, i.expected])).toEqual([
      ['out_of_range', 1, 'age', '12', 'an integer ≥ 18 and ≤ 100'],
      ['out_of_range', 2, 'ki67', '140', 'a percentage ≥ 0 and ≤ 100'],
      ['out_of_range', 2, 'size_mm', '0', 'a number > 0'],
    ]);
  });

  it('duplicate ID names the first occurrence', () => {
    const rows = [...GOOD_ROWS, GOOD_ROWS[0].replace('P1,zero', 'P1,low')];
    const [issue] = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issue).toMatchObject({ code: 'duplicate_id', row: 4, line: 5, column: 'patient_id', value: 'P1' });
    expect(issue.message).toMatch(/first seen in data row 1, line 2/);
  });

  it('missing ID and missing group are errors', () => {
    const rows = [GOOD_ROWS[0].replace('P1,', ','), GOOD_ROWS[1].replace(',low,', ',NA,'), GOOD_ROWS[2]];
    const issues = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issues.filter((i) => i.code === 'missing_value').map((i) => [i.row, i.column])).toEqual([
      [1, 'patient_id'],
      [2, 'her2_group'],
    ]);
  });

  it('missing required column and duplicate column', () => {
    const header = GOOD_HEADER.replace(',age,', ',size_mm,');
    const issues = errors(issuesOf(csv([header, ...GOOD_ROWS].join('\n'))));
    expect(issues.map((i) => [i.code, i.column]).sort()).toEqual([
      ['duplicate_column', 'size_mm'],
      ['missing_column', 'age'],
    ]);
    expect(issues.every((i) => i.line === 1 && i.row === null)).toBe(true);
  });

  it('empty group (a HER2 group with zero rows)', () => {
    const issues = errors(issuesOf(csv([GOOD_HEADER, GOOD_ROWS[0], GOOD_ROWS[1]].join('\n'))));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'empty_group', column: 'her2_group', value: 'over' });
    const cohort = readCohort(csv([GOOD_HEADER, GOOD_ROWS[0], GOOD_ROWS[1]].join('\n')), codebook, {
      allowEmptyGroups: true,
    });
    expect(cohort.rows).toHaveLength(2);
  });

  it('inconsistent derived columns: lesion_class, ki67_group, hr', () => {
    const rows = [
      'P1,zero,45,positive,negative,positive,30,high,21.5,mass,nme_related,irregular',
      'P2,low,52,negative,negative,positive,40,high,18,nme,nme_related,',
      'P3,over,61,negative,positive,positive,39.9,high,40.25,mass_with_nme,nme_related,NA',
    ];
    const issues = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issues.map((i) => [i.code, i.row, i.column, i.value, i.expected.split(' ')[0]])).toEqual([
      ['inconsistent_derived', 1, 'ki67_group', 'high', 'low'],
      ['inconsistent_derived', 1, 'lesion_class', 'nme_related', 'mass'],
      ['inconsistent_derived', 2, 'hr', 'positive', 'negative'],
      ['inconsistent_derived', 3, 'ki67_group', 'high', 'low'],
    ]);
  });

  it('mass_* recorded for a non-mass lesion', () => {
    const rows = [
      GOOD_ROWS[0],
      'P2,low,52,negative,negative,negative,40,high,18,nme,nme_related,oval_round',
      GOOD_ROWS[2],
    ];
    const [issue] = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issue).toMatchObject({ code: 'not_applicable', row: 2, line: 3, column: 'mass_shape', value: 'oval_round' });
    expect(issue.message).toMatch(/lesion_type = nme/);
  });

  it('ragged rows (too few, too many fields) and blank lines', () => {
    const rows = [GOOD_ROWS[0], 'P2,low,52,negative', '', `${GOOD_ROWS[2]},extra`];
    const issues = issuesOf(csv([GOOD_HEADER, ...rows].join('\n') + '\n'));
    // in file order (the streaming reader meets line 3 before the blank line 4)
    expect(issues.map((i) => [i.severity, i.code, i.row, i.line])).toEqual([
      ['error', 'ragged_row', 2, 3],
      ['warning', 'blank_row', null, 4],
      ['error', 'ragged_row', 3, 5],
      ['error', 'empty_group', null, null],
      ['error', 'empty_group', null, null],
    ]);
  });

  it('line numbers count physical lines when a quoted cell spans lines', () => {
    const header = `${GOOD_HEADER},note`;
    const rows = [`${GOOD_ROWS[0]},"two\nlines"`, `${GOOD_ROWS[1]},x`, `${GOOD_ROWS[2].replace('61', '6l')},y`];
    const [issue] = errors(issuesOf(csv([header, ...rows].join('\n'))));
    expect(issue).toMatchObject({ code: 'wrong_type', row: 3, line: 5, column: 'age', value: '6l' });
  });

  it('collects every issue of the file in one pass', () => {
    const rows = [
      'P1,zero,4O,positive,negative,positive,30,low,21.5,mass,mass,irregular',
      'P1,low,52,maybe,negative,negative,40,high,-3,nme,nme_related,',
      GOOD_ROWS[2],
    ];
    const issues = errors(issuesOf(csv([GOOD_HEADER, ...rows].join('\n'))));
    expect(issues.map((i) => i.code)).toEqual(['wrong_type', 'unknown_level', 'out_of_range', 'duplicate_id']);
    try {
      readCohort(csv([GOOD_HEADER, ...rows].join('\n')), codebook);
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')[0]).toMatch(/: 4 errors$/);
      expect(message).toMatch(/\(line 2, data row 1, column "age"\): "4O" is not an integer/);
    }
  });

  it('unclosed quote, UTF-16, invalid UTF-8, empty file, header only', () => {
    expect(
      errors(issuesOf(csv(`${GOOD_HEADER}\n"P1,zero,45\n`))).some((i) => i.message.includes('MissingQuotes')),
    ).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodCsv(), 'utf16le')]);
    expect(issuesOf(csv(utf16))[0]).toMatchObject({ code: 'encoding' });
    const latin1 = Buffer.from(`${GOOD_HEADER}\nP\xe9,zero\n`, 'latin1');
    const bad = issuesOf(csv(latin1))[0];
    expect(bad).toMatchObject({ code: 'encoding', line: 2, value: '0xe9' });
    expect(issuesOf(csv(''))[0]).toMatchObject({ code: 'empty_file' });
    expect(issuesOf(csv(`${GOOD_HEADER}\n`)).map((i) => i.code)).toEqual(['empty_group', 'empty_group', 'empty_group']);
  });

  it('readCohort refuses .xlsx with a pointer to readCohortAsync', () => {
    expect(issuesOf(csv('x', 'xlsx'))[0].message).toMatch(/readCohortAsync/);
  });

  it('readCohortAsync reads CSV too', async () => {
    const cohort = await readCohortAsync(csv(goodCsv()), codebook);
    expect(cohort.rows).toHaveLength(3);
  });
});

describe('readCohort: provenance hash from the streamed bytes', () => {
  it('the cohort carries the SHA-256 of the file it read, across chunk boundaries (no second read)', () => {
    const path = csv(goodCsv());
    expect(readCohort(path, codebook).sha256).toBe(sha(path));
    // 20 000 rows, 1.4 MB: more than one 1 MiB read
    const rows = Array.from({ length: 20_000 }, (_, i) => GOOD_ROWS[i % 3].replace(/^P\d/, `Q${i}`));
    const big = csv(`${GOOD_HEADER}\n${rows.join('\n')}\n`);
    expect(readFileSync(big).length).toBeGreaterThan(1 << 20);
    expect(readCohort(big, codebook).sha256).toBe(sha(big));
  });
});
