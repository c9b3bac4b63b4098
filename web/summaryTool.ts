/**
 * The page's summary-table tool: drop a CSV/XLSX → columns typed (changeable) → pick the grouping column and
 * the preset → the table with each test chosen and named; downloads as CSV and as a self-contained HTML page.
 */

import type { SummaryTableResult } from '../src/study/kinds/summaryTable.ts';
import { type ColumnInfo, type ColumnType, inferColumns, isMissing, nonNumericCells, typedRows } from './columns.ts';
import { byId, download, dropZone, el, fileBytes, nextFrame, showError } from './dom.ts';
import { type RawTable, readTable } from './readTable.ts';
import { methodOf, pColumns, pValueOf, summaryCsv, summaryHtml } from './summaryExport.ts';
import { type NumericSummary, type PagePreset, type SummaryColumn, summaryTable } from './summaryTable.ts';

interface Loaded {
  table: RawTable;
  columns: ColumnInfo[];
}

export function setUpSummaryTool(): void {
  const error = byId('summary-error');
  const status = byId('summary-status');
  let loaded: Loaded | null = null;
  let result: SummaryTableResult | null = null;

  dropZone(byId('summary-drop'), byId<HTMLInputElement>('summary-file'), async (file) => {
    showError(error, null);
    byId('summary-setup').hidden = true;
    byId('summary-results').hidden = true;
    status.textContent = `Reading ${file.name}…`;
    try {
      const table = await readTable(file.name, await fileBytes(file));
      loaded = { table, columns: inferColumns(table.header, table.cells) };
      showSetup(loaded);
      status.textContent = `${file.name}: ${table.cells.length} rows, ${table.header.length} columns${table.warnings.length ? `; ${table.warnings.join('; ')}` : ''}.`;
    } catch (e) {
      status.textContent = '';
      showError(error, (e as Error).message);
    }
  });

  byId('summary-all').addEventListener('click', () => setIncluded(true));
  byId('summary-none').addEventListener('click', () => setIncluded(false));
  byId('summary-make').addEventListener('click', async () => {
    if (!loaded) return;
    showError(error, null);
    status.textContent = 'Computing…';
    await nextFrame();
    try {
      result = makeTable(loaded);
      renderTable(result);
      status.textContent = '';
    } catch (e) {
      status.textContent = '';
      showError(error, (e as Error).message);
    }
  });
  byId('summary-download-csv').addEventListener(
    'click',
    () => result && download('summary-table.csv', summaryCsv(result), 'text/csv'),
  );
  byId('summary-download-html').addEventListener(
    'click',
    () => result && loaded && download('summary-table.html', summaryHtml(result, loaded.table.file), 'text/html'),
  );
}

/** Per-column summary of a numeric row; '' follows the table's "Numeric rows show" setting. */
const SUMMARY_CHOICES: readonly (readonly [NumericSummary | '', string])[] = [
  ['', 'summary: as the table'],
  ['median_iqr', 'median (Q1, Q3)'],
  ['mean_sd', 'mean ± SD'],
  ['median_range', 'median (min, max)'],
];

function setIncluded(on: boolean): void {
  for (const box of document.querySelectorAll<HTMLInputElement>('#summary-columns input[type=checkbox]'))
    box.checked = on;
}

let loadedTable: RawTable | null = null;

/** The distinct values of a column, sorted as the table sorts them (natural order). */
function groupValues(table: RawTable, column: string): string[] {
  const j = table.header.indexOf(column);
  const values = new Set(table.cells.map((row) => row[j]?.trim() ?? '').filter((v) => !isMissing(v)));
  return [...values].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare);
}

function showSetup({ table, columns }: Loaded): void {
  loadedTable = table;
  const group = byId<HTMLSelectElement>('summary-group');
  const candidates = columns.filter((c) => c.type === 'categorical');
  group.replaceChildren(...candidates.map((c) => el('option', { value: c.name }, `${c.name} (${c.distinct} values)`)));
  const firstGood = candidates.find((c) => c.distinct >= 2 && c.distinct <= 10);
  if (firstGood) group.value = firstGood.name;
  const order = byId<HTMLInputElement>('summary-order');
  const fillOrder = (): void => {
    order.value = groupValues(loadedTable!, group.value).join(', ');
  };
  group.onchange = fillOrder;
  fillOrder();
  const list = byId('summary-columns');
  list.replaceChildren(
    ...columns.map((c, i) => {
      const id = `col-${i}`;
      const include = c.type === 'numeric' || c.type === 'categorical';
      const summarySelect = el(
        'select',
        {
          'aria-label': `summary of ${c.name}`,
          'data-column': c.name,
          class: 'col-summary',
          hidden: c.type !== 'numeric',
        },
        ...SUMMARY_CHOICES.map(([v, label]) => el('option', { value: v }, label)),
      );
      const typeSelect = el(
        'select',
        { 'aria-label': `type of ${c.name}`, 'data-column': c.name, class: 'col-type' },
        ...(['numeric', 'categorical', 'id', 'empty'] as const).map((t) =>
          el('option', { value: t, selected: t === c.type }, t),
        ),
      );
      typeSelect.addEventListener('change', () => (summarySelect.hidden = typeSelect.value !== 'numeric'));
      return el(
        'li',
        {},
        el('input', { type: 'checkbox', id, 'data-column': c.name, checked: include }),
        el('label', { for: id }, c.name),
        typeSelect,
        summarySelect,
        el('span', { class: 'reason' }, `${c.reason}; ${c.missing} missing`),
      );
    }),
  );
  byId('summary-setup').hidden = false;
}

