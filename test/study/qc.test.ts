/**
 * Issue 15: the report prints the per-patient flag counts. A manifest of six synthetic patients (two readers, noise
 * from clean to hopeless) → `restudy features --manifest` → the features table joined to the Shen cohort →
 * `restudy run analyses/shen2025` → the QC section (kind `qc`) in index.html and results.json, every number
 * recomputed here from the features table itself. Also: a cohort without the count columns gets a note, a spec
 * naming a column that does not exist stops the run (exit 2).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { qcKind, qcSchema } from '../../src/study/kinds/qc.ts';
import type { ColumnInfo } from '../../src/study/types.ts';
import { runFeaturesCli } from '../imaging/featuresCli.ts';
import { writePhantom } from '../imaging/phantom.ts';

type Csv = Record<string, string>[];
const parse = (text: string): { rows: Csv; fields: string[] } => {
  const p = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return { rows: p.data, fields: p.meta.fields ?? [] };
};

const root = mkdtempSync(join(tmpdir(), 'restudy-qc-'));
const JITTERED = [0, 5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000];
/** SNR at b = 0 per patient: clean, clean, moderate, noisy, hopeless, clean with a band of K ≈ 2.9 voxels. */
const SNR = [150, 150, 30, 10, 3, 150];
const cohort = parse(readFileSync('data/shen2025/cohort.synthetic.csv', 'utf8'));
const patients = cohort.rows.slice(0, SNR.length);

interface Run {
  features: Csv;
  results: { tables: { id: string; rows: TableRow[]; warnings: string[]; notes: string[] }[] };
  html: string;
  stderr: string;
}
interface TableRow {
  key: string;
  label: string;
  cells: Record<string, { text: string; parts: { column: string; value: number | null }[] }>;
}

async function runReport(data: string, out: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCommand(
    'analyses/shen2025',
    { data, out, replicates: '20' },
    { stdout: () => {}, stderr: (s) => (stderr += s) },
  );
  return { code, stderr };
}

let run: Run;
beforeAll(async () => {
  const lines = ['patient_id,dwi,bvals,voi_r1,voi_r2'];
  patients.forEach((p, n) => {
    const d = Number(p.d_mean) * 1e-3;
    writePhantom(join(root, p.patient_id), {
      dims: [8, 6, 2],
      bvals: JITTERED,
      snr: SNR[n],
      seed: 77 + n,
      // patient 6: the voxels of the first column have K ≈ 2.9, so S(2000) > S(1400) (non-monotone)
      truth: (i) => ({ d, k: n === 5 && i % 8 === 1 ? 2.9 : Number(p.k_mean), s0: 1000 }),
      vois: [
        [1, 0, 0, 6, 5, 1],
        [1, 1, 0, 7, 4, 1],
      ],
    });
    const f = (name: string): string => `${p.patient_id}/${name}`;
    lines.push([p.patient_id, f('dwi.nii.gz'), f('dwi.bval'), f('voi_r1.nii.gz'), f('voi_r2.nii.gz')].join(','));
  });
  writeFileSync(join(root, 'patients.csv'), `${lines.join('\n')}\n`);
  const featuresFile = join(root, 'features.csv');
  const r = await runFeaturesCli(['--manifest', join(root, 'patients.csv'), '--out', featuresFile, '--workers', '1']);
  expect(r.code, r.stderr).toBe(0);
  const features = parse(readFileSync(featuresFile, 'utf8'));
  // the cohort with these six patients' features joined by patient_id; the other patients have no counts
  const byId = new Map(features.rows.map((row) => [row.patient_id, row]));
  const merged = cohort.rows.map((p) => ({ ...p, ...byId.get(p.patient_id) }));
  const data = join(root, 'cohort.csv');
  writeFileSync(data, `${Papa.unparse(merged, { columns: [...new Set([...cohort.fields, ...features.fields])] })}\n`);
  const out = join(root, 'report');
  const rep = await runReport(data, out);
  expect(rep.code, rep.stderr).toBe(0);
  run = {
    features: features.rows,
    results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')),
    html: readFileSync(join(out, 'index.html'), 'utf8'),
    stderr: rep.stderr,
  };
}, 240_000);

const qcTable = () => {
  const t = run.results.tables.find((x) => x.id === 'imageQc');
  expect(t, 'the QC table in results.json').toBeDefined();
  return t as NonNullable<typeof t>;
};
/** The number a cell holds for a reader column (r1, r2) or its share (r1_share). */
const valueAt = (rowKey: string, column: string): number | null => {
  const row = qcTable().rows.find((r) => r.key === rowKey);
  expect(row, rowKey).toBeDefined();
  const reader = column.replace(/_share$/, '');
  const part = row?.cells[reader]?.parts.find((p) => p.column === column);
  expect(part, `${rowKey} | ${column}`).toBeDefined();
  return part?.value ?? null;
};

