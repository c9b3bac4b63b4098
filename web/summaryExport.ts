/**
 * The summary table as files: CSV (one line per table row, p at full precision beside the printed p, the test
 * and its method) and a self-contained HTML page (inline styles, no script).
 */
import { escapeHtml } from '../src/browser.ts';
import type { SummaryTable } from './summaryTable.ts';

/** One table line: a variable's header row or one of its levels. */
interface Line {
  readonly label: string;
  readonly variable: string;
  readonly level: string;
  readonly cells: readonly string[];
  readonly p: string;
  readonly pValue: string;
  readonly test: string;
  readonly method: string;
}

function lines(t: SummaryTable): Line[] {
  const keys = ['total', ...t.groups.map((g) => g.code)];
  const out: Line[] = [];
  for (const r of t.rows) {
    const pValue = r.p === null ? '' : r.p.toPrecision(17);
    out.push({ label: `${r.variable}, ${r.summary}`, variable: r.variable, level: '', cells: keys.map((k) => r.cells[k]?.text ?? ''), p: r.pDisplay, pValue, test: r.test, method: r.method });
    for (const l of r.levels) out.push({ label: `  ${l.level}`, variable: r.variable, level: l.level, cells: keys.map((k) => l.cells[k]?.text ?? ''), p: '', pValue: '', test: '', method: '' });
  }
  return out;
}

function headers(t: SummaryTable): string[] {
  return [`Total (n = ${t.total})`, ...t.groups.map((g) => `${g.code} (n = ${g.n})`)];
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a header line; RFC 4180 quoting; cells that a spreadsheet would run as formulas are quoted. */
export function summaryCsv(t: SummaryTable): string {
  const head = ['variable', 'level', ...headers(t), 'p', 'p_value', 'test', 'method'];
  const body = lines(t).map((l) => [l.variable, l.level, ...l.cells, l.p, l.pValue, l.test, l.method]);
  return `${[head, ...body].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A self-contained HTML page of the table, its notes and each p's method. */
export function summaryHtml(t: SummaryTable, title: string): string {
  const head = headers(t).map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = lines(t)
    .map((l) => {
      const cls = l.level ? ' class="level"' : '';
      const label = escapeHtml(l.level || l.label);
      const cells = l.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('');
      const p = l.p ? `<td title="${escapeHtml(l.method)}">${escapeHtml(l.p)} <small>${escapeHtml(l.test)}</small></td>` : '<td></td>';
      return `<tr${cls}><th scope="row">${label}</th>${cells}${p}</tr>`;
    })
    .join('\n');
  const methods = t.rows.filter((r) => r.p !== null).map((r) => `<li><b>${escapeHtml(r.variable)}</b>: ${escapeHtml(r.method)}</li>`).join('\n');
  const notes = t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #333}tr.level th{font-weight:normal;padding-left:1.6rem}small{color:#555}
.wrap{overflow-x:auto}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<div class="wrap"><table><thead><tr><th scope="col">Variable</th>${head}<th scope="col">p</th></tr></thead>
<tbody>
${body}
</tbody></table></div>
<h2>Tests</h2><ul>
${methods}
</ul>
<h2>Notes</h2><ul>
${notes}
</ul>
<p><small>Made offline by restudy's page; nothing was uploaded.</small></p>
</body></html>
`;
}
