/** Runs `restudy features …` in-process and returns its exit code and everything it wrote to stderr. */
import { vi } from 'vitest';
import { buildProgram } from '../../src/cli.ts';

export async function runFeaturesCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    chunks.push(String(s));
    return true;
  });
  process.exitCode = 0;
  try {
    const program = (await buildProgram()).exitOverride().configureOutput({ writeErr: (s) => chunks.push(s) });
    await program.parseAsync(['node', 'restudy', 'features', ...args]);
  } catch (error) {
    chunks.push(String(error));
    process.exitCode = 2;
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stderr: chunks.join('') };
}
