// The bank's deliberate server-side flaws are switches (catalog/server-flaws.ts): a
// configuration that keeps a flaw shows it, one that drops it runs the fix.
import { configurations } from '../../../catalog/index.js';
import { expect, logIn, test } from './helper.js';

const partner = 'http://partner.localhost:4100';
const transfer = { routing: '555', account: '1234', amount: '1' };

test('Every server flaw is kept by at least one configuration and dropped by another', () => {
  for (const flaw of ['get-moves-money', 'text-plain-as-json'] as const) {
    expect(configurations.some((c) => c.serverFlaws.includes(flaw))).toBe(true);
    expect(configurations.some((c) => !c.serverFlaws.includes(flaw))).toBe(true);
  }
});

for (const { config, kept } of [
  { config: 'allowlist', kept: true },
  { config: 'allowlist-fixed', kept: false },
]) {
  test(`${config}: the GET to /transfer_to ${kept ? 'moves money' : 'answers 405 and moves nothing'}`, async ({ app }) => {
    const cookie = await logIn(app);
    const res = await app.inject({ url: `/c/${config}/transfer_to/555/1234/1`, headers: { cookie, origin: partner } });
    expect(res.statusCode).toBe(kept ? 200 : 405);
    if (!kept) expect(res.json()).toMatchObject({ error: 'Method Not Allowed', message: expect.stringContaining('RFC 9110') });
    const history = app.lab.accounts.history(app.lab.accounts.get('alice')!.accountNumber);
    expect(history).toHaveLength(kept ? 1 : 0);
  });

  test(`${config}: a text/plain body holding JSON ${kept ? 'is parsed as a transfer' : 'gets 415'}`, async ({ app }) => {
    const cookie = await logIn(app);
    const res = await app.inject({
      method: 'POST',
      url: `/c/${config}/transfer`,
      headers: { cookie, origin: partner, 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify(transfer),
    });
    expect(res.statusCode).toBe(kept ? 200 : 415);
    if (!kept) expect(res.json()).toMatchObject({ message: 'text/plain is not accepted: send application/json' });
  });
}

test('allowlist-fixed still takes a form-encoded POST: the fixes close the GET and text/plain, not simple forms', async ({ app }) => {
  const cookie = await logIn(app);
  const res = await app.inject({
    method: 'POST',
    url: '/c/allowlist-fixed/transfer',
    headers: { cookie, origin: partner, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(transfer).toString(),
  });
  expect(res.statusCode).toBe(200);
});
