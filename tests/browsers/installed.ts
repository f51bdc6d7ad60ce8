// Which browsers this machine can run, and how to launch them. Debian's packages
// (/usr/bin/chromium, /usr/bin/firefox-esr) are used where present; otherwise Playwright's
// own builds (`npx playwright install`). Stock Firefox is driven over WebDriver BiDi
// (`channel: 'moz-firefox'`); Playwright's patched build over its own protocol.
import { existsSync } from 'node:fs';
import { chromium, firefox, webkit } from 'playwright-core';
import type { LabBrowserName } from '../../catalog/index.js';

export type { LabBrowserName };


export interface InstalledBrowser {
  name: LabBrowserName;
  executablePath?: string;
  channel?: string;
}

function firstExisting(paths: (string | undefined)[]): string | undefined {
  return paths.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

function bundled(type: { executablePath(): string }): string | undefined {
  try {
    return firstExisting([type.executablePath()]);
  } catch {
    return undefined;
  }
}

/** The browser to use, or the reason it can't run here. */
export function findBrowser(name: LabBrowserName): InstalledBrowser | { missing: string } {
  if (name === 'chromium') {
    const system = firstExisting([process.env.LAB_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']);
    if (system) return { name, executablePath: system };
    if (bundled(chromium)) return { name };
    return { missing: 'no Chromium: install Debian’s `chromium` or run `npx playwright install chromium`' };
  }
  if (name === 'firefox') {
    const system = firstExisting([process.env.LAB_FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
    if (system) return { name, executablePath: system, channel: 'moz-firefox' };
    if (bundled(firefox)) return { name };
    return { missing: 'no Firefox: install Debian’s `firefox-esr` or run `npx playwright install firefox`' };
  }
  if (bundled(webkit)) return { name };
  return { missing: 'no WebKit: Playwright’s WebKit build is not installed (`npx playwright install webkit`)' };
}
