import {
  cpSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  assertOutputsSafe,
  exitCodeOf,
  formatBytes,
  gunzipLimited,
  InputFormatError,
  InputLimitError,
  OUTPUT_MARKER,
  readFileLimited,
  UsageError,
  writeFileAtomic,
  writeReportDirAtomic,
} from '../../src/io/index.ts';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'restudy-io-'));

/** The names a report folder shows, without restudy's own `.restudy-*` entries. */
const shown = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => !n.startsWith('.restudy-'))
    .sort();

/** restudy's own entries: the marker, the link to the current copy, and the copies (`.restudy-v-*` → 'v'). */
const internals = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => n.startsWith('.restudy-'))
    .map((n) => (n.startsWith('.restudy-v-') ? 'v' : n))
    .sort();

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('UsageError and InputLimitError', () => {
  it('carry exit code 2', () => {
    expect(new UsageError('x').exitCode).toBe(2);
    expect(new InputLimitError('f.csv', 'the cohort', 10, 'rows', '--max-rows').exitCode).toBe(2);
    expect(exitCodeOf(new UsageError('x'), 1)).toBe(2);
    expect(exitCodeOf(new Error('x'), 1)).toBe(1);
    expect(exitCodeOf(null, 1)).toBe(1);
  });
  it('formats limits readably', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1 GiB');
    expect(new InputLimitError('f.csv', 'the cohort', 10, 'rows', '--max-rows').message).toBe(
      'f.csv: the cohort exceeds the limit of 10 rows; raise it with --max-rows if the file is meant to be this large',
    );
  });
});

