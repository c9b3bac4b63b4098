import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gatherVoxels, readNifti, readNiftiHeader, sameGeometry } from '../../src/imaging/nifti.ts';
import { encodeNifti, writeNifti } from '../../src/imaging/niftiWrite.ts';
import { expectAllClose, expectClose, readFixture } from '../helpers/expectClose.ts';

const DIR = 'test/fixtures/py/imaging';
type Num = number | string;
interface ReaderCase {
  datatype: number;
  dims: number[];
  endianness: string;
  slope_inter: Num[];
  values: Num[];
  affine: Num[][];
}
const fx = readFixture<{ reader: Record<string, ReaderCase>; dwi4: { signal: Num[][]; shape: number[] } }>(
  `${DIR}/dipy.json`,
);
const tmp = mkdtempSync(join(tmpdir(), 'restudy-nifti-'));

describe('readNifti against nibabel 5.0 get_fdata()', () => {
  for (const [file, c] of Object.entries(fx.reader)) {
    it(`${file}: datatype ${c.datatype}, ${c.endianness}-endian, scaling ${c.slope_inter.join('/')}`, () => {
      const img = readNifti(join(DIR, file));
      expect(img.header.datatype).toBe(c.datatype);
      expect(img.header.dims).toEqual(c.dims);
      expect(img.header.littleEndian).toBe(c.endianness === 'little');
      expect(img.header.gzip).toBe(file.endsWith('.gz'));
      // decoded values are exact (integers, or float32/float64 scaled in double as nibabel does)
      expectAllClose(img.data, c.values.map(Number), { rtol: 0, atol: 0 }, file);
      for (let r = 0; r < 4; r++)
        expectAllClose(
          img.header.affine[r],
          c.affine[r].map(Number),
          { rtol: 1e-6, atol: 1e-6 },
          `${file} affine row ${r}`,
        );
    });
  }
});

