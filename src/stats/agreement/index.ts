export { cohenKappa } from './cohenKappa.ts';
export type { CohenKappaOptions, CohenKappaResult, KappaWeights, Rating } from './cohenKappa.ts';
export { icc } from './icc.ts';
export type { IccModel, IccOptions, IccResult, IccType, IccUnit } from './icc.ts';
