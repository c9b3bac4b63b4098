import { UsageError } from '../io/index.ts';

/** Where a command writes its output and messages (tests pass their own). */
export type Io = { out: (s: string) => unknown; err: (s: string) => unknown };
export const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** The reading limits of `restudy audit` and `restudy extract`, from `--max-pages` and `--max-input-mb`. */
export interface DocumentLimits {
  readonly maxPages: number;
  readonly maxBytes: number;
}

function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer; got ${value}`);
  return n;
}

/** @throws UsageError (exit 2) for a value that is not a positive integer */
export function documentLimits(opts: { maxPages?: string; maxInputMb?: string }): DocumentLimits {
  return {
    maxPages: positiveInteger(opts.maxPages, '--max-pages', 500),
    maxBytes: positiveInteger(opts.maxInputMb, '--max-input-mb', 200) * 1024 * 1024,
  };
}