describe('assertOutputsSafe (issue 14 item 1)', () => {
  it('accepts distinct paths, including outputs that do not exist yet', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'in.csv'), 'a\n');
    expect(() =>
      assertOutputsSafe({ inputs: [join(dir, 'in.csv')], outputs: [join(dir, 'out'), join(dir, 'x', 'y.csv')] }),
    ).not.toThrow();
  });
  it('refuses an output equal to an input, also when spelled differently', () => {
    const dir = fresh();
    const input = join(dir, 'p.txt');
    writeFileSync(input, 'paper');
    const err = thrown(() => assertOutputsSafe({ inputs: [input], outputs: [join(dir, '.', 'sub', '..', 'p.txt')] }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/is the input .*p\.txt; refusing to overwrite an input/);
    const cwdRelative = relative(process.cwd(), input);
    expect(() => assertOutputsSafe({ inputs: [cwdRelative], outputs: [input] })).toThrow(UsageError);
    expect(readFileSync(input, 'utf8')).toBe('paper');
  });
  it('refuses an output folder that contains an input (run --data D/table1.csv --out D)', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'D'));
    writeFileSync(join(dir, 'D', 'table1.csv'), 'cohort');
    const err = thrown(() => assertOutputsSafe({ inputs: [join(dir, 'D', 'table1.csv')], outputs: [join(dir, 'D')] }));
    expect(err.message).toMatch(/contains the input/);
  });
  it('refuses an output inside an input folder (--out data/shen2025/published)', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'data', 'published'), { recursive: true });
    const err = thrown(() =>
      assertOutputsSafe({ inputs: [join(dir, 'data')], outputs: [join(dir, 'data', 'published', 'new')] }),
    );
    expect(err.message).toMatch(/inside the input folder/);
  });
  it('refuses an output that is a symlink, even to a harmless place', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'victim'), 'keep');
    symlinkSync(join(dir, 'victim'), join(dir, 'index.html'));
    const err = thrown(() => assertOutputsSafe({ inputs: [], outputs: [join(dir, 'index.html')] }));
    expect(err.message).toMatch(/symbolic link/);
  });
  it('refuses an output that reaches an input through a symlinked parent folder', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'D'));
    writeFileSync(join(dir, 'D', 'm.nii.gz'), 'mask');
    symlinkSync(join(dir, 'D'), join(dir, 'L'));
    const err = thrown(() =>
      assertOutputsSafe({ inputs: [join(dir, 'D', 'm.nii.gz')], outputs: [join(dir, 'L', 'm.nii.gz')] }),
    );
    expect(err.message).toMatch(/is the input/);
  });
  it('does not mistake a sibling named "..x" for a parent', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'a'));
    expect(() => assertOutputsSafe({ inputs: [join(dir, 'a')], outputs: [join(dir, '..a')] })).not.toThrow();
  });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes and leaves no temporary file', () => {
    const dir = fresh();
    writeFileAtomic(join(dir, 'a.txt'), 'héllo');
    writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([0, 1, 255]));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('héllo');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([0, 1, 255]);
    writeFileAtomic(join(dir, 'a.txt'), 'second');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('second');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });
  it('replaces a symlink instead of writing through it', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'victim'), 'keep');
    symlinkSync(join(dir, 'victim'), join(dir, 'out.csv'));
    writeFileAtomic(join(dir, 'out.csv'), 'new');
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('new');
  });
  it('throws when the folder does not exist and leaves nothing behind', () => {
    const dir = fresh();
    expect(() => writeFileAtomic(join(dir, 'no', 'a.txt'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeReportDirAtomic (issue 14 item 2)', () => {
  it('creates the folder with every file and the marker', () => {
    const dir = fresh();
    const out = join(dir, 'deep', 'report');
    writeReportDirAtomic(out, { 'index.html': '<p>1</p>', 'figs/a.svg': '<svg/>', 'b.bin': new Uint8Array([7]) });
    expect(shown(out)).toEqual(['b.bin', 'figs', 'index.html']);
    expect(internals(out)).toEqual(['.restudy-current', OUTPUT_MARKER, 'v']);
    expect(readFileSync(join(out, 'figs', 'a.svg'), 'utf8')).toBe('<svg/>');
    expect([...readFileSync(join(out, 'b.bin'))]).toEqual([7]);
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, 'deep'))).toEqual(['report']);
  });
  it('replaces an earlier report whole: stale files do not survive', () => {
    const dir = fresh();
    const out = join(dir, 'report');
    writeReportDirAtomic(out, { 'index.html': 'old', 'stale.csv': 'old' });
    const first = readlinkSync(join(out, '.restudy-current'));
    writeReportDirAtomic(out, { 'index.html': 'new', 'added.csv': 'new' });
    expect(shown(out)).toEqual(['added.csv', 'index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'added.csv'), 'utf8')).toBe('new');
    // one copy left, the new one, and the link turned to it
    expect(internals(out)).toEqual(['.restudy-current', OUTPUT_MARKER, 'v']);
    expect(readlinkSync(join(out, '.restudy-current'))).not.toBe(first);
    expect(existsSync(join(out, first))).toBe(false);
    expect(readdirSync(dir)).toEqual(['report']);
  });
  it('keeps the folder a real folder whose copy (cp -r, links kept as links) reads the same report', () => {
    const dir = fresh();
    const out = join(dir, 'report');
    writeReportDirAtomic(out, { 'index.html': 'one', 'figs/a.svg': '<svg/>' });
    writeReportDirAtomic(out, { 'index.html': 'two', 'figs/a.svg': '<svg>2</svg>' });
    const copy = join(dir, 'copy');
    cpSync(out, copy, { recursive: true, verbatimSymlinks: true });
    expect(lstatSync(join(copy, 'index.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(copy, 'index.html'), 'utf8')).toBe('two');
    expect(readFileSync(join(copy, 'figs', 'a.svg'), 'utf8')).toBe('<svg>2</svg>');
  });
  it('puts its link back over a file a user saved in place of one (e.g. a CSV edited in a spreadsheet)', () => {
    const dir = fresh();
    const out = join(dir, 'report');
    writeReportDirAtomic(out, { 'a.csv': 'x' });
    const path = join(out, 'a.csv');
    const saved = join(dir, 'saved');
    writeFileSync(saved, 'edited');
    cpSync(saved, path, { force: true, dereference: false });
    writeReportDirAtomic(out, { 'a.csv': 'y' });
    expect(readFileSync(path, 'utf8')).toBe('y');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });
  it('replaces a folder of plain files with the restudy marker (a report of restudy 0.3) whole', () => {
    const dir = fresh();
    const out = join(dir, 'report');
    mkdirSync(out);
    writeFileSync(join(out, OUTPUT_MARKER), 'marker');
    writeFileSync(join(out, 'index.html'), 'old');
    writeFileSync(join(out, 'stale.csv'), 'old');
    writeReportDirAtomic(out, { 'index.html': 'new' });
    expect(shown(out)).toEqual(['index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new');
    expect(internals(out)).toEqual(['.restudy-current', OUTPUT_MARKER, 'v']);
    expect(readdirSync(dir)).toEqual(['report']);
  });
  it('writes into an existing empty folder', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'report'));
    writeReportDirAtomic(join(dir, 'report'), { 'a.csv': 'x' });
    expect(readFileSync(join(dir, 'report', 'a.csv'), 'utf8')).toBe('x');
  });
  it('refuses a non-empty folder restudy did not write, unless forced', () => {
    const dir = fresh();
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'precious');
    const err = thrown(() => writeReportDirAtomic(out, { 'a.csv': 'x' }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/non-empty folder that restudy did not write .*--force/);
    expect(readdirSync(out)).toEqual(['thesis.docx']);
    writeReportDirAtomic(out, { 'a.csv': 'x' }, { force: true });
    expect(shown(out)).toEqual(['a.csv']);
  });
  it('refuses an --out that is a file or a symlink, touching nothing', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'keep');
    expect(thrown(() => writeReportDirAtomic(join(dir, 'file'), { a: 'x' })).message).toMatch(
      /is a file, not a folder/,
    );
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(thrown(() => writeReportDirAtomic(join(dir, 'link'), { a: 'x' })).message).toMatch(/symbolic link/);
    expect(readdirSync(join(dir, 'real'))).toEqual([]);
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('keep');
  });
  it('does not follow a symlink planted inside an earlier report', () => {
    const dir = fresh();
    const out = join(dir, 'O');
    writeReportDirAtomic(out, { 'a.csv': 'x' });
    writeFileSync(join(dir, 'victim'), 'keep');
    symlinkSync('../victim', join(out, 'index.html'));
    writeReportDirAtomic(out, { 'index.html': 'report' });
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('report');
  });
  it('refuses file names that escape the folder or shadow the marker', () => {
    const dir = fresh();
    for (const name of ['../x', '/abs', '', '.', OUTPUT_MARKER, '.restudy-current', '.restudy-v-1/a', 'a/../../x']) {
      expect(() => writeReportDirAtomic(join(dir, 'r'), { [name]: 'x' })).toThrow(UsageError);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
  it('removes leftovers of killed runs (dead pids) after a successful write', () => {
    const dir = fresh();
    const out = join(dir, 'report');
    mkdirSync(join(dir, '.report.new-999999999-0123456789ab'));
    mkdirSync(join(dir, '.report.old-999999999-0123456789ab'));
    writeReportDirAtomic(out, { a: 'x' });
    expect(readdirSync(dir)).toEqual(['report']);
    // inside the folder: a half-written copy and a link of a killed run go; those of a live run stay
    mkdirSync(join(out, '.restudy-v-999999999-0123456789ab'));
    symlinkSync('nowhere', join(out, '.restudy-tmp-999999999-0123456789ab'));
    const live = `.restudy-v-${process.ppid}-0123456789ab`;
    mkdirSync(join(out, live));
    writeReportDirAtomic(out, { a: 'y' });
    expect(internals(out)).toEqual(['.restudy-current', OUTPUT_MARKER, 'v', 'v']);
    expect(existsSync(join(out, live))).toBe(true);
    expect(readFileSync(join(out, 'a'), 'utf8')).toBe('y');
  });
});

describe('readFileLimited (issue 14 item 4)', () => {
  it('reads a file within the limit, including exactly at it', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a'), 'abcdef');
    expect(readFileLimited(join(dir, 'a'), { maxBytes: 6, what: 'the file' }).toString()).toBe('abcdef');
    expect(readFileLimited(join(dir, 'a'), { maxBytes: 100, what: 'the file' }).toString()).toBe('abcdef');
  });
  it('refuses a regular file over the limit, naming file, limit and flag', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'big.csv'), 'x'.repeat(2048));
    const err = thrown(() => readFileLimited(join(dir, 'big.csv'), { maxBytes: 1024, what: 'the cohort CSV' }));
    expect(err).toBeInstanceOf(InputLimitError);
    expect(err.message).toContain('big.csv: the cohort CSV exceeds the limit of 1 KiB; raise it with --max-input-mb');
  });
  it('ends /dev/zero quickly with a clear error', () => {
    const started = performance.now();
    const err = thrown(() =>
      readFileLimited('/dev/zero', { maxBytes: 8 * 1024 ** 2, what: 'the bvals', flag: '--max-bvals-mb' }),
    );
    expect(err).toBeInstanceOf(InputLimitError);
    expect(err.message).toMatch(/\/dev\/zero: the bvals exceeds the limit of 8 MiB; raise it with --max-bvals-mb/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('passes file-system errors through unchanged', () => {
    const dir = fresh();
    expect(() => readFileLimited(join(dir, 'none'), { maxBytes: 10, what: 'x' })).toThrow(/ENOENT/);
    expect(() => readFileLimited(dir, { maxBytes: 10, what: 'x' })).toThrow(/EISDIR/);
  });
});

describe('gunzipLimited (issue 14 item 4)', () => {
  const payload = Buffer.from('restudy '.repeat(1000));
  it('inflates bytes and concatenated members', () => {
    expect(gunzipLimited(gzipSync(payload), { maxBytes: 8000, what: 'x' }).equals(payload)).toBe(true);
    const two = Buffer.concat([gzipSync(Buffer.from('ab')), gzipSync(Buffer.from('cd'))]);
    expect(gunzipLimited(two, { maxBytes: 4, what: 'x' }).toString()).toBe('abcd');
  });
  it('refuses a bomb past the limit without inflating it whole', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 ** 2));
    expect(bomb.length).toBeLessThan(1024 ** 2);
    const err = thrown(() => gunzipLimited(bomb, { maxBytes: 1024 ** 2, what: 'the mask', file: 'm.nii.gz' }));
    expect(err).toBeInstanceOf(InputLimitError);
    expect(err.message).toBe(
      'm.nii.gz: the mask (inflated) exceeds the limit of 1 MiB; raise it with --max-inflated-mb if the file is meant to be this large',
    );
    expect(() => gunzipLimited(gzipSync(payload), { maxBytes: 7999, what: 'x' })).toThrow(InputLimitError);
  });
  it('says what is wrong with corrupt data', () => {
    const err = thrown(() => gunzipLimited(Buffer.from('not gzip'), { maxBytes: 100, what: 'the mask', file: 'm.gz' }));
    expect(err).toBeInstanceOf(InputFormatError);
    expect(err.message).toMatch(/^m\.gz: the mask is not a valid gzip stream \(/);
  });
  it('streams: inflates within the limit, refuses past it, rejects corrupt data', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'ok.gz'), gzipSync(payload));
    expect(
      (await gunzipLimited(createReadStream(join(dir, 'ok.gz')), { maxBytes: 8000, what: 'x' })).equals(payload),
    ).toBe(true);
    writeFileSync(join(dir, 'bomb.gz'), gzipSync(Buffer.alloc(32 * 1024 ** 2)));
    await expect(
      gunzipLimited(createReadStream(join(dir, 'bomb.gz')), { maxBytes: 1024 ** 2, what: 'the dwi', file: 'bomb.gz' }),
    ).rejects.toThrow(/bomb\.gz: the dwi \(inflated\) exceeds the limit of 1 MiB/);
    await expect(gunzipLimited(Readable.from([Buffer.from('garbage')]), { maxBytes: 10, what: 'x' })).rejects.toThrow(
      InputFormatError,
    );
    expect(existsSync(join(dir, 'ok.gz'))).toBe(true);
  });
});
