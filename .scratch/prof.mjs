import { readFileSync } from 'node:fs';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const t0 = Date.now();
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false, verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
console.log('open', Date.now() - t0);
for (let p = 1; p <= doc.numPages; p++) { const t = Date.now(); const page = await doc.getPage(p); const tc = await page.getTextContent(); console.log(p, tc.items.length, Date.now() - t); }
