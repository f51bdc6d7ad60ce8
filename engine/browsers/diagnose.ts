// What `cors-lab doctor` finds out about one lab browser: where it is, the version it reports,
// the oldest verified (catalog/browsers.ts), and whether this Playwright really drives it,
// found out the only sure way: a launch through the lab's own launch path, a page, a script
// run in it, all closed again, within a time limit. A browser below its minimum is not
// launched: check, probe and the test run refuse it anyway (./supported.ts).
import { cookiePolicies, labBrowser, type LabBrowserName } from '../../catalog/index.js';
import { locateBrowser, playwrightBuild, type InstalledBrowser } from './installed.js';
import { launchWithPolicy } from './launch.js';
import { executableVersion, newerBrowserCommand, tooOldReason, UnsupportedBrowser, type BrowserVersion } from './supported.js';

export interface BrowserDiagnosis {
  name: LabBrowserName;
  required: boolean;
  /** Where it was found: a path (with the variable that named it), Playwright's own build, or null when it wasn't. */
  where: string | null;
  /** What `<exe> --version` reported; for Playwright's own build, what the launched browser reported. */
  version: string | null;
  verifiedFrom: number | null;
  /** Found, not below the minimum, and a page ran in it. */
  usable: boolean;
  /** Why not, when it isn't: `missing`, `too old`, or `launch failed`. */
  problem: 'missing' | 'too old' | 'launch failed' | null;
  /** One line that says why not, with the command that gets a browser that is. */
  reason: string | null;
  /** Seconds from the launch to the page's answer, when it was launched. */
  seconds: number | null;
}

/**
 * How long a launch and its page may take. The test run allows Firefox 60 s per test on two busy
 * cores (playwright.config.ts); a launch alone has taken up to 10 s there.
 */
export const DIAGNOSIS_TIMEOUT_MS = 60_000;

const PAGE = '<p id="doctor">cors-lab doctor</p>';

function whereOf(found: InstalledBrowser): string {
  if (found.executablePath === undefined) return `Playwright's own build (${playwrightBuild(found.name) ?? 'found by Playwright'})`;
  return found.namedBy ? `${found.namedBy}=${found.executablePath}` : found.executablePath;
}

const label = (version: BrowserVersion) => `${version.product} ${version.version}`;

/** Launches the browser, opens a page, runs a script in it and closes it all; the version the launched browser reports. */
async function drive(found: InstalledBrowser, timeoutMs: number): Promise<string | null> {
  const launching = launchWithPolicy(found, cookiePolicies[0]!);
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no page ran within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const run = async () => {
    const launched = await launching;
    const page = await launched.context.newPage();
    await page.setContent(PAGE);
    const text = await page.evaluate(() => document.getElementById('doctor')?.textContent ?? null);
    if (text !== 'cors-lab doctor') throw new Error(`the page's script read ${JSON.stringify(text)} instead of its own text`);
    return launched.context.browser()?.version() ?? null;
  };
  try {
    return await Promise.race([run(), expired]);
  } finally {
    clearTimeout(timer);
    // Closed whatever happened; after a time-out, without waiting for a launch that may never end.
    const closing = launching.then(
      (launched) => launched.close(),
      () => {},
    );
    if (!timedOut) await closing.catch(() => {});
  }
}

export async function diagnose(name: LabBrowserName, env: NodeJS.ProcessEnv = process.env, timeoutMs = DIAGNOSIS_TIMEOUT_MS): Promise<BrowserDiagnosis> {
  const { required, verifiedFrom, title } = labBrowser(name);
  const found = locateBrowser(name, env);
  if ('missing' in found) {
    return { name, required, where: null, version: null, verifiedFrom, usable: false, problem: 'missing', reason: found.missing, seconds: null };
  }
  const where = whereOf(found);
  const reported = found.executablePath === undefined ? null : executableVersion(found.executablePath);
  const version = reported ? label(reported) : null;
  const known = { name, required, where, version, verifiedFrom };
  const tooOld = tooOldReason(found);
  if (tooOld !== null) return { ...known, usable: false, problem: 'too old', reason: tooOld, seconds: null };
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const launchedVersion = await drive(found, timeoutMs);
    return { ...known, version: version ?? (launchedVersion && `${title} ${launchedVersion}`), usable: true, problem: null, reason: null, seconds: seconds() };
  } catch (error) {
    const reason =
      error instanceof UnsupportedBrowser
        ? error.message
        : `${version ?? title} (${where}) did not run a page: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; ${newerBrowserCommand(name)}`;
    return { ...known, usable: false, problem: 'launch failed', reason, seconds: seconds() };
  }
}
