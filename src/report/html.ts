/**
 * The report page: ONE self-contained HTML file (inline CSS, inline SVG figures, no script, no network),
 * readable from disk. Every string that comes from a spec, a codebook, the cohort or the published numbers
 * goes through `escapeHtml`; SVGs come from vega's renderer, which escapes text content itself, and a
 * Content-Security-Policy forbids scripts and every network fetch as a second line of defence.
 */
import type { Cell, DisplayCell, SensitivityRow, Status, StudyResult, TableResult } from '../study/types.ts';
import { escapeHtml as e } from './escape.ts';

const STATUS_TEXT: Record<Status, string> = { agrees: 'agrees', differs: 'differs', 'not-printed': 'not printed' };
const STATUS_MARK: Record<Status, string> = { agrees: '✓', differs: '✗', 'not-printed': '–' };

/**
 * The combined status of a display cell: differs if any part differs, agrees if any printed part agrees and none
 * differs.
 */
export function displayStatus(cell: DisplayCell): Status {
  if (cell.parts.some((p) => p.status === 'differs')) return 'differs';
  if (cell.parts.some((p) => p.status === 'agrees')) return 'agrees';
  return 'not-printed';
}

function printedText(cell: DisplayCell): string {
  const seen: string[] = [];
  for (const p of cell.parts) if (p.published && !seen.includes(p.published.printed)) seen.push(p.published.printed);
  return seen.join(' | ');
}

function partLine(p: Cell): string {
  const printed = p.published
    ? `printed ${p.published.printed}${p.published.reconstructed ? ' (reconstructed)' : ''}`
    : 'not printed';
  return (
    `${p.column}: ${p.display} — ${printed} — ${STATUS_TEXT[p.status]}` +
    `${p.method ? ` — ${p.method}` : ''}${p.note ? ` — ${p.note}` : ''}`
  );
}

function renderCell(cell: DisplayCell | undefined, framing: StudyResult['framing']): string {
  if (!cell) return '<td></td>';
  // an analysis without printed numbers shows no statuses (no "not printed" badges)
  if (framing === 'analysis') {
    const title = cell.parts
      .map((p) => `${p.column}: ${p.display}${p.method ? ` — ${p.method}` : ''}${p.note ? ` — ${p.note}` : ''}`)
      .join('\n');
    return (
      `<td class="c plain"${title ? ` title="${e(title)}"` : ''}>` +
      `<span class="rep">${e(cell.text)}</span>` +
      `${cell.tag ? `<span class="tag">${e(cell.tag)}</span>` : ''}</td>`
    );
  }
  if (cell.parts.length === 0) return `<td class="c plain"><span class="rep">${e(cell.text)}</span></td>`;
  const status = displayStatus(cell);
  const printed = printedText(cell);
  const title = cell.parts.map(partLine).join('\n');
  const reconstructed = cell.parts.some((p) => p.published?.reconstructed);
  return (
    `<td class="c st-${status}" title="${e(title)}">` +
    `<span class="badge" aria-label="${e(STATUS_TEXT[status])}">${STATUS_MARK[status]}</span>` +
    `<span class="rep">${e(cell.text)}</span>` +
    (cell.tag ? `<span class="tag">${e(cell.tag)}</span>` : '') +
    (printed ? `<span class="pub">${e(printed)}${reconstructed ? '<sup>r</sup>' : ''}</span>` : '') +
    '</td>'
  );
}

