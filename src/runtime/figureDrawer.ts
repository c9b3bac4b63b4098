/**
 * Draws a report's figures while the analyses are still running: each figure is posted, as soon as its analysis
 * has run, to a worker thread (src/runtime/figureWorker.ts), which draws them one after another without waiting
 * for this thread, so the heavy vega rendering overlaps the later analyses and the bootstraps. This thread draws
 * only the figures of a worker that died (or all of them with no worker), one at a time. Every figure is drawn
 * once, and the SVG does not depend on where (ids are renamed per figure by src/report/svg.ts).
 */
import { figureSpec } from '../report/figures.ts';
import { renderSvgLazily } from '../report/renderSvgLazily.ts';
import type { FigureResult } from '../study/types.ts';
import { WorkerQueue } from './worker.ts';

type Drawing = { spec: Record<string, unknown>; id: string };
type Drawn = { svg: string } | { error: string };

export class FigureDrawer {
  private readonly svgs = new Map<FigureResult, Promise<string>>();
  /** figures for this thread to draw when all() is called (no worker) */
  private readonly here: { figure: FigureResult; drawing: Drawing }[] = [];
  private worker?: WorkerQueue<Drawing, Drawn>;
  /** the drawings of this thread, chained: one at a time, as renderFigures does */
  private drawingHere: Promise<unknown> = Promise.resolve();
  private sealed = false;
  private closed = false;

  /**
   * @param threads - 1: a worker thread, started now (it boots while the caller loads and analyses), draws the
   *   figures as they come; 0: all are drawn here when asked for
   */
  constructor(threads: number) {
    if (threads <= 0) return;
    try {
      this.worker = new WorkerQueue(new URL('./figureWorker.ts', import.meta.url));
    } catch {
      this.worker = undefined; // no worker: drawn here
    }
  }

  /** Posts the figures of an analysis to the worker (or keeps them for all() without one). */
  submit(figures: readonly FigureResult[]): void {
    if (this.sealed) throw new Error('FigureDrawer: submit after all()');
    for (const figure of figures) {
      const drawing = { spec: figure.vegaLite ?? figureSpec(figure), id: figure.id };
      if (this.worker === undefined) {
        this.here.push({ figure, drawing });
        continue;
      }
      const svg = this.worker.run(drawing).then(
        // a figure the worker could not draw is drawn here, where its error reaches the caller
        (m) => ('svg' in m ? m.svg : this.drawHere(drawing)),
        (error: unknown) => {
          if (this.closed) throw error;
          return this.drawHere(drawing); // the worker died: the same SVG here
        },
      );
      svg.catch(() => undefined); // only a closed drawer rejects, and nobody asks for its figures
      this.svgs.set(figure, svg);
    }
  }

  /** The SVG of every submitted figure, in submission order. */
  async all(): Promise<Map<FigureResult, string>> {
    this.sealed = true;
    try {
      for (const { figure, drawing } of this.here) this.svgs.set(figure, this.drawHere(drawing));
      const out = new Map<FigureResult, string>();
      for (const [figure, svg] of this.svgs) out.set(figure, await svg);
      return out;
    } finally {
      this.close();
    }
  }

  /** Stops the worker (a run that failed half-way). */
  close(): void {
    this.closed = true;
    this.sealed = true;
    void this.worker?.close();
    this.worker = undefined;
  }

  private drawHere(drawing: Drawing): Promise<string> {
    const svg = this.drawingHere.then(() => renderSvgLazily(drawing.spec, drawing.id));
    this.drawingHere = svg.catch(() => undefined);
    return svg;
  }
}
