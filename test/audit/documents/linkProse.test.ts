/**
 * The prose linker and the group-size inference on small HTML papers written here: each link rule
 * with a consistent, an inconsistent and an on-the-bound case, and the cases it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { auditDocument, extractTables } from '../../../src/audit/documents/auditDocument.ts';
import { tableCitations } from '../../../src/audit/documents/captions.ts';
import { readHtml } from '../../../src/audit/documents/html.ts';
import { linkProse } from '../../../src/audit/documents/linkProse.ts';
import { readDocument } from '../../../src/audit/documents/readDocument.ts';
import { createRng } from '../../../src/stats/_shared/random.ts';
import { makePdf, type PdfTextLine } from './_pdf.ts';

const HEAD = [
  'Characteristic',
  'Placebo (n = 40)',
  'Low dose (n = 50)',
  'High dose (n = 45)',
  'p-Value',
  'p1-Value (Low dose vs. Placebo)',
  'p2-Value (Low dose vs. High dose)',
];

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const tr = (cells: readonly string[], tag: string) =>
    `<tr>${cells.map((c) => `<${tag}>${c.replace(/</g, '&lt;')}</${tag}>`).join('')}</tr>`;
  return `<table><caption>${caption}</caption><thead>${tr(head, 'th')}</thead><tbody>${rows
    .map((r) => tr(r, 'td'))
    .join('')}</tbody></table>`;
}

interface Cells {
  smoking?: readonly [string, string, string];
  lesion?: readonly [string, string, string];
  auc?: readonly [string, string, string];
  crpLow?: string;
}

function table1(n: number | string, cells: Cells = {}): string {
  const [p, p1, p2] = cells.smoking ?? ['0.004', '< 0.001', '0.020'];
  const [lp, lp1, lp2] = cells.lesion ?? ['0.010', '0.030', '0.200'];
  return table(`Table ${n}. Characteristics of the patients.`, HEAD, [
    ['Smoking', '', '', '', p, p1, p2],
    ['Yes', '12 (30.0%)', '20 (40.0%)', '15 (33.3%)', '', '', ''],
    ['No', '28 (70.0%)', '30 (60.0%)', '30 (66.7%)', '', '', ''],
    ['CRP', '3.50 ± 1.00', cells.crpLow ?? '2.90 ± 1.10', '3.00 ± 0.90', '0.040', '0.030', '0.600'],
    ['Lesion class', '', '', '', lp, lp1, lp2],
    ['Mass', '30 (75.0%)', '30 (60.0%)', '20 (44.4%)', '', '', ''],
    ['Non-mass', '10 (25.0%)', '20 (40.0%)', '25 (55.6%)', '', '', ''],
  ]);
}

function table2(caption: string, cells: Cells = {}): string {
  const [a, b, c] = cells.auc ?? ['0.712', '0.650', '0.780'];
  return table(
    caption,
    ['Marker', 'AUC', '95% CI', 'Sensitivity%', 'Specificity%'],
    [
      ['CRP', a, '0.600-0.820', '75.00', '72.00'],
      ['IL-6', b, '0.540-0.760', '70.00', '60.00'],
      ['Combined model', c, '0.680-0.880', '80.00', '76.00'],
    ],
  );
}

const NON_MASS = 'Table 2. Markers differentiating Low dose and High dose in non-mass lesions.';

function paper(prose: readonly string[], cells: Cells = {}, extra = ''): string {
  return `<html><body><h1>Results</h1>${prose.map((p) => `<p>${p.replace(/</g, '&lt;')}</p>`).join('')}${table1(1, cells)}${table2(
    NON_MASS,
    cells,
  )}${extra}</body></html>`;
}

function linked(html: string) {
  const doc = readHtml(html);
  const audit = auditDocument(doc, 'paper.html');
  const checks = audit.checks.filter((c) => c.kind === 'restatement' || c.kind === 'range-claim');
  return { audit, checks, status: Object.fromEntries(checks.map((c) => [c.id, c.status])) };
}

/** Sizes 20 and 25 inferred for Low dose vs High dose, and the statement of where they came from. */
function expectSizes(context: object, text: string, from: string): void {
  expect(context).toMatchObject({ groups: { low_dose: 20, high_dose: 25 }, comparison: ['low_dose', 'high_dose'] });
  expect(text).toBe(`group sizes ${from}; Table 2 names the groups in its caption and prints no sizes`);
}

