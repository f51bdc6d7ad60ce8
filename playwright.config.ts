// One run verifies the whole lab: unit tests (no browser), then real Chromium and
// Firefox (and WebKit where installed) against both servers, which Playwright starts.
import { defineConfig } from '@playwright/test';
import { browsersForTestRun, findBrowser, type LabBrowserName } from './engine/browsers/installed.js';
import type { LabWorkerFixtures } from './tests/fixtures.js';
import { attackerHealthUrl, bankHealthUrl } from './catalog/index.js';
import { testServerEnv } from './tests/server-env.js';

// No silent green: a missing Chromium or Firefox stops the run with the command that
// installs it, unless the user asked for the unit tests alone (`npm run test:unit`).
const { runnable: installed, notes } = browsersForTestRun();
// Printed once, by the main process; workers load this file too.
if (!process.env.TEST_WORKER_INDEX) for (const note of notes) console.log(`[cors-lab] ${note}`);
const runnable = installed.map((b) => b.name);

const EVERYTHING_SPEC = 'browser/dashboard-everything.spec.ts';

/**
 * Each browser's project (its browser and matrix tests), after the projects named in `after`,
 * then its "Run everything", compared with the matrix cells that project wrote in the same
 * run. `npm run test:compose` runs the same projects after starting its containers.
 */
export function browserProjects(browsers: readonly LabBrowserName[], after: string[] = []) {
  return [
    ...browsers.map((name) => ({
      name,
      testMatch: ['browser/**/*.spec.ts', 'matrix/**/*.spec.ts'],
      testIgnore: EVERYTHING_SPEC,
      dependencies: after,
      use: { labBrowserName: name },
    })),
    // The dashboard's Run everything, compared with the matrix cells its browser's project wrote.
    ...browsers.map((name) => ({
      name: `everything-${name}`,
      testMatch: EVERYTHING_SPEC,
      dependencies: [name],
      use: { labBrowserName: name },
    })),
  ];
}

/** Both servers, each with its readiness URL; a running lab is reused outside CI. */
export const labServers = [
  {
    name: 'bank',
    command: 'npx tsx bank-server/server.ts',
    url: bankHealthUrl,
    reuseExistingServer: !process.env.CI,
    env: testServerEnv,
  },
  {
    name: 'attacker',
    command: 'npx tsx attacker-site/server.ts',
    url: attackerHealthUrl,
    reuseExistingServer: !process.env.CI,
    env: testServerEnv,
  },
];

const chromium = findBrowser('chromium');
const chromiumForReport = 'missing' in chromium || runnable.length === 0 ? null : chromium;

export default defineConfig<object, Partial<LabWorkerFixtures>>({
  testDir: './tests',
  // A stray test.only must not silently shrink a CI run.
  forbidOnly: !!process.env.CI,
  // Browser outcomes must be deterministic: a retry would hide a flaky rule.
  retries: 0,
  // Two cores: one worker per core (LAB_WORKERS overrides, for benchmarking).
  workers: Number(process.env.LAB_WORKERS ?? 2),
  // Firefox over WebDriver BiDi starts slowly on two busy cores.
  timeout: 60_000,
  fullyParallel: true,
  // The JSON report feeds `npm run suite:durations` (each project's summed test time).
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'reports/playwright' }],
    ['json', { outputFile: 'reports/test-results.json' }],
    ['./report/summary-reporter.ts'],
  ],
  outputDir: 'test-results',
  use: {
    // Tracing 7+ pages per browser costs more than the matrix itself; a failing cell explains itself.
    trace: 'on-first-retry',
  },
  projects: [
    // Tests that need no browser; tests/unit mirrors the source folders.
    { name: 'unit', testDir: './tests/unit' },
    ...browserProjects(runnable),
    // The trainer's path: it switches the bank's active configuration and resets the bank,
    // so it runs alone, after everything else, one browser after the other.
    ...runnable.map((name, i) => ({
      name: `trainer-${name}`,
      testDir: './tests/trainer',
      dependencies: i === 0 ? [...runnable, ...runnable.map((b) => `everything-${b}`)] : [`trainer-${runnable[i - 1]}`],
      // A trainer's browser blocks pop-ups; the dashboard must cope with that.
      use: { labBrowserName: name, labPopupBlocker: true },
    })),
    // `cors-lab check` on the README's examples, in each required browser.
    ...(runnable.length > 0 ? [{ name: 'check', testDir: './tests/check', testIgnore: 'check-vs-matrix.spec.ts' }] : []),
    // `cors-lab doctor` with the real browsers: it launches each of them itself, once per test,
    // so it runs once, like check, not in each browser's project.
    ...(runnable.length > 0 ? [{ name: 'doctor', testDir: './tests/doctor' }] : []),
    // cors-lab as a user gets it: the packed tarball installed in a project outside this
    // repository, and the GitHub Action's own steps; both install from the npm registry.
    ...(runnable.length > 0 ? [{ name: 'package', testDir: './tests/package' }] : []),
    // `cors-lab probe` against a real Express API the tests start, and against `cors-lab serve`.
    // Its serve-versus-check comparison reads the check project's reports of the same examples.
    ...(runnable.length > 0 ? [{ name: 'probe', testDir: './tests/probe', dependencies: ['check'] }] : []),
    // The lab's configurations through check, compared with the matrix cells of the same run.
    ...(runnable.length > 0 ? [{ name: 'check-vs-matrix', testDir: './tests/check', testMatch: 'check-vs-matrix.spec.ts', dependencies: runnable }] : []),
    // The report page, opened in a real browser once the matrix has run.
    ...(chromiumForReport
      ? [
          {
            name: 'report',
            testDir: './tests/report',
            dependencies: runnable,
            use: { browserName: 'chromium' as const, launchOptions: { executablePath: chromiumForReport.executablePath } },
          },
        ]
      : []),
  ],
  // Both servers, unless only the unit tests run: that run never takes the lab's ports from a browser run.
  webServer: process.env.LAB_UNIT_TESTS_ONLY === 'yes' ? [] : labServers,
});
