// The seed story in a real browser: Alice logs in at her bank, opens the "free movies"
// page, and the page fires the blog's XMLHttpRequest at /transfer_to/555/1234/1.
// Expectations come from the rules, never from a recorded run:
// - A GET with no custom headers is a simple request: no preflight (Fetch §4.1 step 12,
//   "CORS-preflight request" is only for non-safelisted methods or headers).
// - XMLHttpRequest without withCredentials uses credentials mode "same-origin" (XHR §3.5.6),
//   so a cross-origin request carries no cookies at all (Fetch §4.6, includeCredentials).
// - Without a cookie the bank sees a stranger: 401, no money moves.
// - The script may read the answer only if the response passes the CORS check
//   (Fetch §4.9): `none` sends no Access-Control-Allow-Origin; `reflect-any-origin` echoes
//   the page's origin, and a non-credentialed request needs nothing more.
import { cookiePolicies } from '../../catalog/index.js';
import { expect, logInAtBank, test } from '../fixtures.js';

const cases = [
  { config: 'none', scriptReads: false },
  { config: 'reflect-any-origin', scriptReads: true },
];

for (const policy of cookiePolicies) {
  for (const { config, scriptReads } of cases) {
    test(`seed story: the movie page's XMLHttpRequest under ${config} (${policy.id})`, async ({ browserWithPolicy, bank }) => {
      const context = await browserWithPolicy(policy.id);
      const bankPage = await logInAtBank(context, 'alice', 'alice-loves-cats');

      const movies = await context.newPage();
      await movies.goto(`http://attacker.localhost:4100/movies.html?config=${config}`);
      await expect(movies.locator('body')).toHaveAttribute('data-done', 'true');
      const probe = (await movies.locator('body').getAttribute('data-probe'))!;

      const received = await bank.ledger(probe);
      expect(received, 'one simple GET, no preflight').toHaveLength(1);
      const [request] = received;
      expect(request).toMatchObject({
        method: 'GET',
        path: `/c/${config}/transfer_to/555/1234/1`,
        origin: 'http://attacker.localhost:4100',
        secFetchSite: 'cross-site',
        cookiesSent: [],
        user: null,
        stateChanged: false,
        status: 401,
      });
      await expect(movies.locator('body')).toHaveAttribute('data-readable', String(scriptReads));
      await expect(movies.locator('#verdict')).toContainText(scriptReads ? 'READ' : 'could NOT read');
      // The page tells the learner the same facts, from the bank's side.
      const told = movies.locator('#what-happened');
      await expect(told).toContainText('Sent: yes');
      await expect(told).toContainText('Cookie: no');
      await expect(told).toContainText('Money moved: no — the bank answered 401');
      await expect(told).toContainText(`Answer read by this page’s script: ${scriptReads ? 'yes' : 'no'}`);
      await movies.close();
      await bankPage.close();
    });
  }
}
