// The lab's public pages (catalog/ports.ts PUBLIC_PORT), as the browsers are told about them
// at launch. Every lab server is on loopback, so a browser would class every lab page as
// loopback and never apply Local Network Access; these settings make the pages served from
// 127.0.0.1:4200 public (whatever host name they use), make a prompt nobody answers a "Block",
// and grant the permission to the catalog's granted origins only. Measured in Chromium 156 and
// Firefox ESR 153 (docs/browser-facts.md, "Local Network Access").
import type { BrowserContext } from 'playwright-core';
import { labBrowser, origins, publicPagesAddress, type LabBrowserName } from '../../catalog/index.js';

/**
 * Chromium's override of an address's IP address space (the switch Chrome's Local Network
 * Access guide gives for testing). Unanswered, Chromium's permission prompt blocks the request
 * already: nothing more is needed for "denied".
 */
export const chromiumPublicArgs = [`--ip-address-space-overrides=${publicPagesAddress}=public`];

/**
 * Firefox's override of an address's space, and the user's "Block" as the default answer for
 * loopback: without it Firefox shows its prompt, which closes the page under Playwright.
 */
export const firefoxPublicPrefs = {
  'network.lna.address_space.public.override': publicPagesAddress,
  'permissions.default.loopback-network': 2,
};

/** The origins the user allowed on the local network (catalog/origins.ts `localNetworkPermission`). */
export const grantedOrigins: readonly string[] = origins.filter((o) => o.localNetworkPermission === 'granted').map((o) => o.origin);

/**
 * Grants the browser's Local Network Access permission to each granted origin, one origin at
 * a time: another public origin in the same context stays denied. WebKit enforces no such
 * permission (catalog/browsers.ts): nothing to grant there.
 */
export async function grantLocalNetworkAccess(context: BrowserContext, browser: LabBrowserName): Promise<void> {
  const permission = labBrowser(browser).localNetworkPermission;
  if (permission === null) return;
  for (const origin of grantedOrigins) await context.grantPermissions([permission], { origin });
}
