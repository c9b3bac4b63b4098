/**
 * The page's audit tool: pasted text or a dropped document → the findings `restudy audit` gives on it, each
 * with its arithmetic and the source line it was read from; the prose options of the CLI (α, p = α, p = .000,
 * one-tailed, items) as form fields; downloads as JSON (the CLI's `--json` shape) and as the CLI's
 * self-contained HTML report.
 */
import { auditProse, countByStatus, PROSE_OPTION_SPECS, renderAuditHtml, type AuditStatus, type ProseCheck, type ProseOptions } from '../src/browser.ts';
import { readDropped, type AuditInput } from './documents.ts';
import { byId, download, dropZone, el, fileBytes, nextFrame, showError } from './dom.ts';

const STATUS_ORDER: readonly AuditStatus[] = ['inconsistent', 'implausible', 'not-checkable', 'consistent'];
const STATUS_LABEL: Readonly<Record<AuditStatus, string>> = {
  inconsistent: 'Inconsistent',
  implausible: 'Implausible',
  'not-checkable': 'Not checkable',
  consistent: 'Consistent',
};

interface AuditState {
  readonly input: AuditInput;
  readonly checks: readonly ProseCheck[];
  /** the text of each line a finding points at, keyed `${page}:${line}` (page 0 for plain text) */
  readonly lines: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

export function setUpAuditTool(): void {
  const textarea = byId<HTMLTextAreaElement>('audit-text');
  const error = byId('audit-error');
  const status = byId('audit-status');
  buildOptionFields(byId('audit-options'));
  let state: AuditState | null = null;

  const run = async (input: AuditInput): Promise<void> => {
    showError(error, null);
    status.textContent = `Auditing ${input.source}…`;
    await nextFrame();
    try {
      state = audit(input, readOptions());
      renderFindings(state);
      status.textContent = '';
      byId('audit-summary').focus();
    } catch (e) {
      status.textContent = '';
      showError(error, `The audit failed: ${(e as Error).message}`);
    }
  };

  byId('audit-run').addEventListener('click', () => {
    if (textarea.value.trim() === '') {
      showError(error, 'Nothing to audit: paste the text of a paper, or drop a document.');
      return;
    }
    void run({ kind: 'text', source: 'pasted text', text: textarea.value });
  });
  byId<HTMLInputElement>('audit-show-consistent').addEventListener('change', () => state && renderFindings(state));
  dropZone(byId('audit-drop'), byId<HTMLInputElement>('audit-file'), async (file) => {
    showError(error, null);
    status.textContent = `Reading ${file.name}…`;
    try {
      const input = await readDropped(file.name, await fileBytes(file));
      textarea.value = input.kind === 'text' ? input.text : input.document.lines.map((l) => l.text).join('\n');
      await run(input);
    } catch (e) {
      status.textContent = '';
      showError(error, (e as Error).message);
    }
  });
  byId('audit-download-json').addEventListener('click', () => {
    if (!state) return;
    const { input, checks } = state;
    download('audit.json', `${JSON.stringify({ source: input.source, summary: countByStatus(checks), checks }, null, 2)}\n`, 'application/json');
  });
  byId('audit-download-html').addEventListener('click', () => {
    if (!state) return;
    const source = state.input.source;
    download('audit.html', renderAuditHtml(state.checks, { title: `restudy audit: ${source}`, source }), 'text/html');
  });
}

function audit(input: AuditInput, options: Partial<ProseOptions>): AuditState {
  const lines = new Map<string, string>();
  if (input.kind === 'text') {
    input.text.split(/\r\n|\r|\n/).forEach((t, i) => lines.set(`0:${i + 1}`, t));
    return { input, checks: auditProse(input.text, options).checks, lines, warnings: [] };
  }
  const doc = input.document;
  const paged = doc.format === 'pdf';
  for (const l of doc.lines) lines.set(`${paged ? l.page : 0}:${l.line}`, l.text);
  const proseLines = doc.lines.map((l) => (paged ? { text: l.text, page: l.page, line: l.line } : { text: l.text, line: l.line }));
  const warnings = [...doc.warnings];
  if (doc.tables.length) warnings.push(`${doc.tables.length} table(s) read; their numbers are checked by restudy audit on the command line (restudy extract), the page audits the prose`);
  return { input, checks: auditProse(proseLines, options).checks, lines, warnings };
}

/** The CLI's prose options as form fields, from the audit's own option schema (names, choices, defaults). */
function buildOptionFields(container: HTMLElement): void {
  for (const spec of PROSE_OPTION_SPECS) {
    const id = `audit-opt-${spec.name}`;
    const field = spec.choices
      ? el('select', { id, 'data-option': spec.name }, ...spec.choices.map((c) => el('option', { value: c, selected: c === spec.default }, c)))
      : el('input', { id, 'data-option': spec.name, type: 'number', step: spec.name === 'alpha' ? '0.001' : '1', min: spec.name === 'alpha' ? '0.001' : '1', value: spec.default === undefined ? '' : String(spec.default), placeholder: spec.default === undefined ? 'unset' : '' });
    container.append(el('label', { for: id }, spec.flag.split(' ')[0]), field, el('span', { class: 'hint' }, `${spec.help} (statcheck: ${spec.statcheckDefault})`));
  }
}

function readOptions(): Partial<ProseOptions> {
  const out: Record<string, string> = {};
  for (const f of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('#audit-options [data-option]')) {
    if (f.value.trim() !== '') out[f.dataset.option!] = f.value.trim();
  }
  return out as Partial<ProseOptions>;
}

function renderFindings(state: AuditState): void {
  const counts = countByStatus(state.checks);
  byId('audit-summary').replaceChildren(
    el('p', {}, `${state.checks.length} statistics checked in ${state.input.source}: `),
    el('ul', { class: 'counts' }, ...STATUS_ORDER.map((s) => el('li', { class: `status-${s}`, 'data-status': s, 'data-count': counts[s] }, el('strong', {}, String(counts[s])), ` ${STATUS_LABEL[s].toLowerCase()}`))),
    ...state.warnings.map((w) => el('p', { class: 'warning' }, `⚠ ${w}`)),
  );
  const showAll = byId<HTMLInputElement>('audit-show-consistent').checked;
  const shown = [...state.checks]
    .filter((c) => showAll || c.status !== 'consistent')
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.source.page ?? 0) - (b.source.page ?? 0) || a.source.line - b.source.line);
  const list = byId('audit-findings');
  list.replaceChildren(...shown.map((c) => finding(c, state.lines)));
  if (shown.length === 0) list.append(el('li', { class: 'empty' }, state.checks.length ? 'Every statistic found is consistent.' : 'No statistic in a format the audit reads was found.'));
  byId('audit-results').hidden = false;
}

