// Builds a bank for one test, ready for `inject`, and closes it afterwards.
import { test as base } from '@playwright/test';
import { buildBank } from '../../../bank-server/app.js';

export type Bank = ReturnType<typeof buildBank>;

export const TEST_COOKIE_SECRET = 'test-secret-that-is-at-least-32-characters-long';

async function withBank(use: (app: Bank) => Promise<void>) {
  const app = buildBank({ cookieSecret: TEST_COOKIE_SECRET });
  await app.ready();
  await use(app);
  await app.close();
}

export const test = base.extend<{ app: Bank }, { sharedApp: Bank }>({
  /** A fresh bank for a test that changes state. */
  app: async ({}, use) => withBank(use),
  /** One bank per worker, for tests that only read (headers, validation of refused input). */
  sharedApp: [async ({}, use) => withBank(use), { scope: 'worker' }],
});

export { expect } from '@playwright/test';

/** Logs in through the JSON API and returns the Cookie header a browser would send back. */
export async function logIn(app: Bank, username = 'alice', password = 'alice-loves-cats'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
