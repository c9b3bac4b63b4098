import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * The files a report folder shows a reader, recursively, as sorted relative names: restudy's own
 * `.restudy-*` entries (the marker, the hidden copy of the report and the link to it) are left out, and
 * the shown names are followed through their links. A name that leads nowhere throws.
 */
export function shownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.split(sep)[0]?.startsWith('.restudy-'))
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}
