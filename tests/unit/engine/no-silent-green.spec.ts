// No silent green: a run without Chromium or Firefox must fail and name the fix, unless the
// user asked for the unit tests alone. A browser path that is set but missing must not
// fall back to another browser; one older than the oldest verified is refused in one line.
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { browsersForTestRun, findBrowser, locateBrowser, requireBrowsers } from '../../../engine/browsers/installed.js';
import { OLD_FIREFOX_VERSION, standInBrowser } from '../../stand-in-browser.js';

const nowhere = '/nonexistent/cors-lab-browser';

test('A Chromium path that is set but missing is reported, not replaced by another Chromium', () => {
  expect(findBrowser('chromium', { LAB_CHROMIUM_PATH: nowhere })).toEqual({ missing: `LAB_CHROMIUM_PATH=${nowhere} does not exist: fix the path or unset it` });
});

test('A Firefox path that is set but missing is reported, not replaced by another Firefox', () => {
  expect(findBrowser('firefox', { LAB_FIREFOX_PATH: nowhere })).toEqual({ missing: `LAB_FIREFOX_PATH=${nowhere} does not exist: fix the path or unset it` });
});

test('A test run without a required browser stops and names the fix', () => {
  expect(() => browsersForTestRun({ LAB_FIREFOX_PATH: nowhere })).toThrow(/LAB_FIREFOX_PATH=.* does not exist[\s\S]*npm run test:unit/);
});

test('A Firefox older than the oldest verified is found, but refused with one line that names the fix', () => {
  const old = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    const env = { LAB_FIREFOX_PATH: old.path };
    expect(locateBrowser('firefox', env)).toEqual({ name: 'firefox', executablePath: old.path, channel: 'moz-firefox', namedBy: 'LAB_FIREFOX_PATH' });
    const reason = `Firefox ESR 140.12.0 at ${old.path} (LAB_FIREFOX_PATH) is older than the oldest this tool is verified with (153); run \`apt-get update && apt-get install firefox-esr\` (Debian), or \`npx playwright install firefox\``;
    expect(findBrowser('firefox', env)).toEqual({ missing: reason });
    // check and probe: before anything starts.
    expect(() => requireBrowsers(['firefox'], env)).toThrow(reason);
    // The test run (playwright.config.ts): it stops, with the same line.
    expect(() => browsersForTestRun(env)).toThrow(`  - ${reason}\n`);
  } finally {
    old.remove();
  }
});

test('Asking for the unit tests alone runs no browser, and says so', () => {
  const { runnable, notes } = browsersForTestRun({ LAB_UNIT_TESTS_ONLY: 'yes', LAB_CHROMIUM_PATH: nowhere });
  expect(runnable).toEqual([]);
  expect(notes.join('\n')).toContain('unit tests only');
});

/** The environment of a fresh `npx playwright test`, without this worker's own test variables. */
function freshEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // A fresh run: none of this run's Playwright variables, and not the unit-tests-only switch `npm run test:unit` sets.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_)/.test(k) && k !== 'LAB_UNIT_TESTS_ONLY'));
  return { ...env, ...extra };
}

test('`playwright test` itself fails with the message when Chromium is missing', () => {
  test.setTimeout(60_000);
  const run = spawnSync('npx', ['playwright', 'test', '--list'], { env: freshEnv({ LAB_CHROMIUM_PATH: nowhere }), encoding: 'utf8', timeout: 50_000 });
  expect(run.status, run.stdout + run.stderr).not.toBe(0);
  expect(run.stdout + run.stderr).toContain(`LAB_CHROMIUM_PATH=${nowhere} does not exist`);
  expect(run.stdout + run.stderr).toContain('npm run test:unit');
});

test('`npm run test:unit` lists only the unit tests, even with no browser', () => {
  test.setTimeout(60_000);
  const run = spawnSync('npx', ['playwright', 'test', '--list', '--project', 'unit'], {
    env: freshEnv({ LAB_UNIT_TESTS_ONLY: 'yes', LAB_CHROMIUM_PATH: nowhere }),
    encoding: 'utf8',
    timeout: 50_000,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain('[unit]');
  expect(run.stdout).not.toMatch(/\[(chromium|firefox)\]/);
});
