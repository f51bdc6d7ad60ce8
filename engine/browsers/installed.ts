// Which browsers this machine can run, and how to launch them. Debian's packages
// (/usr/bin/chromium, /usr/bin/firefox-esr) are used where present; otherwise Playwright's
// own builds (`npx playwright install`). Stock Firefox is driven over WebDriver BiDi
// (`channel: 'moz-firefox'`); Playwright's patched build over its own protocol. An installed
// browser older than the oldest verified is refused with one line (./supported.ts).
import { existsSync } from 'node:fs';
import { chromium, firefox, webkit } from 'playwright-core';
import { labBrowserNames, labBrowsers, type LabBrowserName } from '../../catalog/index.js';
import { newerBrowserCommand, tooOldReason } from './supported.js';

export type { LabBrowserName };

export interface InstalledBrowser {
  name: LabBrowserName;
  /** Absent for Playwright's own build, which Playwright finds itself. */
  executablePath?: string;
  channel?: string;
  /** The environment variable that named `executablePath`, if one did. */
  namedBy?: string;
}

function firstExisting(paths: (string | undefined)[]): string | undefined {
  return paths.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

const playwrightTypes = { chromium, firefox, webkit };

/** Where Playwright's own build of the browser is, if `npx playwright install` put it there. */
export function playwrightBuild(name: LabBrowserName): string | undefined {
  try {
    return firstExisting([playwrightTypes[name].executablePath()]);
  } catch {
    return undefined;
  }
}

/** A path the user named explicitly must exist: falling back to another browser would hide the mistake. */
function named(envName: string, env: NodeJS.ProcessEnv): { path?: string; namedBy?: string; missing?: string } {
  const value = env[envName];
  if (value === undefined || value === '') return {};
  return existsSync(value) ? { path: value, namedBy: envName } : { missing: `${envName}=${value} does not exist: fix the path or unset it` };
}

/** Where the browser is (whatever its version), or the reason there is none (with the command that fixes it). */
export function locateBrowser(name: LabBrowserName, env: NodeJS.ProcessEnv = process.env): InstalledBrowser | { missing: string } {
  if (name === 'chromium') {
    const chosen = named('LAB_CHROMIUM_PATH', env);
    if (chosen.missing) return { missing: chosen.missing };
    const system = chosen.path ?? firstExisting(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    if (system) return { name, executablePath: system, ...(chosen.namedBy !== undefined && { namedBy: chosen.namedBy }) };
    if (playwrightBuild(name)) return { name };
    return { missing: `no Chromium: ${newerBrowserCommand(name)}` };
  }
  if (name === 'firefox') {
    const chosen = named('LAB_FIREFOX_PATH', env);
    if (chosen.missing) return { missing: chosen.missing };
    const system = chosen.path ?? firstExisting(['/usr/bin/firefox-esr', '/usr/bin/firefox']);
    if (system) return { name, executablePath: system, channel: 'moz-firefox', ...(chosen.namedBy !== undefined && { namedBy: chosen.namedBy }) };
    if (playwrightBuild(name)) return { name };
    return { missing: `no Firefox: ${newerBrowserCommand(name)}` };
  }
  if (playwrightBuild(name)) return { name };
  return { missing: 'no WebKit: Playwright’s WebKit build is not installed (`npx playwright install webkit`)' };
}

/** The browser to use, or the reason it can't run here: missing, or older than the oldest verified (with the command that fixes it). */
export function findBrowser(name: LabBrowserName, env: NodeJS.ProcessEnv = process.env): InstalledBrowser | { missing: string } {
  const found = locateBrowser(name, env);
  if ('missing' in found) return found;
  const tooOld = tooOldReason(found);
  return tooOld === null ? found : { missing: tooOld };
}

/** The browsers to use, by name; the first that can't run stops everything with its one-line reason, before anything starts. */
export function requireBrowsers(names: readonly LabBrowserName[], env: NodeJS.ProcessEnv = process.env): Map<LabBrowserName, InstalledBrowser> {
  const found = new Map<LabBrowserName, InstalledBrowser>();
  for (const name of names) {
    const browser = findBrowser(name, env);
    if ('missing' in browser) throw new Error(browser.missing);
    found.set(name, browser);
  }
  return found;
}

/** Browsers the lab is verified in: a run without one of them proves nothing about browsers. */
export const REQUIRED_BROWSERS: readonly LabBrowserName[] = labBrowsers.filter((b) => b.required).map((b) => b.name);

/**
 * The browsers a test run drives. A required browser that is missing stops the run with the
 * command that installs it, unless the user asked for the unit tests alone
 * (LAB_UNIT_TESTS_ONLY=yes, `npm run test:unit`). WebKit is optional: it can't be
 * installed everywhere, so its absence is only reported.
 */
export function browsersForTestRun(env: NodeJS.ProcessEnv = process.env): { runnable: InstalledBrowser[]; notes: string[] } {
  if (env.LAB_UNIT_TESTS_ONLY === 'yes') return { runnable: [], notes: ['unit tests only (LAB_UNIT_TESTS_ONLY=yes): no browser runs'] };
  const runnable: InstalledBrowser[] = [];
  const notes: string[] = [];
  const missingRequired: string[] = [];
  for (const name of labBrowserNames) {
    const found = findBrowser(name, env);
    if (!('missing' in found)) runnable.push(found);
    else if (REQUIRED_BROWSERS.includes(name)) missingRequired.push(found.missing);
    else notes.push(`skipping ${name}: ${found.missing}`);
  }
  if (missingRequired.length > 0) {
    throw new Error(
      `the lab's browser tests can't run:\n${missingRequired.map((m) => `  - ${m}`).join('\n')}\n` +
        'To run only the tests that need no browser, say so: `npm run test:unit`.',
    );
  }
  return { runnable, notes };
}
