/**
 * A small XLSX reader for the page: the first worksheet's cells as strings, read with the browser's own ZIP
 * inflater (`DecompressionStream('deflate-raw')`) and `DOMParser`, so the single-file page carries no
 * spreadsheet library. As the CLI's reader: formula cells give their cached result, error cells (`#DIV/0!`)
 * are reported with their cell reference, booleans become TRUE/FALSE, dates stay Excel serial numbers unless
 * the cell is a date string (the page says so in its notes). Encrypted or legacy `.xls` files are refused.
 */

export class XlsxError extends Error {
  override readonly name = 'XlsxError';
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

/** Reads the ZIP central directory (no ZIP64: a cohort workbook is far below 4 GB). */
function zipEntries(bytes: Uint8Array, file: string): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new XlsxError(
      `${file}: not an XLSX workbook (no ZIP directory); an old .xls or an encrypted file must be saved as .xlsx or CSV first`,
    );
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new XlsxError(`${file}: damaged ZIP directory (entry ${k + 1})`);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, { name, method, compressedSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function entryText(bytes: Uint8Array, entry: ZipEntry, file: string): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (view.getUint32(at, true) !== 0x04034b50) throw new XlsxError(`${file}: damaged ZIP entry ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return new TextDecoder().decode(data);
  if (entry.method !== 8)
    throw new XlsxError(
      `${file}: ${entry.name} uses ZIP method ${entry.method}; save the workbook again from Excel or LibreOffice`,
    );
  const stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return await new Response(stream).text();
}

function parseXml(text: string, what: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new XlsxError(`${what}: malformed XML`);
  return doc;
}

/** "AB12" → zero-based column 27 */
function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const textOf = (el: Element): string =>
  Array.from(el.getElementsByTagName('t'))
    .map((t) => t.textContent ?? '')
    .join('');

/** The first worksheet as rows of string cells (null = empty), with the sheet's name. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<{ sheet: string; rows: (string | null)[][] }> {
  const entries = zipEntries(bytes, file);
  const need = async (name: string): Promise<Document> => {
    const e = entries.get(name);
    if (!e) throw new XlsxError(`${file}: not an XLSX workbook (no ${name})`);
    return parseXml(await entryText(bytes, e, file), `${file}: ${name}`);
  };
  const workbook = await need('xl/workbook.xml');
  const firstSheet = workbook.getElementsByTagName('sheet')[0];
  if (!firstSheet) throw new XlsxError(`${file}: the workbook has no worksheet`);
  const sheetName = firstSheet.getAttribute('name') ?? 'Sheet1';
  const relId =
    firstSheet.getAttribute('r:id') ??
    firstSheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
  const rels = await need('xl/_rels/workbook.xml.rels');
  const target = Array.from(rels.getElementsByTagName('Relationship'))
    .find((r) => r.getAttribute('Id') === relId)
    ?.getAttribute('Target');
  if (!target) throw new XlsxError(`${file}: cannot find worksheet "${sheetName}"`);
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const shared = entries.has('xl/sharedStrings.xml')
    ? Array.from((await need('xl/sharedStrings.xml')).getElementsByTagName('si')).map(textOf)
    : [];
  const sheet = await need(sheetPath);
  if (sheet.getElementsByTagName('mergeCell').length) {
    throw new XlsxError(`${file}: sheet "${sheetName}" has merged cells; unmerge them so each row is one patient`);
  }
  const rows: (string | null)[][] = [];
  for (const row of Array.from(sheet.getElementsByTagName('row'))) {
    const r = Number(row.getAttribute('r')) - 1;
    const cells: (string | null)[] = [];
    for (const c of Array.from(row.getElementsByTagName('c'))) {
      const ref = c.getAttribute('r') ?? '';
      const j = ref ? columnIndex(ref) : cells.length;
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? null;
      let value: string | null;
      if (type === 's') value = v === null ? null : (shared[Number(v)] ?? null);
      else if (type === 'inlineStr') value = textOf(c);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else if (type === 'e')
        throw new XlsxError(`${file}: sheet "${sheetName}", cell ${ref}: Excel error ${v}; fix or empty the cell`);
      else value = v;
      while (cells.length < j) cells.push(null);
      cells[j] = value;
    }
    while (rows.length < r) rows.push([]);
    rows[Number.isFinite(r) && r >= 0 ? r : rows.length] = cells;
  }
  return { sheet: sheetName, rows };
}
