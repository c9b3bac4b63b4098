/**
 * {@link renderSvg} behind a dynamic import: vega and vega-lite (the largest part of the bundle) are loaded only
 * by a thread that draws a figure. When the figure worker draws every figure, the main thread never parses them.
 */
export async function renderSvgLazily(spec: Record<string, unknown>, figureId: string): Promise<string> {
  const { renderSvg } = await import('./svg.ts');
  return renderSvg(spec, figureId);
}