describe('gatherVoxels streams the 4-D series', () => {
  const all = Int32Array.from({ length: fx.dwi4.shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
  it('returns every voxel curve as nibabel reads it (int16 with scl_slope 0.25, gzip)', async () => {
    const h = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    expect(h.scaling).toEqual({ slope: 0.25, inter: 0, applied: true });
    const out = await gatherVoxels(h, all);
    for (const i of [0, 1, 17, 209])
      for (let t = 0; t < 4; t++) expect(out[i * 4 + t]).toBe(Number(fx.dwi4.signal[t][i]));
  });
  it('is independent of chunk boundaries (partial elements carried across chunks)', async () => {
    const raw = gunzipTo(`${DIR}/dwi4.nii.gz`, 'dwi4.nii');
    const h = await readNiftiHeader(raw);
    const subset = Int32Array.from([0, 3, 4, 5, 99, 100, 208, 209]);
    const reference = await gatherVoxels(h, subset);
    for (const chunk of [1, 3, 7, 64, 333])
      expect(Array.from(await gatherVoxels(h, subset, chunk)), `chunk ${chunk}`).toEqual(Array.from(reference));
    const hz = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    expect(Array.from(await gatherVoxels(hz, subset, 64))).toEqual(Array.from(reference));
    for (let k = 0; k < subset.length; k++)
      for (let t = 0; t < 4; t++) expect(reference[k * 4 + t]).toBe(Number(fx.dwi4.signal[t][subset[k]]));
  });
  it('rejects unsorted or out-of-range indices and truncated files', async () => {
    const h = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    await expect(gatherVoxels(h, Int32Array.from([3, 2]))).rejects.toThrow(
      /voxelIndices\[1\] must be strictly increasing/,
    );
    await expect(gatherVoxels(h, Int32Array.from([210]))).rejects.toThrow(/in \[0, 210\)/);
    const raw = readFileSync(gunzipTo(`${DIR}/dwi4.nii.gz`, 'dwi4b.nii'));
    const cut = join(tmp, 'cut.nii');
    writeFileSync(cut, raw.subarray(0, raw.length - 10));
    const hc = await readNiftiHeader(cut);
    await expect(gatherVoxels(hc, Int32Array.from([209]))).rejects.toThrow(/truncated/);
    expect(() => readNifti(cut)).toThrow(/truncated/);
  });
});

function gunzipTo(src: string, name: string): string {
  const out = join(tmp, name);
  writeFileSync(out, gunzipSync(readFileSync(src)));
  return out;
}

describe('writer round trip and errors', () => {
  it('encodeNifti → readNifti for every datatype, .nii and .nii.gz', () => {
    const dims = [3, 2, 2];
    const data = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    for (const datatype of [2, 4, 8, 16, 64, 256, 512, 768, 1024, 1280]) {
      for (const ext of ['.nii', '.nii.gz']) {
        const f = join(tmp, `rt_${datatype}${ext}`);
        writeNifti(f, { dims, data, datatype, sclSlope: 2, sclInter: -1, voxelSize: [0.5, 0.75, 3] });
        const img = readNifti(f);
        expect(img.header.datatype).toBe(datatype);
        expect(Array.from(img.data)).toEqual(data.map((v) => 2 * v - 1));
        expect(img.header.voxelSize).toEqual([0.5, 0.75, 3]);
      }
    }
  });
  it('scl_slope 0 means no scaling (NIfTI-1 standard)', () => {
    const f = join(tmp, 'noscale.nii');
    writeNifti(f, { dims: [2, 1, 1], data: [5, 7], datatype: 4, sclSlope: 0, sclInter: 100 });
    expect(Array.from(readNifti(f).data)).toEqual([5, 7]);
    expect(readNifti(f).header.scaling.applied).toBe(false);
  });
  it('sameGeometry compares grid and affine', async () => {
    const a = await readNiftiHeader(`${DIR}/mask_r1.nii.gz`);
    const b = await readNiftiHeader(`${DIR}/dwi4.nii.gz`);
    expect(sameGeometry(a, b).same).toBe(true);
    expect(sameGeometry(a, await readNiftiHeader(`${DIR}/mask_shifted.nii.gz`))).toEqual({
      same: false,
      reason: 'affine[0][3] 112.5 vs 115.5',
    });
    expect(sameGeometry(a, await readNiftiHeader(`${DIR}/mask_wrongdims.nii.gz`)).reason).toBe('grid 7×6×5 vs 7×6×4');
  });
  it('clear errors for missing, foreign, NIfTI-2, .hdr/.img and unsupported files', () => {
    expect(() => readNifti(join(tmp, 'nope.nii'))).toThrow(/must be a readable file; got "ENOENT"/);
    const text = join(tmp, 'text.nii');
    writeFileSync(text, 'x'.repeat(400));
    expect(() => readNifti(text)).toThrow(/must be a NIfTI-1 file \(magic "n\+1"\)/);
    const good = encodeNifti({ dims: [2, 2, 1], data: [1, 2, 3, 4], datatype: 4 }, false);
    const pair = Buffer.from(good);
    pair.write('ni1\0', 344, 'latin1');
    writeFileSync(join(tmp, 'pair.nii'), pair);
    expect(() => readNifti(join(tmp, 'pair.nii'))).toThrow(/\.hdr\/\.img pairs are not supported/);
    const complex = Buffer.from(good);
    complex.writeInt16LE(32, 70); // complex64
    writeFileSync(join(tmp, 'complex.nii.gz'), gzipSync(complex));
    expect(() => readNifti(join(tmp, 'complex.nii.gz'))).toThrow(
      /datatype must be one of .*complex, RGB and float128 are not supported\); got 32/,
    );
    const n2 = Buffer.alloc(600);
    n2.writeInt32LE(540, 0);
    n2.write('n+2\0', 4, 'latin1');
    writeFileSync(join(tmp, 'n2.nii'), n2);
    expect(() => readNifti(join(tmp, 'n2.nii'))).toThrow(/NIfTI-2 is not supported/);
    writeFileSync(join(tmp, 'short.nii'), good.subarray(0, 100));
    expect(() => readNifti(join(tmp, 'short.nii'))).toThrow(/at least 348 header bytes\); got "100 bytes"/);
    writeFileSync(join(tmp, 'badgz.nii.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(() => readNifti(join(tmp, 'badgz.nii.gz'))).toThrow(/must be a valid gzip stream/);
  });
  it('big-endian int16 with scaling decodes like the little-endian copy', () => {
    const le = readNifti(`${DIR}/dt_int16_le.nii`);
    const be = readNifti(`${DIR}/dt_int16_be.nii`);
    expect(be.header.littleEndian).toBe(false);
    expect(Array.from(be.data)).toEqual(Array.from(le.data));
    expectClose(be.data[0], -6003, { rtol: 0 }, 'scaled 0.5·(−12000) − 3');
  });
});
