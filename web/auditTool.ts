/**
 * The page's audit tool: pasted text or a dropped document → the findings `restudy audit` gives on it, each
 * with its arithmetic and the source line it was read from; the prose options of the CLI (α, p = α, p = .000,
 * one-tailed, items) as form fields; downloads as JSON (the CLI's `--json` shape), as the CLI's
 * self-contained HTML report, and the published-number files `restudy extract` writes for the document.
 */
import {
  type AuditStatus,
  countByStatus,
  type DocumentFinding,
  extractedFiles,
  PROSE_OPTION_SPECS,
  type ProseOptions,
  renderAuditHtml,
  studyKeyOf,
} from '../src/browser.ts';
import { auditDropped, auditPasted, type PageAudit } from './documents.ts';
import { byId, download, dropZone, el, fileBytes, nextFrame, showError } from './dom.ts';

const STATUS_ORDER: readonly AuditStatus[] = ['inconsistent', 'implausible', 'not-checkable', 'consistent'];
const STATUS_LABEL: Readonly<Record<AuditStatus, string>> = {
  inconsistent: 'Inconsistent',
  implausible: 'Implausible',
  'not-checkable': 'Not checkable',
  consistent: 'Consistent',
};

interface AuditState extends PageAudit {
  /** the text of each prose line, keyed as a finding's location row: `line-<l>` or `page-<p>/line-<l>` */
  readonly lines: ReadonlyMap<string, string>;
}

function withLines(result: PageAudit): AuditState {
  const paged = result.document.format === 'pdf';
  const lines = new Map<string, string>();
  for (const l of result.document.lines) lines.set(paged ? `page-${l.page}/line-${l.line}` : `line-${l.line}`, l.text);
  return { ...result, lines };
}

export function setUpAuditTool(): void {
  const textarea = byId<HTMLTextAreaElement>('audit-text');
  const error = byId('audit-error');
  const status = byId('audit-status');
  buildOptionFields(byId('audit-options'));
  let state: AuditState | null = null;
  let extracted: Record<string, string> = {};

  const run = async (
    source: string,
    work: (options: Partial<ProseOptions>) => Promise<PageAudit> | PageAudit,
  ): Promise<void> => {
    showError(error, null);
    status.textContent = `Reading and auditing ${source}…`;
    await nextFrame();
    try {
      state = withLines(await work(readOptions()));
      renderFindings(state);
      extracted = renderExtract(state);
      status.textContent = '';
      byId('audit-summary').focus();
    } catch (e) {
      status.textContent = '';
      showError(error, (e as Error).message);
    }
  };

  byId('audit-run').addEventListener('click', () => {
    if (textarea.value.trim() === '') {
      showError(error, 'Nothing to audit: paste the text of a paper, or drop a document.');
      return;
    }
    const text = textarea.value;
    void run('pasted text', (options) => auditPasted(text, options));
  });
  byId<HTMLInputElement>('audit-show-consistent').addEventListener('change', () => state && renderFindings(state));
  dropZone(byId('audit-drop'), byId<HTMLInputElement>('audit-file'), (file) => {
    void run(file.name, async (options) => {
      const result = await auditDropped(file.name, await fileBytes(file), options);
      textarea.value = result.document.lines.map((l) => l.text).join('\n');
      return result;
    });
  });
  byId('audit-download-json').addEventListener('click', () => {
    if (!state) return;
    const { source, summary, checks, warnings } = state.audit;
    download('audit.json', `${JSON.stringify({ source, summary, warnings, checks }, null, 2)}\n`, 'application/json');
  });
  byId('audit-download-extract').addEventListener('click', () => {
    for (const [name, text] of Object.entries(extracted)) download(name, text, 'application/json');
  });
  byId('audit-download-html').addEventListener('click', () => {
    if (!state) return;
    const source = state.audit.source;
    download(
      'audit.html',
      renderAuditHtml(state.audit.checks, { title: `restudy audit: ${source}`, source }),
      'text/html',
    );
  });
}

/**
 * The files `restudy extract` would write for the document (none for pasted text without tables), each
 * as a download link; returns them for "download all".
 */
