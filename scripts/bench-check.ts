// Times one `cors-lab check` as a user runs it, through the package's bin, start-up
// included: both browsers, both cookie policies, on the README's allowlist example.
// Prints figures; asserts nothing (targets: ≤ 20 s wall on 2 cores, stretch 10 s).
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuLines, runSampled } from './process-cpu.js';

const json = join(mkdtempSync(join(tmpdir(), 'cors-lab-bench-check-')), 'check.json');
const args = [
  'cors-lab',
  'check',
  '--api',
  'https://api.example.com',
  '--trusted',
  'https://www.example.com',
  '--cors',
  'examples/allowlist.mjs',
  '--json',
  json,
];
const started = process.hrtime.bigint();
const run = await runSampled('npx', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const report = JSON.parse(readFileSync(json, 'utf8')) as { cells: unknown[]; disagreements: number; browsers: { name: string; cookiePolicy: string }[] };
const progress = run.stderr.split('\n').filter((l) => l.includes('cells observed'));
console.log(`cors-lab check (npx ${args.join(' ')})`);
console.log(`machine: ${availableParallelism()} cores`);
for (const line of progress) console.log(`  ${line.trim()}`);
console.log(`exit code: ${run.status}`);
console.log(`cells: ${report.cells.length} (${report.browsers.length} browser × policy runs), disagreements: ${report.disagreements}`);
console.log(`wall time, start-up included: ${wallSeconds.toFixed(1)} s (${(report.cells.length / wallSeconds).toFixed(1)} cells/s)`);
if (run.cpu) for (const line of cpuLines(run.cpu, availableParallelism())) console.log(line);
