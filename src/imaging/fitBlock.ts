/** One block of voxel fits (ADC and DKI), shared by the main thread and the workers. */
import { type DkiOptions, fitAdcBlock, fitDkiBlock, makeShells, type Shells, shellsFromSpec } from './diffusionFit.ts';
import type { ShellSpec } from './shells.ts';

export interface FitRequest {
  /** voxel-major signal, `voxels × bvals.length` */
  signal: Float64Array;
  /** one b-value per volume (s/mm²) */
  bvals: number[];
  /** b-values of the ADC fit, matched exactly (two → two-point formula); ignored when `adcShells` is given */
  adcBvalues?: number[];
  /** b-values of the DKI fit, matched exactly; ignored when `dkiShells` is given */
  dkiBvalues?: number[];
  /** the shells of the ADC fit, grouped within a tolerance (shells.ts `selectShells`) */
  adcShells?: ShellSpec;
  /** the shells of the DKI fit */
  dkiShells?: ShellSpec;
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

function shellsOf(req: FitRequest, spec: ShellSpec | undefined, exact: number[] | undefined, min: number): Shells {
  if (spec) {
    if (spec.shellOf.length !== req.bvals.length) throw new RangeError('shell spec and b-values differ in length');
    return shellsFromSpec(spec);
  }
  return makeShells(req.bvals, exact, min);
}

export function fitBlock(req: FitRequest): FitResult {
  const n = req.signal.length / req.bvals.length;
  const adc = { adc: new Float64Array(n), flags: new Uint8Array(n) };
  fitAdcBlock(req.signal, n, shellsOf(req, req.adcShells, req.adcBvalues ?? [0, 800], 2), adc);
  const dki = {
    d: new Float64Array(n),
    k: new Float64Array(n),
    kRaw: new Float64Array(n),
    s0: new Float64Array(n),
    flags: new Uint8Array(n),
  };
  fitDkiBlock(req.signal, n, shellsOf(req, req.dkiShells, req.dkiBvalues, 3), req.dki, dki);
  return { adc: adc.adc, adcFlags: adc.flags, d: dki.d, k: dki.k, kRaw: dki.kRaw, s0: dki.s0, dkiFlags: dki.flags };
}
