/**
 * Child process of the kill-during-write test: writes the given rendered reports (JSON files of
 * name → text, from renderReportFiles) in turn, forever, into one folder, printing "ready" before the
 * first write. The parent SIGKILLs it. Rendering is pure computation done by the parent, so the kills
 * land in the file-system phase, which is what must be all-or-nothing.
 * Usage (bundled by the test): node writeLoop.mjs <out> <report-a.json> <report-b.json>
 */
import { readFileSync } from 'node:fs';
import { writeReportDirAtomic } from '../../src/io/index.ts';

const [out, ...sources] = process.argv.slice(2);
if (out === undefined || sources.length === 0) throw new Error('usage: _writeLoop.ts <out> <report.json>...');
const reports = sources.map((path) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
process.stdout.write('ready\n');
for (let i = 1; ; i++) writeReportDirAtomic(out, reports[i % reports.length] as Record<string, string>);