function renderExtract(state: AuditState): Record<string, string> {
  const source = state.audit.source;
  // the numbers the findings were computed from: the audit's own extraction, not a second read
  const { files } = extractedFiles(state.audit.extraction, source, studyKeyOf(source));
  const list = byId('audit-extract-files');
  for (const a of list.querySelectorAll('a')) URL.revokeObjectURL(a.href);
  list.replaceChildren(
    ...Object.entries(files).map(([name, text]) =>
      el(
        'li',
        {},
        el('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: name }, name),
        ` (${(text.match(/\n {4}\{/g) ?? []).length} numbers)`,
      ),
    ),
  );
  byId('audit-extract').hidden = Object.keys(files).length === 0;
  return files;
}

/** The CLI's prose options as form fields, from the audit's own option schema (names, choices, defaults). */
function buildOptionFields(container: HTMLElement): void {
  for (const spec of PROSE_OPTION_SPECS) {
    const id = `audit-opt-${spec.name}`;
    const field = spec.choices
      ? el(
          'select',
          { id, 'data-option': spec.name },
          ...spec.choices.map((c) => el('option', { value: c, selected: c === spec.default }, c)),
        )
      : el('input', {
          id,
          'data-option': spec.name,
          type: 'number',
          step: spec.name === 'alpha' ? '0.001' : '1',
          min: spec.name === 'alpha' ? '0.001' : '1',
          value: spec.default === undefined ? '' : String(spec.default),
          placeholder: spec.default === undefined ? 'unset' : '',
        });
    container.append(
      el('label', { for: id }, spec.flag.split(' ')[0]),
      field,
      el('span', { class: 'hint' }, `${spec.help} (statcheck: ${spec.statcheckDefault})`),
    );
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
  const { audit } = state;
  const counts = countByStatus(audit.checks);
  const read = `${audit.tables.length} table${audit.tables.length === 1 ? '' : 's'} and ${audit.proseResults} statistic${audit.proseResults === 1 ? '' : 's'} in the prose`;
  byId('audit-summary').replaceChildren(
    el('p', {}, `${audit.source}: read ${read}; ${audit.checks.length} checks:`),
    el(
      'ul',
      { class: 'counts' },
      ...STATUS_ORDER.map((s) =>
        el(
          'li',
          { class: `status-${s}`, 'data-status': s, 'data-count': counts[s] },
          el('strong', {}, String(counts[s])),
          ` ${STATUS_LABEL[s].toLowerCase()}`,
        ),
      ),
    ),
    ...audit.warnings.map((w) => el('p', { class: 'warning' }, `⚠ ${w}`)),
  );
  const showAll = byId<HTMLInputElement>('audit-show-consistent').checked;
  const shown = audit.checks.map((c, i) => ({ c, i })).filter(({ c }) => showAll || c.status !== 'consistent');
  shown.sort((a, b) => STATUS_ORDER.indexOf(a.c.status) - STATUS_ORDER.indexOf(b.c.status) || a.i - b.i);
  const list = byId('audit-findings');
  list.replaceChildren(...shown.map(({ c }) => finding(c, state.lines)));
  if (shown.length === 0)
    list.append(
      el(
        'li',
        { class: 'empty' },
        audit.checks.length
          ? 'Every number checked is consistent.'
          : 'No statistic in a format the audit reads was found.',
      ),
    );
  byId('audit-results').hidden = false;
}

function finding(c: DocumentFinding, lines: ReadonlyMap<string, string>): HTMLElement {
  const prose = c.location.table === 'text';
  const where = prose
    ? c.location.row
        .replace('page-', 'page ')
        .replace('/line-', ', line ')
        .replace(/^line-/, 'line ') + `, ${c.location.column.replace('col-', 'column ')}`
    : `${c.location.table} · ${c.location.row} · ${c.location.column}`;
  const line = prose ? lines.get(c.location.row) : undefined;
  const errorClass =
    (c as { errorClass?: string }).errorClass === 'decision-error'
      ? el('span', { class: 'badge decision' }, 'decision error')
      : null;
  return el(
    'li',
    { class: `finding status-${c.status}`, 'data-status': c.status, 'data-kind': c.kind, 'data-id': c.id },
    el(
      'p',
      { class: 'finding-head' },
      el('span', { class: 'badge' }, STATUS_LABEL[c.status]),
      errorClass,
      c.severity === 'low' ? el('span', { class: 'badge low' }, 'low severity') : null,
      ` ${c.kind} · ${where}`,
    ),
    el('p', {}, el('strong', {}, 'Reported: '), c.reported),
    c.recomputed ? el('p', {}, el('strong', {}, 'Recomputed: '), c.recomputed) : null,
    el('p', {}, c.message),
    c.arithmetic.length ? el('pre', { class: 'arithmetic' }, c.arithmetic.join('\n')) : null,
    c.where.length
      ? el(
          'div',
          { class: 'where' },
          el('strong', {}, 'Read from: '),
          el('ul', {}, ...c.where.map((w) => el('li', {}, w))),
        )
      : null,
    line ? sourceLine(line, Number(c.location.column.replace('col-', '')), printedOf(c)) : null,
  );
}

/** The text a prose finding was read from, as printed (prose findings carry it in `source`). */
function printedOf(c: DocumentFinding): string {
  return (c as { source?: { text?: string } }).source?.text ?? '';
}

/** Characters shown either side of a finding in its source line (a table extracted as one line can be long). */
const CONTEXT_CHARS = 160;

/** The source line around the finding, the printed text marked. */
function sourceLine(line: string, column: number, printed: string): HTMLElement {
  const at = Number.isFinite(column) && column >= 1 ? column - 1 : 0;
  const length = printed && line.startsWith(printed, at) ? printed.length : 0;
  const from = Math.max(0, at - CONTEXT_CHARS);
  const to = Math.min(line.length, at + length + CONTEXT_CHARS);
  return el(
    'blockquote',
    { class: 'source' },
    from > 0 ? '…' : '',
    line.slice(from, at),
    length ? el('mark', {}, line.slice(at, at + length)) : '',
    line.slice(at + length, to),
    to < line.length ? '…' : '',
  );
}