function renderTable(t: TableResult, framing: StudyResult['framing']): string {
  const head =
    `<tr><th scope="col">${e(t.kind === 'roc' ? 'Marker' : 'Variable')}</th>` +
    `${t.columns.map((c) => `<th scope="col">${e(c.label)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map((r) => {
      if (r.section)
        return `<tr class="section"><th colspan="${t.columns.length + 1}" scope="rowgroup">${e(r.label)}</th></tr>`;
      return (
        `<tr class="lv${r.level}"><th scope="row">${e(r.label)}</th>` +
        `${t.columns.map((c) => renderCell(r.cells[c.key], framing)).join('')}</tr>`
      );
    })
    .join('\n');
  const counts = Object.entries(t.n)
    .map(([k, v]) => `${e(k)} n = ${e(v)}`)
    .join(', ');
  const trace = t.trace?.length
    ? `<details open><summary>Screening trace</summary>` +
      `<table class="trace"><thead><tr><th>Contrast</th><th>Variable</th>` +
      `<th>Test</th><th>p</th><th>Entered</th><th>Why</th></tr></thead>` +
      `<tbody>${t.trace
        .map(
          (s) =>
            `<tr><td>${e(s.contrast)}</td><td>${e(s.label)}</td><td>${e(s.test)}</td>` +
            `<td>${e(s.p === null ? 'NA' : s.p < 0.001 ? '< 0.001' : s.p.toFixed(3))}</td>` +
            `<td>${s.entered ? 'yes' : 'no'}</td><td>${e(s.reason)}</td></tr>`,
        )
        .join('')}</tbody></table></details>`
    : '';
  const figures = t.figures
    .map(
      (f) =>
        `<figure id="${e(f.id)}" class="figure"><div class="svg">${f.svg ?? ''}</div>` +
        `<figcaption><strong>${e(f.title)}.</strong> ${e(f.caption)}</figcaption></figure>`,
    )
    .join('\n');
  const tableHtml = t.rows.length
    ? `<div class="scroll"><table class="results" data-table="${e(t.publishedTable)}">` +
      `<caption>${e(t.title)}</caption><thead>${head}</thead>` +
      `<tbody>${body}</tbody></table></div>`
    : '';
  return `<section id="${e(t.id)}" class="analysis">
<h2>${e(t.title)}</h2>
<p class="meta">${e(t.subgroup.label)}${counts ? ` — ${counts}` : ''}</p>
${tableHtml}
${trace}
${figures}
${t.notes.length ? `<ul class="notes">${t.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
${t.warnings.length ? `<ul class="warnings">${t.warnings.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function sensitivityRows(rows: readonly SensitivityRow[]): string {
  return rows
    .map((r) => {
      const variants = r.variants
        .map(
          (v) =>
            `<li class="${v.decision === null ? '' : v.decision ? 'sig' : 'ns'}">` +
            `<span class="vn">${e(v.name)}</span> ${e(v.display)}</li>`,
        )
        .join('');
      return (
        `<tr class="${r.flips ? 'flip' : ''}"><td>${e(r.table)}</td><td>${e(r.label)}</td>` +
        `<td>${e(r.quantity)}</td><td>${e(r.decision || '—')}</td>` +
        `<td><ul class="variants">${variants}</ul></td>` +
        `<td class="fl">${r.flips ? 'FLIPS' : r.decision ? 'stable' : '—'}</td></tr>`
      );
    })
    .join('\n');
}

const SENS_HEAD =
  '<thead><tr><th>Table</th><th>Row</th><th>Quantity</th>' +
  '<th>Decision</th><th>Variants</th><th>Conclusion</th></tr></thead>';

function renderSensitivity(result: StudyResult): string {
  const rows = result.sensitivity;
  if (!rows.length) return '';
  const checks = [...new Set(rows.map((r) => r.check))];
  const flipped = rows.filter((r) => r.flips);
  const summary = checks
    .map((c) => {
      const of = rows.filter((r) => r.check === c);
      const decided = of.filter((r) => r.decision);
      const f = of.filter((r) => r.flips).length;
      return `<tr><td>${e(c)}</td><td>${of.length}</td><td>${decided.length ? f : '—'}</td></tr>`;
    })
    .join('');
  const details = checks
    .map(
      (c) =>
        `<details><summary>${e(c)} — all ${rows.filter((r) => r.check === c).length} rows</summary>` +
        `<div class="scroll"><table class="sens">${SENS_HEAD}<tbody>` +
        `${sensitivityRows(rows.filter((r) => r.check === c))}</tbody></table></div></details>`,
    )
    .join('\n');
  const flipsHtml = flipped.length
    ? `<div class="scroll"><table class="sens flips">${SENS_HEAD}<tbody>` +
      `${sensitivityRows(flipped)}</tbody></table></div>`
    : '<p>None: every conclusion holds under every variant.</p>';
  return (
    `<section id="sensitivity" class="analysis">
<h2>Method sensitivity</h2>
<p>The conventions of the preset <strong>${e(result.preset.name)}</strong>` +
    ` against the alternatives an R or SPSS user would
choose. A row <strong>flips</strong> when the decision stated in its row (at α) is not the same under every variant:
${result.findings.conclusionsThatFlip} of ${result.findings.conclusions} conclusions flip.</p>
<table class="summary"><thead><tr><th>Convention varied</th><th>Rows</th><th>Flips</th></tr></thead>` +
    `<tbody>${summary}</tbody></table>
<h3>Conclusions that flip</h3>
${flipsHtml}
<h3>Every comparison</h3>
${details}
</section>`
  );
}

const CSS =
  `
:root{--ok:#1a7f37;--bad:#c62828;--np:#6b7280;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#1f2328;margin:0;padding:0 24px 48px;max-width:1400px}
h1{font-size:22px;margin:20px 0 4px}` +
  `h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid var(--line);padding-bottom:4px}
.cite,.meta{color:#57606a;margin:2px 0 8px}
nav ul{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 14px}
a{color:#0550ae}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:6px 0}
caption{text-align:left;font-weight:bold;padding:4px 0;display:none}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top;text-align:left}
thead th{background:var(--bg)}
table.results thead th{position:sticky;top:0;z-index:1}
tr.section th{background:#eef2f6;font-style:italic}
tr.lv1 th{padding-left:22px;font-weight:normal}
tr.lv2 th{padding-left:40px;font-weight:normal}
td.c{white-space:nowrap;min-width:90px}
td.c .rep{font-variant-numeric:tabular-nums}
td.c .pub{display:block;color:#57606a;font-size:12px}
td.c .pub::before{content:"printed "}
td.c .tag{font-size:10px;color:#6e7781;margin-left:4px;border:1px solid #d0d7de;border-radius:3px;padding:0 3px}
td.c .badge{float:right;margin-left:8px;font-weight:bold}
td.st-agrees .badge{color:var(--ok)}td.st-differs .badge{color:var(--bad)}td.st-not-printed .badge{color:var(--np)}
td.st-differs{background:#fff5f5}
table.summary td,table.summary th{text-align:right}` +
  `table.summary td:first-child,table.summary th:first-child{text-align:left}
.legend span{margin-right:14px}
.notes,.warnings{font-size:12.5px;color:#444;margin:6px 0 0;padding-left:20px}
.warnings{color:#8a4b00}
ul.findings{padding-left:20px;max-width:1100px}ul.findings li{margin:3px 0}
figure{margin:12px 0}figcaption{font-size:12.5px;color:#444;max-width:900px}
.svg svg{max-width:100%;height:auto}
table.sens td{font-size:12.5px}
ul.variants{list-style:none;margin:0;padding:0}
ul.variants li.sig::after{content:" (significant)";color:var(--ok);font-size:11px}
ul.variants li.ns::after{content:" (not significant)";color:var(--np);font-size:11px}
.vn{display:inline-block;min-width:210px;color:#57606a}
tr.flip{background:#fff4e5}td.fl{font-weight:bold}tr.flip td.fl{color:var(--bad)}
details{margin:6px 0}table.trace td{font-size:12.5px}
footer{margin-top:36px;color:#57606a;font-size:12px}
.banner{margin:16px 0 0;padding:10px 14px;border:2px solid #b45309;background:#fff7ed;color:#7c2d12;font-size:14px}
@media print{thead th{position:static}body{padding:0}}
`;

/** Key findings, from the typed findings (the CLI prints the same numbers): warnings, flips, exclusions. */
function findings(result: StudyResult): string {
  const items: string[] = [];
  const f = result.findings;
  const titleOf = (id: string): string => result.tables.find((t) => t.id === id)?.title.split('.')[0] ?? id;
  for (const w of f.warnings)
    items.push(`<li><a href="#${e(w.table)}">${e(titleOf(w.table))}</a>: ${e(w.message)}</li>`);
  for (const w of result.derivedWarnings) items.push(`<li><a href="#inputs">Derived columns</a>: ${e(w)}</li>`);
  for (const w of result.cohortWarnings ?? []) items.push(`<li><a href="#inputs">Cohort</a>: ${e(w)}</li>`);
  items.push(
    `<li><a href="#sensitivity">Method sensitivity</a>: ${f.conclusionsThatFlip} of ${f.conclusions}` +
      ` conclusions at α = ${e(result.alpha)} change with the conventions.</li>`,
  );
  if (f.excludedRows)
    items.push(
      `<li><a href="#inputs">${f.excludedRows} row exclusions</a>` +
        ` for missing values, counted and listed per analysis.</li>`,
    );
  if (result.unmatchedPublished.length)
    items.push(
      `<li><a href="#inputs">${result.unmatchedPublished.length} printed numbers</a>` +
        ` have no reproduced counterpart.</li>`,
    );
  return `<h3>Findings</h3><ul class="findings">${items.join('')}</ul>`;
}

const exclusionItem = (x: StudyResult['exclusions'][number]): string =>
  `<li>${e(x.table)} / ${e(x.variable)}: ${x.patientIds.length} (${x.patientIds.map((id) => e(id)).join(', ')})</li>`;

/** Renders the report page. Figures must already carry their SVG (see writeReport). */
export function renderHtml(result: StudyResult): string {
  const sum = result.summary;
  const totals = sum.reduce(
    (a, s) => ({
      agrees: a.agrees + s.agrees,
      differs: a.differs + s.differs,
      notPrinted: a.notPrinted + s.notPrinted,
    }),
    { agrees: 0, differs: 0, notPrinted: 0 },
  );
  const reproduction = result.framing === 'reproduction';
  const summaryRows = sum
    .map(
      (s) =>
        `<tr><td><a href="#${e(s.table)}">${e(s.title)}</a></td>` +
        `<td>${s.agrees}</td><td>${s.differs}</td><td>${s.notPrinted}</td></tr>`,
    )
    .join('\n');
  const summary = !reproduction
    ? `<section id="summary"><h2>Summary</h2>
<p class="meta">An analysis of ${e(result.input.rows)} rows; no printed numbers to compare with.` +
      ` Hover a cell for its method and conventions; results.json has all of them.</p>
${findings(result)}
</section>`
    : `<section id="summary"><h2>Summary: reproduced against printed</h2>
<p class="legend"><span>✓ agrees within the printed rounding</span><span>✗ differs</span><span>– not printed</span></p>
<table class="summary"><thead><tr><th>Table</th><th>Agrees</th><th>Differs</th><th>Not printed</th></tr></thead><tbody>
${summaryRows}
<tr><th>All tables</th><th>${totals.agrees}</th><th>${totals.differs}</th><th>${totals.notPrinted}</th></tr>
</tbody></table>
<p class="meta">Counts are of numbers (a "13/60 (21.7%)" cell holds two: the count and the percentage).` +
      ` Hover a cell for its method and conventions; results.json has all of them.</p>
${findings(result)}
</section>`;
  const nav =
    `<nav><ul><li><a href="#summary">Summary</a></li>` +
    `${result.tables.map((t) => `<li><a href="#${e(t.id)}">${e(t.title.split('.')[0])}</a></li>`).join('')}` +
    `<li><a href="#sensitivity">Method sensitivity</a></li><li><a href="#inputs">Inputs</a></li></ul></nav>`;
  const exclusions = result.exclusions.length
    ? `<h3>Rows left out for missing values</h3><ul class="notes">${result.exclusions.map(exclusionItem).join('')}</ul>`
    : '';
  const derived = result.derived.length
    ? `<h3>Derived columns</h3><ul class="notes">${result.derived.map((d) => `<li>${e(d.rule)}</li>`).join('')}</ul>`
    : '';
  const syntheticText = reproduction
    ? 'Agreement with printed numbers shows that the analysis is specified as the paper describes; ' +
      'it is not a reproduction from patient data.'
    : 'The results describe these synthetic rows only.';
  const banner = result.synthetic
    ? `<div class="banner" role="note"><strong>Synthetic cohort.</strong> ` +
      `${e(result.syntheticNote ?? '')} ${syntheticText}</div>`
    : '';
  const unmatched = result.unmatchedPublished.length
    ? `<h3>Printed numbers no analysis reproduces</h3><ul class="notes">` +
      `${result.unmatchedPublished.map((u) => `<li>${e(u.note ?? u.id)}: ${e(u.printed)}</li>`).join('')}</ul>`
    : '';
  const conv = Object.entries(result.preset.conventions)
    .map(([k, v]) => `<li><code>${e(k)}</code>: ${e(typeof v === 'object' ? JSON.stringify(v) : v)}</li>`)
    .join('');
  return (
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`restudy — ${result.study.id}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
${banner}
<h1>${reproduction ? 'Reproduction against printed numbers' : 'Analysis'}: ${e(result.study.title)}</h1>
<p class="cite">${e(result.study.citation)}</p>
<p class="meta">Conventions preset <strong>${e(result.preset.name)}</strong> — ${e(result.preset.description)}` +
    ` α = ${e(result.alpha)}; bootstrap seed ${e(result.seed)}, ${e(result.bootstrapReplicates)} replicates.</p>
</header>
${nav}
${summary}
${result.tables.map((t) => renderTable(t, result.framing)).join('\n')}
${renderSensitivity(result)}
<section id="inputs" class="analysis"><h2>Inputs and conventions</h2>
<ul class="notes"><li>Cohort: ${e(result.input.cohort)}` +
    ` (${e(result.input.rows)} rows, SHA-256 ${e(result.input.cohortSha256)})</li>
<li>Codebook: ${e(result.input.codebook)}</li>
<li>Printed numbers: ${e(result.input.published ?? 'none')} (${e(result.input.publishedCount)} entries)</li></ul>
<h3>Conventions (${e(result.preset.name)})</h3><ul class="notes">${conv}</ul>
${derived}
${exclusions}
${unmatched}
</section>
<footer>Generated by ${e(result.generator.name)} ${e(result.generator.version)}.` +
    ` Same inputs and seed give a byte-identical file.</footer>
</body>
</html>
`
  );
}
