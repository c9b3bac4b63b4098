/** Small DOM helpers: elements built with text (never innerHTML from data), downloads, errors in the page. */

type Attrs = Record<string, string | number | boolean | undefined>;

/** An element with attributes and children; strings become text nodes, so data is never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page element #${id} is missing`);
  return node as T;
}

/** Offers `data` as a file download (a blob: URL: nothing leaves the browser). */
export function download(name: string, data: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Shows an error in the page's alert region of a tool (and clears it with null). */
export function showError(region: HTMLElement, message: string | null): void {
  region.textContent = message ?? '';
  region.hidden = message === null;
}

/** Lets the browser paint a "working…" status before a long synchronous computation. */
export const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Reads a File into bytes. */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Wires a drop zone (also keyboard: Enter/Space opens the file chooser) to a handler of the first file. */
export function dropZone(zone: HTMLElement, input: HTMLInputElement, onFile: (file: File) => void): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) onFile(f);
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) onFile(f);
    input.value = '';
  });
}
