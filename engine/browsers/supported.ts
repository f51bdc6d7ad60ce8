// Whether this Playwright can drive a browser that was found, said in one line with the command
// that gets a newer one. Two ways to know: the version the executable reports (`<exe>
// --version`, read once per executable per process) against the oldest verified
// (catalog/browsers.ts, `verifiedFrom`), and a launch that failed because the browser doesn't
// know a protocol command Playwright sends (Firefox ESR 140: `Protocol error
// (network.addDataCollector): unknown command`). docs/browser-facts.md, "Versions".
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { labBrowser, type LabBrowserName } from '../../catalog/index.js';
import type { InstalledBrowser } from './installed.js';

export const playwrightVersion: string = createRequire(import.meta.url)('playwright-core/package.json').version;

export interface BrowserVersion {
  /** The product as it names itself, e.g. `Chromium`, `Firefox ESR`, `Google Chrome`. */
  product: string;
  /** The version as printed, without Firefox's `esr` suffix, e.g. `153.8.0`. */
  version: string;
  major: number;
}

/**
 * The first line of `--version` output that reads `<product> <n.n…>`: `Chromium 156.0.8078.114
 * built on Debian …` or `Mozilla Firefox 153.8.0esr` (reported as `Firefox ESR 153.8.0`).
 * Null when no line does.
 */
export function parseBrowserVersion(output: string): BrowserVersion | null {
  for (const line of output.split('\n')) {
    const match = /^\s*(?:Mozilla )?(\S.*?)\s+v?(\d+)((?:\.\d+)+)(esr)?(?=\s|$)/i.exec(line);
    if (!match) continue;
    const [, product, major, rest, esr] = match;
    return { product: esr ? `${product} ESR` : product!, version: `${major}${rest}`, major: Number(major) };
  }
  return null;
}

const versions = new Map<string, BrowserVersion | null>();

/** What `<exe> --version` reports (stdout, else stderr), read once per executable per process; null if it printed nothing readable. */
export function executableVersion(executablePath: string): BrowserVersion | null {
  if (!versions.has(executablePath)) {
    const run = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    versions.set(executablePath, parseBrowserVersion(run.stdout ?? '') ?? parseBrowserVersion(run.stderr ?? ''));
  }
  return versions.get(executablePath)!;
}

/** The command that installs a browser this tool is verified with. */
export function newerBrowserCommand(name: LabBrowserName): string {
  const { debianPackage } = labBrowser(name);
  const playwright = `\`npx playwright install ${name}\``;
  return debianPackage ? `run \`apt-get update && apt-get install ${debianPackage}\` (Debian), or ${playwright}` : `run ${playwright}`;
}

/** `Firefox ESR 140.12.0 at /usr/bin/firefox-esr` (and the variable that named the path), or the catalog's title when the version is unknown. */
function described(browser: InstalledBrowser, version: BrowserVersion | null): string {
  const what = version ? `${version.product} ${version.version}` : labBrowser(browser.name).title;
  if (browser.executablePath === undefined) return `${what} (Playwright's own build)`;
  return `${what} at ${browser.executablePath}${browser.namedBy ? ` (${browser.namedBy})` : ''}`;
}

/**
 * Why a found browser is too old to use, in one line with the fix; null when it is not, or
 * when its version can't be read (a launch then tells). Playwright's own builds are pinned
 * with Playwright, so only an installed browser (one with an executable path) is checked.
 */
export function tooOldReason(browser: InstalledBrowser): string | null {
  const { verifiedFrom } = labBrowser(browser.name);
  if (verifiedFrom === null || browser.executablePath === undefined) return null;
  const version = executableVersion(browser.executablePath);
  if (version === null || version.major >= verifiedFrom) return null;
  return `${described(browser, version)} is older than the oldest this tool is verified with (${verifiedFrom}); ${newerBrowserCommand(browser.name)}`;
}

/** A browser this Playwright can't drive; its message is the one-line reason, with the fix. */
export class UnsupportedBrowser extends Error {
  override name = 'UnsupportedBrowser';
}

/**
 * A launch (or a page) that failed on a protocol command the browser doesn't know, as one line
 * with the fix; null for any other error. Playwright words it `Protocol error (<command>):
 * unknown command`.
 */
export function unknownCommandReason(browser: InstalledBrowser, error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const command = /Protocol error \(([^)]+)\): unknown command/.exec(message)?.[1];
  if (command === undefined) return null;
  const { verifiedFrom, title } = labBrowser(browser.name);
  const version = browser.executablePath === undefined ? null : executableVersion(browser.executablePath);
  const oldest = verifiedFrom === null ? '' : `; the oldest this tool is verified with is ${title} ${verifiedFrom}`;
  return `${described(browser, version)} can't be driven by Playwright ${playwrightVersion}: it doesn't know the command ${command}${oldest}; ${newerBrowserCommand(browser.name)}`;
}
