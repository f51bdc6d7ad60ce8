// `npm run bench:matrix`: runs the whole verification matrix once, as `npm test` does —
// server start-up included — and prints its size, wall time and cells per second.
// Speed is measured here, never asserted in a test.
import { availableParallelism } from 'node:os';
import { collectReport, summaryText, writeReport } from '../report/index.js';
import { cpuLines, runSampled } from './process-cpu.js';

const started = process.hrtime.bigint();
const run = await runSampled('npx', ['playwright', 'test', 'tests/matrix/', '--reporter=dot'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CI: process.env.CI ?? '1' },
});
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const report = collectReport();
if (!report) {
  console.error('bench:matrix: the run wrote no cells (exit code ' + run.status + ')');
  process.exit(1);
}
writeReport(report);
const cells = report.cells.length;
console.log(`\n${summaryText(report)}`);
console.log(`\nbench:matrix — ${availableParallelism()} cores`);
console.log(`  browsers:   ${report.browsers.map((b) => `${b.name} ${b.cookiePolicy}`).join(', ')}`);
console.log(`  cells:      ${cells}`);
console.log(`  wall time:  ${wallSeconds.toFixed(1)} s (server start-up included)`);
console.log(`  throughput: ${(cells / wallSeconds).toFixed(1)} cells/s`);
if (run.cpu) for (const line of cpuLines(run.cpu, availableParallelism())) console.log(`  ${line}`);
process.exit(run.status ?? 1);
