// The lab's Playwright fixtures. Each worker launches its browser once per cookie policy
// (a persistent context, since Chromium reads its policy from the profile) and keeps it
// for all its tests; tests get the context for the policy they name.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { bankOrigin, cookiePolicy, type CookiePolicyId } from '../catalog/index.js';
import { BankClient } from './bank-client.js';
import { findBrowser, type InstalledBrowser, type LabBrowserName } from '../engine/browsers/installed.js';
import { launchWithPolicy, type LabContext } from '../engine/browsers/launch.js';
import { logInThroughForm } from '../engine/log-in.js';

export interface LabWorkerFixtures {
  /** Which browser this project drives; set per project in playwright.config.ts. */
  labBrowserName: LabBrowserName;
  /** Keep the browser's pop-up blocker (Playwright turns it off); set per project. */
  labPopupBlocker: boolean;
  installedBrowser: InstalledBrowser;
  bank: BankClient;
  /** The worker's browser for a cookie policy, launched on first use. */
  browserWithPolicy: (policy: CookiePolicyId) => Promise<BrowserContext>;
}

export const test = base.extend<object, LabWorkerFixtures>({
  labBrowserName: ['chromium', { option: true, scope: 'worker' }],
  labPopupBlocker: [false, { option: true, scope: 'worker' }],

  installedBrowser: [
    async ({ labBrowserName }, use) => {
      const found = findBrowser(labBrowserName);
      if ('missing' in found) throw new Error(found.missing);
      await use(found);
    },
    { scope: 'worker' },
  ],

  bank: [
    async ({}, use) => {
      // Set by `npm run test:compose`, whose bank container sees these tests through Docker's
      // port forwarding, not from loopback (tests/compose/stack.setup.ts); unset under `npm test`.
      const client = await BankClient.open(process.env.LAB_TRAINER_TOKEN);
      await use(client);
      await client.dispose();
    },
    { scope: 'worker' },
  ],

  browserWithPolicy: [
    async ({ installedBrowser, labPopupBlocker }, use) => {
      // One browser at a time per worker: switching policy closes the other one (two cores).
      const launched = new Map<CookiePolicyId, Promise<LabContext>>();
      await use(async (policy) => {
        for (const [other, pending] of launched) {
          if (other === policy) continue;
          launched.delete(other);
          await (await pending).close();
        }
        if (!launched.has(policy)) launched.set(policy, launchWithPolicy(installedBrowser, cookiePolicy(policy), { popupBlocker: labPopupBlocker }));
        return (await launched.get(policy)!).context;
      });
      for (const pending of launched.values()) await (await pending).close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };

/** Logs in through the bank's own login form, as a person would. */
export async function logInAtBank(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await logInThroughForm(context, bankOrigin, username, password);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}
