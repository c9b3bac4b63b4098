export type { CohenKappaOptions, CohenKappaResult, KappaWeights, Rating } from './cohenKappa.ts';
export { cohenKappa } from './cohenKappa.ts';
export type { IccModel, IccOptions, IccResult, IccType, IccUnit } from './icc.ts';
export { icc, iccFromColumns } from './icc.ts';
