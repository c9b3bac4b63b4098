import { InputError } from '../../stats/_shared/errors.ts';

/**
 * Options of the prose audit, with restudy's defaults and statcheck's beside them (statcheck 1.5.0,
 * `statcheck(texts, OneTailedTests = FALSE, alpha = .05, pEqualAlphaSig = TRUE, pZeroError = TRUE,
 * OneTailedTxt = FALSE)`).
 */
export interface ProseOptions {
  /** significance level the paper is assumed to use. @default 0.05 (statcheck: alpha = .05) */
  readonly alpha: number;
  /**
   * whether a printed p equal to α counts as significant (p ≤ α) or not (p < α).
   * @default 'significant' (statcheck: pEqualAlphaSig = TRUE)
   */
  readonly pEqualAlpha: 'significant' | 'not';
  /**
   * whether "p = .000" is an error (a p is never 0; it should read p < .001) or read as p < .0005.
   * @default 'error' (statcheck: pZeroError = TRUE)
   */
  readonly pZero: 'error' | 'ok';
  /**
   * t, z and r tests: 'detect' checks the two-tailed reading and, when the text says one-tailed /
   * one-sided / directional anywhere, also the one-tailed one (flagged only when neither fits);
   * 'all' assumes every such test is one-tailed; 'none' two-tailed only.
   * @default 'detect' (statcheck: OneTailedTests = FALSE, OneTailedTxt = FALSE, i.e. 'none')
   */
  readonly oneTailed: 'detect' | 'all' | 'none';
  /**
   * items per score for GRIM / GRIMMER on "M = 3.45, SD = 1.20, N = 28" (a mean over k Likert items
   * is a multiple of 1/(n·k)). Unset: prose cannot say whether the data are integers, so a GRIM or
   * GRIMMER failure is 'implausible' (a question); set it to say they are, and a failure is
   * 'inconsistent'. @default undefined (statcheck: no GRIM)
   */
  readonly items?: number;
}

/** One option as the CLI and the web page show it. */
export interface ProseOptionSpec {
  readonly name: keyof ProseOptions;
  /** the CLI flag, commander syntax */
  readonly flag: string;
  readonly choices?: readonly string[];
  readonly default: string | number | undefined;
  /** statcheck's default, for the help text and docs */
  readonly statcheckDefault: string;
  readonly help: string;
}

/** The options schema for the CLI (`restudy audit`) and the web page. */
export const PROSE_OPTION_SPECS: readonly ProseOptionSpec[] = Object.freeze([
  {
    name: 'alpha',
    flag: '--alpha <number>',
    default: 0.05,
    statcheckDefault: '.05',
    help: 'significance level assumed for decision errors (0 < alpha < 1)',
  },
  {
    name: 'pEqualAlpha',
    flag: '--p-equal-alpha <significant|not>',
    choices: ['significant', 'not'],
    default: 'significant',
    statcheckDefault: 'significant (pEqualAlphaSig = TRUE)',
    help: 'does a printed p equal to alpha count as significant?',
  },
  {
    name: 'pZero',
    flag: '--p-zero <error|ok>',
    choices: ['error', 'ok'],
    default: 'error',
    statcheckDefault: 'error (pZeroError = TRUE)',
    help: '"p = .000" is an error (error) or read as p < .0005 (ok)',
  },
  {
    name: 'oneTailed',
    flag: '--one-tailed <detect|all|none>',
    choices: ['detect', 'all', 'none'],
    default: 'detect',
    statcheckDefault: 'none (OneTailedTests = FALSE, OneTailedTxt = FALSE)',
    help: 't/z/r: detect = also the one-tailed reading when the text says one-tailed/one-sided/directional',
  },
  {
    name: 'items',
    flag: '--items <integer>',
    default: undefined,
    statcheckDefault: 'no GRIM',
    help: 'items per score: prose means are of integer data (GRIM/GRIMMER failures become inconsistent)',
  },
] as const satisfies readonly ProseOptionSpec[]);

export const DEFAULT_PROSE_OPTIONS: ProseOptions = Object.freeze({
  alpha: 0.05,
  pEqualAlpha: 'significant',
  pZero: 'error',
  oneTailed: 'detect',
});

function oneOf<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InputError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  }
  return value as T;
}

/**
 * Fills defaults and validates. Accepts strings for numbers (as a CLI passes them).
 * @throws InputError naming the option: alpha not in (0, 1), an unknown choice, items not a positive integer.
 */
export function resolveProseOptions(partial: Partial<Record<keyof ProseOptions, unknown>> = {}): ProseOptions {
  const alpha = partial.alpha === undefined ? DEFAULT_PROSE_OPTIONS.alpha : Number(partial.alpha);
  if (!(alpha > 0 && alpha < 1)) throw new InputError('alpha', 'a number between 0 and 1 (exclusive)', partial.alpha);
  const items = partial.items === undefined ? undefined : Number(partial.items);
  if (items !== undefined && !(Number.isInteger(items) && items >= 1 && items <= 1000)) {
    throw new InputError('items', 'an integer from 1 to 1000', partial.items);
  }
  return Object.freeze({
    alpha,
    pEqualAlpha: oneOf('pEqualAlpha', partial.pEqualAlpha ?? 'significant', ['significant', 'not'] as const),
    pZero: oneOf('pZero', partial.pZero ?? 'error', ['error', 'ok'] as const),
    oneTailed: oneOf('oneTailed', partial.oneTailed ?? 'detect', ['detect', 'all', 'none'] as const),
    ...(items === undefined ? {} : { items }),
  });
}
