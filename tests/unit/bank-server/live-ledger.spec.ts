// The live ledger (/lab/ledger/stream, Server-Sent Events) over real HTTP: a learner's
// stream carries that learner's requests and those that authenticated nobody, never another
// learner's; the trainer's view (no session) carries every request. Every event has
// `id: <seq>`, and a stream opened with Last-Event-ID (what a reconnecting EventSource
// sends, HTML §9.2.4) first replays what that viewer missed. A reader that stops reading is
// cut off once it is more than STREAM_BACKLOG_BYTES behind.
import { connect } from 'node:net';
import { STREAM_BACKLOG_BYTES } from '../../../bank-server/routes/lab/ledger-stream.js';
import type { LedgerEntry } from '../../../catalog/index.js';
import { openLedgerStream } from '../../../scripts/ledger-stream.js';
import { expect, logIn, test, type Bank } from './helper.js';

interface Received {
  entry: LedgerEntry;
  id: string | undefined;
}

/** Opens a stream and collects its entries until `close` is called. */
async function openStream(base: string, cookie?: string, lastEventId?: string) {
  const received: Received[] = [];
  const close = await openLedgerStream<LedgerEntry>(base, cookie, (entry, id) => received.push({ entry, id }), { lastEventId });
  return { received, close, probes: () => received.map((r) => r.entry.probe).filter((p) => p?.startsWith('live-')) };
}

async function twoLearners(app: Bank) {
  for (const username of ['learner-a', 'learner-b']) {
    await app.inject({ method: 'POST', url: '/lab/accounts', payload: { username, password: 'long-enough' } });
  }
  return { a: await logIn(app, 'learner-a', 'long-enough'), b: await logIn(app, 'learner-b', 'long-enough') };
}

const whoami = (base: string, probe: string, cookie?: string) => fetch(`${base}/c/none/whoami?probe=${probe}`, { headers: cookie ? { cookie } : {} });

test('each learner’s live ledger shows their own requests and strangers’, never another learner’s; the trainer’s shows all', async ({ app }) => {
  const { a, b } = await twoLearners(app);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const streams = { a: await openStream(base, a), b: await openStream(base, b), trainer: await openStream(base) };

  await whoami(base, 'live-a', a);
  await whoami(base, 'live-b', b);
  await whoami(base, 'live-stranger');
  // A stranger's request reaches every stream, and it was sent last: once each has it, each has all it will get.
  for (const s of Object.values(streams)) await expect.poll(() => s.probes().includes('live-stranger')).toBe(true);
  for (const s of Object.values(streams)) await s.close();

  expect(streams.a.probes()).toEqual(['live-a', 'live-stranger']);
  expect(streams.b.probes()).toEqual(['live-b', 'live-stranger']);
  expect(streams.trainer.probes()).toEqual(['live-a', 'live-b', 'live-stranger']);
  expect(streams.a.received.every((r) => r.entry.user === null || r.entry.user === 'learner-a')).toBe(true);
  // Every event carries its entry's sequence number as its id: what Last-Event-ID resumes from.
  for (const s of Object.values(streams)) for (const r of s.received) expect(r.id).toBe(String(r.entry.seq));
});

test('a stream reopened with Last-Event-ID replays what its viewer missed, in order, once, then goes on live', async ({ app }) => {
  const { a, b } = await twoLearners(app);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const first = { a: await openStream(base, a), trainer: await openStream(base) };
  await whoami(base, 'live-1', a);
  for (const s of Object.values(first)) await expect.poll(() => s.probes()).toEqual(['live-1']);
  for (const s of Object.values(first)) await s.close();

  // While nobody listens: one of learner-a's requests, one of learner-b's, one of a stranger's.
  await whoami(base, 'live-2', a);
  await whoami(base, 'live-3', b);
  await whoami(base, 'live-4');

  const lastIdOf = (s: { received: Received[] }) => s.received.at(-1)!.id;
  const again = { a: await openStream(base, a, lastIdOf(first.a)), trainer: await openStream(base, undefined, lastIdOf(first.trainer)) };
  await whoami(base, 'live-5', a);
  for (const s of Object.values(again)) await expect.poll(() => s.probes().includes('live-5')).toBe(true);
  for (const s of Object.values(again)) await s.close();

  expect(again.a.probes()).toEqual(['live-2', 'live-4', 'live-5']);
  expect(again.trainer.probes()).toEqual(['live-2', 'live-3', 'live-4', 'live-5']);
  const seqs = again.trainer.received.map((r) => r.entry.seq);
  expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  expect(seqs[0]).toBeGreaterThan(Number(lastIdOf(first.trainer)));
});

test('a stream opened without Last-Event-ID, or with one that is not a sequence number, starts live', async ({ app }) => {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  await whoami(base, 'live-before');
  for (const lastEventId of [undefined, 'not-a-number']) {
    const stream = await openStream(base, undefined, lastEventId);
    await whoami(base, `live-after-${lastEventId ?? 'none'}`);
    await expect.poll(() => stream.probes().length).toBe(1);
    await stream.close();
    expect(stream.probes()).toEqual([`live-after-${lastEventId ?? 'none'}`]);
  }
});

test('a reader that stops reading is cut off once it is more than 1 MiB behind', async ({ app }) => {
  const base = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  const socket = connect(Number(base.port), base.hostname);
  let received = 0;
  const ended = new Promise<void>((done) => socket.once('close', () => done()));
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  await new Promise((done) => socket.once('connect', done));
  socket.write(`GET /lab/ledger/stream HTTP/1.1\r\nHost: ${base.host}\r\nAccept: text/event-stream\r\n\r\n`);
  await expect.poll(() => received).toBeGreaterThan(0);
  socket.pause();

  // Entries of about 4 KB each (a long path), far more than the cap plus what the kernel's
  // socket buffers can hold on loopback.
  const longPath = '/' + 'x'.repeat(4000);
  let sent = 0;
  while (sent < 16 * STREAM_BACKLOG_BYTES && !socket.destroyed) {
    await app.inject({ url: longPath });
    sent += longPath.length;
  }
  socket.resume();
  await ended;
  expect(received).toBeLessThan(sent);
});
