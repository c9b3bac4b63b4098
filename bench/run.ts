/**
 * `npm run bench`: runs every bench/*.bench.ts module (each exports `title` and `run(): Promise<BenchRow[]>`)
 * and prints its rows with the ratio to R when R is installed. `npm run bench -- fisher` runs only matches.
 */
import { readdirSync } from 'node:fs';
import { type BenchRow, printRows } from './_harness.ts';

const filter = process.argv[2];
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
console.log(`restudy benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as { title: string; run: () => Promise<BenchRow[]> };
  printRows(mod.title ?? file, await mod.run());
}
