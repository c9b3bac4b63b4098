/**
 * The summary table as files: CSV (one line per table row, each p at full precision beside the printed p, the
 * test and its method) and a self-contained HTML page (inline styles, no script, a CSP that forbids loads).
 */
import { escapeHtml } from '../src/browser.ts';
import type { SummaryTableResult } from '../src/study/kinds/summaryTable.ts';
import type { DisplayCell } from '../src/study/types.ts';

/** Columns that hold p-values: the omnibus p and one per pair. */
export function pColumns(result: SummaryTableResult): string[] {
  return ['p', ...result.pairs.map((p) => p.id)];
}

/** The full-precision value of a p cell, or null ("NA", not computed). */
export function pValueOf(cell: DisplayCell | undefined): number | null {
  const v = cell?.parts[0]?.value;
  return typeof v === 'number' ? v : null;
}

/** The method of a p cell, as the runner wrote it (the test, its statistic and why it was chosen). */
export function methodOf(cell: DisplayCell | undefined): string {
  return cell?.parts[0]?.method ?? '';
}

/** Cell text with the test's tag ("0.709 ANOVA"). */
export function cellText(cell: DisplayCell | undefined): string {
  if (!cell) return '';
  return cell.tag ? `${cell.text} ${cell.tag}` : cell.text;
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a header line (RFC 4180); a cell a spreadsheet would run as a formula is quoted. */
export function summaryCsv(result: SummaryTableResult): string {
  const { table } = result;
  const ps = new Set(pColumns(result));
  const head = ['row', 'label', ...table.columns.map((c) => c.label)];
  for (const key of ps) if (table.columns.some((c) => c.key === key)) head.push(`${key}_value`, `${key}_method`);
  const body = table.rows.map((r) => {
    const line = [r.key, r.label, ...table.columns.map((c) => cellText(r.cells[c.key]))];
    for (const key of ps) {
      if (!table.columns.some((c) => c.key === key)) continue;
      const v = pValueOf(r.cells[key]);
      line.push(v === null ? '' : v.toPrecision(17), methodOf(r.cells[key]));
    }
    return line;
  });
  return `${[head, ...body].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A self-contained HTML page of the table, its notes and each p's method. */
export function summaryHtml(result: SummaryTableResult, source: string): string {
  const { table } = result;
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map((r) => {
      const cls = r.section ? ' class="section"' : r.level === 1 ? ' class="level"' : '';
      const cells = table.columns.map((c) => {
        const cell = r.cells[c.key];
        const title = methodOf(cell);
        return `<td${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(cell?.text ?? '')}${cell?.tag ? ` <small>${escapeHtml(cell.tag)}</small>` : ''}</td>`;
      });
      return `<tr${cls}><th scope="row">${escapeHtml(r.label)}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  const methods = table.rows
    .filter((r) => r.level === 0 && methodOf(r.cells.p))
    .map((r) => `<li><b>${escapeHtml(r.label)}</b>: ${escapeHtml(methodOf(r.cells.p))}</li>`)
    .join('\n');
  const notes = [...table.notes, ...table.warnings.map((w) => `Warning: ${w}`)]
    .map((n) => `<li>${escapeHtml(n)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(table.title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #333}tr.level th{font-weight:normal;padding-left:1.6rem}small{color:#555}
.wrap{overflow-x:auto}
</style></head><body>
<h1>${escapeHtml(table.title)}</h1>
<p>Data: ${escapeHtml(source)}.</p>
<div class="wrap"><table><thead><tr><th scope="col"></th>${head}</tr></thead>
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
