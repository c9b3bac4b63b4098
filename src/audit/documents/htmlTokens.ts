/**
 * A small, linear-time HTML tokenizer: tags (name, closing, attributes read only for colspan),
 * text with character references decoded, comments and the content of script/style skipped.
 * Not a full HTML5 parser: enough to read journal full text and the HTML mammoth makes from DOCX.
 * Written by hand (one pass over the string, no backtracking regex) so that hostile input cannot
 * make it slow.
 */

export type HtmlToken =
  | {
      readonly type: 'open';
      readonly name: string;
      readonly colspan: number;
      readonly rowspan: number;
      readonly selfClosing: boolean;
    }
  | { readonly type: 'close'; readonly name: string }
  | { readonly type: 'text'; readonly text: string };

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  minus: '\u2212',
  ndash: '\u2013',
  mdash: '\u2014',
  plusmn: '\u00b1',
  le: '\u2264',
  ge: '\u2265',
  times: '\u00d7',
  chi: '\u03c7',
  alpha: '\u03b1',
  beta: '\u03b2',
  kappa: '\u03ba',
  mu: '\u03bc',
  deg: '\u00b0',
  middot: '\u00b7',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  hellip: '\u2026',
  sup2: '\u00b2',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
};

/** Decodes `&amp;`, `&#8722;`, `&#x2212;` and the named references above; others are kept as printed. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return Object.hasOwn(NAMED, ref) ? NAMED[ref] : whole;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'title']);

function spanOf(attributes: string, name: 'colspan' | 'rowspan'): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d{1,3})`, 'i').exec(attributes);
  const n = m ? Number(m[1]) : 1;
  return n >= 1 && n <= 100 ? n : 1;
}

/** Splits an HTML string into tokens in one pass. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let i = 0;
  const n = html.length;
  let skipUntil: string | null = null;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i && skipUntil === null) tokens.push({ type: 'text', text: decodeEntities(html.slice(i, textEnd)) });
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    // a tag: scan to the closing '>' outside quotes
    let j = lt + 1;
    let quote = '';
    while (j < n) {
      const ch = html[j];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
      j++;
    }
    const inner = html.slice(lt + 1, j);
    i = j + 1;
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(inner);
    if (!m) {
      if (skipUntil === null && !inner.startsWith('!') && !inner.startsWith('?'))
        tokens.push({ type: 'text', text: `<${inner}` });
      continue;
    }
    const name = m[2].toLowerCase();
    const closing = m[1] === '/';
    if (skipUntil !== null) {
      if (closing && name === skipUntil) skipUntil = null;
      continue;
    }
    if (closing) {
      tokens.push({ type: 'close', name });
      continue;
    }
    const selfClosing = inner.endsWith('/');
    if (RAW_TEXT.has(name) && !selfClosing) {
      skipUntil = name;
      continue;
    }
    tokens.push({
      type: 'open',
      name,
      colspan: spanOf(inner, 'colspan'),
      rowspan: spanOf(inner, 'rowspan'),
      selfClosing,
    });
  }
  return tokens;
}