describe('group sizes of a table that prints none', () => {
  it('a subset in the caption ("in non-mass lesions") takes the counts of the row it spells', () => {
    const { tables, inferred } = extractTables(readHtml(paper([])));
    expectSizes(
      tables[1].context,
      inferred[0].text,
      'Low dose 20, High dose 25 from Table 1, row "Non-mass" (the caption\'s "in non-mass lesions")',
    );
  });
  it('no subset: the sizes of the column headers', () => {
    const html = `<html><body>${table1(1)}${table2('Table 2. Markers differentiating Low dose and High dose.')}</body></html>`;
    const { tables } = extractTables(readHtml(html));
    expect(tables[1].context.groups).toEqual({ low_dose: 50, high_dose: 45 });
    expect(tables[1].context.note).toMatch(/from the column headers of Table 1;/);
  });
  it('a subset no row spells, or a caption naming one or three groups: no sizes (never a guess)', () => {
    for (const caption of [
      'Table 2. Markers differentiating Low dose and High dose in smokers over 60.',
      'Table 2. Markers of Low dose response.',
      'Table 2. Markers in Placebo, Low dose and High dose.',
    ]) {
      const { tables, warnings } = extractTables(readHtml(`<html><body>${table1(1)}${table2(caption)}</body></html>`));
      expect(tables[1].context.groups).toBeUndefined();
      if (caption.includes('smokers')) expect(warnings.join()).toMatch(/no table row gives the group sizes/);
    }
  });
  it('no table prints the sizes: the prose "Low dose (n = 20)" gives them, never for a subset or two sizes', () => {
    const doc = (prose: string, caption: string) =>
      readHtml(`<html><body><p>${prose}</p>${table2(caption)}</body></html>`);
    const said = 'We randomised Low dose (n = 20) and High dose (n = 25) patients.';
    const { tables, inferred } = extractTables(doc(said, 'Table 2. Markers differentiating Low dose and High dose.'));
    expectSizes(
      tables[0].context,
      inferred[0].text,
      'Low dose 20 (page 1, line 1), High dose 25 (page 1, line 1) from the prose',
    );
    const audit = auditDocument(doc(said, 'Table 2. Markers differentiating Low dose and High dose.'), 'p.html');
    expect(audit.checks.filter((c) => c.kind === 'sens-spec').map((c) => c.status)).toEqual([
      'consistent',
      'consistent',
      'consistent',
    ]);
    for (const [prose, caption] of [
      [said, NON_MASS],
      [`${said} At one year Low dose (n = 18) remained.`, 'Table 2. Markers differentiating Low dose and High dose.'],
    ])
      expect(extractTables(doc(prose, caption)).tables[0].context.groups).toBeUndefined();
  });
  it('the diagnostic checks then run, and say where the sizes came from', () => {
    const { audit } = linked(paper([]));
    const sens = audit.checks.filter((c) => c.kind === 'sens-spec');
    expect(sens.map((c) => c.status)).toEqual(['consistent', 'consistent', 'consistent']);
    expect(sens[0].where.at(-1)).toMatch(/^group sizes Low dose 20, High dose 25 from Table 1, row "Non-mass"/);
  });
});

