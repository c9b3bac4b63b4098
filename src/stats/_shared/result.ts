/** Direction of the alternative hypothesis, always stated relative to the *first* argument. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Conventions a result was computed under, by name (`{ continuityCorrection: false, exact: true }`). */
export type Conventions = Readonly<Record<string, string | number | boolean>>;

/**
 * The one result shape of a hypothesis test, modelled on R's `htest`. Frozen, no methods, serialises
 * to JSON as is. Fields that do not apply are absent, never `null`.
 */
export interface TestResult {
  readonly method: string;
  readonly statistic?: number;
  readonly statisticName?: string;
  readonly df?: number;
  readonly pValue: number;
  readonly alternative?: Alternative;
  readonly estimate?: number;
  readonly estimateName?: string;
  readonly nullValue?: number;
  readonly confInt?: readonly [number, number];
  readonly confLevel?: number;
  readonly se?: number;
  readonly n: number;
  readonly conventions: Conventions;
  readonly warnings: readonly string[];
}

/** Deep-freezes plain result objects (arrays and nested objects included) and returns them typed. */
export function freezeResult<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value as object)) {
      freezeResult((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
