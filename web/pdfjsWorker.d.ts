/** pdfjs-dist ships its worker module without type declarations; the page only hands it to pdfjs. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
