import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('tails come from survival functions', () => {
  it('no source file computes a tail as 1 - …cdf(', () => {
    const root = new URL('../../src', import.meta.url).pathname;
    const offenders = sourceFiles(root).filter((f) => /1\s*-\s*[\w.]*[cC]df\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
