import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCodebook } from '../../src/data/codebook.ts';
import { DEFAULT_CSV_LIMITS, readCsvRecords } from '../../src/data/csvRecords.ts';
import { readCohort } from '../../src/data/readCohort.ts';
import { InputLimitError } from '../../src/io/errors.ts';
import { GOOD_HEADER, GOOD_ROWS, goodCsv, MINI_CODEBOOK, tempDir, writeTemp } from './_tmp.ts';

const codebook = parseCodebook(parseYaml(MINI_CODEBOOK));
const dir = tempDir('restudy-csvrec-');

function records(path: string, chunkBytes: number): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  readCsvRecords(
    path,
    { delimiter: () => undefined, record: (cells, line) => out.push({ cells, line }), syntaxError: () => undefined },
    DEFAULT_CSV_LIMITS,
    chunkBytes,
  );
  return out;
}

describe('readCsvRecords: the same records whatever the chunk size', () => {
  const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀', ';'), maxLength: 6 });
  it('round-trips random quoted tables across every chunk boundary', () => {
    let file = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom(1, 2, 3, 5, 64),
        (rows, eol, chunkBytes) => {
          const quote = (f: string): string => `"${f.replace(/"/g, '""')}"`;
          // the header line has no line break inside, so the delimiter is chosen as a comma
          const text = ['h1,h2', ...rows.map((r) => r.map(quote).join(','))].join(eol) + eol;
          const path = writeTemp(dir, `t${file++}.csv`, text);
          const got = records(path, chunkBytes);
          const want = [['h1', 'h2'], ...rows.map((r) => r.map((f) => f.replace(/\r\n?/g, '\n')))];
          expect(got.map((r) => r.cells)).toEqual(want);
          // each record starts on the physical line after the previous one's breaks
          let line = 1;
          for (const [k, r] of got.entries()) {
            expect(r.line).toBe(line);
            line += 1 + (want[k] ?? []).join('').split('\n').length - 1;
          }
        },
      ),
      { seed: 1403, numRuns: 300 },
    );
  });
  it('locates a UTF-8 error split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from(`${GOOD_HEADER}\nP1,zero,4`), Buffer.from([0xc3]), Buffer.from('x\n')]);
    const path = writeTemp(dir, 'bad-utf8.csv', bytes);
    for (const chunkBytes of [1, 2, 7, 1 << 20]) {
      const facts = readCsvRecords(
        path,
        { delimiter: () => undefined, record: () => undefined, syntaxError: () => undefined },
        DEFAULT_CSV_LIMITS,
        chunkBytes,
      );
      expect(facts.badEncoding).toEqual({ kind: 'utf8', offset: GOOD_HEADER.length + 10, line: 2, byte: 0xc3 });
    }
  });
});

describe('readCohort limits (issue 14 item 4)', () => {
  it('cohort: /dev/zero ends quickly with a clear error naming the flag', () => {
    const started = performance.now();
    let error: unknown;
    try {
      readCohort('/dev/zero', codebook);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as Error).message).toMatch(
      /^\/dev\/zero: the record starting on line 1 .* exceeds the limit of 1 MiB; raise it with --max-line-kb/,
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });
  it('refuses more rows than --max-rows, and more bytes than --max-input-mb', () => {
    const path = writeTemp(dir, 'three.csv', goodCsv());
    expect(() => readCohort(path, codebook, { limits: { maxRows: 2 } })).toThrow(
      /three\.csv: the cohort table exceeds the limit of 2 rows; raise it with --max-rows/,
    );
    expect(readCohort(path, codebook, { limits: { maxRows: 3 } }).rows).toHaveLength(3);
    expect(() => readCohort(path, codebook, { limits: { maxBytes: 100 } })).toThrow(
      /exceeds the limit of 100 bytes; raise it with --max-input-mb/,
    );
  });
  it('a long record within the limit is read', () => {
    const note = 'x'.repeat(3000);
    const text = `${GOOD_HEADER},note\n${GOOD_ROWS.map((r) => `${r},${note}`).join('\n')}\n`;
    const path = writeTemp(dir, 'long.csv', text);
    expect(readCohort(path, codebook, { limits: { maxRecordChars: 4000 } }).rows[2]?.note).toBe(note);
    expect(() => readCohort(path, codebook, { limits: { maxRecordChars: 2000 } })).toThrow(InputLimitError);
  });
  it('a file with an error on every row keeps a bounded number of messages', () => {
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `P${i},zero,4O,positive,negative,positive,30,low,21.5,mass,mass,irregular`,
    );
    const path = join(dir, 'many.csv');
    writeFileSync(path, [GOOD_HEADER, ...rows, GOOD_ROWS[1], GOOD_ROWS[2]].join('\n'));
    let issues = 0;
    try {
      readCohort(path, codebook);
    } catch (e) {
      issues = (e as { issues: unknown[] }).issues.length;
    }
    expect(issues).toBe(10_000);
  });
});

describe('codebook and printed-number readers are bounded too', () => {
  it('a codebook larger than --max-input-mb is refused with the flag named', async () => {
    const { configureInputLimits, DEFAULT_CSV_LIMITS: defaults } = await import('../../src/data/csvRecords.ts');
    const { loadCodebook } = await import('../../src/data/codebook.ts');
    const { loadPublishedFiles } = await import('../../src/data/published/loadPublished.ts');
    const path = writeTemp(dir, 'codebook.yaml', MINI_CODEBOOK);
    const published = tempDir('restudy-pub-');
    writeTemp(published, 'table1.json', `{"numbers": [${' '.repeat(400)}]}`);
    configureInputLimits({ maxBytes: 200 });
    try {
      expect(() => loadCodebook(path)).toThrow(
        /codebook\.yaml: the codebook exceeds the limit of 200 bytes; raise it with --max-input-mb/,
      );
      expect(() => loadPublishedFiles(published)).toThrow(
        /table1\.json: the published-numbers file exceeds the limit of 200 bytes/,
      );
    } finally {
      configureInputLimits(defaults);
    }
    expect(loadCodebook(path).study).toBe('mini');
  });
  it('a source level named like a JavaScript built-in must still be mapped by derivedFrom.map', () => {
    const yaml = `
study: proto
version: 1
columns:
  - { name: id, label: Id, type: string, role: id }
  - { name: g, label: G, type: categorical, role: group, levels: [{ code: a, label: A }] }
  - { name: src, label: Src, type: categorical, levels: [{ code: constructor, label: C }, { code: x, label: X }] }
  - name: dst
    label: Dst
    type: categorical
    levels: [{ code: y, label: Y }]
    derivedFrom: { kind: map, from: src, map: { x: y } }
`;
    expect(() => parseCodebook(parseYaml(yaml))).toThrow(/derivedFrom\.map of "dst" does not map level "constructor"/);
  });
});
