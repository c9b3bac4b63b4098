/**
 * Synthetic patients for tests and benchmarks: a DWI series with known D, K and S0 per voxel and Rician noise,
 * written as float32 NIfTI with a b-value file as a scanner would write it, plus one or two readers' box VOIs.
 * The signal is generated at the b-values actually written (jitter included), as the scanner applied them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNifti } from '../../src/imaging/niftiWrite.ts';
import { createRng } from '../../src/stats/_shared/random.ts';

export interface PhantomSpec {
  dims: [number, number, number];
  /** b-values as the file states them, in s/mm² (the signal uses these) */
  bvals: number[];
  /** text of the b-value file (default: `bvals` joined by spaces) */
  bvalText?: string;
  /** truth per voxel index */
  truth: (i: number) => { d: number; k: number; s0: number };
  /** SNR at b = 0 (σ = S0 / snr) */
  snr: number;
  seed: number;
  /** inclusive box corners [x0, y0, z0, x1, y1, z1] of each reader's VOI */
  vois: [number, number, number, number, number, number][];
}

/** Writes `dwi.nii.gz`, `dwi.bval`, `voi_r1.nii.gz`(, `voi_r2.nii.gz`) into `dir`; returns their paths. */
export function writePhantom(dir: string, spec: PhantomSpec): { dwi: string; bvals: string; masks: string[] } {
  mkdirSync(dir, { recursive: true });
  const [nx, ny, nz] = spec.dims;
  const nvox = nx * ny * nz;
  const nt = spec.bvals.length;
  const rng = createRng(spec.seed);
  const data = new Float32Array(nvox * nt);
  for (let i = 0; i < nvox; i++) {
    const { d, k, s0 } = spec.truth(i);
    const sigma = s0 / spec.snr;
    for (let t = 0; t < nt; t++) {
      const b = spec.bvals[t];
      const clean = s0 * Math.exp(-b * d + (b * b * d * d * k) / 6);
      const re = clean + sigma * rng.normal();
      const im = sigma * rng.normal();
      data[t * nvox + i] = Math.sqrt(re * re + im * im);
    }
  }
  const dwi = join(dir, 'dwi.nii.gz');
  writeNifti(dwi, { dims: [nx, ny, nz, nt], data, voxelSize: [2, 2, 3] });
  const bvals = join(dir, 'dwi.bval');
  writeFileSync(bvals, (spec.bvalText ?? spec.bvals.join(' ')) + '\n');
  const masks = spec.vois.map((box, r) => {
    const m = new Uint8Array(nvox);
    for (let z = box[2]; z <= box[5]; z++) {
      for (let y = box[1]; y <= box[4]; y++) for (let x = box[0]; x <= box[3]; x++) m[x + nx * (y + ny * z)] = 1;
    }
    const file = join(dir, `voi_r${r + 1}.nii.gz`);
    writeNifti(file, { dims: [nx, ny, nz], data: m, datatype: 2, voxelSize: [2, 2, 3] });
    return file;
  });
  return { dwi, bvals, masks };
}