function finding(c: ProseCheck, lines: ReadonlyMap<string, string>): HTMLElement {
  const s = c.source;
  const where = `${s.page !== undefined ? `page ${s.page}, ` : ''}line ${s.line}, column ${s.column}`;
  const line = lines.get(`${s.page ?? 0}:${s.line}`) ?? s.text;
  const errorClass = c.errorClass === 'decision-error' ? el('span', { class: 'badge decision' }, 'decision error') : null;
  return el(
    'li',
    { class: `finding status-${c.status}`, 'data-status': c.status, 'data-kind': c.kind },
    el('p', { class: 'finding-head' }, el('span', { class: 'badge' }, STATUS_LABEL[c.status]), errorClass, c.severity === 'low' ? el('span', { class: 'badge low' }, 'low severity') : null, ` ${c.kind} · ${where}`),
    el('p', {}, el('strong', {}, 'Printed: '), el('q', {}, s.text)),
    el('p', {}, el('strong', {}, 'Reported: '), c.reported),
    c.recomputed ? el('p', {}, el('strong', {}, 'Recomputed: '), c.recomputed) : null,
    el('p', {}, c.message),
    c.arithmetic.length ? el('pre', { class: 'arithmetic' }, c.arithmetic.join('\n')) : null,
    line ? el('blockquote', { class: 'source' }, line.length > 600 ? `${line.slice(0, 600)}…` : line) : null,
  );
}
