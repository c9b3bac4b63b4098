import { InputError } from '../_shared/errors.ts';
import { finiteSample } from '../_shared/validate.ts';

/** Validates `groups` (at least `minGroups` arrays of finite numbers, each non-empty) as Float64Arrays. */
export function validateGroups(
  groups: readonly ArrayLike<number>[],
  minGroups = 2,
  minEach = 1,
  param = 'groups',
): Float64Array[] {
  if (!Array.isArray(groups)) throw new InputError(param, 'an array of groups (arrays of numbers)', groups);
  if (groups.length < minGroups) throw new InputError(param, `an array of at least ${minGroups} groups`, groups);
  return groups.map((g, i) => finiteSample(g, `${param}[${i}]`, minEach));
}

/** Validates optional group names (one distinct string per group). */
export function validateNames(names: readonly string[] | undefined, k: number): string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.length !== k || names.some((s) => typeof s !== 'string')) {
    throw new InputError('names', `an array of ${k} strings (one per group)`, names);
  }
  if (new Set(names).size !== k) throw new InputError('names', 'distinct group names', names);
  return [...names];
}
