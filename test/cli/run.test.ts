import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.ts';
import { runCommand } from '../../src/cli/run.ts';
import { miniCohort, writeCsv, type MiniRow } from '../study/_miniCohort.ts';

const CODEBOOK = 'data/shen2025/codebook.yaml';

function capture(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: () => string; err: () => string } {
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
    const code = await runCommand('analyses/shen2025', { data: cohortFile(), codebook: CODEBOOK, out, replicates: '30', json: true }, c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(c.out()) as { files: string[]; preset: string; seed: number };
    expect(summary.files).toEqual(expect.arrayContaining(['index.html', 'results.json', 'table1.csv', 'sensitivity.csv']));
    expect(summary.preset).toBe('spss');
    expect(summary.seed).toBe(20250311);
    for (const f of summary.files) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('--preset r switches the conventions; --no-published compares with nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'restudy-out-'));
    const c = capture();
    expect(await runCommand('analyses/shen2025', { data: cohortFile(), codebook: CODEBOOK, out, preset: 'r', seed: '9', replicates: '20', published: false }, c.io)).toBe(0);
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
    expect(await runCommand('analyses/shen2025', { data: file, codebook: CODEBOOK, out: mkdtempSync(join(tmpdir(), 'o-')) }, c.io)).toBe(2);
    expect(c.err()).toContain(file);
    expect(c.err()).toMatch(/column "age"/);
    expect(c.err()).toMatch(/row 3/);
  });

  it('an analysis that cannot run on this cohort exits 1 and names the analysis', async () => {
    // every lesion a mass: Table 4 (NME-related lesions) has no patients
    const rows = miniCohort(5).map((r) => {
      if (r.lesion_class !== 'nme_related') return r;
      const out: MiniRow = { ...r, lesion_type: 'mass', lesion_class: 'mass', lesion_type_r1: 'mass', lesion_type_r2: 'mass' };
      for (const [v, level] of [['mass_shape', 'irregular'], ['mass_margin', 'not_circumscribed'], ['mass_enhancement', 'heterogeneous']]) {
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
    expect(await runCommand('analyses/shen2025', { data: join(dir, 'all-mass.csv'), codebook: CODEBOOK, out: join(dir, 'out'), replicates: '20' }, c.io)).toBe(1);
    expect(c.err()).toMatch(/an analysis could not be computed: table4: /);
  });

  it('bad options and a missing study exit 2 with the reason', async () => {
    const data = cohortFile();
    let c = capture();
    expect(await runCommand('analyses/shen2025', { data, codebook: CODEBOOK, out: 'x', preset: 'stata' }, c.io)).toBe(2);
    expect(c.err()).toMatch(/--preset must be one of spss, r; got "stata"/);
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
    for (const flag of ['--data', '--codebook', '--out', '--preset', '--seed', '--replicates', '--json', '--no-published']) expect(help).toContain(flag);
  });
});
