/** One block of voxel fits (ADC and DKI), shared by the main thread and the workers. */
import { fitAdcBlock, fitDkiBlock, makeShells, type DkiOptions } from './diffusionFit.ts';

export interface FitRequest {
  /** voxel-major signal, `voxels × bvals.length` */
  signal: Float64Array;
  bvals: number[];
  /** b-values of the ADC fit (two → two-point formula) */
  adcBvalues: number[];
  /** b-values of the DKI fit */
  dkiBvalues: number[];
  dki: DkiOptions;
}

export interface FitResult {
  adc: Float64Array;
  adcFlags: Uint8Array;
  d: Float64Array;
  k: Float64Array;
  kRaw: Float64Array;
  s0: Float64Array;
  dkiFlags: Uint8Array;
}

export function fitBlock(req: FitRequest): FitResult {
  const n = req.signal.length / req.bvals.length;
  const adc = { adc: new Float64Array(n), flags: new Uint8Array(n) };
  fitAdcBlock(req.signal, n, makeShells(req.bvals, req.adcBvalues, 2), adc);
  const dki = { d: new Float64Array(n), k: new Float64Array(n), kRaw: new Float64Array(n), s0: new Float64Array(n), flags: new Uint8Array(n) };
  fitDkiBlock(req.signal, n, makeShells(req.bvals, req.dkiBvalues, 3), req.dki, dki);
  return { adc: adc.adc, adcFlags: adc.flags, d: dki.d, k: dki.k, kRaw: dki.kRaw, s0: dki.s0, dkiFlags: dki.flags };
}
