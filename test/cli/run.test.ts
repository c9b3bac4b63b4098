import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { buildProgram } from '../../src/cli.ts';
import { type MiniRow, miniCohort, writeCsv } from '../study/_miniCohort.ts';

const CODEBOOK = 'data/shen2025/codebook.yaml';

function capture(): {
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
  out: () => string;
  err: () => string;
} {
  let o = '';
  let e = '';
  return { io: { stdout: (s) => (o += s), stderr: (s) => (e += s) }, out: () => o, err: () => e };
}

function cohortFile(mutate?: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-cli-'));
  const file = join(dir, 'cohort.csv');
  writeCsv(file, miniCohort(5));
  if (mutate) writeFileSync(file, mutate(readFileSync(file, 'utf8')));
  return file;
}

describe('restudy run', () => {
  it('writes the report and prints a JSON summary; quiet on stderr when not a TTY', async () => {
    const out = mkdtempSync(join(tmpdir(), 'restudy-out-'));
    const c = capture();
    const code = await runCommand(
      'analyses/shen2025',
      { data: cohortFile(), codebook: CODEBOOK, out, replicates: '30', json: true },
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(c.out()) as { files: string[]; preset: string; seed: number };
    expect(summary.files).toEqual(
      expect.arrayContaining(['index.html', 'results.json', 'table1.csv', 'sensitivity.csv']),
    );
    expect(summary.preset).toBe('spss');
    expect(summary.seed).toBe(20250311);
    for (const f of summary.files) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('--preset r switches the conventions; --no-published compares with nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'restudy-out-'));
    const c = capture();
    expect(
      await runCommand(
        'analyses/shen2025',
        { data: cohortFile(), codebook: CODEBOOK, out, preset: 'r', seed: '9', replicates: '20', published: false },
        c.io,
      ),
    ).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(result.preset.name).toBe('r');
    expect(result.preset.conventions).toMatchObject({ yates: true, quantileType: 7, orCi: 'profile' });
    expect(result.seed).toBe(9);
    expect(result.input.publishedCount).toBe(0);
    expect(c.out()).toMatch(/wrote \d+ files/);
  });

  it('bad input exits 2 and names file, row and column', async () => {
    const file = cohortFile((t) => {
      const lines = t.split('\n');
      const header = lines[0].split(',');
      const cells = lines[3].split(',');
      cells[header.indexOf('age')] = 'forty';
      lines[3] = cells.join(',');
      return lines.join('\n');
    });
    const c = capture();
    expect(
      await runCommand(
        'analyses/shen2025',
        { data: file, codebook: CODEBOOK, out: mkdtempSync(join(tmpdir(), 'o-')) },
        c.io,
      ),
    ).toBe(2);
    expect(c.err()).toContain(file);
    expect(c.err()).toMatch(/column "age"/);
    expect(c.err()).toMatch(/row 3/);
  });

  it('an analysis that cannot run on this cohort exits 1 and names the analysis', async () => {
    // every lesion a mass: Table 4 (NME-related lesions) has no patients
    const rows = miniCohort(5).map((r) => {
      if (r.lesion_class !== 'nme_related') return r;
      const out: MiniRow = {
        ...r,
        lesion_type: 'mass',
        lesion_class: 'mass',
        lesion_type_r1: 'mass',
        lesion_type_r2: 'mass',
      };
      for (const [v, level] of [
        ['mass_shape', 'irregular'],
        ['mass_margin', 'not_circumscribed'],
        ['mass_enhancement', 'heterogeneous'],
      ]) {
        out[v] = level;
        out[`${v}_r1`] = level;
        out[`${v}_r2`] = level;
      }
      for (const v of ['nme_distribution', 'nme_enhancement']) {
        out[v] = null;
        out[`${v}_r1`] = null;
        out[`${v}_r2`] = null;
      }
      return out;
    });
    const dir = mkdtempSync(join(tmpdir(), 'restudy-cli-'));
    writeCsv(join(dir, 'all-mass.csv'), rows);
    const c = capture();
    expect(
      await runCommand(
        'analyses/shen2025',
        { data: join(dir, 'all-mass.csv'), codebook: CODEBOOK, out: join(dir, 'out'), replicates: '20' },
        c.io,
      ),
    ).toBe(1);
    expect(c.err()).toMatch(/an analysis could not be computed: table4: /);
  });

  it('bad options and a missing study exit 2 with the reason', async () => {
    const data = cohortFile();
    let c = capture();
    expect(await runCommand('analyses/shen2025', { data, codebook: CODEBOOK, out: 'x', preset: 'stata' }, c.io)).toBe(
      2,
    );
    expect(c.err()).toMatch(/--preset: preset must be one of r, spss; got "stata"/);
    // names of JavaScript built-ins are names like any other (own-property maps)
    for (const preset of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      c = capture();
      expect(await runCommand('analyses/shen2025', { data, codebook: CODEBOOK, out: 'x', preset }, c.io), preset).toBe(
        2,
      );
      expect(c.err()).toContain(`got "${preset}"`);
    }
    c = capture();
    expect(await runCommand('analyses/shen2025', { data, codebook: CODEBOOK, out: 'x', seed: '-3' }, c.io)).toBe(2);
    expect(c.err()).toMatch(/--seed must be a positive integer/);
    c = capture();
    expect(await runCommand('analyses/nope', { data, codebook: CODEBOOK, out: 'x' }, c.io)).toBe(2);
    expect(c.err()).toMatch(/study\.yaml: invalid analysis spec\n\s+file not found/);
  });
});

describe('restudy --help', () => {
  it('lists run with its flags', async () => {
    const run = (await buildProgram()).commands.find((c) => c.name() === 'run');
    expect(run).toBeDefined();
    const help = run!.helpInformation();
    for (const flag of [
      '--data',
      '--codebook',
      '--out',
      '--preset',
      '--seed',
      '--replicates',
      '--json',
      '--no-published',
    ])
      expect(help).toContain(flag);
  });
});

/** A copy of a study folder with one text edit; data paths in study.yaml made absolute to the original. */
function studyCopy(src: string, file: string, from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-study-'));
  cpSync(src, dir, { recursive: true });
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
  return dir;
}

describe('restudy run: no silent losses (issue 11), runner robustness (issue 14)', () => {
  it('a group level typed with the wrong case stops the run before any work: exit 2 naming file and field', async () => {
    const dir = studyCopy(
      'test/fixtures/r/study/general',
      'table1.yaml',
      'by: dx',
      'by: { variable: dx, levels: [benign, Malignant] }',
    );
    const out = join(mkdtempSync(join(tmpdir(), 'o-')), 'report');
    const c = capture();
    expect(await runCommand(dir, { out }, c.io)).toBe(2);
    expect(c.err()).toContain(join(dir, 'table1.yaml'));
    expect(c.err()).toContain('by.levels.1: "Malignant" is not a level of dx (have benign, malignant)');
    expect(existsSync(out)).toBe(false);
  });

  it('a variable that matches nothing, an unknown test, a numeric summary of a categorical column: exit 2', async () => {
    for (const [to, message] of [
      ['  - { variable: no_such_column }\n  - sex', 'rows.3.variable: no column "no_such_column"'],
      ['  - { variable: sex, test: mannwhitney }', 'rows.3.test: unknown test "mannwhitney"; allowed: auto, chisq'],
      [
        '  - { variable: sex, summary: mean_sd }',
        'rows.3.summary: mean_sd needs a numeric column; "sex" is categorical',
      ],
      ['  - { variable: __proto__ }', 'rows.3.variable: no column "__proto__"'],
    ]) {
      const dir = studyCopy('test/fixtures/r/study/general', 'table1.yaml', '  - sex', to);
      const c = capture();
      expect(await runCommand(dir, { out: join(mkdtempSync(join(tmpdir(), 'o-')), 'r') }, c.io), to).toBe(2);
      expect(c.err()).toContain(message);
    }
  });

  it('an XLSX cohort runs through restudy run, with the same numbers as its CSV', async () => {
    const csv = readFileSync('test/fixtures/r/study/general/cohort.csv', 'utf8').trim().split('\n');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cohort');
    for (const line of csv)
      ws.addRow(
        line
          .split(',')
          .map((cell, i) =>
            i === 0 && cell === line.split(',')[0] && line === csv[0]
              ? cell.replace(/"/g, '')
              : cell === ''
                ? null
                : /^"/.test(cell)
                  ? cell.replace(/"/g, '')
                  : Number(cell),
          ),
      );
    const dir = mkdtempSync(join(tmpdir(), 'restudy-xlsx-'));
    await wb.xlsx.writeFile(join(dir, 'cohort.xlsx'));
    const run = async (data?: string): Promise<Record<string, unknown>> => {
      const out = join(mkdtempSync(join(tmpdir(), 'o-')), 'r');
      const c = capture();
      expect(
        await runCommand('test/fixtures/r/study/general', { out, replicates: '20', ...(data ? { data } : {}) }, c.io),
        c.err(),
      ).toBe(0);
      return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    };
    const fromXlsx = await run(join(dir, 'cohort.xlsx'));
    const fromCsv = await run();
    expect(String((fromXlsx.input as { cohort: string }).cohort)).toMatch(/cohort\.xlsx$/);
    expect(JSON.stringify(fromXlsx.tables)).toBe(JSON.stringify(fromCsv.tables));
  });

  it('a synthetic cohort (sidecar) gets a banner and a flag; a corrupt sidecar is exit 2 naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restudy-syn-'));
    writeCsv(join(dir, 'cohort.csv'), miniCohort(5));
    writeFileSync(join(dir, 'cohort.meta.json'), JSON.stringify({ synthetic: 'SYNTHETIC DATA: made for a test.' }));
    const out = join(dir, 'out');
    const c = capture();
    expect(
      await runCommand(
        'analyses/shen2025',
        { data: join(dir, 'cohort.csv'), codebook: CODEBOOK, out, replicates: '20' },
        c.io,
      ),
    ).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(result.synthetic).toBe(true);
    expect(result.framing).toBe('reproduction');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(
      /<div class="banner" role="note"><strong>Synthetic cohort\.<\/strong> SYNTHETIC DATA: made for a test\./,
    );
    expect(c.out()).toContain('(SYNTHETIC cohort)');
    writeFileSync(join(dir, 'cohort.meta.json'), '{"synthetic": ');
    const c2 = capture();
    expect(
      await runCommand(
        'analyses/shen2025',
        { data: join(dir, 'cohort.csv'), codebook: CODEBOOK, out: join(dir, 'out2') },
        c2.io,
      ),
    ).toBe(2);
    expect(c2.err()).toContain(join(dir, 'cohort.meta.json'));
  });

  it('a degenerate row (no variance in either group) gives that row NA and a warning; the run goes on', async () => {
    const dir = studyCopy('test/fixtures/r/study/general', 'study.yaml', 'cohort: cohort.csv', 'cohort: flat.csv');
    const lines = readFileSync(join(dir, 'cohort.csv'), 'utf8').trim().split('\n');
    const col = lines[0].split(',').indexOf('"marker2"');
    writeFileSync(
      join(dir, 'flat.csv'),
      [
        lines[0],
        ...lines.slice(1).map((l) =>
          l
            .split(',')
            .map((v, i) => (i === col ? '5' : v))
            .join(','),
        ),
      ].join('\n') + '\n',
    );
    const out = join(mkdtempSync(join(tmpdir(), 'o-')), 'report');
    const c = capture();
    expect(await runCommand(dir, { out, replicates: '20' }, c.io), c.err()).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const t1 = result.tables.find((t: { id: string }) => t.id === 'table1');
    expect(t1.rows.find((r: { key: string }) => r.key === 'marker2').cells.p.text).toBe('NA');
    expect(result.findings.warnings.map((w: { message: string }) => w.message).join('\n')).toMatch(
      /Marker 2: p not computed/,
    );
    expect(c.out()).toMatch(/warning/);
  });
});
