/**
 * Issue 14 item 6: arbitrary bytes and arbitrary YAML reaching the cohort reader and the spec loader never
 * crash with a stack trace (only the typed input errors escape), never end "ok" with NaN in a report, and
 * never change the input file. Seeded, so a failure is reproducible.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { runCommand } from '../../src/cli/run.ts';
import { loadCodebook } from '../../src/data/codebook.ts';
import { DataError } from '../../src/data/errors.ts';
import { readCohort } from '../../src/data/readCohort.ts';
import { UsageError } from '../../src/io/errors.ts';
import { loadStudy, SpecError } from '../../src/study/spec.ts';
import { miniCohort, writeCsv } from '../study/_miniCohort.ts';

const CODEBOOK = 'data/shen2025/codebook.yaml';
const codebook = loadCodebook(CODEBOOK);
const work = mkdtempSync(join(tmpdir(), 'restudy-fuzz-'));
let fileCount = 0;
const fresh = (name: string, content: string | Uint8Array): string => {
  const path = join(work, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
};

/** The cells a careless or hostile spreadsheet holds. */
const nastyCell = fc.constantFrom(
  '',
  'NA',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e309',
  '-0',
  '0x10',
  ' 3 ',
  '3,5',
  '∞',
  '—',
  'constructor',
  '__proto__',
  'toString',
  '=1+1',
  '"',
  '""',
  'zero',
  'low',
  'over',
  '101',
  '-1',
  '1.5',
  '1e-320',
  '\u0000',
  'é',
  '😀',
);
const goodCsv = (): string => {
  const path = join(work, `${fileCount++}-good.csv`);
  writeCsv(path, miniCohort(5));
  return readFileSync(path, 'utf8');
};

function expectOnlyTypedErrors(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    const typed = error instanceof DataError || error instanceof UsageError;
    expect(typed, `untyped ${(error as Error).name}: ${(error as Error).message}\n${(error as Error).stack}`).toBe(
      true,
    );
  }
}

describe('fuzz: the cohort reader', () => {
  it('arbitrary bytes: a cohort or a DataError, and the file keeps its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const path = fresh('bytes.csv', bytes);
        expectOnlyTypedErrors(() => readCohort(path, codebook));
        expect(readFileSync(path).equals(Buffer.from(bytes))).toBe(true);
      }),
      { seed: 6001, numRuns: 300 },
    );
  });
  it('a real cohort with cells replaced, rows cut or quotes broken: never NaN or Infinity in a typed row', () => {
    const base = goodCsv();
    const lines = base.trimEnd().split('\n');
    const width = (lines[0] ?? '').split(',').length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: lines.length - 1 }), fc.nat({ max: width - 1 }), nastyCell), { maxLength: 8 }),
        fc.option(fc.nat({ max: base.length - 1 })),
        (edits, cut) => {
          const grid = lines.map((l) => l.split(','));
          for (const [r, c, value] of edits) if (grid[r]) grid[r][c] = value;
          let text = `${grid.map((r) => r.join(',')).join('\n')}\n`;
          if (cut !== null) text = text.slice(0, cut);
          const path = fresh('edited.csv', text);
          try {
            const cohort = readCohort(path, codebook, { allowEmptyGroups: true });
            for (const row of cohort.rows) {
              for (const value of Object.values(row))
                if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
            }
          } catch (error) {
            expect(error instanceof DataError || error instanceof UsageError, String(error)).toBe(true);
          }
          expect(readFileSync(path, 'utf8')).toBe(text);
        },
      ),
      { seed: 6002, numRuns: 300 },
    );
  });
});

describe('fuzz: the spec loader (loadStudy)', () => {
  const studyText = readFileSync('analyses/shen2025/study.yaml', 'utf8');
  const studyDir = (text: string): string => {
    const dir = mkdtempSync(join(work, 'study-'));
    cpSync('analyses/shen2025', dir, { recursive: true });
    writeFileSync(join(dir, 'study.yaml'), text);
    return dir;
  };
  const snapshot = (dir: string): string =>
    readdirSync(dir)
      .sort()
      .map((n) => `${n}:${readFileSync(join(dir, n), 'utf8')}`)
      .join('\n');

  it('arbitrary bytes or YAML as study.yaml: a SpecError naming the file, the folder untouched', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => stringifyYaml(v)),
        ),
        (text) => {
          const dir = studyDir(text);
          const before = snapshot(dir);
          try {
            loadStudy(dir);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(SpecError);
            expect((error as Error).message).toContain('study.yaml');
          }
          expect(snapshot(dir)).toBe(before);
        },
      ),
      { seed: 6003, numRuns: 150 },
    );
  });

  it('the real study.yaml with one value replaced: a SpecError or a study, never another error', () => {
    const original = parseYaml(studyText) as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (node: unknown, path: string[]): void => {
      paths.push(path);
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk(original, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.oneof(nastyCell, fc.jsonValue({ maxDepth: 2 })),
        (path, value) => {
          const copy = structuredClone(original);
          let node = copy as Record<string, unknown>;
          for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
          node[path[path.length - 1] as string] = value;
          const dir = studyDir(stringifyYaml(copy));
          try {
            loadStudy(dir);
          } catch (error) {
            expect(error, `${path.join('.')} = ${JSON.stringify(value)}: ${String(error)}`).toBeInstanceOf(SpecError);
          }
        },
      ),
      { seed: 6004, numRuns: 200 },
    );
  });

  // Issue 14 items 5–6 (fixed on the study branch: presets and subgroups are Maps): names of JavaScript
  // built-ins are refused like any other unknown name.
  it('a built-in name (constructor, toString) as the study preset is refused', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const dir = studyDir(studyText.replace(/^preset: \S+/m, `preset: ${name}`));
      expect(() => loadStudy(dir), `preset: ${name}`).toThrow(SpecError);
    }
  });
});

describe('fuzz: restudy run end to end on damaged cohorts', () => {
  it('exit 0 only with a report free of NaN; otherwise exit 2 with a message and no stack trace', async () => {
    const base = goodCsv();
    const lines = base.trimEnd().split('\n');
    const width = (lines[0] ?? '').split(',').length;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: lines.length - 1 }), fc.nat({ max: width - 1 }), nastyCell), {
          maxLength: 4,
        }),
        async (edits) => {
          const grid = lines.map((l) => l.split(','));
          for (const [r, c, value] of edits) if (grid[r]) grid[r][c] = value;
          const text = `${grid.map((r) => r.join(',')).join('\n')}\n`;
          const data = fresh('run.csv', text);
          const out = join(work, `${fileCount++}-out`);
          let stderr = '';
          const io = { stdout: (): void => undefined, stderr: (s: string): void => void (stderr += s) };
          const code = await runCommand('analyses/shen2025', { data, codebook: CODEBOOK, out, replicates: '20' }, io);
          expect(readFileSync(data, 'utf8')).toBe(text);
          expect(stderr).not.toMatch(/\n\s+at /);
          if (code === 0) {
            for (const name of readdirSync(out).filter((n) => /\.(csv|html)$/.test(n))) {
              const content = readFileSync(join(out, name), 'utf8');
              expect(
                /(?:^|[,>\s])NaN(?:$|[,<\s])/m.test(content),
                `${name} shows NaN (edits ${JSON.stringify(edits)})`,
              ).toBe(false);
            }
          } else {
            expect([1, 2]).toContain(code);
            expect(stderr.length).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 6005, numRuns: 6 },
    );
  }, 300_000);
});
