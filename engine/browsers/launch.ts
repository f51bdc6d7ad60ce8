// Launches a browser with an explicit third-party-cookie policy. The policy is set at launch,
// never inherited from the build: Playwright's bundled Firefox defaults to cookieBehavior 4
// and stock Firefox to 5 (Total Cookie Protection); Chromium reads it from the profile.
// Every launch also makes the lab's public pages public and grants Local Network Access to the
// granted ones (./public-pages.ts); WebKit has no such switch, and enforces none.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, firefox, webkit, type BrowserContext } from 'playwright-core';
import type { CookiePolicy } from '../../catalog/index.js';
import type { InstalledBrowser } from './installed.js';
import { chromiumDirectArgs, firefoxDirectPrefs, publicWorldAddress, type DirectWorld } from './direct-world.js';
import { chromiumPublicArgs, firefoxPublicPrefs, grantLocalNetworkAccess } from './public-pages.js';
import { UnsupportedBrowser, unknownCommandReason } from './supported.js';

// Debian's Chromium reaches for Google's services at start; the closed network refuses them.
export const chromiumArgs = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface LabContext {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Keep the browser's pop-up blocker, as a trainer's browser ships. Playwright turns it off
   * by default (Chromium `--disable-popup-blocking`, Firefox `dom.disable_open_during_load`).
   */
  popupBlocker?: boolean;
  /**
   * Reach every host name through the origin world's proxy, trusting its CA. Chromium takes
   * the proxy at launch; Firefox on the context, because Playwright 1.64.1 maps a launch-level
   * `http://` proxy to WebDriver's httpProxy only and HTTPS then skips it (docs/browser-facts.md,
   * "The origin world"). Neither browser proxies loopback unless told to: Chromium's bypass
   * rule `<-loopback>`, Firefox's network.proxy.allow_hijacking_localhost.
   */
  world?: { proxyServer: string; caSpki: string; direct?: DirectWorld };
  /** More origins granted Local Network Access, beside the catalog's granted public pages (a check's granted state). */
  localNetworkGrants?: readonly string[];
}

/**
 * Launches the browser with the policy. A browser that doesn't know a protocol command
 * Playwright sends fails with one line that says so and names the fix (./supported.ts),
 * instead of Playwright's protocol error.
 */
export async function launchWithPolicy(browser: InstalledBrowser, policy: CookiePolicy, options: LaunchOptions = {}): Promise<LabContext> {
  try {
    return await launch(browser, policy, options);
  } catch (error) {
    const reason = unknownCommandReason(browser, error);
    throw reason === null ? error : new UnsupportedBrowser(reason, { cause: error });
  }
}

async function launch(browser: InstalledBrowser, policy: CookiePolicy, options: LaunchOptions): Promise<LabContext> {
  const launched = await launchContext(browser, policy, options);
  try {
    await grantLocalNetworkAccess(launched.context, browser.name, options.localNetworkGrants);
  } catch (error) {
    await launched.close();
    throw error;
  }
  return launched;
}

async function launchContext(browser: InstalledBrowser, policy: CookiePolicy, { popupBlocker = false, world }: LaunchOptions): Promise<LabContext> {
  const profile = mkdtempSync(join(tmpdir(), `cors-lab-${browser.name}-${policy.id}-`));
  const common = { headless: true, executablePath: browser.executablePath, viewport: { width: 1280, height: 720 } };
  // Reached directly, the world's public address joins the public pages' (./direct-world.ts).
  const direct = world?.direct;
  const morePublic = direct ? [publicWorldAddress(direct)] : [];
  let context: BrowserContext;
  if (browser.name === 'chromium') {
    // Chromium's third-party-cookie switch is the profile preference
    // `profile.cookie_controls_mode`; it is read from Default/Preferences at start-up.
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: policy.chromiumCookieControlsMode } }));
    context = await chromium.launchPersistentContext(profile, {
      ...common,
      ...(world && !direct ? { proxy: { server: world.proxyServer, bypass: '<-loopback>' } } : {}),
      args: [
        ...chromiumArgs,
        ...chromiumPublicArgs(morePublic),
        ...(direct ? chromiumDirectArgs(direct) : []),
        ...(world ? [`--ignore-certificate-errors-spki-list=${world.caSpki}`] : []),
      ],
      ...(popupBlocker ? { ignoreDefaultArgs: ['--disable-popup-blocking'] } : {}),
    });
  } else if (browser.name === 'firefox') {
    const firefoxUserPrefs = {
      'network.cookie.cookieBehavior': policy.firefoxCookieBehavior,
      ...firefoxPublicPrefs(morePublic),
      ...(direct ? firefoxDirectPrefs(direct) : world ? { 'network.proxy.allow_hijacking_localhost': true } : {}),
      ...(popupBlocker ? { 'dom.disable_open_during_load': true } : {}),
    };
    if (world) {
      const launched = await firefox.launch({ headless: true, executablePath: browser.executablePath, channel: browser.channel, firefoxUserPrefs });
      const worldContext = await launched
        .newContext({ viewport: common.viewport, ...(direct ? {} : { proxy: { server: world.proxyServer } }), ignoreHTTPSErrors: true })
        .catch(async (error: unknown) => {
          await launched.close();
          throw error;
        });
      return {
        context: worldContext,
        async close() {
          await launched.close();
          rmSync(profile, { recursive: true, force: true });
        },
      };
    }
    context = await firefox.launchPersistentContext(profile, { ...common, channel: browser.channel, firefoxUserPrefs });
  } else {
    // WebKit blocks third-party cookies always (ITP); it has no switch to allow them.
    context = await webkit.launchPersistentContext(profile, common);
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
