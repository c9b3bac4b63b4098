/** Process exit codes of the restudy CLI. */
export const EXIT_OK = 0;
/** The analysis ran but found a problem (an inconsistent printed number, a failed check). */
export const EXIT_ANALYSIS_PROBLEM = 1;
/** Bad input: a file, row, column or option that is not what was expected. */
export const EXIT_BAD_INPUT = 2;
