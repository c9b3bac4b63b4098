export { chisqCdf, chisqQuantile, chisqSf } from './chisquare.ts';
export { fCdf, fQuantile, fSf } from './fisherF.ts';
export { normalCdf, normalQuantile, normalQuantileUpper, normalSf } from './normal.ts';
export { pValueFromTails } from './pValue.ts';
export { tCdf, tQuantile, tSf } from './studentT.ts';
