/**
 * Renders the Shen et al. 2025 paper as a journal-like HTML page made here: the prose of the seed
 * text extraction (../shared/seed) with its garbled table blocks dropped, and Tables 1–4 typeset from
 * data/shen2025/published. It is the test document of `restudy extract` / `restudy audit` on
 * documents: tests print it to PDF with Chromium (`--print-to-pdf`) in one and two columns.
 *
 * Row labels are readable forms of the transcription's row ids ("Mass shape" / "Oval round",
 * "K<sub>Mean</sub>", "ADC<sub>5%</sub>"), since mapping a paper's own vocabulary onto a codebook is
 * the reviewer's correction step, not the reader's; headers are printed as the paper prints them.
 *
 * Run: npx tsx scripts/render-shen2025.ts OUT_DIR   (writes shen2025-1col.html and shen2025-2col.html)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePrinted } from '../src/data/published/parsePrinted.ts';
import type { PublishedFile, PublishedNumber } from '../src/data/published/types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(ROOT, '../shared/seed/000_aecabc301ae83983.txt');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Seed markup (markdown, `$…$` TeX, `<sub>`) to HTML inline text. */
function inlineHtml(line: string): string {
  const tex = line
    .replace(/\$([^$]{1,80})\$/g, (_m, body: string) =>
      body
        .replace(/\\pm/g, '±')
        .replace(/\\%/g, '%')
        .replace(/_\{([^}]*)\}|_(\w)/g, (_x, a?: string, b?: string) => `<sub>${a ?? b}</sub>`)
        .replace(/\^\{([^}]*)\}|\^(\w)/g, (_x, a?: string, b?: string) => `<sup>${a ?? b}</sup>`)
        .replace(/\\[a-z]+/g, '')
        .replace(/[{}]/g, '')
        .trim(),
    )
    .replace(/\\_/g, '_')
    .replace(/\\\*/g, '*');
  return esc(tex)
    .replace(/&lt;(\/?)(sub|sup|i|b)&gt;/g, '<$1$2>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\*([^*]+)\*/g, '<i>$1</i>');
}

const BASE_SUFFIX = /_(pct|mean|sd|median|q1|q3|ci_lower|ci_upper|lower|upper|min|max)$/;
const HEADERS: Record<string, string> = {
  p: '<i>p</i>-Value',
  p1: '<i>p</i><sup>1</sup>-Value (Low vs. Zero)',
  p2: '<i>p</i><sup>2</sup>-Value (Low vs. Over)',
  auc: 'AUC',
  auc_ci: '95% CI',
  sensitivity: 'Sensitivity%',
  specificity: 'Specificity%',
  cutoff: 'Cut-Off Value',
};
const GROUP_LABEL: Record<string, string> = { total: 'Total', zero: 'HER2-Zero', low: 'HER2-Low', over: 'HER2-Over' };

/** "mass_shape" → "Mass shape"; "k_mean" → "K<sub>Mean</sub>"; "adc_p5" → "ADC<sub>5%</sub>". */
function rowLabel(part: string): string {
  const feature = /^(adc|d|k|combined)_(.+)$/.exec(part);
  if (feature) {
    const head = feature[1] === 'combined' ? 'Combined' : feature[1].toUpperCase();
    const sub = feature[2].replace(/^p(\d+)$/, '$1%');
    return `${head}<sub>${sub[0].toUpperCase()}${sub.slice(1)}</sub>`;
  }
  const words = part.replace(/_/g, ' ');
  return esc(words[0].toUpperCase() + words.slice(1));
}

