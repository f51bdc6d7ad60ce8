// The lab's public pages really are public to the browser, seen from both sides. The same
// preflighted, credentialed fetch to the bank (a custom header makes it non-simple: Fetch §4.8)
// runs from three pages of the attacker server:
// - a loopback page (attacker.localhost): no local network request, so the preflight and the
//   GET arrive, as every lab page's do;
// - the public page the user allowed: Local Network Access lets it through, so the bank's ledger
//   holds the preflight and the GET, as from any cross-site page;
// - the public page nobody allowed: the browser never sends it (WICG Local Network Access,
//   "local network access check"), the bank's ledger holds nothing, and the browser says so in
//   its own words: Chromium's console names the `loopback` address space, Firefox's network error
//   is NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED.
// The signals are the browsers' own words, measured in Chromium 156 and Firefox ESR 153
// (docs/browser-facts.md, "Local Network Access").
import type { ConsoleMessage, Page } from '@playwright/test';
import { attackerOrigin, bankOrigin, configurationBase, GRANTED_PUBLIC_HOST, PUBLIC_HOST, publicOrigin } from '../../catalog/index.js';
import { expect, test } from '../fixtures.js';

/** A preflighted, credentialed GET of the account from `page`; what the script saw. */
async function preflightedRead(page: Page, probe: string): Promise<string> {
  const url = `${bankOrigin}${configurationBase('reflect-any-origin')}/account?probe=${probe}`;
  return page.evaluate(async (target) => {
    try {
      const res = await fetch(target, { credentials: 'include', headers: { 'X-Lab-Probe': 'yes' } });
      return `status ${res.status}`;
    } catch (error) {
      return `rejected: ${error}`;
    }
  }, url);
}

test('the public pages are public: the bank receives the allowed page’s preflight and request, and nothing of the denied page’s, whose browser says why', async ({
  browserWithPolicy,
  bank,
  labBrowserName,
}) => {
  const context = await browserWithPolicy('third-party-allowed');
  const run = Date.now().toString(36);
  const pages = {
    loopback: `${attackerOrigin('attacker.localhost')}/movies.html`,
    granted: `${publicOrigin(GRANTED_PUBLIC_HOST)}/movies.html`,
    denied: `${publicOrigin(PUBLIC_HOST)}/movies.html`,
  };
  const said: Record<string, string[]> = {};
  const failed: Record<string, string[]> = {};
  for (const [which, url] of Object.entries(pages)) {
    const page = await context.newPage();
    said[which] = [];
    failed[which] = [];
    page.on('console', (m: ConsoleMessage) => said[which]!.push(m.text()));
    page.on('requestfailed', (r) => failed[which]!.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${url}?config=none`);
    const outcome = await preflightedRead(page, `lna-${run}-${which}`);
    const ledger = await bank.ledger(`lna-${run}-${which}`);
    const arrived = ledger.map((e) => e.method);
    if (which === 'denied') {
      expect(outcome, 'the denied page’s fetch fails').toMatch(/^rejected: TypeError/);
      expect(arrived, 'nothing of the denied page’s reached the bank, not even a preflight').toEqual([]);
    } else {
      // Nobody logged in: the bank answers the GET 401, and reflect-any-origin lets the script see it.
      expect(outcome, `${which}: the fetch is answered`).toBe('status 401');
      expect(arrived, `${which}: the preflight, then the GET`).toEqual(['OPTIONS', 'GET']);
      expect(ledger[0]!.origin).toBe(new URL(url).origin);
      // Chrome dropped Private Network Access preflights: the granted page's preflight asks nothing more.
      expect(
        ledger[0]!.headerNames.filter((h) => /private-network|local-network/i.test(h)),
        which,
      ).toEqual([]);
    }
    await page.close();
  }
  // The browser's own signal for the denied page: Chromium's console names the address space;
  // Firefox's network error names the check (it writes nothing to the page's console).
  if (labBrowserName === 'chromium') {
    expect(said.denied!.join('\n'), 'Chromium says why the denied page’s fetch failed').toMatch(
      /Permission was denied for this request to access the `loopback` address space/,
    );
  } else {
    expect(
      failed.denied!.filter((f) => f.includes(`lna-${run}-denied`)),
      'Firefox’s network error for the denied fetch',
    ).toEqual([expect.stringMatching(/ NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED$/)]);
  }
  expect([...said.loopback!, ...said.granted!].join('\n')).not.toMatch(/address space/i);
});
