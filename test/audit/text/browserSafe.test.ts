import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The offline web page runs the prose audit in the browser: nothing it imports, however deep, may use `node:`. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const stack = [resolve(entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    const src = readFileSync(file, 'utf8');
    const specs = [...src.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) stack.push(resolve(dirname(file), s));
  }
  return seen;
}

describe('src/audit/text is browser-safe', () => {
  it('no node: (or bare node built-in) import anywhere in its import graph', () => {
    const graph = importGraph('src/audit/text/index.ts');
    expect(graph.size).toBeGreaterThan(10);
    const offending = [...graph].flatMap(([f, specs]) =>
      specs.filter((s) => s.startsWith('node:') || /^(fs|path|os|url|zlib)$/.test(s)).map((s) => `${f}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