describe('p claims linked to table cells', () => {
  const S = 'Smoking and lesion class differed between the Low dose group and others (all p < 0.05).';
  it('"between X and others (all p < …)": every pairwise column with X, every row named', () => {
    const r = linked(paper([S]));
    expect(r.status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
      'restatement:text/smoking/p2': 'consistent',
      'restatement:text/lesion_class/p1': 'consistent',
      'restatement:text/lesion_class/p2': 'inconsistent',
    });
    const bad = r.checks.find((c) => c.status === 'inconsistent')!;
    expect(bad.message).toBe('< 0.05 contradicts table1/lesion_class/p2, printed 0.200');
    expect(bad.where[0]).toBe(
      `line 2, column 74: "${S}" → Table 1, row "Lesion class", column "p2-Value (Low dose vs. High dose)" ` +
        '("lesion class" names the row; low_dose vs each other group)',
    );
  });
  it('on the bound: p < 0.05 against a printed 0.050 is consistent, against 0.051 it is not', () => {
    const at = linked(paper([S], { lesion: ['0.010', '0.030', '0.050'] }));
    expect(at.status['restatement:text/lesion_class/p2']).toBe('consistent');
    const beyond = linked(paper([S], { lesion: ['0.010', '0.030', '0.051'] }));
    expect(beyond.status['restatement:text/lesion_class/p2']).toBe('inconsistent');
  });
  it('two groups named → their pairwise column (consistent, inconsistent, on the rounding bound)', () => {
    const s = 'Smoking was more common with Low dose than with Placebo (p = 0.03).';
    for (const [cell, status] of [
      ['0.030', 'consistent'],
      ['0.025', 'consistent'], // 0.03 stands for [0.025, 0.035]
      ['0.024', 'inconsistent'],
    ] as const)
      expect(linked(paper([s], { smoking: ['0.004', cell, '0.020'] })).status).toEqual({
        'restatement:text/smoking/p1': status,
      });
  });
  it('"more in A than in B and C (p = …, p = …, respectively)": each claim the column of its pair', () => {
    const s =
      'Smoking was more frequent in Low dose than in Placebo and High dose (p < 0.001 and p = 0.02, respectively).';
    expect(linked(paper([s])).status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
      'restatement:text/smoking/p2': 'consistent', // 0.02 stands for [0.015, 0.025]: the printed 0.020
    });
    expect(linked(paper([s], { smoking: ['0.004', '< 0.001', '0.026'] })).status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
      'restatement:text/smoking/p2': 'inconsistent',
    });
    // as many groups after "than" as claims, or no link
    const short = 'Smoking was more frequent in Low dose than in Placebo (p < 0.001 and p = 0.02, respectively).';
    expect(linked(paper([short])).checks).toEqual([]);
  });
  it('"among the three groups" / "between the groups" → the omnibus p; a label right before its p', () => {
    const s = 'Smoking (p = 0.004) and lesion class (p = 0.02) differed among the three groups.';
    expect(linked(paper([s])).status).toEqual({
      'restatement:text/smoking/p': 'consistent',
      'restatement:text/lesion_class/p': 'inconsistent',
    });
  });
  it('left alone: model p values, thresholds, unpaired claims, a label in two tables with none cited', () => {
    const prose = [
      'In multivariable analysis, smoking remained an independent predictor for Low dose vs. Placebo (p = 0.41).',
      'Smoking with p < 0.5 in univariate analysis was considered for the model between Low dose and Placebo.',
      'Smoking was more frequent in Low dose patients (p = 0.9, p = 0.8).',
      'The AUC of smoking for Low dose vs. Placebo was higher (p = 0.7).',
    ];
    expect(linked(paper(prose)).checks).toEqual([]);
    const twice = `${paper([]).replace('</body></html>', '')}${table1(3)}</body></html>`;
    const ambiguous = twice.replace(
      '<h1>Results</h1>',
      '<p>Smoking differed between Low dose and Placebo (p = 0.9).</p>',
    );
    expect(linked(ambiguous).checks).toEqual([]);
    const cited = ambiguous.replace('(p = 0.9)', '(p = 0.9; Table 3)');
    expect(Object.keys(linked(cited).status)).toEqual(['restatement:text/smoking/p1']);
    expect(linked(cited).checks[0].inputs).toEqual(['text/smoking/p1', 'table3/smoking/p1']);
  });
});

