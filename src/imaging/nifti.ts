/**
 * NIfTI-1 reading (single-file `.nii` and gzip-compressed `.nii.gz`, 3-D and 4-D).
 *
 * Headers are parsed by nifti-reader-js 0.8.0 (byte order, dims, pixdim, vox_offset, scl_slope/scl_inter,
 * qform/sform → affine). The voxel data are decoded here, because nifti-reader-js only hands back the raw
 * bytes: datatype → element decoder, byte order, scaling `value = scl_slope · stored + scl_inter` (no scaling
 * when scl_slope is 0 or not finite, as the NIfTI-1 standard and nibabel say).
 *
 * Memory: {@link gatherVoxels} streams the (decompressed) file once and keeps only the requested voxels, so a
 * 4-D DWI series never sits in memory: the footprint is (voxels requested × volumes) doubles plus one
 * decompression chunk. {@link readNifti} decodes a whole file and is meant for 3-D masks (one volume).
 */
import { createReadStream } from 'node:fs';
import { createGunzip, gunzipSync, constants as zlibConstants } from 'node:zlib';
import * as nifti from 'nifti-reader-js';
import { InputLimitError } from '../io/errors.ts';
import {
  DEFAULT_MAX_INFLATED_BYTES,
  DEFAULT_MAX_INPUT_BYTES,
  gunzipLimited,
  MAX_INFLATED_FLAG,
  readFileLimited,
} from '../io/limitedRead.ts';
import { InputError } from '../stats/_shared/errors.ts';

/** NIfTI-1 datatype codes restudy decodes, with their element size in bytes. */
export const NIFTI_DATATYPES: Readonly<Record<number, { name: string; bytes: number }>> = Object.freeze({
  2: { name: 'uint8', bytes: 1 },
  4: { name: 'int16', bytes: 2 },
  8: { name: 'int32', bytes: 4 },
  16: { name: 'float32', bytes: 4 },
  64: { name: 'float64', bytes: 8 },
  256: { name: 'int8', bytes: 1 },
  512: { name: 'uint16', bytes: 2 },
  768: { name: 'uint32', bytes: 4 },
  1024: { name: 'int64', bytes: 8 },
  1280: { name: 'uint64', bytes: 8 },
});

