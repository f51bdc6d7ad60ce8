// The browsers the matrix drives. WebKit runs only where Playwright's build is installed.
export type LabBrowserName = 'chromium' | 'firefox' | 'webkit';

export const labBrowserNames: readonly LabBrowserName[] = ['chromium', 'firefox', 'webkit'];
