/**
 * The summary-table kind is imported by the offline web page: its whole import graph must be free of `node:`
 * modules and of the node-only loaders (src/data, src/imaging, src/index.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [normalize(entry)];
  while (todo.length) {
    const file = todo.pop() as string;
    if (graph.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    graph.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) todo.push(normalize(join(dirname(file), s)));
  }
  return graph;
}

describe('browser-safe study modules', () => {
  for (const entry of ['src/study/kinds/summaryTable.ts', 'src/study/conventions.ts', 'src/study/cells.ts']) {
    it(`${entry} imports nothing node-only`, () => {
      const graph = importGraph(entry);
      expect(graph.size).toBeGreaterThan(0);
      for (const [file, specs] of graph) {
        for (const s of specs) expect(s.startsWith('node:'), `${file} imports ${s}`).toBe(false);
        expect(file, file).toMatch(/^src\/(study|stats)\//);
        expect(file).not.toMatch(/^src\/study\/(load|run|spec|parallel|optimism)/);
      }
    });
  }
});
