import type { AuditCheck, AuditStatus } from './types.ts';

const ORDER: AuditStatus[] = ['inconsistent', 'implausible', 'not-checkable', 'consistent'];

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function sortChecks(checks: readonly AuditCheck[]): AuditCheck[] {
  return [...checks].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));
}

export function countByStatus(checks: readonly AuditCheck[]): Record<AuditStatus, number> {
  const out: Record<AuditStatus, number> = { inconsistent: 0, implausible: 0, 'not-checkable': 0, consistent: 0 };
  for (const c of checks) out[c.status]++;
  return out;
}

/** Plain-text rendering of one finding, as a reviewer would paste it. */
export function findingText(c: AuditCheck): string {
  const where = `${c.location.table} / ${c.location.row} / ${c.location.column}`;
  return [`[${c.status}${c.severity === 'low' ? ', low severity' : ''}] ${c.kind} — ${where}`, `  reported: ${c.reported}`, ...(c.recomputed ? [`  recomputed: ${c.recomputed}`] : []), `  ${c.message}`, ...c.arithmetic.map((l) => `    ${l}`)].join('\n');
}

/** Console report: counts, then every finding that is not consistent (all with `verbose`). */
export function renderAuditText(checks: readonly AuditCheck[], opts: { verbose?: boolean; source?: string } = {}): string {
  const n = countByStatus(checks);
  const lines = [`restudy audit${opts.source ? ` of ${opts.source}` : ''}: ${checks.length} checks — ${n.inconsistent} inconsistent, ${n.implausible} implausible, ${n['not-checkable']} not checkable, ${n.consistent} consistent`, ''];
  for (const c of sortChecks(checks)) if (opts.verbose || c.status !== 'consistent') lines.push(findingText(c), '');
  return `${lines.join('\n')}\n`;
}

/**
 * A self-contained HTML report (no scripts, no external resources; all text escaped). Each finding
 * shows its location, the printed and recomputed values, the message and the arithmetic in a block
 * that can be pasted into a review. Consistent checks are listed collapsed at the end.
 */
export function renderAuditHtml(checks: readonly AuditCheck[], opts: { title?: string; source?: string; generated?: string } = {}): string {
  const n = countByStatus(checks);
  const title = opts.title ?? 'restudy audit';
  const card = (c: AuditCheck): string => `
<article class="finding ${c.status} ${c.severity}" id="${escapeHtml(c.id)}">
  <h3><span class="badge">${escapeHtml(c.status)}${c.severity === 'low' ? ' · low severity' : ''}</span> ${escapeHtml(c.kind)} — <code>${escapeHtml(`${c.location.table} / ${c.location.row} / ${c.location.column}`)}</code></h3>
  <p class="msg">${escapeHtml(c.message)}</p>
  <dl><dt>reported</dt><dd><code>${escapeHtml(c.reported)}</code></dd>${c.recomputed ? `<dt>recomputed</dt><dd><code>${escapeHtml(c.recomputed)}</code></dd>` : ''}${c.inputs.length ? `<dt>inputs</dt><dd>${c.inputs.map((i) => `<code>${escapeHtml(i)}</code>`).join(', ')}</dd>` : ''}</dl>
  <pre class="arith">${escapeHtml(findingText(c))}</pre>
</article>`;
  const sorted = sortChecks(checks);
  const problems = sorted.filter((c) => c.status !== 'consistent');
  const fine = sorted.filter((c) => c.status === 'consistent');
  return `<!DOCTYPE html>
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
.badge { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .4rem 0; } dt { color: #555; } dd { margin: 0; }
pre.arith { background: #f6f6f6; padding: .6rem; overflow-x: auto; white-space: pre-wrap; font-size: .85rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${opts.source ? `<p>Source: <code>${escapeHtml(opts.source)}</code></p>` : ''}
<p class="summary"><span><strong>${checks.length}</strong> checks</span><span>${n.inconsistent} inconsistent</span><span>${n.implausible} implausible</span><span>${n['not-checkable']} not checkable</span><span>${n.consistent} consistent</span></p>
<p>A printed number stands for every value that rounds to it; a check is <em>inconsistent</em> only when no values inside the rounding intervals of its inputs reproduce the printed result. <em>Implausible</em> findings are lower-severity questions (thresholds stated in each).</p>
<section><h2>Findings</h2>${problems.map(card).join('\n') || '<p>None.</p>'}</section>
<details><summary>${fine.length} consistent checks</summary>${fine.map(card).join('\n')}</details>
${opts.generated ? `<footer><p>Generated ${escapeHtml(opts.generated)} by restudy.</p></footer>` : ''}
</body>
</html>
`;
}
