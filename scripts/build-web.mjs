#!/usr/bin/env node
/**
 * Builds the offline page: web/main.ts bundled for the browser by esbuild, inlined with web/styles.css into
 * web/index.html → ONE file, dist/web/restudy.html. Its Content-Security-Policy allows only this inline script
 * and style (by SHA-256 hash), data:/blob: images and no connection at all (`connect-src 'none'`), so nothing
 * can leave the page. Fails when anything in the bundle imports a `node:` module. Prints the file size.
 *
 * Usage: node scripts/build-web.mjs [--out dist/web/restudy.html]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The goal for the page's size (issue 13): printed beside the measured size. */
export const BUNDLE_GOAL_BYTES = 3 * 1024 * 1024;

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that would end or confuse the inline <script> element is escaped (valid in JS strings and regexes). */
function inlineSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * Builds the page; returns its path, size and the bundle's inputs.
 * @param {{ out?: string }} [options]
 */
export async function buildWeb(options = {}) {
  const out = resolve(root, options.out ?? 'dist/web/restudy.html');
  const result = await build({
    entryPoints: [join(root, 'web/main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const nodeImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports
      .filter((i) => i.path.startsWith('node:') || (i.external && i.path !== '<runtime>'))
      .map((i) => `${file} imports ${i.path}`),
  );
  if (nodeImports.length) throw new Error(`the page bundle must not import node: modules:\n${nodeImports.join('\n')}`);
  const script = inlineSafe(result.outputFiles[0].text).trimEnd();
  const style = readFileSync(join(root, 'web/styles.css'), 'utf8').trim();
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'img-src data: blob:',
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
  const template = readFileSync(join(root, 'web/index.html'), 'utf8');
  const fill = { __CSP__: csp, __STYLE__: style, __VERSION__: version, __SCRIPT__: script };
  // one pass, function replacement: `$` in the script is never read as a replacement pattern
  const html = template.replace(/__(CSP|STYLE|VERSION|SCRIPT)__/g, (m) => fill[m]);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const bytes = Buffer.byteLength(html);
  return { out, bytes, inputs: Object.keys(result.metafile.inputs) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const { out, bytes } = await buildWeb(i > 0 ? { out: process.argv[i + 1] } : {});
  const mb = (b) => (b / 1024 / 1024).toFixed(2);
  console.log(
    `${out}: ${mb(bytes)} MB (${bytes} bytes; goal ≤ ${mb(BUNDLE_GOAL_BYTES)} MB${bytes > BUNDLE_GOAL_BYTES ? ', OVER' : ''})`,
  );
}
