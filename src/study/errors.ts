/** Errors of the study layer that name what the user wrote (browser-safe: no `node:` imports). */

/** A spec file that is not valid, or names something that does not exist: names the file and every problem (exit 2). */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid analysis spec\n  ${problems.join('\n  ')}`);
  }
}

/** An analysis could not be computed on this cohort (e.g. a subgroup without cases); names the analysis (exit 1). */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  constructor(
    readonly analysis: string,
    override readonly cause: Error,
  ) {
    super(`${analysis}: ${cause.message}`);
  }
}
