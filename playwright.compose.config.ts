// `npm run test:compose`: the Docker demo, checked from this machine. `compose-up` builds the
// images and starts docker-compose.yml's bank and attacker (waiting on their healthchecks);
// the container tests and the lab's own browser tests then run against the containers, and
// `compose-down` stops them. No webServer: every server here is a container.
// Needs a Docker engine and docker-compose (`.ci/run` installs and starts them).
import { defineConfig } from '@playwright/test';
import { browsersForTestRun } from './engine/browsers/installed.js';
import type { LabWorkerFixtures } from './tests/fixtures.js';
import lab from './playwright.config.js';

// The same browsers as `npm test` (playwright.config.ts has printed its notes about them).
const runnable = browsersForTestRun().runnable.map((b) => b.name);

export default defineConfig<object, Partial<LabWorkerFixtures>>({
  // The lab's own settings (workers, timeouts, forbidOnly, no retries), without its servers.
  ...lab,
  webServer: undefined,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'reports/compose' }]],
  outputDir: 'test-results/compose',
  projects: [
    { name: 'compose-up', testDir: './tests/compose', testMatch: 'stack.setup.ts', teardown: 'compose-down' },
    { name: 'compose-down', testDir: './tests/compose', testMatch: 'stack.teardown.ts' },
    { name: 'containers', testDir: './tests/compose', testMatch: ['containers.spec.ts', 'lab-over-http.spec.ts'], dependencies: ['compose-up'] },
    // The lab's browser tests, unchanged, against the containers' published ports.
    ...runnable.map((name) => ({
      name,
      testMatch: 'browser/**/*.spec.ts',
      // Run everything makes its own victims (POST /lab/accounts). From this machine the tests
      // reach the bank container through Docker's port forwarding, a peer that may change the
      // lab only with the trainer token the container prints at start (README, "Sharing the lab
      // with a class"), which the tests don't have. `npm test` runs it against the same code.
      testIgnore: 'browser/dashboard-everything.spec.ts',
      dependencies: ['compose-up'],
      use: { labBrowserName: name },
    })),
    { name: 'container-logs', testDir: './tests/compose', testMatch: 'container-logs.spec.ts', dependencies: ['compose-up', ...runnable] },
  ],
});
