// `npm run bench:matrix`: runs the whole verification matrix once, as `npm test` does —
// server start-up included — and prints its size, wall time, cells per second, the CPU of every
// process it started, its phases, and the ratio to a naive page-per-cell sample run after it.
// Speed is measured here, never asserted in a test.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CELLS_DIR, TIMINGS_DIR, collectReport, readPhaseTimes, summaryText, writeReport } from '../report/index.js';
import { cpuLines, runSampled } from './process-cpu.js';

// `--reporter=dot` replaces the configured reporters, the summary reporter that clears these
// among them: a run starts from no cells and no phase times here too.
for (const dir of [CELLS_DIR, TIMINGS_DIR]) rmSync(dir, { recursive: true, force: true });
const started = process.hrtime.bigint();
const run = await runSampled('npx', ['playwright', 'test', 'tests/matrix/matrix.spec.ts', '--reporter=dot'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CI: process.env.CI ?? '1' },
});
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
// Then, apart from the matrix's figures so that it can't disturb them (a worker that switched
// cookie policy for it would relaunch its browser), the naive page-per-cell sample.
const naiveRun = spawnSync('npx', ['playwright', 'test', 'tests/matrix/naive-sample.spec.ts', '--reporter=dot'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CI: process.env.CI ?? '1', LAB_BENCH_NAIVE_SAMPLE: 'yes' },
});
const reportFrom = process.hrtime.bigint();
const report = collectReport();
if (!report) {
  console.error('bench:matrix: the run wrote no cells (exit code ' + run.status + ')');
  process.exit(1);
}
await writeReport(report);
const reportSeconds = Number(process.hrtime.bigint() - reportFrom) / 1e9;
const cells = report.cells.length;
console.log(`\n${summaryText(report)}`);
console.log(`\nbench:matrix — ${availableParallelism()} cores`);
console.log(`  browsers:   ${report.browsers.map((b) => `${b.name} ${b.cookiePolicy}`).join(', ')}`);
console.log(`  cells:      ${cells}`);
console.log(`  wall time:  ${wallSeconds.toFixed(1)} s (server start-up included)`);
console.log(`  throughput: ${(cells / wallSeconds).toFixed(1)} cells/s`);
if (run.cpu) for (const line of cpuLines(run.cpu, availableParallelism())) console.log(`  ${line}`);

// Phases, in the workers' wall time (two workers side by side, so they add up to more than the wall).
const phases = readPhaseTimes();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`  phases (worker wall time, summed over tests):`);
for (const browser of [...new Set(phases.map((p) => p.browser))]) {
  const of = (phase: 'launch' | 'logIn' | 'attacks' | 'judge') => phases.filter((p) => p.browser === browser).reduce((n, p) => n + (p[phase] ?? 0), 0);
  console.log(
    `    ${browser.padEnd(9)} launch ${seconds(of('launch'))}, log-in and pages ${seconds(of('logIn'))}, attacks and navigations ${seconds(of('attacks'))}, judging ${seconds(of('judge'))}`,
  );
}
console.log(`    report    ${reportSeconds.toFixed(1)} s (collect and write reports/matrix.json and .html)`);
// The naive sample: a new page per cell, on a few cells, in the same run.
for (const { browser, naive } of phases.filter((p) => p.naive)) {
  const perCell = naive!.ms / naive!.cells;
  const matrixPerCell = (wallSeconds * 1000) / cells;
  console.log(
    `  naive page-per-cell sample, ${browser}: ${naive!.cells} cells at ${perCell.toFixed(0)} ms each; this run took ${matrixPerCell.toFixed(1)} ms per cell: ${(perCell / matrixPerCell).toFixed(0)}× faster`,
  );
}
if (naiveRun.status !== 0) console.log(`  the naive sample failed (exit code ${naiveRun.status}): its figures are missing or not to be trusted`);
process.exit(run.status === 0 && naiveRun.status === 0 ? 0 : 1);
