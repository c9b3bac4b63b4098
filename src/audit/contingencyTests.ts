import { chiSquareTest, fisherExactTest } from '../stats/contingency/index.ts';
import type { ContingencyTests } from './contingency.ts';

/** The χ² (Pearson, Yates as R) and Fisher exact (r × c) tests of src/stats/contingency, for the contingency checks. */
export const defaultContingencyTests: ContingencyTests = {
  chiSquare: (table, opts) => chiSquareTest(table, { correct: opts.correct }),
  fisher: (table) => fisherExactTest(table),
};
