// Logging the victim in through the bank's own login form, as a person would, so that the
// bank's own Set-Cookie decides which cookies the browser keeps.
import type { BrowserContext, Page } from 'playwright-core';

/** Logs in at `bankBase`/login and waits for the account page; returns that page. */
export async function logInThroughForm(context: BrowserContext, bankBase: string, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${bankBase}/login`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  return page;
}