describe('claims of direction between two groups', () => {
  const directions = (html: string) =>
    Object.fromEntries(
      linked(html)
        .audit.checks.filter((c) => c.kind === 'direction')
        .map((c) => [c.id, c.status]),
    );
  it('"lower in A than in B" against the printed means: consistent, the opposite, equal within rounding', () => {
    const lower = 'CRP was lower in Low dose than in Placebo (p = 0.03).';
    expect(directions(paper([lower]))).toEqual({ 'direction:text/crp/p1': 'consistent' });
    expect(directions(paper(['CRP was higher in Low dose than in Placebo (p = 0.03).']))).toEqual({
      'direction:text/crp/p1': 'inconsistent',
    });
    // the groups the other way round: Placebo higher than Low dose is Low dose lower than Placebo
    expect(directions(paper(['Placebo had higher CRP than Low dose (p = 0.03).']))).toEqual({
      'direction:text/crp/p1': 'consistent',
    });
    expect(directions(paper([lower], { crpLow: '3.50 ± 1.10' }))).toEqual({ 'direction:text/crp/p1': 'implausible' });
  });
  it('no claim without "than" between the groups, or with words both ways', () => {
    for (const s of [
      'Compared with Placebo, Low dose had lower CRP (p = 0.03).',
      'CRP was lower or higher in Low dose than in Placebo (p = 0.03).',
    ]) {
      expect(directions(paper([s]))).toEqual({});
      expect(linked(paper([s])).status).toEqual({ 'restatement:text/crp/p1': 'consistent' });
    }
  });
});

describe('"ranged from" claims linked to a column', () => {
  it('all rows of the cited table (consistent, inconsistent, on the bound)', () => {
    for (const [claim, il6, status] of [
      ['0.650 to 0.780', '0.650', 'consistent'],
      ['0.652 to 0.780', '0.650', 'inconsistent'],
      ['0.65 to 0.78', '0.655', 'consistent'], // 0.65 stands for [0.645, 0.655]: the printed 0.655 is on its bound
      ['0.65 to 0.78', '0.656', 'inconsistent'],
    ] as const) {
      const r = linked(paper([`The AUC values ranged from ${claim} (Table 2).`], { auc: ['0.712', il6, '0.780'] }));
      expect(r.status).toEqual({ 'range-claim:text/table2_auc/auc_range_min': status });
    }
  });
  it('"individual" leaves out the rows named Combined/model; rows named in the sentence are those rows', () => {
    const single = linked(paper(['The AUC values of individual markers ranged from 0.650 to 0.780 (Table 2).']));
    expect(single.checks[0].message).toBe('the maximum is 0.712 (table2/crp/auc), not 0.780');
    expect(single.checks[0].where[0]).toMatch(/the rows not named "Combined…"\/"model".*: "CRP", "IL-6"$/);
    const named = linked(paper(['For CRP and IL-6 the AUC values ranged from 0.650 to 0.712.']));
    expect(named.status).toEqual({ 'range-claim:text/table2_auc/auc_range_min': 'consistent' });
  });
  it('left alone: two tables with the column and none cited, a noun that names no column', () => {
    const two = paper(['The AUC values ranged from 0.1 to 0.2.'], {}, table2('Table 3. More markers.'));
    expect(linked(two).checks).toEqual([]);
    expect(linked(paper(['Ages ranged from 21 to 80 (Table 2).'])).checks).toEqual([]);
  });
});

describe('no false alarms from links', () => {
  it('40 seeded papers restating their own cells in every linked phrasing: all 320 links consistent', () => {
    const fmt = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));
    let links = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed);
      const p = () => 10 ** (-4 * rng.uniform());
      const smoking = [p(), p(), p()].map(fmt) as unknown as [string, string, string];
      const lesion = [p(), p(), p()].map(fmt) as unknown as [string, string, string];
      const auc = [0.6 + 0.3 * rng.uniform(), 0.6 + 0.3 * rng.uniform(), 0.6 + 0.3 * rng.uniform()].map((x) =>
        x.toFixed(3),
      ) as unknown as [string, string, string];
      const said = (cell: string) => (cell.startsWith('<') ? `p ${cell}` : `p = ${cell}`);
      const singles = auc.slice(0, 2).map(Number);
      const prose = [
        `Smoking differed between Low dose and Placebo (${said(smoking[1])}).`,
        `Lesion class was more common with Low dose than with High dose (${said(lesion[2])}).`,
        `Smoking (${said(smoking[0])}) and lesion class (${said(lesion[0])}) differed among the three groups.`,
        `Lesion class differed between Placebo and Low dose (${said(lesion[1])}) and between High dose and Low dose (${said(lesion[2])}).`,
        `The AUC values ranged from ${Math.min(...auc.map(Number)).toFixed(3)} to ${Math.max(...auc.map(Number)).toFixed(3)} (Table 2).`,
        `The AUC values of individual markers ranged from ${Math.min(...singles).toFixed(3)} to ${Math.max(...singles).toFixed(3)}.`,
      ];
      const r = linked(paper(prose, { smoking, lesion, auc }));
      links += r.checks.length;
      expect(r.checks.filter((c) => c.status !== 'consistent')).toEqual([]);
    }
    expect(links).toBe(40 * 8);
  });
});

