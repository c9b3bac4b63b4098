/**
 * FigureDrawer (src/runtime/figureDrawer.ts): every figure posted to the worker at once, drawn there one after
 * another, the SVGs the same as this thread draws, in submission order; a figure the worker cannot draw is drawn
 * here, where its error reaches the caller; a drawer closed half-way leaves no promise rejected unhandled.
 */
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/report/svg.ts';
import { FigureDrawer } from '../../src/runtime/figureDrawer.ts';
import type { FigureResult } from '../../src/study/types.ts';

/** A figure whose vega-lite spec is given (the drawer then draws that spec as it is). */
function figure(id: string, values: number[], mark = 'bar'): FigureResult {
  const vegaLite = {
    data: { values: values.map((v, i) => ({ g: `g${i % 3}`, v })) },
    mark,
    encoding: { x: { field: 'g', type: 'nominal' }, y: { aggregate: 'sum', field: 'v', type: 'quantitative' } },
  };
  return { id, title: id, caption: '', data: {} as FigureResult['data'], vegaLite };
}

const figures = [figure('first', [1, 2, 3, 5]), figure('second', [8, 13, 21]), figure('third', [34, 55], 'point')];

async function expected(): Promise<string[]> {
  const out: string[] = [];
  for (const f of figures) out.push(await renderSvg(f.vegaLite as Record<string, unknown>, f.id));
  return out;
}

describe('FigureDrawer', () => {
  it('with a worker: figures posted as they come, SVGs as drawn here, in submission order', async () => {
    const drawer = new FigureDrawer(1);
    drawer.submit(figures.slice(0, 1));
    drawer.submit(figures.slice(1));
    const drawn = await drawer.all();
    expect([...drawn.keys()]).toEqual(figures);
    expect([...drawn.values()]).toEqual(await expected());
    expect(() => drawer.submit(figures)).toThrow(/submit after all/);
  }, 60_000);

  it('without a worker: the same SVGs, drawn here when asked for', async () => {
    const drawer = new FigureDrawer(0);
    drawer.submit(figures);
    expect([...(await drawer.all()).values()]).toEqual(await expected());
  }, 60_000);

  it('a figure the worker cannot draw is drawn here, and its error reaches the caller', async () => {
    const broken = figure('broken', [1, 2], 'no-such-mark');
    const message = await renderSvg(broken.vegaLite as Record<string, unknown>, broken.id).then(
      () => 'drawn',
      (error: Error) => error.message,
    );
    expect(message).not.toBe('drawn');
    for (const threads of [1, 0]) {
      const drawer = new FigureDrawer(threads);
      drawer.submit([figures[0], broken]);
      await expect(drawer.all()).rejects.toThrow(message);
    }
  }, 60_000);

  it('closed half-way (a run that failed): nothing is drawn here and nothing rejects unhandled', async () => {
    const drawer = new FigureDrawer(1);
    drawer.submit(figures);
    drawer.close();
    await new Promise((resolve) => setTimeout(resolve, 200)); // an unhandled rejection would fail the run here
    expect(() => drawer.submit(figures)).toThrow(/submit after all/);
  });
});
