import type { PaperSummary } from './documents/papers.ts';
import type { AuditCheck, AuditStatus } from './types.ts';

/** A check that may say where its numbers were read (documents) and from which paper. */
type ReportCheck = AuditCheck & { readonly where?: readonly string[]; readonly paper?: string };

const ORDER: AuditStatus[] = ['inconsistent', 'implausible', 'not-checkable', 'consistent'];

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function sortChecks<T extends AuditCheck>(checks: readonly T[]): T[] {
  return [...checks].sort(
    (a, b) =>
      ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
      (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1),
  );
}

export function countByStatus(checks: readonly AuditCheck[]): Record<AuditStatus, number> {
  const out: Record<AuditStatus, number> = { inconsistent: 0, implausible: 0, 'not-checkable': 0, consistent: 0 };
  for (const c of checks) out[c.status]++;
  return out;
}

/** Plain-text rendering of one finding, as a reviewer would paste it. */
export function findingText(c: ReportCheck): string {
  const where = `${c.location.table} / ${c.location.row} / ${c.location.column}`;
  return [
    `[${c.status}${c.severity === 'low' ? ', low severity' : ''}] ${c.kind} — ` +
      `${c.paper ? `${c.paper}: ` : ''}${where}`,
    ...(c.where ?? []).map((w) => `  read at ${w}`),
    `  reported: ${c.reported}`,
    ...(c.recomputed ? [`  recomputed: ${c.recomputed}`] : []),
    `  ${c.message}`,
    ...c.arithmetic.map((l) => `    ${l}`),
  ].join('\n');
}

/** Console report: counts, then every finding that is not consistent (all with `verbose`). */
export function renderAuditText(
  checks: readonly AuditCheck[],
  opts: { verbose?: boolean; source?: string } = {},
): string {
  const n = countByStatus(checks);
  const lines = [
    `restudy audit${opts.source ? ` of ${opts.source}` : ''}: ${checks.length} checks — ` +
      `${n.inconsistent} inconsistent, ${n.implausible} implausible, ` +
      `${n['not-checkable']} not checkable, ${n.consistent} consistent`,
    '',
  ];
  for (const c of sortChecks(checks)) if (opts.verbose || c.status !== 'consistent') lines.push(findingText(c), '');
  return `${lines.join('\n')}\n`;
}

/**
 * A self-contained HTML report (no scripts, no external resources; all text escaped). Each finding
 * shows its location, the printed and recomputed values, the message and the arithmetic in a block
 * that can be pasted into a review. Consistent checks are listed collapsed at the end.
 */
