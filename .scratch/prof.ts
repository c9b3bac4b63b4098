import { readFileSync } from 'node:fs';
const pdfjs = await import(process.argv[4]==='min' ? 'pdfjs-dist/legacy/build/pdf.min.mjs' : 'pdfjs-dist/legacy/build/pdf.mjs');
const t0 = Date.now(); if (process.argv[3]==='min') (globalThis as any).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs'); console.log('worker', Date.now()-t0);
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false, verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
console.log('open', Date.now() - t0);
for (let p = 1; p <= doc.numPages; p++) { const t = Date.now(); const page = await doc.getPage(p); const tc = await page.getTextContent(); console.log(p, tc.items.length, Date.now() - t); }
