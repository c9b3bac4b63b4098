/**
 * Minimal NIfTI-1 writer (single file, little-endian, sform and qform-free): used for test volumes, benchmark
 * phantoms and optional parameter maps. It writes what restudy reads back; it is not a general converter.
 */

import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { InputError } from '../stats/_shared/errors.ts';
import { NIFTI_DATATYPES } from './nifti.ts';

export interface NiftiWriteInput {
  /** (x, y, z[, t]) sizes */
  dims: readonly number[];
  /** stored values, NIfTI order (x fastest); written after rounding/casting to `datatype` */
  data: ArrayLike<number>;
  /** NIfTI datatype code, @default 16 (float32) */
  datatype?: number;
  /** 4×4 voxel → world (sform, code 2 "aligned"), @default diag(voxelSize, 1) */
  affine?: readonly (readonly number[])[];
  /** @default [1, 1, 1] mm */
  voxelSize?: readonly number[];
  /** header scl_slope / scl_inter, @default 0 / 0 (no scaling) */
  sclSlope?: number;
  sclInter?: number;
  description?: string;
}

/** Encodes a NIfTI-1 file in memory; gzip-compressed when `gzip` is true. */
export function encodeNifti(input: NiftiWriteInput, gzip = true): Buffer {
  const datatype = input.datatype ?? 16;
  const dt = NIFTI_DATATYPES[datatype];
  if (dt === undefined) throw new InputError('datatype', 'a supported NIfTI datatype code', datatype);
  const dims = input.dims;
  if (dims.length < 1 || dims.length > 7) throw new InputError('dims', '1 to 7 sizes', dims as number[]);
  const n = dims.reduce((a, b) => a * b, 1);
  if (input.data.length !== n) throw new InputError('data', `${n} values (product of dims)`, input.data.length);
  const voxelSize = input.voxelSize ?? [1, 1, 1];
  const affine = input.affine ?? [
    [voxelSize[0], 0, 0, 0],
    [0, voxelSize[1], 0, 0],
    [0, 0, voxelSize[2], 0],
    [0, 0, 0, 1],
  ];
  const voxOffset = 352;
  const buf = Buffer.alloc(voxOffset + n * dt.bytes);
  buf.writeInt32LE(348, 0);
  buf.writeInt16LE(dims.length, 40);
  for (let i = 0; i < 7; i++) buf.writeInt16LE(dims[i] ?? 1, 42 + 2 * i);
  buf.writeInt16LE(datatype, 70);
  buf.writeInt16LE(dt.bytes * 8, 72);
  buf.writeFloatLE(1, 76); // pixdim[0] = qfac
  for (let i = 0; i < 3; i++) buf.writeFloatLE(voxelSize[i] ?? 1, 80 + 4 * i);
  buf.writeFloatLE(voxOffset, 108);
  buf.writeFloatLE(input.sclSlope ?? 0, 112);
  buf.writeFloatLE(input.sclInter ?? 0, 116);
  buf.writeUInt8(2 | 8, 123); // xyzt_units: mm, s
  buf.write((input.description ?? 'restudy').slice(0, 79), 148, 'latin1');
  buf.writeInt16LE(0, 252); // qform_code
  buf.writeInt16LE(2, 254); // sform_code: aligned
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) buf.writeFloatLE(affine[r][c], 280 + 16 * r + 4 * c);
  buf.write('n+1\0', 344, 'latin1');
  let o = voxOffset;
  const d = input.data;
  for (let i = 0; i < n; i++, o += dt.bytes) {
    const v = d[i];
    switch (datatype) {
      case 2:
        buf.writeUInt8(Math.round(v), o);
        break;
      case 256:
        buf.writeInt8(Math.round(v), o);
        break;
      case 4:
        buf.writeInt16LE(Math.round(v), o);
        break;
      case 512:
        buf.writeUInt16LE(Math.round(v), o);
        break;
      case 8:
        buf.writeInt32LE(Math.round(v), o);
        break;
      case 768:
        buf.writeUInt32LE(Math.round(v), o);
        break;
      case 16:
        buf.writeFloatLE(v, o);
        break;
      case 64:
        buf.writeDoubleLE(v, o);
        break;
      case 1024:
        buf.writeBigInt64LE(BigInt(Math.round(v)), o);
        break;
      case 1280:
        buf.writeBigUInt64LE(BigInt(Math.round(v)), o);
        break;
    }
  }
  return gzip ? gzipSync(buf) : buf;
}

/** Writes a NIfTI-1 file; gzip-compressed when the name ends in `.gz`. */
export function writeNifti(file: string, input: NiftiWriteInput): void {
  writeFileAtomic(file, encodeNifti(input, file.endsWith('.gz')));
}
