/**
 * Executable README: every `fn(args).field; // => value` line of the README's code blocks is run against
 * the public API and must equal the documented value to the digits shown, so the README cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/^(\w+)\((.*)\)\.(\w+); \/\/ => ([-\d.e]+)/gm)].map((m) => ({
  fn: m[1],
  args: m[2],
  field: m[3],
  documented: m[4],
}));

describe('README examples', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });
  it.each(examples.map((e) => [`${e.fn}(…).${e.field}`, e] as const))('%s', (_name, e) => {
    const fn = (api as unknown as Record<string, (...a: unknown[]) => Record<string, number>>)[e.fn];
    expect(typeof fn, e.fn).toBe('function');
    const value = fn(...(JSON.parse(`[${e.args}]`) as unknown[]))[e.field];
    const decimals = (e.documented.split('.')[1] ?? '').length;
    // the documented value is the computed one rounded to the digits shown
    expect(Math.abs(value - Number(e.documented))).toBeLessThanOrEqual(0.5 * 10 ** -decimals);
  });
});