/** The header fields restudy uses. */
export interface NiftiHeader {
  /** the file it came from */
  readonly file: string;
  /** dim[1..dim[0]]: (x, y, z[, t]) sizes */
  readonly dims: readonly number[];
  /**
   * NIfTI datatype code (2 uint8, 4 int16, 8 int32, 16 float32, 64 float64, 256 int8, 512 uint16, 768 uint32,
   * 1024 int64, 1280 uint64)
   */
  readonly datatype: number;
  readonly datatypeName: string;
  readonly bytesPerVoxel: number;
  readonly littleEndian: boolean;
  /** byte offset of the voxel data in the (decompressed) file */
  readonly voxOffset: number;
  /** scaling actually applied: { slope: 1, inter: 0 } when the header's scl_slope is 0 or not finite */
  readonly scaling: { readonly slope: number; readonly inter: number; readonly applied: boolean };
  /** pixdim[1..3], voxel size in the file's spatial units */
  readonly voxelSize: readonly number[];
  /**
   * 4×4 voxel → world matrix as nifti-reader-js derives it (qform when qform_code > 0 and ≥ sform_code, else sform,
   * else pixdim)
   */
  readonly affine: readonly (readonly number[])[];
  readonly qformCode: number;
  readonly sformCode: number;
  readonly gzip: boolean;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** Parses and validates the 348-byte NIfTI-1 header from the first bytes of the decompressed file. */
export function parseNiftiHeader(first: Uint8Array, file: string, gzip: boolean): NiftiHeader {
  if (first.length < 348)
    throw new InputError(file, 'a NIfTI-1 file (at least 348 header bytes)', `${first.length} bytes`);
  const ab = toArrayBuffer(first.subarray(0, Math.min(first.length, 352)));
  if (nifti.isNIFTI2(ab))
    throw new InputError(
      file,
      'a NIfTI-1 file (NIfTI-2 is not supported; convert with nibabel or fslchfiletype)',
      'a NIfTI-2 header',
    );
  if (!nifti.isNIFTI1(ab)) {
    if (nifti.isNIFTI1(ab, true))
      throw new InputError(
        file,
        'a single-file NIfTI-1 (.nii/.nii.gz); .hdr/.img pairs are not supported',
        'magic "ni1"',
      );
    throw new InputError(file, 'a NIfTI-1 file (magic "n+1")', 'another format');
  }
  const h = nifti.readHeader(ab) as nifti.NIFTI1;
  const ndim = h.dims[0];
  if (!(ndim >= 1 && ndim <= 7)) throw new InputError(`${file}: dim[0]`, 'an integer in 1..7', ndim);
  const dims = h.dims.slice(1, 1 + ndim);
  dims.forEach((d, i) => {
    if (!(Number.isInteger(d) && d >= 1)) throw new InputError(`${file}: dim[${i + 1}]`, 'a positive integer', d);
  });
  const dt = NIFTI_DATATYPES[h.datatypeCode];
  if (dt === undefined) {
    throw new InputError(
      `${file}: datatype`,
      `one of ${Object.entries(NIFTI_DATATYPES)
        .map(([c, d]) => `${c} (${d.name})`)
        .join(', ')} (complex, RGB and float128 are not supported)`,
      h.datatypeCode,
    );
  }
  const slope = h.scl_slope;
  const inter = h.scl_inter;
  const applied = Number.isFinite(slope) && slope !== 0;
  const scaling = applied
    ? { slope, inter: Number.isFinite(inter) ? inter : 0, applied }
    : { slope: 1, inter: 0, applied };
  if (!(Number.isInteger(h.vox_offset) && h.vox_offset >= 0)) {
    throw new InputError(`${file}: vox_offset`, 'a whole byte offset ≥ 0 (352 or more for a .nii file)', h.vox_offset);
  }
  const voxOffset = Math.max(h.vox_offset, 352);
  return Object.freeze({
    file,
    dims: Object.freeze(dims),
    datatype: h.datatypeCode,
    datatypeName: dt.name,
    bytesPerVoxel: dt.bytes,
    littleEndian: h.littleEndian,
    voxOffset,
    scaling: Object.freeze(scaling),
    voxelSize: Object.freeze(h.pixDims.slice(1, 4)),
    affine: Object.freeze(h.affine.map((row) => Object.freeze(row.slice()))),
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    gzip,
  });
}

/** Element decoder for a datatype/byte order: reads the stored (unscaled) value at a byte offset. */
export function elementReader(
  header: Pick<NiftiHeader, 'datatype' | 'littleEndian'>,
): (view: DataView, byteOffset: number) => number {
  const le = header.littleEndian;
  switch (header.datatype) {
    case 2:
      return (v, o) => v.getUint8(o);
    case 256:
      return (v, o) => v.getInt8(o);
    case 4:
      return (v, o) => v.getInt16(o, le);
    case 512:
      return (v, o) => v.getUint16(o, le);
    case 8:
      return (v, o) => v.getInt32(o, le);
    case 768:
      return (v, o) => v.getUint32(o, le);
    case 16:
      return (v, o) => v.getFloat32(o, le);
    case 64:
      return (v, o) => v.getFloat64(o, le);
    // 64-bit integers are converted to the nearest double (exact up to 2^53)
    case 1024:
      return (v, o) => Number(v.getBigInt64(o, le));
    case 1280:
      return (v, o) => Number(v.getBigUint64(o, le));
    default:
      throw new InputError('datatype', 'a supported NIfTI datatype code', header.datatype);
  }
}

/** Number of voxels in one 3-D volume (x·y·z; missing trailing dims count as 1). */
export function voxelsPerVolume(header: Pick<NiftiHeader, 'dims'>): number {
  const [x = 1, y = 1, z = 1] = header.dims;
  return x * y * z;
}

/** Number of 3-D volumes (product of dims 4..7). */
export function volumeCount(header: Pick<NiftiHeader, 'dims'>): number {
  return header.dims.slice(3).reduce((a, b) => a * b, 1);
}

/** Reads only the header of a .nii/.nii.gz file (streams the first bytes of a gzip file). */
export async function readNiftiHeader(file: string): Promise<NiftiHeader> {
  const chunks: Buffer[] = [];
  let total = 0;
  let gzip = false;
  for await (const chunk of decompressedStream(file, (g) => (gzip = g))) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= 352) break;
  }
  return parseNiftiHeader(Buffer.concat(chunks), file, gzip);
}

/** A NIfTI volume decoded in full and scaled to float64. */
export interface NiftiImage {
  readonly header: NiftiHeader;
  /** scaled voxel values, NIfTI order (x fastest, then y, z, t) */
  readonly data: Float64Array;
}

