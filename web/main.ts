/** The offline page's entry: two tools behind keyboard-usable tabs; any uncaught error is shown in the page. */
import { setUpAuditTool } from './auditTool.ts';
import { byId } from './dom.ts';
import { setUpSummaryTool } from './summaryTool.ts';

function setUpTabs(): void {
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role=tab]'));
  const select = (tab: HTMLButtonElement, focus: boolean): void => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      byId(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) select(tabs[(i + step + tabs.length) % tabs.length], true);
    });
  });
}

function showUncaught(message: string): void {
  const region = byId('page-error');
  region.textContent = `Something went wrong: ${message}`;
  region.hidden = false;
}

window.addEventListener('error', (e) => showUncaught(e.message));
window.addEventListener('unhandledrejection', (e) => showUncaught(String((e.reason as Error)?.message ?? e.reason)));
setUpTabs();
setUpAuditTool();
setUpSummaryTool();
document.body.dataset.ready = 'true';