it('linkProse returns nothing for a document without tables', () => {
  expect(linkProse(readHtml('<p>Smoking differed (p = 0.01).</p>'), [])).toEqual([]);
});

describe('issue 12 leftovers: prose as journal PDFs print it', () => {
  it("'p ¼ 0.03' (a font's '=' read as '¼') links to its cell as 'p = 0.03' does; the where shows it as printed", () => {
    const s = 'Smoking differed between Low dose and Placebo (p \u00BC 0.03).';
    for (const [cell, status] of [
      ['0.030', 'consistent'],
      ['0.024', 'inconsistent'],
    ] as const) {
      const r = linked(paper([s], { smoking: ['0.004', cell, '0.020'] }));
      expect(r.status).toEqual({ 'restatement:text/smoking/p1': status });
      expect(r.checks[0].where[0]).toMatch(/^line 2, column 48: "Smoking differed .* \(p \u00BC 0\.03\)\." → Table 1/);
    }
  });
  it("a PDF whose text layer prints 'p ¼ 0.009': the line keeps '¼' as printed and the claim links", async () => {
    const row = (y: number, cells: readonly string[]): PdfTextLine[] =>
      cells.map((text, i) => ({ x: [60, 200, 320, 440][i], y, size: 10, text }));
    const pdf = (cell: string) =>
      makePdf([
        [
          { x: 60, y: 780, size: 10, text: 'Smoking differed between Placebo and Low dose (p \u00BC 0.009).' },
          { x: 60, y: 740, size: 10, text: 'Table 1. Characteristics of the patients.' },
          ...row(720, ['Characteristic', 'Placebo (n = 40)', 'Low dose (n = 50)', 'p-Value']),
          ...row(706, ['Smoking', '12 (30.0%)', '30 (60.0%)', cell]),
          ...row(692, ['Age, years', '51.2 \u00B1 9.8', '49.9 \u00B1 10.4', '0.540']),
        ],
      ]);
    for (const [cell, status] of [
      ['0.009', 'consistent'],
      ['0.010', 'consistent'], // [0.0085, 0.0095] and [0.0095, 0.0105] share their bound
      ['0.011', 'inconsistent'],
    ] as const) {
      const doc = await readDocument(pdf(cell), 'pdf');
      expect(doc.lines[0].text).toBe('Smoking differed between Placebo and Low dose (p \u00BC 0.009).');
      const checks = auditDocument(doc, 'paper.pdf').checks.filter((c) => c.kind === 'restatement');
      expect(checks.map((c) => [c.id, c.status])).toEqual([['restatement:text/smoking/p', status]]);
    }
  });
  it("thin and non-breaking spaces, full-width '＝' in a claim: linked as their ASCII forms (a guard)", () => {
    const s = 'Smoking differed between Low\u00A0dose and Placebo (p\u2009\uFF1D\u20090.03).';
    expect(linked(paper([s], { smoking: ['0.004', '0.030', '0.020'] })).status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
    });
  });
  it("a document's prose statistics with '¼' are read (the reader keeps '¼' through NFKC)", () => {
    const audit = auditDocument(readHtml('<p>Scores differed, t(28) \u00BC 2.10, p \u00BC .045.</p>'), 'p.html');
    expect(audit.proseResults).toBe(1);
    expect(audit.checks.map((c) => [c.kind, c.status])).toEqual([['reported-test', 'consistent']]);
    expect(audit.checks[0].where[0]).toBe('line 1, column 18: "t(28) \u00BC 2.10, p \u00BC .045"');
  });
});

