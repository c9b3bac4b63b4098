/**
 * The @example values in the TSDoc of src/stats/parametric, each checked against the R output of R's own
 * help-page examples (R 4.2.2; datasets cited in the TSDoc).
 */
import { describe, it } from 'vitest';
import { oneWayAnova, shapiroWilk, tTest } from '../../../src/stats/parametric/index.ts';
import { expectClose } from '../../helpers/expectClose.ts';

// R datasets::PlantGrowth (Dobson 1983) and datasets::sleep (Cushny & Peebles 1905)
const ctrl = [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14];
const trt1 = [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69];
const trt2 = [6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26];
const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2];
const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('TSDoc examples reproduce R help-page output', () => {
  it('tTest', () => {
    const paired = tTest(drug1, drug2, { paired: true });
    expectClose(paired.statistic, -4.0621276833820366, { rtol: 1e-12 });
    expectClose(paired.pValue, 0.0028328901973842702, { rtol: 1e-10 });
    expectClose(paired.confInt[0], -2.4598857632769824, { rtol: 1e-10 });
    const welch = tTest(drug1, drug2);
    expectClose(welch.df, 17.776473516178498, { rtol: 1e-12 });
    expectClose(welch.pValue, 0.079394140187358173, { rtol: 1e-10 });
  });
  it('oneWayAnova and shapiroWilk', () => {
    const fisher = oneWayAnova([ctrl, trt1, trt2]);
    expectClose(fisher.statistic, 4.8460878623801369, { rtol: 1e-12 });
    expectClose(fisher.pValue, 0.015909958325622912, { rtol: 1e-10 });
    const welch = oneWayAnova([ctrl, trt1, trt2], { varEqual: false });
    expectClose(welch.statistic, 5.1809724081131892, { rtol: 1e-12 });
    expectClose(welch.df2, 17.128418616644129, { rtol: 1e-12 });
    expectClose(welch.pValue, 0.017392821490170001, { rtol: 1e-10 });
    const sw = shapiroWilk([...ctrl, ...trt1, ...trt2]);
    expectClose(sw.statistic, 0.98268301609858733, { rtol: 1e-12 });
    expectClose(sw.pValue, 0.89150736822739873, { rtol: 1e-10 });
  });
});