const num = (row: Record<string, string>, column: string): number => Number(row[column]);
const total = (column: string): number => run.features.reduce((a, row) => a + num(row, column), 0);

describe('kind qc: the flag counts of a features batch in the report', () => {
  it('the batch has flagged voxels to count (else the test proves nothing)', () => {
    expect(run.features).toHaveLength(SNR.length);
    for (const r of ['r1', 'r2']) {
      expect(total(`voi_dki_flagged_${r}`)).toBeGreaterThan(0);
      expect(total(`voi_adc_flagged_${r}`)).toBeGreaterThan(0);
      expect(total(`voi_dki_nonmonotone_${r}`)).toBeGreaterThan(0);
    }
  });

  it('per reader: patients with counts, voxels, each code summed and as a share of the VOI voxels', () => {
    for (const r of ['r1', 'r2']) {
      const voxels = total(`voi_voxels_${r}`);
      expect(valueAt('patients', r)).toBe(SNR.length); // integer counts
      expect(valueAt('voxels', r)).toBe(voxels);
      for (const fit of ['adc', 'dki']) {
        const flagged = total(`voi_${fit}_flagged_${r}`);
        expect(valueAt(`${fit}:flagged`, r)).toBe(flagged);
        expect(valueAt(`${fit}:flagged`, `${r}_share`)).toBeCloseTo(flagged / voxels, 14);
        expect(valueAt(`${fit}:used`, r)).toBe(total(`voi_${fit}_used_${r}`));
        const anyFlag = run.features.filter((row) => num(row, `voi_${fit}_flagged_${r}`) > 0).length;
        expect(valueAt(`${fit}:patients_flagged`, r)).toBe(anyFlag);
        const codes: [number, string][] = [
          [1, 'nonpositive'],
          [2, 'nonmonotone'],
          [4, 'failed'],
          ...(fit === 'dki' ? ([[8, 'k_clipped']] as [number, string][]) : []),
        ];
        for (const [code, name] of codes) {
          const count = total(`voi_${fit}_${name}_${r}`);
          expect(valueAt(`${fit}:code${code}`, r)).toBe(count);
          expect(valueAt(`${fit}:code${code}`, `${r}_share`)).toBeCloseTo(count / voxels, 14);
        }
      }
    }
  });

  it('patients above the warning level are listed by id, in the table and as a warning', () => {
    for (const r of ['r1', 'r2']) {
      for (const fit of ['adc', 'dki']) {
        const above = run.features
          .filter((row) => num(row, `voi_${fit}_flagged_${r}`) / num(row, `voi_voxels_${r}`) > 0.25)
          .map((row) => row.patient_id);
        expect(valueAt(`${fit}:above`, r)).toBe(above.length);
        const cell = qcTable().rows.find((x) => x.key === `${fit}:above`)?.cells[r];
        for (const id of above) expect(cell?.text).toContain(id);
        if (fit === 'dki') expect(above.length, 'the SNR 3 patient at least').toBeGreaterThan(0);
        if (above.length) {
          const reader = r === 'r1' ? 'Reader 1' : 'Reader 2';
          const warning = qcTable().warnings.find((w) => w.includes(reader) && w.startsWith(fit.toUpperCase()));
          expect(warning, `${fit} ${r}`).toBeDefined();
          for (const id of above) expect(warning).toContain(id);
        }
      }
    }
  });

  it('index.html shows the section with the same numbers; the patients without counts are named, not dropped', () => {
    const section = run.html.slice(run.html.indexOf('<section id="imageQc"'));
    const html = section.slice(0, section.indexOf('</section>'));
    expect(html).toContain('Voxels flagged by the ADC and DKI fits');
    expect(html).toContain('Code 8: K clipped to its range');
    const flagged = total('voi_dki_flagged_r1');
    const share = (100 * flagged) / total('voi_voxels_r1');
    expect(html).toContain(`${flagged} (${share.toFixed(1)}%)`);
    expect(html).toMatch(new RegExp(`Reader 1: ${cohort.rows.length - SNR.length} of ${cohort.rows.length} patients`));
    expect(run.html).toMatch(/<nav>.*href="#imageQc"/s);
    // each warning reaches the page's findings, linked to the section
    expect(qcTable().warnings.length).toBeGreaterThan(0);
    for (const w of qcTable().warnings) expect(run.html).toContain(`<a href="#imageQc">Image QC</a>: ${w}`);
  });
});