/** One published file's table rows as an HTML table (the n row becomes the headers). */
export function renderTable(file: PublishedFile, caption: string): string {
  const numbers = file.numbers.filter((e) => e.location.table.startsWith('table'));
  const nRow = numbers.filter((e) => e.location.row === 'her2_group' && e.kind === 'n');
  const body = numbers.filter((e) => !(e.location.row === 'her2_group' && e.kind === 'n'));
  const columns: string[] = [];
  const rows: string[] = [];
  const cell = new Map<string, PublishedNumber>();
  for (const e of body) {
    // a stand-alone CI cell "0.543-0.794" is column `<c>_lower/_upper`; "0.763 (0.667–0.859)" is `<c>` with `_ci_*`
    const standalone = parsePrinted(e.printed).form === 'range';
    const base = e.location.column.replace(standalone ? /_(lower|upper|min|max)$/ : BASE_SUFFIX, '');
    if (!columns.includes(base)) columns.push(base);
    if (!rows.includes(e.location.row)) rows.push(e.location.row);
    const key = `${e.location.row}\u0000${base}`;
    if (!cell.has(key)) cell.set(key, e);
  }
  const groupN = (c: string): number | undefined =>
    nRow.find((e) => e.location.column === c)?.value ?? file.context?.groups?.[c] ?? undefined;
  const groupOrder = ['total', 'zero', 'low', 'over'];
  columns.sort((a, b) => {
    const rank = (c: string): number => (groupOrder.includes(c) ? groupOrder.indexOf(c) : 10 + columns.indexOf(c));
    return rank(a) - rank(b);
  });
  const head = columns.map((c) => {
    if (Object.hasOwn(GROUP_LABEL, c)) {
      const n = groupN(c);
      return `<th>${GROUP_LABEL[c]}${n === undefined ? '' : ` (n = ${n})`}</th>`;
    }
    return `<th>${HEADERS[c] ?? esc(c)}</th>`;
  });
  const firstHeader = columns.includes('auc') ? 'MRI Features' : 'Characteristics';
  const tr = rows.map((row) => {
    const level = row.includes(':');
    const label = level ? rowLabel(row.slice(row.lastIndexOf(':') + 1)) : rowLabel(row);
    const tds = columns.map((c) => `<td>${esc(cell.get(`${row}\u0000${c}`)?.printed ?? '')}</td>`);
    return `<tr${level ? ' class="level"' : ''}><th scope="row">${label}</th>${tds.join('')}</tr>`;
  });
  return `<table>\n<caption>${inlineHtml(caption)}</caption>\n<thead><tr><th>${firstHeader}</th>${head.join('')}</tr></thead>\n<tbody>\n${tr.join('\n')}\n</tbody>\n</table>`;
}

const CSS_COMMON = `
body { font: 10pt/1.35 "DejaVu Serif", serif; margin: 0; }
h1 { font-size: 15pt; } h2 { font-size: 11.5pt; }
table { border-collapse: collapse; margin: 10pt 0; font-size: 8.5pt; width: 100%; break-inside: auto; }
caption { text-align: left; font-weight: bold; margin-bottom: 4pt; }
th, td { padding: 1.5pt 7pt; text-align: left; white-space: nowrap; vertical-align: top; }
thead th { border-bottom: 0.6pt solid #000; white-space: normal; }
tr.level th { padding-left: 16pt; font-weight: normal; }
tbody th { font-weight: normal; }
@page { size: A4; margin: 18mm 16mm; }
`;
const CSS_TWO_COLUMNS = `
.body { column-count: 2; column-gap: 9mm; }
table, .table-note { column-span: all; }
`;

/** The whole paper as one HTML document; `columns: 2` sets the prose in two columns (tables span both). */
export function renderShenHtml(opts: {
  columns: 1 | 2;
  seedText?: string;
  published?: Record<string, PublishedFile>;
}): string {
  const seed = opts.seedText ?? readFileSync(SEED, 'utf8');
  const published = opts.published ?? loadTables();
  const out: string[] = [];
  let title = '';
  for (const raw of seed.split('\n')) {
    const line = raw.trim();
    if (/^## References/.test(line)) break;
    if (!line || raw.includes('\t') || /^\S*Tomography\S*\s+\S*2025/.test(line) || /^!\[|^\*\*Figure|^<img/.test(line))
      continue;
    if (/^Table \d+\.\s/.test(line) && !/ shows /.test(line)) continue; // seed captions: our tables carry their own
    const shows = /^Table (\d+) shows/.exec(line);
    if (shows && published[`table${shows[1]}`]) {
      const f = published[`table${shows[1]}`];
      out.push(renderTable(f, f.title?.replace(/ \(.*$/, '') ?? `Table ${shows[1]}.`));
      out.push(`<p class="table-note">${inlineHtml(line)}</p>`);
      continue;
    }
    const heading = /^(#+)\s*(.*)$/.exec(line);
    if (heading) {
      if (!title) {
        title = heading[2];
        out.push(`<h1>${inlineHtml(title)}</h1>`);
      } else out.push(`<h2>${inlineHtml(heading[2])}</h2>`);
      continue;
    }
    out.push(`<p>${inlineHtml(line.replace(/^- /, ''))}</p>`);
  }
  const css = CSS_COMMON + (opts.columns === 2 ? CSS_TWO_COLUMNS : '');
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n<style>${css}</style>\n</head>\n<body>\n<div class="body">\n${out.join('\n')}\n</div>\n</body>\n</html>\n`;
}

function loadTables(): Record<string, PublishedFile> {
  const out: Record<string, PublishedFile> = {};
  for (const name of ['table1', 'table2', 'table3', 'table4']) {
    const json = JSON.parse(readFileSync(join(ROOT, `data/shen2025/published/${name}.json`), 'utf8')) as PublishedFile;
    out[name] = { ...json, file: name };
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: npx tsx scripts/render-shen2025.ts OUT_DIR\n');
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  for (const columns of [1, 2] as const)
    writeFileSync(join(outDir, `shen2025-${columns}col.html`), renderShenHtml({ columns }));
  process.stdout.write(`wrote ${outDir}/shen2025-{1,2}col.html\n`);
}
