// The live ledger (/lab/ledger/stream, Server-Sent Events) over real HTTP: a learner's
// stream carries that learner's requests and those that authenticated nobody, never another
// learner's; the trainer's view (no session) carries every request.
import type { LedgerEntry } from '../../bank-server/store/ledger.js';
import { openLedgerStream } from '../../scripts/ledger-stream.js';
import { expect, logIn, test } from './helper.js';

/** Opens a stream and collects its entries until `close` is called. */
async function openStream(base: string, cookie?: string) {
  const entries: LedgerEntry[] = [];
  return { entries, close: await openLedgerStream<LedgerEntry>(base, cookie, (e) => entries.push(e)) };
}

test('each learner’s live ledger shows their own requests and strangers’, never another learner’s; the trainer’s shows all', async ({ app }) => {
  for (const username of ['learner-a', 'learner-b']) {
    await app.inject({ method: 'POST', url: '/lab/accounts', payload: { username, password: 'long-enough' } });
  }
  const a = await logIn(app, 'learner-a', 'long-enough');
  const b = await logIn(app, 'learner-b', 'long-enough');
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const streams = { a: await openStream(base, a), b: await openStream(base, b), trainer: await openStream(base) };

  const get = (path: string, cookie?: string) => fetch(base + path, { headers: cookie ? { cookie } : {} });
  await get('/c/none/whoami?probe=live-a', a);
  await get('/c/none/whoami?probe=live-b', b);
  await get('/c/none/whoami?probe=live-stranger');
  // A stranger's request reaches every stream, and it was sent last: once each has it, each has all it will get.
  for (const s of Object.values(streams)) await expect.poll(() => s.entries.some((e) => e.probe === 'live-stranger')).toBe(true);
  for (const s of Object.values(streams)) await s.close();

  const probes = (s: { entries: LedgerEntry[] }) => s.entries.map((e) => e.probe).filter((p) => p?.startsWith('live-'));
  expect(probes(streams.a)).toEqual(['live-a', 'live-stranger']);
  expect(probes(streams.b)).toEqual(['live-b', 'live-stranger']);
  expect(probes(streams.trainer)).toEqual(['live-a', 'live-b', 'live-stranger']);
  expect(streams.a.entries.every((e) => e.user === null || e.user === 'learner-a')).toBe(true);
});