export function renderAuditHtml(
  checks: readonly ReportCheck[],
  opts: { title?: string; source?: string; generated?: string; papers?: readonly PaperSummary[] } = {},
): string {
  const n = countByStatus(checks);
  const title = opts.title ?? 'restudy audit';
  const card = (c: ReportCheck): string =>
    `
<article class="finding ${c.status} ${c.severity}" id="${escapeHtml(c.id)}">
  <h3><span class="badge">${escapeHtml(c.status)}${c.severity === 'low' ? ' · low severity' : ''}</span> ` +
    `${escapeHtml(c.kind)} — ` +
    `<code>${escapeHtml(`${c.location.table} / ${c.location.row} / ${c.location.column}`)}</code></h3>
  <p class="msg">${escapeHtml(c.message)}</p>
  ${c.where?.length ? `<ul class="where">${c.where.map((w) => `<li>read at ${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
  <dl>${c.paper ? `<dt>paper</dt><dd>${code(c.paper)}</dd>` : ''}` +
    `<dt>reported</dt><dd><code>${escapeHtml(c.reported)}</code></dd>` +
    `${c.recomputed ? `<dt>recomputed</dt><dd><code>${escapeHtml(c.recomputed)}</code></dd>` : ''}` +
    `${
      c.inputs.length
        ? `<dt>inputs</dt><dd>${c.inputs.map((i) => `<code>${escapeHtml(i)}</code>`).join(', ')}</dd>`
        : ''
    }</dl>
  <pre class="arith">${escapeHtml(findingText(c))}</pre>
</article>`;
  const sorted = sortChecks(checks);
  const problems = sorted.filter((c) => c.status !== 'consistent');
  const fine = sorted.filter((c) => c.status === 'consistent');
  return (
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; } h3 { font-size: 1rem; margin: 0 0 .4rem; }
.summary span { display: inline-block; margin-right: 1rem; }
.finding { border: 1px solid #ccc; border-left-width: 6px; border-radius: 4px; padding: .7rem 1rem; margin: .8rem 0; }
.finding.inconsistent { border-left-color: #b00020; } .finding.implausible { border-left-color: #c77700; }
.finding.not-checkable { border-left-color: #777; } .finding.consistent { border-left-color: #2e7d32; }
.finding.low { border-style: dashed; border-left-style: solid; }
table.read { border-collapse: collapse; font-size: .85rem; width: 100%; } ` +
    `table.read th, table.read td { border-bottom: 1px solid #ddd; ` +
    `padding: .2rem .4rem; text-align: left; vertical-align: top; }
ul.where { margin: .2rem 0; padding-left: 1.2rem; color: #333; font-size: .9rem; }
.badge { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .4rem 0; } ` +
    `dt { color: #555; } dd { margin: 0; }
pre.arith { background: #f6f6f6; padding: .6rem; overflow-x: auto; white-space: pre-wrap; font-size: .85rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${opts.source ? `<p>Source: <code>${escapeHtml(opts.source)}</code></p>` : ''}
<p class="summary"><span><strong>${checks.length}</strong> checks</span><span>${n.inconsistent} inconsistent</span>` +
    `<span>${n.implausible} implausible</span><span>${n['not-checkable']} not checkable</span>` +
    `<span>${n.consistent} consistent</span></p>
<p>A printed number stands for every value that rounds to it; a check is <em>inconsistent</em> ` +
    `only when no values inside the rounding intervals of its inputs reproduce the printed result. ` +
    `<em>Implausible</em> findings are lower-severity questions (thresholds stated in each).</p>
<section><h2>Findings</h2>${problems.map(card).join('\n') || '<p>None.</p>'}</section>
${papersTable(opts.papers)}
<section><h2>Read and found consistent (${fine.length})</h2>
<p>Every check that passed, so that silence is visible: what was read, where, and what it was checked against.</p>
${consistentTable(fine)}
<details><summary>the arithmetic of the ${fine.length} consistent checks</summary>${fine.map(card).join('\n')}</details>
</section>
${opts.generated ? `<footer><p>Generated ${escapeHtml(opts.generated)} by restudy.</p></footer>` : ''}
</body>
</html>
`
  );
}

const td = (cells: readonly (string | number)[]): string => cells.map((c) => `<td>${c}</td>`).join('');
const th = (cells: readonly string[]): string => cells.map((c) => `<th>${c}</th>`).join('');
const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;

function papersTable(papers: readonly PaperSummary[] | undefined): string {
  if (!papers || papers.length === 0) return '';
  const head = ['source', 'format', 'pages', 'tables', 'numbers read', 'prose statistics', 'inconsistent'];
  head.push('implausible', 'not checkable', 'consistent', 'problems and warnings');
  const row = (p: PaperSummary): string =>
    `<tr>${td([code(p.source), escapeHtml(p.format), p.pages ?? '', p.tables, p.numbers, p.proseResults])}${td([
      p.summary.inconsistent,
      p.summary.implausible,
      p.summary['not-checkable'],
      p.summary.consistent,
      escapeHtml(p.error ?? p.warnings.join('; ')),
    ])}</tr>`;
  return `<section><h2>Papers</h2><table class="read"><thead><tr>${th(head)}</tr></thead>
<tbody>${papers.map(row).join('')}</tbody></table></section>`;
}

function consistentTable(fine: readonly ReportCheck[]): string {
  if (fine.length === 0) return '<p>None.</p>';
  const where = (c: ReportCheck): string =>
    `${c.paper ? `${c.paper}: ` : ''}${c.location.table} / ${c.location.row} / ${c.location.column}`;
  const row = (c: ReportCheck): string =>
    `<tr>${td([escapeHtml(c.kind), code(where(c)), code(c.reported), escapeHtml(c.recomputed ?? '')])}${td([
      escapeHtml((c.where ?? []).join(' · ')),
    ])}</tr>`;
  return `<table class="read"><thead><tr>${th(['check', 'location', 'printed', 'recomputed', 'read at'])}</tr></thead>
<tbody>${fine.map(row).join('')}</tbody></table>`;
}
