export type { PAdjustMethod, PAdjustOptions } from './pAdjust.ts';
export { pAdjust, pAdjustMethods } from './pAdjust.ts';
