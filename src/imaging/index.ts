/** Quantitative diffusion features from images: NIfTI-1 I/O, ADC and DKI fits, VOI histogram features. */
export {
  readNifti,
  readNiftiMask,
  readNiftiHeader,
  gatherVoxels,
  sameGeometry,
  parseNiftiHeader,
  NIFTI_DATATYPES,
} from './nifti.ts';
export type { NiftiHeader, NiftiImage } from './nifti.ts';
export { encodeNifti, writeNifti } from './niftiWrite.ts';
export type { NiftiWriteInput } from './niftiWrite.ts';
export { FLAG, MIN_SIGNAL, makeShells, fitAdcBlock, fitDkiBlock } from './diffusionFit.ts';
export type { Shells, DkiOptions, DkiOut, AdcOut } from './diffusionFit.ts';
export { fitVoxels, FitPool } from './fitVoxels.ts';
export type { FitVoxelsOptions } from './fitVoxels.ts';
export type { FitRequest, FitResult } from './fitBlock.ts';
export { histogramFeatures, histogramEntropy, DEFAULT_CONVENTIONS } from './histogramFeatures.ts';
export type { Binning, HistogramConventions, HistogramFeatures } from './histogramFeatures.ts';
export {
  extractFeatures,
  featureRow,
  parseBvals,
  checkBvals,
  resolveConventions,
  excludedFlagBits,
  FLAG_NAMES,
  MAPS,
  STATS,
  COUNT_NAMES,
  DEFAULT_BIN_WIDTH,
} from './extractFeatures.ts';
export type {
  FeatureOptions,
  FeatureExtraction,
  VoiFeatures,
  VoiCounts,
  FlaggedPolicy,
  FlagName,
  MapName,
  StatName,
} from './extractFeatures.ts';
export {
  groupShells,
  selectShells,
  formatShellTable,
  DEFAULT_SHELL_TOLERANCE,
  DEFAULT_B0_THRESHOLD,
} from './shells.ts';
export type { ShellTable, Shell, ShellSpec, ShellOptions, BUnits } from './shells.ts';
export { readManifest, parseShard, shardPatients } from './batch/manifest.ts';
export type { Manifest, ManifestPatient } from './batch/manifest.ts';
export { runBatch, batchPaths } from './batch/runBatch.ts';
export type { BatchOptions, BatchSummary } from './batch/runBatch.ts';
export { mergeShards } from './batch/merge.ts';
export { featureColumns, flaggedShareWarnings, FLAG_CODES, DEFAULT_MAX_FLAGGED_SHARE } from './extractFeatures.ts';
