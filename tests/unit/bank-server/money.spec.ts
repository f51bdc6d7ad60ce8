// Money is conserved under any burst of concurrent transfers, and no balance goes negative.
// Property-based: fast-check generates the bursts, including overdrafts and bad targets.
import fc from 'fast-check';
import { expect, logIn, test } from './helper.js';

const users = [
  { username: 'alice', password: 'alice-loves-cats', account: '1001' },
  { username: 'bob', password: 'bob-builds-bridges', account: '1002' },
  { username: 'mallory', password: 'mallory-moves-money', account: '1234' },
];

const transferArb = fc.record({
  from: fc.integer({ min: 0, max: users.length - 1 }),
  // Index users.length means "an account that doesn't exist".
  to: fc.integer({ min: 0, max: users.length }),
  cents: fc.integer({ min: 1, max: 3_000_000 }),
  shape: fc.constantFrom('GET', 'POST-json', 'POST-form', 'POST-text', 'PUT'),
});

function amount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

test('a burst of concurrent transfers conserves money and never overdraws', async ({ app }) => {
  const cookies = await Promise.all(users.map((u) => logIn(app, u.username, u.password)));
  const startTotal = (await app.inject({ url: '/lab/totals' })).json().totalCents;

  await fc.assert(
    fc.asyncProperty(fc.array(transferArb, { minLength: 1, maxLength: 40 }), async (burst) => {
      const responses = await Promise.all(
        burst.map(({ from, to, cents, shape }) => {
          const account = users[to]?.account ?? '9999';
          const body = { routing: '555', account, amount: amount(cents) };
          const headers = { cookie: cookies[from]! };
          if (shape === 'GET') return app.inject({ url: `/c/none/transfer_to/555/${account}/${amount(cents)}`, headers });
          if (shape === 'POST-form') {
            return app.inject({
              method: 'POST',
              url: '/c/none/transfer',
              headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams(body).toString(),
            });
          }
          const contentType = shape === 'POST-text' ? 'text/plain' : 'application/json';
          return app.inject({
            method: shape === 'PUT' ? 'PUT' : 'POST',
            url: '/c/none/transfer',
            headers: { ...headers, 'content-type': contentType },
            payload: JSON.stringify(body),
          });
        }),
      );
      for (const res of responses) expect([200, 409, 422]).toContain(res.statusCode);
      const totals = (await app.inject({ url: '/lab/totals' })).json();
      expect(totals.totalCents).toBe(startTotal);
      for (const account of totals.accounts) expect(account.balanceCents).toBeGreaterThanOrEqual(0);
    }),
    { numRuns: 60 },
  );
});
