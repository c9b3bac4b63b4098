/**
 * The page's audit tool: pasted text or a dropped document → the findings `restudy audit --text` gives on the
 * same text, each with its arithmetic and the source line it was read from; downloads as JSON (the CLI's
 * `--json` shape) and as the CLI's self-contained HTML report.
 */
import { auditText, countByStatus, renderAuditHtml, type AuditCheck, type AuditStatus } from '../src/browser.ts';
import { documentText } from './documents.ts';
import { byId, download, dropZone, el, fileBytes, nextFrame, showError } from './dom.ts';

const STATUS_ORDER: readonly AuditStatus[] = ['inconsistent', 'implausible', 'not-checkable', 'consistent'];
const STATUS_LABEL: Readonly<Record<AuditStatus, string>> = {
  inconsistent: 'Inconsistent',
  implausible: 'Implausible',
  'not-checkable': 'Not checkable',
  consistent: 'Consistent',
};

interface AuditState {
  source: string;
  text: string;
  checks: AuditCheck[];
}

export function setUpAuditTool(): void {
  const textarea = byId<HTMLTextAreaElement>('audit-text');
  const error = byId('audit-error');
  const status = byId('audit-status');
  let state: AuditState | null = null;

  const run = async (text: string, source: string): Promise<void> => {
    showError(error, null);
    if (text.trim() === '') {
      showError(error, 'Nothing to audit: paste the text of a paper, or drop a document.');
      return;
    }
    status.textContent = 'Auditing…';
    await nextFrame();
    try {
      const checks = auditText(text);
      state = { source, text, checks };
      renderFindings(state);
      status.textContent = '';
    } catch (e) {
      status.textContent = '';
      showError(error, `The audit failed: ${(e as Error).message}`);
    }
  };

  byId('audit-run').addEventListener('click', () => void run(textarea.value, 'pasted text'));
  byId<HTMLInputElement>('audit-show-consistent').addEventListener('change', () => state && renderFindings(state));
  dropZone(byId('audit-drop'), byId<HTMLInputElement>('audit-file'), async (file) => {
    showError(error, null);
    try {
      const text = await documentText(file.name, await fileBytes(file));
      textarea.value = text;
      await run(text, file.name);
    } catch (e) {
      showError(error, (e as Error).message);
    }
  });
  byId('audit-download-json').addEventListener('click', () => {
    if (!state) return;
    const { source, checks } = state;
    download('audit.json', `${JSON.stringify({ source, summary: countByStatus(checks), checks }, null, 2)}\n`, 'application/json');
  });
  byId('audit-download-html').addEventListener('click', () => {
    if (!state) return;
    download('audit.html', renderAuditHtml(state.checks, { title: `restudy audit: ${state.source}`, source: state.source }), 'text/html');
  });
}

function renderFindings(state: AuditState): void {
  const counts = countByStatus(state.checks);
  const summary = byId('audit-summary');
  summary.replaceChildren(
    el('p', {}, `${state.checks.length} statistics checked in ${state.source}: `),
    el('ul', { class: 'counts' }, ...STATUS_ORDER.map((s) => el('li', { class: `status-${s}`, 'data-status': s, 'data-count': counts[s] }, el('strong', {}, String(counts[s])), ` ${STATUS_LABEL[s].toLowerCase()}`))),
  );
  const showAll = byId<HTMLInputElement>('audit-show-consistent').checked;
  const lines = state.text.normalize('NFKC').split(/\r\n|\r|\n/);
  const shown = [...state.checks]
    .filter((c) => showAll || c.status !== 'consistent')
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || lineOf(a) - lineOf(b));
  const list = byId('audit-findings');
  list.replaceChildren(...shown.map((c) => finding(c, lines)));
  if (shown.length === 0) list.append(el('li', { class: 'empty' }, state.checks.length ? 'Every statistic found is consistent.' : 'No statistic in a format the audit reads was found.'));
  byId('audit-results').hidden = false;
}

function lineOf(c: AuditCheck): number {
  return Number(/^line-(\d+)$/.exec(c.location.row)?.[1] ?? 0);
}

function finding(c: AuditCheck, lines: readonly string[]): HTMLElement {
  const line = lineOf(c);
  const source = line > 0 ? lines[line - 1] ?? '' : '';
  const where = line > 0 ? `line ${line}, ${c.location.column.replace('col-', 'column ')}` : `${c.location.table} / ${c.location.row} / ${c.location.column}`;
  return el(
    'li',
    { class: `finding status-${c.status}`, 'data-status': c.status, 'data-kind': c.kind, tabindex: 0 },
    el('p', { class: 'finding-head' }, el('span', { class: 'badge' }, STATUS_LABEL[c.status]), c.severity === 'low' ? el('span', { class: 'badge low' }, 'low severity') : null, ` ${c.kind} · ${where}`),
    el('p', {}, el('strong', {}, 'Reported: '), c.reported),
    c.recomputed ? el('p', {}, el('strong', {}, 'Recomputed: '), c.recomputed) : null,
    el('p', {}, c.message),
    c.arithmetic.length ? el('pre', { class: 'arithmetic' }, c.arithmetic.join('\n')) : null,
    source ? el('blockquote', { class: 'source' }, source.length > 400 ? `${source.slice(0, 400)}…` : source) : null,
  );
}
