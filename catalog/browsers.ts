// The browsers the matrix drives. A required one must be installed for a test run to count
// (engine/browsers/installed.ts): a run without it proves nothing about browsers. WebKit is
// optional: Playwright's build can't be installed everywhere, so it runs only where it is.
export const labBrowsers = [
  { name: 'chromium', required: true },
  { name: 'firefox', required: true },
  { name: 'webkit', required: false },
] as const;

export type LabBrowserName = (typeof labBrowsers)[number]['name'];

export const labBrowserNames: readonly LabBrowserName[] = labBrowsers.map((b) => b.name);