describe('issue 12 leftovers: tables cited as journals number them', () => {
  // the label "Smoking" is in two tables: only the table the sentence cites may be linked
  const copyOfTable1 = (caption: string) => table1(1).replace('Table 1.', `${caption}.`);
  for (const [caption, cite, key] of [
    ['eTable 2', 'eTable 2', 'tableE2'],
    ['Table A1', 'Table A1', 'tableA1'],
    ['TABLE IV', 'Table IV', 'table4'],
    ['Supplementary Table 5', 'Table S5', 'tableS5'],
    ['Table S3', 'Supplementary Table S3', 'tableS3'],
  ] as const)
    it(`"(${cite})" in prose cites the table captioned "${caption}." (${key})`, () => {
      const said = `Smoking differed between Low dose and Placebo (p = 0.9; ${cite}).`;
      const r = linked(paper([said], {}, copyOfTable1(caption)));
      expect(Object.keys(r.status)).toEqual(['restatement:text/smoking/p1']);
      expect(r.checks[0].inputs).toEqual(['text/smoking/p1', `${key}/smoking/p1`]);
    });
  it('a range cites "eTable 3" among two tables with an AUC column', () => {
    const r = linked(paper(['The AUC values ranged from 0.650 to 0.780 (eTable 3).'], {}, table2('eTable 3. More.')));
    expect(r.status).toEqual({ 'range-claim:text/tableE3_auc/auc_range_min': 'consistent' });
  });
  it('one definition: prose citations read as caption keys, lists after "Tables" included', () => {
    const cites = (text: string) => tableCitations(text);
    expect(cites('as in Tables 2 and 3, eTable 4, Table A1, Table II and Supplementary Table 5 (table S6)')).toEqual([
      'table2',
      'table3',
      'tableE4',
      'tableA1',
      'table2',
      'tableS5',
      'tableS6',
    ]);
    expect(cites('Tables 1, 2, and 4 show it; Table 2 shows the arms')).toEqual([
      'table1',
      'table2',
      'table4',
      'table2',
    ]);
    // not a table: a word ending in "table", a number too long, lower-case Roman numerals
    expect(cites('a suitable 3 cohort, Table 1000, table ii')).toEqual([]);
    // a list needs its separator: "Tables 2 3 patients" cites table 2 only
    expect(cites('Tables 2 3 patients; Tables S1 and 2')).toEqual(['table2', 'tableS1', 'tableS2']);
  });
  it('bounded time: 100 kB of "Tables 1, " lists and of "Tables 1 " repeats', () => {
    for (const unit of ['Tables 1, ', 'Tables 1 ', 'eTables ']) {
      const t0 = performance.now();
      tableCitations(unit.repeat(100_000 / unit.length));
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
});

describe('issue 12 leftovers: group names spelled another way', () => {
  const her2 = (prose: string, caption = 'Table 2. Markers differentiating HER2-low and HER2-overexpression.') =>
    extractTables(readHtml(`<html><body><p>${prose}</p>${table2(caption)}</body></html>`));
  it('"HER2-overexpressed (n = 20)" in prose gives the size of the caption\'s "HER2-overexpression"', () => {
    const { tables, inferred } = her2('We enrolled HER2-low (n = 91) and HER2-overexpressed (n = 20) patients.');
    expect(tables[0].context.groups).toEqual({ low: 91, overexpressed: 20 });
    expect(inferred[0].text).toMatch(/^group sizes HER2-low 91 \(page 1, line 1\), HER2-overexpressed 20 \(page 1/);
  });
  it('conservative: two sizes for one caption group, or a label matching both groups, give no sizes', () => {
    const twice = 'HER2-low (n = 91), HER2-overexpressed (n = 20) and HER2-overexpression (n = 22) were seen.';
    expect(her2(twice).tables[0].context.groups).toBeUndefined();
    const both = 'HER2-low (n = 91) and HER2 (n = 111) were seen.';
    expect(her2(both).tables[0].context.groups).toBeUndefined();
    // a stem is no looser than its word: "lower" is not "low", "treatment" is not "treated"
    const lower = 'HER2-lower (n = 91) and HER2-overexpressed (n = 20) were seen.';
    expect(her2(lower).tables[0].context.groups).toBeUndefined();
  });
  it('the linker names groups with the same tolerance: "HER2-overexpressed" is the column "HER2-Overexpression"', () => {
    const html = (said: string, p = '0.030') =>
      readHtml(
        `<p>${said}</p>${table(
          'Table 1. Receptors.',
          ['Receptor', 'HER2-Low (n = 50)', 'HER2-Overexpression (n = 40)', 'p'],
          [['ER positive', '30 (60.0%)', '12 (30.0%)', p]],
        )}`,
      );
    const said = 'ER positive was more frequent in HER2-low than in HER2-overexpressed tumours (p = 0.03).';
    const status = (doc: ReturnType<typeof readHtml>) =>
      auditDocument(doc, 'p.html')
        .checks.filter((c) => c.kind === 'restatement')
        .map((c) => [c.id, c.status]);
    expect(status(html(said))).toEqual([['restatement:text/er_positive/p', 'consistent']]);
    expect(status(html(said, '0.040'))).toEqual([['restatement:text/er_positive/p', 'inconsistent']]);
  });
});

describe('issue 12 leftovers: two p values for one label, each after its pair', () => {
  const twoPairs = (p1: string, p2: string) =>
    `Smoking differed between Low dose and Placebo (${p1}) and between Low dose and High dose (${p2}).`;
  it('"between A and B (p = …) and between A and C (p = …)": each p the column of the pair named just before it', () => {
    const r = linked(paper([twoPairs('p < 0.001', 'p = 0.02')]));
    expect(r.status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
      'restatement:text/smoking/p2': 'consistent', // 0.02 stands for [0.015, 0.025]: the printed 0.020
    });
    expect(r.checks[1].where[0]).toMatch(
      /column "p2-Value \(Low dose vs\. High dose\)" .*low_dose vs high_dose, the pair named before this p\)$/,
    );
    // on the bound and one beyond it
    const at = linked(paper([twoPairs('p < 0.001', 'p = 0.02')], { smoking: ['0.004', '< 0.001', '0.025'] }));
    expect(at.status['restatement:text/smoking/p2']).toBe('consistent');
    const beyond = linked(paper([twoPairs('p < 0.001', 'p = 0.02')], { smoking: ['0.004', '< 0.001', '0.026'] }));
    expect(beyond.status).toEqual({
      'restatement:text/smoking/p1': 'consistent',
      'restatement:text/smoking/p2': 'inconsistent',
    });
  });
  it('a pair in either order, and a direction claimed with "than" inside a pair', () => {
    const s =
      'CRP was lower in Low dose than in Placebo (p = 0.03) and did not differ between High dose and Low dose (p = 0.6).';
    const r = linked(paper([s]));
    expect(r.status).toEqual({ 'restatement:text/crp/p1': 'consistent', 'restatement:text/crp/p2': 'consistent' });
    const directions = r.audit.checks.filter((c) => c.kind === 'direction').map((c) => [c.id, c.status]);
    expect(directions).toEqual([['direction:text/crp/p1', 'consistent']]);
  });
  it('left alone unless every p has its own pair named just before it', () => {
    for (const s of [
      // the second p has one group before it
      'Smoking differed between Low dose and Placebo (p < 0.001) and High dose (p = 0.02).',
      // no group before the first p
      'Smoking differed (p < 0.001) and between Low dose and High dose (p = 0.02).',
      // three groups before the first p
      'Smoking differed between Low dose, Placebo and High dose (p < 0.001) and between Low dose and High dose (p = 0.02).',
      // two rows named
      'Smoking and lesion class differed between Low dose and Placebo (p < 0.001) and between Low dose and High dose (p = 0.02).',
    ])
      expect(linked(paper([s])).checks, s).toEqual([]);
  });
});