describe('kind qc: a cohort without counts, a spec with a wrong column', () => {
  it('the synthetic cohort (no voi_* columns) gets a note, not an empty table or a warning', async () => {
    const out = join(root, 'plain');
    expect((await runReport('data/shen2025/cohort.synthetic.csv', out)).code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const t = results.tables.find((x: { id: string }) => x.id === 'imageQc');
    expect(t.rows).toEqual([]);
    expect(t.warnings).toEqual([]);
    expect(t.notes[0]).toMatch(/No patient of the 232 has the count columns/);
  }, 120_000);

  it('a count column the codebook does not have: exit 2 naming file and field', async () => {
    const dir = join(root, 'badstudy');
    mkdirSync(dir);
    const spec = readFileSync('analyses/shen2025/qc.yaml', 'utf8').replace('voi_dki_k_clipped', 'voi_dki_kclip');
    writeFileSync(join(dir, 'qc.yaml'), spec);
    const abs = (p: string): string => join(process.cwd(), p);
    writeFileSync(
      join(dir, 'study.yaml'),
      [
        'title: QC only',
        'data:',
        `  cohort: ${abs('data/shen2025/cohort.synthetic.csv')}`,
        `  codebook: ${abs('data/shen2025/codebook.yaml')}`,
        'analyses: [qc.yaml]',
      ].join('\n'),
    );
    let stderr = '';
    const code = await runCommand(
      dir,
      { out: join(root, 'bad_out') },
      { stdout: () => {}, stderr: (s) => (stderr += s) },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/qc.yaml/);
    expect(stderr).toMatch(/fits\.1\.flags\.3\.column: no column "voi_dki_kclip_r1" in the codebook/);
  });
});

describe('kind qc: every name checked before any work', () => {
  const numeric = (name: string): [string, ColumnInfo] => [name, { name, label: name, type: 'numeric' }];
  const columns = new Map<string, ColumnInfo>([
    ...['vox', 'flag', 'c1', 'c2'].flatMap((s) => [numeric(`${s}_a`), numeric(`${s}_b`)]),
    ['grp_a', { name: 'grp_a', label: 'group', type: 'categorical', levels: [{ code: 'x', label: 'x' }] }],
  ]);
  const ctx = { columns, subgroups: new Map(), earlier: new Map() };
  const spec = (over: Record<string, unknown>) =>
    qcSchema.parse({
      id: 'q',
      kind: 'qc',
      title: 'QC',
      voxels: 'vox',
      readers: [
        { suffix: '_a', label: 'A' },
        { suffix: '_b', label: 'B' },
      ],
      fits: [{ id: 'f', label: 'Fit', flagged: 'flag', flags: [{ code: 1, label: 'one', column: 'c1' }] }],
      ...over,
    });

  it('a valid spec has no problems; maxFlaggedShare defaults to 0.25', () => {
    expect(qcKind.check(spec({}), ctx)).toEqual([]);
    expect(spec({}).maxFlaggedShare).toBe(0.25);
  });

  it.each([
    [{ voxels: 'voxx' }, 'voxels: no column "voxx_a" in the codebook'],
    [{ voxels: 'grp' }, 'voxels: "grp_a" is categorical; a numeric column is needed'],
    [{ subgroup: 'nope' }, 'subgroup: no subgroup "nope" (have all)'],
    [
      {
        readers: [
          { suffix: '_a', label: 'A' },
          { suffix: '__a', label: 'A again' },
        ],
      },
      'readers.1.suffix: gives the same column key "a" as an earlier reader',
    ],
    [
      {
        fits: [
          { id: 'f', label: 'F', flagged: 'flag' },
          { id: 'f', label: 'G', flagged: 'flag' },
        ],
      },
      'fits.1.id: "f" is used twice',
    ],
    [
      {
        fits: [
          {
            id: 'f',
            label: 'F',
            flagged: 'flag',
            flags: [
              { code: 2, label: 'x', column: 'c1' },
              { code: 2, label: 'y', column: 'c2' },
            ],
          },
        ],
      },
      'fits.0.flags.1.code: 2 is listed twice in fit "f"',
    ],
  ])('%j → %s', (over, problem) => {
    expect(qcKind.check(spec(over), ctx)).toContain(problem);
  });

  it('the schema refuses a share outside [0, 1] and a spec without fits', () => {
    expect(() => spec({ maxFlaggedShare: 1.5 })).toThrow();
    expect(() => spec({ fits: [] })).toThrow();
  });
});
