// The browsers the matrix drives. A required one must be installed for a test run to count
// (engine/browsers/installed.ts): a run without it proves nothing about browsers. WebKit is
// optional: Playwright's build can't be installed everywhere, so it runs only where it is.
//
// `verifiedFrom` is the oldest major version of an installed browser (Debian's, or one a
// LAB_*_PATH names) that this Playwright (1.64.1) is verified to drive: Chromium 150 passed
// the whole suite unchanged, and Firefox ESR 153 is the oldest Firefox it has passed in (ESR
// 140 fails every launch). An older one is refused with one line that names the fix
// (engine/browsers/supported.ts; docs/browser-facts.md, "Versions"). Playwright's own builds
// are pinned with Playwright and are not held to it; WebKit has only that build, so no minimum.
// `debianPackage` is the package that installs (or updates) it on Debian.
// `localNetworkPermission` is the name Playwright grants the Local Network Access permission
// under (`context.grantPermissions`) in this browser: Chromium knows only
// 'local-network-access'; Firefox grants loopback under 'loopback-network' ('local-network'
// does not cover loopback). null: the browser enforces no such permission (WebKit here).
// Measured with Playwright 1.64.1 (docs/browser-facts.md, "Local Network Access").
export const labBrowsers = [
  { name: 'chromium', title: 'Chromium', required: true, verifiedFrom: 150, debianPackage: 'chromium', localNetworkPermission: 'local-network-access' },
  { name: 'firefox', title: 'Firefox', required: true, verifiedFrom: 153, debianPackage: 'firefox-esr', localNetworkPermission: 'loopback-network' },
  { name: 'webkit', title: 'WebKit', required: false, verifiedFrom: null, debianPackage: null, localNetworkPermission: null },
] as const;

export type LabBrowserName = (typeof labBrowsers)[number]['name'];

export type LabBrowser = (typeof labBrowsers)[number];

export const labBrowserNames: readonly LabBrowserName[] = labBrowsers.map((b) => b.name);

export function labBrowser(name: LabBrowserName): LabBrowser {
  return labBrowsers.find((b) => b.name === name)!;
}
