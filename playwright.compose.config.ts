// `npm run test:compose`: the Docker demo, checked from this machine. `compose-up` builds the
// images and starts docker-compose.yml's bank and attacker (waiting on their healthchecks);
// the container tests and the lab's own browser projects (as `npm test` runs them) then run
// against the containers, and `compose-down` stops them. No webServer: every server here is a container.
// Needs a Docker engine and docker-compose (`.ci/run` installs and starts them).
import { defineConfig } from '@playwright/test';
import { browsersForTestRun } from './engine/browsers/installed.js';
import type { LabWorkerFixtures } from './tests/fixtures.js';
import lab, { browserProjects } from './playwright.config.js';

// The same browsers as `npm test` (playwright.config.ts has printed its notes about them).
const runnable = browsersForTestRun().runnable.map((b) => b.name);
const browserTests = browserProjects(runnable, ['compose-up']);

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
    // The lab's browser tests, its matrix and Run everything, unchanged, against the containers'
    // published ports, with the run's trainer token (tests/compose/stack.setup.ts).
    ...browserTests,
    {
      name: 'container-logs',
      testDir: './tests/compose',
      testMatch: 'container-logs.spec.ts',
      dependencies: ['compose-up', ...browserTests.map((p) => p.name)],
    },
  ],
});
