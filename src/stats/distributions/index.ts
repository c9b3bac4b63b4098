export { normalCdf, normalSf, normalQuantile, normalQuantileUpper } from './normal.ts';
export { chisqCdf, chisqSf, chisqQuantile } from './chisquare.ts';
export { tCdf, tSf, tQuantile } from './studentT.ts';
export { fCdf, fSf, fQuantile } from './fisherF.ts';
export { pValueFromTails } from './pValue.ts';
