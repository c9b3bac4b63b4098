import { InputError } from '../_shared/errors.ts';

/** Case/control scores split from labels; internal. */
export interface SplitScores {
  cases: Float64Array;
  controls: Float64Array;
}

/** ROC direction as in pROC: `'<'` controls score lower than cases; `'>'` controls score higher. */
export type RocDirection = '<' | '>';

/** Validates `direction` when given. */
export function directionOption(direction: unknown, param = 'direction'): RocDirection | undefined {
  if (direction === undefined) return undefined;
  if (direction === '<' || direction === '>') return direction;
  throw new InputError(param, "'<' (controls below cases) or '>' (controls above cases)", direction);
}

/**
 * Validates binary labels (`positive` = case, the one other value = control) and returns the positions of
 * cases; throws unless there is at least one case and one control.
 */
export function caseMask(
  labels: ArrayLike<number>,
  positive: number,
  param = 'labels',
): { isCase: Uint8Array; nCases: number; controlValue: number } {
  if (labels === null || labels === undefined || typeof labels.length !== 'number') {
    throw new InputError(param, 'an array of binary labels (1 = case, 0 = control)', labels);
  }
  if (typeof positive !== 'number' || !Number.isFinite(positive)) {
    throw new InputError('positive', 'a finite number (the label of cases)', positive);
  }
  const isCase = new Uint8Array(labels.length);
  let controlValue: number | undefined;
  let nCases = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new InputError(`${param}[${i}]`, 'a finite number (binary label)', v);
    if (v === positive) {
      isCase[i] = 1;
      nCases++;
    } else if (controlValue === undefined) {
      controlValue = v;
    } else if (v !== controlValue) {
      throw new InputError(`${param}[${i}]`, `one of two label values (case ${positive}, control ${controlValue})`, v);
    }
  }
  if (nCases === 0) throw new InputError(param, `to contain at least one case (label ${positive})`, labels);
  if (controlValue === undefined)
    throw new InputError(param, `to contain at least one control (a label other than ${positive})`, labels);
  return { isCase, nCases, controlValue };
}

/** Splits finite scores by a case mask into two Float64Arrays (original order kept). */
export function splitScores(
  scores: ArrayLike<number>,
  isCase: Uint8Array,
  nCases: number,
  param = 'scores',
): SplitScores {
  if (scores === null || scores === undefined || typeof scores.length !== 'number') {
    throw new InputError(param, 'an array of finite numbers', scores);
  }
  if (scores.length !== isCase.length) {
    throw new InputError(param, `an array of the same length as labels (${isCase.length})`, scores);
  }
  const cases = new Float64Array(nCases);
  const controls = new Float64Array(isCase.length - nCases);
  let ci = 0;
  let ki = 0;
  for (let i = 0; i < isCase.length; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${param}[${i}]`, 'a finite number', v);
    if (isCase[i] === 1) cases[ci++] = v;
    else controls[ki++] = v;
  }
  return { cases, controls };
}

/** Median of a sample (R's `median`), on a sorted copy. */
export function medianOf(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * pROC's `direction = "auto"`: `'<'` when median(controls) ≤ median(cases), else `'>'`.
 * Returns the direction and a warning that states the choice (never silent).
 */
export function autoDirection(
  cases: Float64Array,
  controls: Float64Array,
  what = 'scores',
): { direction: RocDirection; warning: string } {
  const mCases = medianOf(cases);
  const mControls = medianOf(controls);
  const direction: RocDirection = mControls <= mCases ? '<' : '>';
  const warning =
    `direction was not given for ${what}: chose '${direction}' ` +
    `(${direction === '<' ? 'controls < cases' : 'controls > cases'}) ` +
    `because median(controls) = ${mControls} ${direction === '<' ? '≤' : '>'} median(cases) = ${mCases}, as ` +
    `pROC's direction = "auto"; ` +
    `pass direction explicitly to fix it in advance`;
  return { direction, warning };
}

/**
 * Directions of two curves compared by a DeLong test: the user's one for both, else pROC's median rule
 * per curve (each choice recorded in `warnings`), plus pROC's warning when the two directions differ.
 */
export function pairDirections(
  a: { cases: Float64Array; controls: Float64Array },
  b: { cases: Float64Array; controls: Float64Array },
  userDirection: RocDirection | undefined,
  names: readonly [string, string],
  warnings: string[],
): { directionA: RocDirection; directionB: RocDirection } {
  let directionA: RocDirection;
  let directionB: RocDirection;
  if (userDirection !== undefined) {
    directionA = directionB = userDirection;
  } else {
    const da = autoDirection(a.cases, a.controls, names[0]);
    const db = autoDirection(b.cases, b.controls, names[1]);
    directionA = da.direction;
    directionB = db.direction;
    warnings.push(da.warning, db.warning);
  }
  if (directionA !== directionB)
    warnings.push(
      "the two curves have different directions; DeLong's test should not compare curves of different " +
        'direction (as pROC warns)',
    );
  return { directionA, directionB };
}