/**
 * Reads and decodes a whole NIfTI-1 file (for masks and small images; use {@link gatherVoxels} for DWI series).
 * @throws InputError for an unreadable, truncated, NIfTI-2, .hdr/.img or unsupported-datatype file
 */
export function readNifti(file: string, limits: NiftiReadLimits = {}): NiftiImage {
  const { header, bytes } = readWhole(file, limits);
  const n = voxelsPerVolume(header) * volumeCount(header);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = elementReader(header);
  const { slope, inter } = header.scaling;
  const data = new Float64Array(n);
  const step = header.bytesPerVoxel;
  for (let i = 0, o = header.voxOffset; i < n; i++, o += step) data[i] = slope * read(view, o) + inter;
  return Object.freeze({ header, data });
}

/**
 * Reads a mask: inside = scaled value non-zero and not NaN (one byte per voxel, no float64 copy of the volume).
 * @throws InputError as {@link readNifti}
 */
export function readNiftiMask(
  file: string,
  limits: NiftiReadLimits = {},
): { header: NiftiHeader; inside: Uint8Array; count: number } {
  const { header, bytes } = readWhole(file, limits);
  const n = voxelsPerVolume(header) * volumeCount(header);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = elementReader(header);
  const { slope, inter } = header.scaling;
  const inside = new Uint8Array(n);
  let count = 0;
  const step = header.bytesPerVoxel;
  for (let i = 0, o = header.voxOffset; i < n; i++, o += step) {
    const v = slope * read(view, o) + inter;
    if (v !== 0 && !Number.isNaN(v)) {
      inside[i] = 1;
      count++;
    }
  }
  return { header, inside, count };
}

/** Limits of whole-file reads (masks): compressed bytes read, and bytes inflated. */
export interface NiftiReadLimits {
  /** @default src/io DEFAULT_MAX_INPUT_BYTES (1 GiB) */
  maxInputBytes?: number;
  /** @default src/io DEFAULT_MAX_INFLATED_BYTES (2 GiB) */
  maxInflatedBytes?: number;
}

/**
 * Reads a whole file with bounded memory: the compressed bytes up to `maxInputBytes`; a gzip file is inflated only
 * as far as its header declares (header + voxels), so a gzip bomb is refused with that size named instead of
 * filling memory, and a declared size above `maxInflatedBytes` is refused before inflating.
 */
