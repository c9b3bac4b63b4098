import { InputError } from '../../stats/_shared/errors.ts';
import type { ProseLine } from './types.ts';

const positiveInteger = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 1;

/**
 * Splits a text into numbered lines (LF, CRLF or CR); checks and passes through a `ProseLine[]`.
 * @throws InputError when the input is neither, or a line lacks a string `text`, a positive integer
 * `line`, or has a `page` that is not a positive integer.
 */
export function toProseLines(input: string | readonly ProseLine[]): readonly ProseLine[] {
  if (typeof input === 'string') return input.split(/\r\n|\r|\n/).map((text, i) => ({ text, line: i + 1 }));
  if (!Array.isArray(input)) throw new InputError('input', 'a string or an array of { text, page?, line }', input);
  input.forEach((l: ProseLine, i) => {
    if (typeof l !== 'object' || l === null || typeof l.text !== 'string')
      throw new InputError(`lines[${i}].text`, 'a string', l?.text);
    if (!positiveInteger(l.line)) throw new InputError(`lines[${i}].line`, 'a positive integer', l.line);
    if (l.page !== undefined && !positiveInteger(l.page))
      throw new InputError(`lines[${i}].page`, 'a positive integer', l.page);
  });
  return input;
}