function makeTable({ table, columns }: Loaded): SummaryTableResult {
  const types: Record<string, ColumnType> = {};
  for (const c of columns) types[c.name] = c.type;
  for (const s of document.querySelectorAll<HTMLSelectElement>('#summary-columns select.col-type'))
    types[s.dataset.column!] = s.value as ColumnType;
  const groupColumn = byId<HTMLSelectElement>('summary-group').value;
  if (!groupColumn) throw new Error('Pick a grouping column (the file has no categorical column).');
  types[groupColumn] = 'categorical';
  const chosen: SummaryColumn[] = [];
  for (const box of document.querySelectorAll<HTMLInputElement>('#summary-columns input[type=checkbox]')) {
    const name = box.dataset.column!;
    const type = types[name];
    if (!box.checked || name === groupColumn) continue;
    if (type === 'numeric') {
      const bad = nonNumericCells(table.header, table.cells, name, table.firstDataRow);
      if (bad.length)
        throw new Error(
          `${table.file}: column "${name}" is set to numeric but ${bad.length} cell(s) are not numbers (${bad.slice(0, 3).join('; ')}); set it to categorical or fix the file`,
        );
    }
    const summary = document.querySelector<HTMLSelectElement>(
      `#summary-columns select.col-summary[data-column="${CSS.escape(name)}"]`,
    )?.value;
    if (type === 'numeric') chosen.push(summary ? { name, type, summary: summary as NumericSummary } : { name, type });
    else if (type === 'categorical') chosen.push({ name, type });
  }
  if (chosen.length === 0) throw new Error('Choose at least one column to summarise.');
  return summaryTable({
    file: table.file,
    rows: typedRows(table.header, table.cells, types),
    groupColumn,
    groupOrder: byId<HTMLInputElement>('summary-order')
      .value.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    columns: chosen,
    preset: byId<HTMLSelectElement>('summary-preset').value as PagePreset,
    numericSummary: byId<HTMLSelectElement>('summary-numeric').value as NumericSummary,
    pairwise: byId<HTMLInputElement>('summary-pairwise').checked,
    firstDataRow: table.firstDataRow,
  });
}

/** The test names of the study language, as a reader of the table says them. */
const TEST_LABELS: Readonly<Record<string, string>> = {
  chisq: 'χ²',
  'chisq-pearson': 'Pearson χ²',
  'chisq-yates': 'χ² with Yates',
  fisher: "Fisher's exact",
  'mann-whitney': 'Mann–Whitney U',
  't-student': 'Student t',
  't-welch': 'Welch t',
  kruskal: 'Kruskal–Wallis',
  anova: 'one-way ANOVA',
  'welch-anova': "Welch's ANOVA",
};

function renderTable(result: SummaryTableResult): void {
  const { table } = result;
  const ps = new Set(pColumns(result));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Variable'),
    ...table.columns.map((c) => el('th', { scope: 'col' }, c.label)),
    el('th', { scope: 'col' }, 'Test'),
  );
  const body: HTMLElement[] = [];
  for (const r of table.rows) {
    if (r.section) {
      body.push(
        el('tr', { class: 'section' }, el('th', { scope: 'rowgroup', colspan: table.columns.length + 2 }, r.label)),
      );
      continue;
    }
    const cells = table.columns.map((c) => {
      const cell = r.cells[c.key];
      if (!ps.has(c.key) || r.level !== 0) return el('td', {}, cell?.text ?? '');
      const p = pValueOf(cell);
      const tag = c.key === 'p' ? null : cell?.tag; // the omnibus test is named in the Test column
      return el(
        'td',
        {
          class: 'p',
          'data-variable': r.key,
          'data-column': c.key,
          'data-p': p === null ? 'NA' : p.toPrecision(17),
          title: methodOf(cell),
        },
        cell?.text ?? '',
        tag ? el('small', {}, ` ${tag}`) : null,
      );
    });
    const method = methodOf(r.cells.p);
    const outcome = result.variables.find((v) => v.rowKey === r.key)?.test?.outcome;
    const name = outcome ? (TEST_LABELS[outcome.name] ?? outcome.name) : (r.cells.p?.tag ?? 'test');
    const test =
      r.level === 0 && method
        ? el('td', { class: 'test' }, el('details', {}, el('summary', {}, name), el('p', {}, method)))
        : el('td');
    const label = el('th', { scope: 'row' }, r.label);
    body.push(el('tr', { class: r.level === 0 ? 'variable' : 'level', 'data-key': r.key }, label, ...cells, test));
  }
  byId('summary-table').replaceChildren(
    el('caption', {}, table.title),
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
  byId('summary-notes').replaceChildren(
    ...table.notes.map((n) => el('li', {}, n)),
    ...table.warnings.map((w) => el('li', { class: 'warning' }, `⚠ ${w}`)),
  );
  byId('summary-results').hidden = false;
}
