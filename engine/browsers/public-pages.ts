// The lab's public pages (catalog/ports.ts PUBLIC_PORT), as the browsers are told about them
// at launch. Every lab server is on loopback, so a browser would class every lab page as
// loopback and never apply Local Network Access; these settings make the pages served from
// 127.0.0.1:4200 public (whatever host name they use), make a prompt nobody answers a "Block",
// and grant the permission to the catalog's granted origins only. Measured in Chromium 156 and
// Firefox ESR 153 (docs/browser-facts.md, "Local Network Access"). The settings themselves are
// the catalog's (catalog/local-network-access.ts `publicPagesLaunch`): a trainer's browser needs
// the same, and the dashboard shows them from there.
import type { BrowserContext } from 'playwright-core';
import { chromiumPublicSwitch, firefoxPublicPrefsFor, labBrowser, origins, publicPagesAddress, type LabBrowserName } from '../../catalog/index.js';

/** Chromium's switches that make the public pages public, and any `morePublic` socket address (a check's public stand-in). */
export function chromiumPublicArgs(morePublic: readonly string[] = []): string[] {
  return [chromiumPublicSwitch([publicPagesAddress, ...morePublic])];
}

/** Firefox's preferences that make the public pages (and `morePublic`) public, with "Block" as the loopback default. */
export function firefoxPublicPrefs(morePublic: readonly string[] = []) {
  return firefoxPublicPrefsFor([publicPagesAddress, ...morePublic]);
}

/** The origins the user allowed on the local network (catalog/origins.ts `localNetworkPermission`). */
export const grantedOrigins: readonly string[] = origins.filter((o) => o.localNetworkPermission === 'granted').map((o) => o.origin);

/**
 * Grants the browser's Local Network Access permission to each granted origin (and to `more`,
 * a check's public pages in its granted state), one origin at a time: another public origin in
 * the same context stays denied. WebKit enforces no such
 * permission (catalog/browsers.ts): nothing to grant there.
 */
export async function grantLocalNetworkAccess(context: BrowserContext, browser: LabBrowserName, more: readonly string[] = []): Promise<void> {
  const permission = labBrowser(browser).localNetworkPermission;
  if (permission === null) return;
  for (const origin of [...grantedOrigins, ...more]) await context.grantPermissions([permission], { origin });
}
