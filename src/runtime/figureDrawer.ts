/**
 * Draws a report's figures while the analyses are still running: each figure is submitted as soon as its analysis
 * has run and drawn on a worker thread (src/runtime/figureWorker.ts), so the heavy vega rendering of an early
 * figure overlaps the later analyses. The worker also draws the figures still queued when the SVGs are asked for;
 * this thread draws only those of a worker that died (or all of them with no worker). Every figure is drawn once, by
 * whoever takes it first, and the SVG does not depend on where (ids are renamed per figure by src/report/svg.ts).
 */
import type { Worker } from 'node:worker_threads';
import { figureSpec } from '../report/figures.ts';
import { renderSvgLazily } from '../report/renderSvgLazily.ts';
import type { FigureResult } from '../study/types.ts';
import { startWorker } from './worker.ts';

type Message = { ready: true } | { svg: string } | { error: string };
// (a figure is posted without waiting for `ready`: the worker takes its messages once loaded, and this thread may
// not turn its event loop, to see `ready`, before its synchronous analyses are over)

interface Drawing {
  figure: FigureResult;
  spec: Record<string, unknown>;
}

export class FigureDrawer {
  private readonly queue: Drawing[] = [];
  private readonly svgs = new Map<FigureResult, Promise<string>>();
  private readonly order: FigureResult[] = [];
  private worker?: Worker;
  private sealed = false;
  private closed = false;
  private current?: { drawing: Drawing; resolve: (svg: string | Promise<string>) => void };

  /**
   * @param threads - 1: a worker thread, started now (it boots while the caller loads and analyses), draws the
   *   figures as they come; 0: all are drawn here when asked for
   */
  constructor(threads: number) {
    if (threads > 0) this.start();
  }

  /** Queues the figures of an analysis (the worker starts with the first). */
  submit(figures: readonly FigureResult[]): void {
    if (this.sealed) throw new Error('FigureDrawer: submit after all()');
    for (const figure of figures) {
      this.order.push(figure);
      this.queue.push({ figure, spec: figure.vegaLite ?? figureSpec(figure) });
    }
    this.next();
  }

  /**
   * The SVG of every submitted figure. A live worker draws the queued ones too (it is warm: vega loaded and
   * compiled, a figure in a few tens of ms, where this thread would first load vega, ~0.3 s of CPU); those left
   * when it died, or with no worker, are drawn in this thread.
   */
  async all(): Promise<Map<FigureResult, string>> {
    this.sealed = true;
    try {
      this.next();
      while (this.worker && this.current) await this.svgs.get(this.current.drawing.figure);
      for (let d = this.queue.shift(); d !== undefined; d = this.queue.shift()) {
        const svg = renderSvgLazily(d.spec, d.figure.id);
        this.svgs.set(d.figure, svg);
        await svg; // one at a time, as renderFigures does
      }
      const out = new Map<FigureResult, string>();
      for (const f of this.order) out.set(f, await (this.svgs.get(f) as Promise<string>));
      return out;
    } finally {
      this.close();
    }
  }

  /** Stops the worker (a run that failed half-way). */
  close(): void {
    this.closed = true;
    this.sealed = true;
    this.queue.length = 0;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): void {
    try {
      const worker = startWorker(new URL('./figureWorker.ts', import.meta.url));
      worker.unref(); // an idle worker never keeps the process alive
      worker.on('message', (m: Message) => {
        if ('ready' in m) return;
        this.done(m);
        this.next();
      });
      worker.on('error', () => this.fail());
      worker.on('exit', (code) => code !== 0 && this.fail());
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  /** Hands the next queued figure to the worker when it has none (the others wait here for it or for all()). */
  private next(): void {
    if (!this.worker || this.current) return;
    const drawing = this.queue.shift();
    if (drawing === undefined) return;
    this.worker.ref();
    this.svgs.set(
      drawing.figure,
      new Promise<string>((resolve) => {
        this.current = { drawing, resolve };
      }),
    );
    this.worker.postMessage({ spec: drawing.spec, id: drawing.figure.id });
  }

  private done(m: { svg: string } | { error: string }): void {
    const current = this.current;
    this.current = undefined;
    this.worker?.unref();
    if (!current) return;
    // a figure the worker could not draw is drawn here, where its error reaches the caller
    current.resolve('svg' in m ? m.svg : renderSvgLazily(current.drawing.spec, current.drawing.figure.id));
  }

  /** The worker died (not stopped by close()): its figure is drawn in this thread, and so is the queue by all(). */
  private fail(): void {
    const current = this.current;
    this.worker = undefined;
    this.current = undefined;
    if (current && !this.closed) current.resolve(renderSvgLazily(current.drawing.spec, current.drawing.figure.id));
  }
}
