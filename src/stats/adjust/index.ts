export { pAdjust, pAdjustMethods } from './pAdjust.ts';
export type { PAdjustMethod, PAdjustOptions } from './pAdjust.ts';
