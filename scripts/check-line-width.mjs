#!/usr/bin/env node
/**
 * `npm run lint`'s second half: no line of src/ longer than 120 characters (the formatter's lineWidth cannot
 * break long template literals, strings or comments, so this check catches what it leaves).
 *   node scripts/check-line-width.mjs [folder or file …]   (default: src)   exit 1 and a list when a line is too long
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const LIMIT = 120;
const paths = process.argv.length > 2 ? process.argv.slice(2) : ['src'];
const tooLong = [];
for (const path of paths) {
  const files = statSync(path).isFile()
    ? [path]
    : readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name))
        .map((e) => join(e.parentPath, e.name))
        .sort();
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // code points, not UTF-16 units: a χ² or an en dash counts as one character, as an editor shows it
        const width = [...line].length;
        if (width > LIMIT) tooLong.push(`${relative('.', file)}:${i + 1}: ${width} characters`);
      });
  }
}
if (tooLong.length > 0) {
  process.stderr.write(`${tooLong.join('\n')}\n${tooLong.length} lines longer than ${LIMIT} characters\n`);
  process.exit(1);
}
