/** Quantitative diffusion features from images: NIfTI-1 I/O, ADC and DKI fits, VOI histogram features. */

export type { Manifest, ManifestPatient } from './batch/manifest.ts';
export { parseShard, readManifest, shardPatients } from './batch/manifest.ts';
export { mergeShards } from './batch/merge.ts';
export type { BatchOptions, BatchSummary } from './batch/runBatch.ts';
export { batchPaths, runBatch } from './batch/runBatch.ts';
export type { AdcOut, DkiOptions, DkiOut, Shells } from './diffusionFit.ts';
export { FLAG, fitAdcBlock, fitDkiBlock, MIN_SIGNAL, makeShells } from './diffusionFit.ts';
export type {
  FeatureExtraction,
  FeatureOptions,
  FlaggedPolicy,
  FlagName,
  MapName,
  StatName,
  VoiCounts,
  VoiFeatures,
} from './extractFeatures.ts';
export {
  COUNT_NAMES,
  checkBvals,
  DEFAULT_BIN_WIDTH,
  DEFAULT_MAX_FLAGGED_SHARE,
  excludedFlagBits,
  extractFeatures,
  FLAG_CODES,
  FLAG_NAMES,
  featureColumns,
  featureRow,
  flaggedShareWarnings,
  MAPS,
  parseBvals,
  resolveConventions,
  STATS,
} from './extractFeatures.ts';
export type { FitRequest, FitResult } from './fitBlock.ts';
export type { FitVoxelsOptions } from './fitVoxels.ts';
export { FitPool, fitVoxels } from './fitVoxels.ts';
export type { Binning, HistogramConventions, HistogramFeatures } from './histogramFeatures.ts';
export { DEFAULT_CONVENTIONS, histogramEntropy, histogramFeatures } from './histogramFeatures.ts';
export type { NiftiHeader, NiftiImage } from './nifti.ts';
export {
  gatherVoxels,
  NIFTI_DATATYPES,
  parseNiftiHeader,
  readNifti,
  readNiftiHeader,
  readNiftiMask,
  sameGeometry,
} from './nifti.ts';
export type { NiftiWriteInput } from './niftiWrite.ts';
export { encodeNifti, writeNifti } from './niftiWrite.ts';
export type { BUnits, Shell, ShellOptions, ShellSpec, ShellTable } from './shells.ts';
export {
  DEFAULT_B0_THRESHOLD,
  DEFAULT_SHELL_TOLERANCE,
  formatShellTable,
  groupShells,
  selectShells,
} from './shells.ts';