function readWhole(file: string, limits: NiftiReadLimits = {}): { header: NiftiHeader; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileLimited(file, {
      maxBytes: limits.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
      what: 'the NIfTI file',
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(file, 'a readable file', code);
  }
  const gzip = isGzip(bytes);
  let header: NiftiHeader;
  if (gzip) {
    let head: Buffer;
    try {
      // the first compressed bytes, flushed without an end-of-stream check: enough to hold the 352-byte header
      head = gunzipSync(bytes.subarray(0, 1 << 16), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (error) {
      throw new InputError(file, 'a valid gzip stream', (error as Error).message);
    }
    header = parseNiftiHeader(head, file, gzip);
    const need = declaredBytes(header);
    const maxInflated = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
    if (need > maxInflated)
      throw new InputLimitError(
        file,
        'the NIfTI image its header declares (inflated)',
        maxInflated,
        'bytes',
        MAX_INFLATED_FLAG,
      );
    try {
      // slack for trailing bytes some writers leave; anything beyond is not an image of this header
      bytes = gunzipLimited(bytes, { maxBytes: need + (1 << 20), what: 'the NIfTI image', file });
    } catch (error) {
      if (error instanceof InputLimitError) {
        throw new InputError(
          file,
          `about ${need} bytes once inflated, as its header declares (${header.dims.join('×')} ${header.datatypeName})`,
          'more data than the header declares: a corrupt or hostile gzip file',
        );
      }
      if (error instanceof InputError) throw error;
      throw new InputError(file, 'a valid gzip stream', (error as Error).message);
    }
  } else header = parseNiftiHeader(bytes, file, gzip);
  const need = declaredBytes(header);
  if (bytes.length < need)
    throw new InputError(
      file,
      `${need} bytes (header + ${need - header.voxOffset} bytes of ${header.datatypeName} voxels)`,
      `${bytes.length} bytes (truncated)`,
    );
  return { header, bytes };
}

/** Bytes of the header plus every voxel the header declares. */
function declaredBytes(header: NiftiHeader): number {
  return header.voxOffset + voxelsPerVolume(header) * volumeCount(header) * header.bytesPerVoxel;
}

async function* decompressedStream(
  file: string,
  onGzip: (gzip: boolean) => void,
  chunkBytes = 1 << 20,
): AsyncGenerator<Buffer> {
  let magic: Buffer;
  try {
    const stream = createReadStream(file, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(c as Buffer);
    magic = Buffer.concat(parts);
  } catch (error) {
    throw new InputError(file, 'a readable file', (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const gzip = isGzip(magic);
  onGzip(gzip);
  const raw = createReadStream(file, { highWaterMark: chunkBytes });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: Math.max(64, chunkBytes) })) : raw;
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (error) {
    throw new InputError(file, 'a valid gzip stream', (error as Error).message);
  } finally {
    raw.destroy();
    if (source !== raw) (source as ReturnType<typeof createGunzip>).destroy();
  }
}

/**
 * Streams a 4-D (or 3-D) NIfTI file once and returns the scaled values of the requested voxels in every volume.
 *
 * Output layout is voxel-major: `out[i * volumes + t]` is voxel `voxelIndices[i]` in volume t, so each voxel's
 * signal curve is contiguous for the fit. Memory: the output plus one 1 MiB chunk, O(voxels × volumes).
 *
 * @param voxelIndices strictly increasing linear indices into one 3-D volume (x fastest)
 * @param chunkBytes read/decompression chunk size, @default 1 MiB (small values only for tests of chunk boundaries)
 * @throws InputError for indices out of range or not increasing, a truncated file
 */
export async function gatherVoxels(
  header: NiftiHeader,
  voxelIndices: Int32Array,
  chunkBytes = 1 << 20,
): Promise<Float64Array> {
  const nvox = voxelsPerVolume(header);
  const nvol = volumeCount(header);
  const m = voxelIndices.length;
  for (let i = 0; i < m; i++) {
    const v = voxelIndices[i];
    if (!(v >= 0 && v < nvox) || (i > 0 && v <= voxelIndices[i - 1])) {
      throw new InputError(`voxelIndices[${i}]`, `strictly increasing indices in [0, ${nvox})`, v);
    }
  }
  const out = new Float64Array(m * nvol);
  if (m === 0) return out;
  const es = header.bytesPerVoxel;
  const read = elementReader(header);
  const { slope, inter } = header.scaling;
  // target k (0 ≤ k < m·nvol) in file order: volume t = floor(k / m), voxel i = k mod m
  const totalTargets = m * nvol;
  let k = 0;
  let targetByte = header.voxOffset + voxelIndices[0] * es; // absolute byte offset of target k
  let pos = 0; // absolute offset of the first byte of `buf`
  let carry: Buffer | null = null;
  for await (const chunk of decompressedStream(header.file, () => undefined, chunkBytes)) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const end = pos + buf.length;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    while (k < totalTargets && targetByte + es <= end) {
      const t = Math.floor(k / m);
      const i = k - t * m;
      out[i * nvol + t] = slope * read(view, targetByte - pos) + inter;
      k++;
      if (k < totalTargets) {
        const t2 = Math.floor(k / m);
        targetByte = header.voxOffset + (t2 * nvox + voxelIndices[k - t2 * m]) * es;
      }
    }
    if (k >= totalTargets) return out;
    // keep the bytes from the next target on (at most one partial element needs to survive)
    const keepFrom = Math.max(0, Math.min(targetByte - pos, buf.length));
    carry = keepFrom < buf.length ? Buffer.from(buf.subarray(keepFrom)) : null;
    pos += keepFrom;
    if (carry === null) pos = end;
  }
  throw new InputError(
    header.file,
    `voxel data for ${nvol} volume(s) of ${nvox} voxels (${header.datatypeName})`,
    'a truncated file',
  );
}

/** True when two images share the 3-D grid: same x, y, z sizes and the same affine within `tol` mm. */
export function sameGeometry(a: NiftiHeader, b: NiftiHeader, tol = 1e-3): { same: boolean; reason: string } {
  for (let i = 0; i < 3; i++) {
    if ((a.dims[i] ?? 1) !== (b.dims[i] ?? 1)) {
      return { same: false, reason: `grid ${a.dims.slice(0, 3).join('×')} vs ${b.dims.slice(0, 3).join('×')}` };
    }
  }
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      const x = a.affine[r][c];
      const y = b.affine[r][c];
      if (!(Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y)))) {
        return { same: false, reason: `affine[${r}][${c}] ${x} vs ${y}` };
      }
    }
  }
  return { same: true, reason: '' };
}
