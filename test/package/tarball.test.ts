/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepack`), `npm i ./restudy-*.tgz` into an
 * empty folder, then the installed command line and library, compared with the sources of this checkout.
 * Slow (a full build with declarations and an install): about a minute on an idle 2-core machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { chiSquareTest, fisherExactTest } from '../../src/index.ts';
import { combineParts, type OptimismJob, type OptimismPart, optimismCorrected } from '../../src/study/optimism.ts';
import { createClaims, partsOf, type WorkerMessage } from '../../src/study/optimismParts.ts';
import { shownFiles } from '../helpers/reportFiles.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE_JSON = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const SLOW = 600_000;
const HAS_BROWSER_ENTRY = existsSync(join(REPO, 'src', 'browser.ts'));

let tarball = '';
let consumer = '';
let installed = '';

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** Runs the installed `restudy` (node_modules/.bin/restudy, the file npx runs) in `cwd`. */
function installedCli(args: string[], cwd: string) {
  return spawnSync(join(consumer, 'node_modules', '.bin', 'restudy'), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** Runs this checkout's TypeScript command line through tsx, for comparison. */
function sourceCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

beforeAll(() => {
  const packDir = mkdtempSync(join(tmpdir(), 'restudy-pack-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], REPO)) as { filename: string }[];
  tarball = join(packDir, packed[0].filename);
  consumer = mkdtempSync(join(tmpdir(), 'restudy-consumer-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // offline from npm's cache when every dependency is there (it is after `npm ci` of this checkout)
  npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], consumer);
  installed = join(consumer, 'node_modules', 'restudy');
}, SLOW);

describe('npm pack → npm i ./restudy-*.tgz into an empty folder', () => {
  it('packs built code, declarations, licences, the Shen study and its data; no sources, tests or stamp', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const needed of [
      'package/bin/restudy.js',
      'package/dist/cli.js',
      'package/dist/index.js',
      'package/dist/optimismWorker.js',
      'package/dist/types/index.d.ts',
      'package/dist/THIRD-PARTY-LICENSES.md',
      'package/LICENSE',
      'package/README.md',
      'package/CHANGELOG.md',
      'package/analyses/shen2025/study.yaml',
      'package/data/shen2025/cohort.synthetic.csv',
    ])
      expect(files, needed).toContain(needed);
    const unwanted = files.filter((f) =>
      /^package\/(src|test|scripts|bench|node_modules|reports)\/|\.build-stamp$|^package\/dist\/web\//.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it('npx restudy --version and --help work from the consumer folder', () => {
    expect(
      execFileSync('npx', ['--no-install', 'restudy', '--version'], { cwd: consumer, encoding: 'utf8' }).trim(),
    ).toBe(PACKAGE_JSON.version);
    const help = execFileSync('npx', ['--no-install', 'restudy', '--help'], { cwd: consumer, encoding: 'utf8' });
    for (const command of ['run', 'audit', 'simulate', 'features'])
      expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it(
    'restudy run on the packaged Shen study writes the same report, byte for byte, as the sources (workers on)',
    async () => {
      const builtOut = mkdtempSync(join(tmpdir(), 'restudy-installed-run-'));
      const args = ['run', 'analyses/shen2025', '--data', 'data/shen2025/cohort.synthetic.csv', '--replicates', '200'];
      const built = installedCli([...args, '--out', builtOut, '--threads', '2'], installed);
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);

      const sourceOut = mkdtempSync(join(tmpdir(), 'restudy-source-run-'));
      const io = { stdout: () => undefined, stderr: (s: string) => expect.fail(s) };
      expect(
        await runCommand(
          'analyses/shen2025',
          { data: 'data/shen2025/cohort.synthetic.csv', out: sourceOut, replicates: '200' },
          io,
        ),
      ).toBe(0);

      const files = shownFiles(sourceOut);
      expect(files).toContain('results.json');
      expect(shownFiles(builtOut)).toEqual(files);
      for (const f of files)
        expect(readFileSync(join(builtOut, f)).equals(readFileSync(join(sourceOut, f))), f).toBe(true);
    },
    SLOW,
  );

  it(
    "restudy audit of the packaged printed numbers gives the sources' output and exit code",
    () => {
      const args = ['audit', 'data/shen2025/published', '--json'];
      const built = installedCli(args, installed);
      const source = sourceCli(args);
      expect(source.status).toBeGreaterThanOrEqual(0);
      expect(built.status).toBe(source.status);
      expect(built.stdout.length).toBeGreaterThan(1000);
      expect(built.stdout).toBe(source.stdout);
      expect(built.stderr).toBe(source.stderr);
    },
    SLOW,
  );

  it('bad input through the installed CLI: exit 2 and a message naming the problem', () => {
    const missing = installedCli(
      ['run', 'analyses/shen2025', '--data', 'no-such-cohort.csv', '--out', join(consumer, 'never')],
      installed,
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such-cohort\.csv/);
    expect(existsSync(join(consumer, 'never'))).toBe(false);
    const unknown = installedCli(['no-such-command'], consumer);
    expect(unknown.status).toBe(2);
  });

  it('import { chiSquareTest } from "restudy" gives the numbers of the sources; deep imports are closed', () => {
    const probe = join(consumer, 'probe.mjs');
    writeFileSync(
      probe,
      [
        "import { chiSquareTest, fisherExactTest } from 'restudy';",
        'const chi = chiSquareTest([[28, 62, 39], [32, 29, 42]]);',
        'const fisher = fisherExactTest([[1, 0, 0], [30, 43, 30], [14, 12, 8], [1, 0, 2]]);',
        'let deep = "open";',
        "try { await import('restudy/dist/cli.js'); } catch (e) { deep = e.code; }",
        'console.log(JSON.stringify({ chi: chi.pValue, fisher: fisher.pValue, frozen: Object.isFrozen(chi), deep }));',
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, [probe], { cwd: consumer, encoding: 'utf8' }));
    expect(out).toEqual({
      chi: chiSquareTest([
        [28, 62, 39],
        [32, 29, 42],
      ]).pValue,
      fisher: fisherExactTest([
        [1, 0, 0],
        [30, 43, 30],
        [14, 12, 8],
        [1, 0, 2],
      ]).pValue,
      frozen: true,
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it(
    'a consumer .ts file type-checks against the packaged declarations, and a wrong use fails',
    () => {
      mkdirSync(join(consumer, 'ts'), { recursive: true });
      writeFileSync(
        join(consumer, 'ts', 'use.ts'),
        [
          "import { chiSquareTest, type ChiSquareResult } from 'restudy';",
          'const result: ChiSquareResult = chiSquareTest([[28, 62, 39], [32, 29, 42]], { correct: false });',
          'export const p: number = result.pValue;',
          'export const warnings: readonly string[] = result.warnings;',
        ].join('\n'),
      );
      writeFileSync(
        join(consumer, 'ts', 'misuse.ts'),
        [
          "import { chiSquareTest } from 'restudy';",
          'export const p: string = chiSquareTest([[1, 2], [3, 4]]).pValue;',
        ].join('\n'),
      );
      writeFileSync(
        join(consumer, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            strict: true,
            noEmit: true,
            // as most projects have it; the declarations' own imports are checked below, without checking all
            // of @types/node (which took 1.5 min on the shared machine)
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [join(REPO, 'node_modules', '@types')],
          },
          files: ['ts/use.ts', 'ts/misuse.ts'],
        }),
      );
      // one tsc run for both files: the only error is the misuse, so the types are neither missing nor `any`
      const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
      const checked = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
      const errors = (checked.stdout + checked.stderr).split('\n').filter((line) => / error TS\d+/.test(line));
      expect(errors).toEqual(["ts/misuse.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'."]);
      expect(checked.status).toBe(2);
      // every package the declarations import is installed with restudy (a bundled one must not leak into types)
      const typesDir = join(installed, 'dist', 'types');
      const imported = new Set<string>();
      for (const file of shownFiles(typesDir).filter((f) => f.endsWith('.d.ts'))) {
        const text = readFileSync(join(typesDir, file), 'utf8');
        const statements =
          /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm;
        for (const m of text.matchAll(statements)) imported.add(m[1] ?? m[2]);
      }
      const unresolved = [...imported].filter((spec) => {
        if (spec.startsWith('node:')) return false;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        return !existsSync(join(consumer, 'node_modules', name, 'package.json'));
      });
      expect(imported.size).toBeGreaterThan(0);
      expect(unresolved).toEqual([]);
    },
    SLOW,
  );

  it('every file the exports map and bin name is in the installed package', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
      types: string;
    };
    const targets = [manifest.types, ...Object.values(manifest.bin)];
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      // ./browser comes from src/browser.ts (branch `web`); until that lands here there is nothing to build
      if (subpath === './browser' && !HAS_BROWSER_ENTRY) continue;
      targets.push(...(typeof target === 'string' ? [target] : Object.values(target)));
    }
    const missing = targets.filter((t) => !existsSync(join(installed, t)));
    expect(missing).toEqual([]);
  });

  it.runIf(HAS_BROWSER_ENTRY)('import from "restudy/browser" gives the numbers of the sources', () => {
    const probe = join(consumer, 'browser-probe.mjs');
    writeFileSync(
      probe,
      [
        "import { chiSquareTest } from 'restudy/browser';",
        'console.log(JSON.stringify(chiSquareTest([[28, 62, 39], [32, 29, 42]]).pValue));',
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, [probe], { cwd: consumer, encoding: 'utf8' }));
    expect(out).toBe(
      chiSquareTest([
        [28, 62, 39],
        [32, 29, 42],
      ]).pValue,
    );
    const bundle = readFileSync(join(installed, 'dist', 'browser.js'), 'utf8');
    expect(bundle.match(/(?:from|import\()\s*["']node:[^"']*["']/g) ?? []).toEqual([]);
  });

  it('the built optimism worker starts from the installed dist/ and answers as the calling thread does', async () => {
    const X = Array.from({ length: 40 }, (_, i) => [1, ((i * 7) % 40) / 10]);
    const job: OptimismJob = {
      X,
      y: X.map((row, i) => (row[1] + (i % 3) > 2.5 ? 1 : 0)),
      apparent: 0.8,
      seed: 5,
      nBoot: 400, // two parts
    };
    const worker = new Worker(join(installed, 'dist', 'optimismWorker.js'));
    try {
      const parts = partsOf(0, job.nBoot);
      const computed = await new Promise<OptimismPart[]>((resolveParts, reject) => {
        const results: OptimismPart[] = [];
        worker.on('message', (m: WorkerMessage) => {
          if ('ready' in m) {
            worker.postMessage({ claims: createClaims().buffer });
            worker.postMessage({ job, parts });
          }
          if ('result' in m && results.push(m.result) === parts.length) resolveParts(results);
        });
        worker.once('error', reject);
      });
      const result = combineParts(job, computed);
      expect(result).toEqual(optimismCorrected(job));
    } finally {
      await worker.terminate();
    }
  });
});
