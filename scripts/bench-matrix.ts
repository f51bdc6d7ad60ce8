// `npm run bench:matrix`: runs the whole verification matrix once, as `npm test` does —
// server start-up included — and prints its size, wall time and cells per second.
// Speed is measured here, never asserted in a test.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { collectReport, summaryText, writeReport } from '../report/index.js';

const started = process.hrtime.bigint();
const run = spawnSync('npx', ['playwright', 'test', 'tests/matrix/', '--reporter=dot'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CI: process.env.CI ?? '1' },
});
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;

/** CPU seconds of every process the run started (browsers, servers, workers), on Linux. */
function childCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // Fields 16 and 17 (cutime, cstime): CPU of waited-for children, in clock ticks (proc(5)).
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks / Number(execSync('getconf CLK_TCK').toString().trim());
}
const cpuSeconds = childCpuSeconds();
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
if (cpuSeconds !== null) {
  // No schedule can finish faster than the CPU the run needs, spread over every core.
  const floor = cpuSeconds / availableParallelism();
  console.log(`  CPU time:   ${cpuSeconds.toFixed(1)} s, all processes (at least ${floor.toFixed(1)} s of wall time on ${availableParallelism()} cores)`);
}
process.exit(run.status ?? 1);
