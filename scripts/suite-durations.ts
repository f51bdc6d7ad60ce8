// `npm run suite:durations [results.json]`: what the last test run cost, per Playwright
// project, from its JSON report (reports/test-results.json by default): the tests, their
// summed durations (worker time, not wall time) and the slowest tests. Compare two runs by the
// ratio of their sums, taken on one machine.
import { readFileSync } from 'node:fs';

interface JsonResult {
  duration: number;
  status: string;
}
interface JsonTest {
  projectName: string;
  results: JsonResult[];
}
interface JsonSpec {
  title: string;
  file: string;
  tests: JsonTest[];
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}
interface JsonReport {
  suites: JsonSuite[];
  stats: { duration: number; expected: number; unexpected: number; skipped: number; flaky: number };
}

const file = process.argv[2] ?? 'reports/test-results.json';
let report: JsonReport;
try {
  report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
} catch (error) {
  console.error(`suite:durations: can't read ${file} (${(error as Error).message}); run the tests first (npm test).`);
  process.exit(2);
}

const rows: { project: string; title: string; ms: number }[] = [];
const walk = (suite: JsonSuite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const ms = t.results.reduce((sum, r) => sum + r.duration, 0);
      rows.push({ project: t.projectName, title: `${spec.file} › ${spec.title}`, ms });
    }
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of report.suites) walk(suite);

const byProject = new Map<string, { tests: number; ms: number }>();
for (const r of rows) {
  const p = byProject.get(r.project) ?? { tests: 0, ms: 0 };
  p.tests++;
  p.ms += r.ms;
  byProject.set(r.project, p);
}
const total = rows.reduce((sum, r) => sum + r.ms, 0);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const { stats } = report;
console.log(`${file}: ${rows.length} tests (${stats.expected} passed, ${stats.unexpected} failed, ${stats.skipped} skipped), wall ${s(stats.duration)}`);
console.log(`summed test durations: ${s(total)}`);
for (const [project, p] of [...byProject].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${project.padEnd(18)} ${String(p.tests).padStart(4)} tests  ${s(p.ms).padStart(9)}  ${((100 * p.ms) / total).toFixed(1).padStart(5)} %`);
}
console.log('slowest tests:');
for (const r of rows.sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`  ${s(r.ms).padStart(8)}  [${r.project}] ${r.title}`);
