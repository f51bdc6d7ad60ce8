// `npm run bench:load`: a class on the lab, then a soak past the ledger's cap. Prints its
// figures and asserts nothing timed (the targets are printed beside them).
//
// The bank runs in a child process (this file with `--bank`), built by buildBank and
// listening on an ephemeral loopback port: its RSS is the bank's alone, and the load
// generator does not share its event loop, which would add its own time to every latency.
//
// The class: LEARNERS learners, each with their own account (POST /lab/accounts), logged in,
// holding the live ledger (/lab/ledger/stream) open, and running the dashboard's sweep every
// SWEEP_EVERY_MS for CLASS_MS: every catalog attack from every attacking origin but the
// bank's own, replayed as the HTTP requests a browser sends. Which headers and cookies go,
// and whether a preflight comes first and lets the request through, is decided by the lab's
// rules (rules/: Fetch §3.1 Origin, §4.1 preflight, §4.6 credentials, RFC 6265bis SameSite)
// for Chromium with third-party cookies allowed. After each origin's attacks, the
// dashboard's narrator asks the ledger about them, as the real one does.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  ATTACKER_HOST,
  attackerOrigin,
  attacks,
  cookiePolicy,
  cookieVariants,
  origins,
  runnerUrl,
  TRANSFER,
  type Attack,
  type AttackOrigin,
} from '../catalog/index.js';
import { browserProfiles } from '../rules/browser-profiles.js';
import { cookiesSent, includesCredentials } from '../rules/cookies.js';
import { needsPreflight, preflightPasses, unsafeHeaders } from '../rules/cors-check.js';
import { originHeaderOf, relationOf } from '../rules/relation.js';
import { openLedgerStream } from './ledger-stream.js';

const LEARNERS = 50;
const SWEEP_EVERY_MS = 10_000;
const CLASS_MS = 60_000;
/** Each soak sends this many requests: past the ledger's 200,000-entry cap on its own. */
const SOAK_REQUESTS = 210_000;
const SOAK_CONCURRENCY = 32;
const MiB = 1024 * 1024;

// ---- The load generator -----------------------------------------------------------------
interface Bank {
  url: string;
  child: ChildProcess;
  rss(afterGc?: boolean): Promise<number>;
  /** The JS heap in use after a full GC: what the bank really retains. */
  heapAfterGc(): Promise<number>;
}

async function startBank(): Promise<Bank> {
  const child = fork(fileURLToPath(import.meta.url), ['--bank'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the bank exited (${code}) before listening`)));
  });
  const rss = (afterGc = false) =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { rss: number }).rss));
      child.send(afterGc ? 'rss-after-gc' : 'rss');
    });
  const heapAfterGc = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { heap: number }).heap));
      child.send('rss-after-gc');
    });
  return { url, child, rss, heapAfterGc };
}

class Stats {
  latencies: number[] = [];
  errors = 0;
  errorSamples: string[] = [];
  count = 0;

  async time(send: () => Promise<Response>): Promise<Response | null> {
    const start = performance.now();
    try {
      const res = await send();
      await res.arrayBuffer();
      this.latencies.push(performance.now() - start);
      this.count++;
      if (res.status >= 500) this.error(`${res.status} ${res.url}`);
      return res;
    } catch (err) {
      this.count++;
      this.error(String(err));
      return null;
    }
  }

  private error(what: string) {
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(what);
  }

  percentile(p: number): number {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  }
}

/** The fields of a ledger entry the bench looks at. */
type Streamed = { user: string | null; probe: string | null };

interface Learner {
  username: string;
  cookies: Map<string, string>;
  /** What this learner's live ledger carried. */
  streamed: Streamed[];
  closeStream: () => Promise<void>;
}

const chromium = browserProfiles.chromium;
const policy = cookiePolicy('third-party-allowed');
const attackingOrigins = origins.filter((o) => o.id !== 'same-origin');

function bodyOf(attack: Attack): string | undefined {
  const type = attack.request.contentType;
  if (!type) return undefined;
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(TRANSFER).toString();
  return JSON.stringify(TRANSFER);
}

/** One attack from one origin, as a browser sends it: maybe a preflight, then the request. */
async function replay(bank: Bank, stats: Stats, learner: Learner, origin: AttackOrigin, attack: Attack, probe: string) {
  // The attacking page as the rules see it: its origin, site, sandboxing and URL.
  const page = { ...origin, pageUrl: runnerUrl(origin) };
  const relation = relationOf(page);
  const { request } = attack;
  const headers: Record<string, string> = {
    'sec-fetch-site': relation,
    'sec-fetch-mode': request.mode,
    'sec-fetch-dest': request.destination,
  };
  const originHeader = originHeaderOf(attack, page, relation).value;
  if (originHeader) headers.origin = originHeader;
  const withCredentials = includesCredentials(attack, relation).included;
  const url = `${bank.url}${request.path}?probe=${probe}`;
  if (needsPreflight(attack, relation !== 'same-origin').needed) {
    const unsafe = unsafeHeaders(attack);
    const preflight = await stats.time(() =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          ...headers,
          'sec-fetch-mode': 'cors',
          'access-control-request-method': request.method,
          ...(unsafe.length ? { 'access-control-request-headers': unsafe.join(',') } : {}),
        },
      }),
    );
    if (!preflight) return;
    const passed = preflightPasses(preflight.status, Object.fromEntries(preflight.headers) as never, attack, page.origin, withCredentials).passes;
    if (!passed) return;
  }
  if (withCredentials) {
    const sent = cookiesSent({ attack, relation, browser: chromium, policy, cookieAgeSeconds: 3600 }).sent;
    const cookie = sent.map((v) => `${v.cookieName}=${learner.cookies.get(v.cookieName)}`).join('; ');
    if (cookie) headers.cookie = cookie;
  }
  if (request.contentType) headers['content-type'] = request.contentType;
  for (const name of request.extraHeaders) headers[name] = 'XMLHttpRequest';
  await stats.time(() => fetch(url, { method: request.method, headers, body: bodyOf(attack), redirect: 'manual' }));
}

async function sweep(bank: Bank, stats: Stats, learner: Learner, run: number) {
  for (const origin of attackingOrigins) {
    const prefix = `bench-${learner.username}-${run}-${origin.id}-`;
    for (const attack of attacks) await replay(bank, stats, learner, origin, attack, prefix + attack.id);
    await stats.time(() => fetch(`${bank.url}/lab/ledger?probe=${prefix}`));
  }
}

async function totals(bank: Bank): Promise<number> {
  return ((await (await fetch(`${bank.url}/lab/totals`)).json()) as { totalCents: number }).totalCents;
}

async function enroll(bank: Bank, username: string): Promise<Learner> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const created = await fetch(`${bank.url}/lab/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${await created.text()}`);
  const login = await fetch(`${bank.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookies = new Map(
    login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!.split('=') as [string, string])
      .map(([k, ...v]) => [k, v.join('=')]),
  );
  const streamed: Learner['streamed'] = [];
  const all = cookieVariants.map((v) => `${v.cookieName}=${cookies.get(v.cookieName)}`).join('; ');
  return { username, cookies, streamed, closeStream: await openLedgerStream<Streamed>(bank.url, all, (e) => streamed.push(e)) };
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function runClass(bank: Bank) {
  const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => enroll(bank, `learner-${String(i).padStart(2, '0')}`)));
  const trainer: Learner['streamed'] = [];
  const closeTrainer = await openLedgerStream<Streamed>(bank.url, undefined, (e) => trainer.push(e));
  // Warm-up: one sweep, not counted, so JIT and first-use allocations are behind us.
  await sweep(bank, new Stats(), learners[0]!, 0);
  const startTotal = await totals(bank);
  const rssStart = await bank.rss();
  let rssPeak = rssStart;
  const sampler = setInterval(() => void bank.rss().then((r) => (rssPeak = Math.max(rssPeak, r))), 250);

  const stats = new Stats();
  const started = performance.now();
  const sweepsPerLearner = CLASS_MS / SWEEP_EVERY_MS;
  await Promise.all(
    learners.map(async (learner, i) => {
      // Learners start spread over the first interval, as a class does.
      const offset = (i * SWEEP_EVERY_MS) / LEARNERS;
      for (let run = 1; run <= sweepsPerLearner; run++) {
        const due = started + offset + (run - 1) * SWEEP_EVERY_MS;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((done) => setTimeout(done, wait));
        await sweep(bank, stats, learner, run);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const endTotal = await totals(bank);
  const rssEnd = await bank.rss();
  // Let the last events reach the streams before judging them.
  await new Promise((done) => setTimeout(done, 500));
  await Promise.all([...learners.map((l) => l.closeStream()), closeTrainer()]);

  const foreign = learners.reduce((n, l) => n + l.streamed.filter((e) => e.user !== null && e.user !== l.username).length, 0);
  const recordedPerLearner = await Promise.all(
    learners.map(async (l) => {
      const res = await fetch(`${bank.url}/lab/ledger?probe=bench-${l.username}-&limit=10000`);
      // Everything the learner's sweeps caused, preflights (no session, no user) included.
      const caused = ((await res.json()) as { entries: { user: string | null; probe: string | null }[] }).entries;
      const own = caused.filter((e) => e.user === l.username);
      const seen = new Set(l.streamed.map((e) => e.probe));
      return { recorded: caused.length, missed: own.filter((e) => !seen.has(e.probe)).length };
    }),
  );
  const ownMissing = recordedPerLearner.map((r) => r.missed);
  const classEntries = recordedPerLearner.reduce((n, r) => n + r.recorded, 0);
  const benchEntries = trainer.filter((e) => e.probe?.startsWith('bench-')).length;

  console.log(
    `class: ${LEARNERS} learners, a ${attacks.length} × ${attackingOrigins.length} = ${attacks.length * attackingOrigins.length}-attack sweep each every ${SWEEP_EVERY_MS / 1000} s for ${CLASS_MS / 1000} s`,
  );
  console.log(`  requests        ${stats.count} in ${seconds.toFixed(1)} s = ${(stats.count / seconds).toFixed(0)} requests/s`);
  console.log(`  latency         p50 ${ms(stats.percentile(50))}, p95 ${ms(stats.percentile(95))}, p99 ${ms(stats.percentile(99))}   (target p95 < 50 ms)`);
  console.log(`  errors          ${stats.errors}   (target 0)${stats.errorSamples.length ? `: ${stats.errorSamples.join('; ')}` : ''}`);
  console.log(`  bank RSS        start ${mib(rssStart)} (after warm-up), peak ${mib(rssPeak)}, end ${mib(rssEnd)}`);
  console.log(`  money conserved ${endTotal === startTotal ? 'yes' : 'NO'} (total ${startTotal} → ${endTotal} cents)`);
  console.log(
    `  live ledgers    another learner's entry in a learner's stream: ${foreign}; own entries a learner's stream missed: ${ownMissing.reduce((a, b) => a + b, 0)}; the trainer's stream carried ${benchEntries} of the class's ${classEntries} entries`,
  );
}

async function soak(bank: Bank, label: string) {
  const stats = new Stats();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SOAK_CONCURRENCY }, async () => {
      while (next < SOAK_REQUESTS) {
        const i = next++;
        await stats.time(() =>
          fetch(`${bank.url}/c/reflect-any-origin/rates?probe=soak-${label}-${i}`, { headers: { origin: attackerOrigin(ATTACKER_HOST) } }),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = await bank.rss();
  const retained = await bank.rss(true);
  const heap = await bank.heapAfterGc();
  // A query that scans the whole ledger (a probe prefix nothing matches), and the narrator's own.
  const queryStart = performance.now();
  await (await fetch(`${bank.url}/lab/ledger?probe=nothing-matches-this`)).arrayBuffer();
  const scan = performance.now() - queryStart;
  const oneStart = performance.now();
  await (await fetch(`${bank.url}/lab/ledger?probe=soak-${label}-${SOAK_REQUESTS - 1}`)).arrayBuffer();
  const one = performance.now() - oneStart;
  console.log(
    `  soak ${label}: ${SOAK_REQUESTS} requests at ${(SOAK_REQUESTS / seconds).toFixed(0)}/s, ${stats.errors} errors; bank RSS ${mib(rss)}, ${mib(retained)} after a full GC (JS heap in use ${mib(heap)}); ledger query ${ms(scan)} (full scan), ${ms(one)} (one probe)`,
  );
  return { rss, retained, heap };
}

async function main() {
  const bank = await startBank();
  try {
    console.log(`bank: buildBank in a child process on ${bank.url}; load from this process; ${(await import('node:os')).cpus().length} cores`);
    await runClass(bank);
    console.log(`soak: twice past the ledger's 200,000-entry cap`);
    const first = await soak(bank, '1');
    const second = await soak(bank, '2');
    console.log(
      `  the second soak raised RSS by ${mib(second.rss - first.rss)}, ${mib(second.retained - first.retained)} after a full GC   (target < 20 MiB); JS heap in use ${mib(second.heap - first.heap)}`,
    );
  } finally {
    bank.child.disconnect();
  }
}

// ---- The bank, in the child process ------------------------------------------------------
async function serveBank() {
  const { buildBank } = await import('../bank-server/app.js');
  const app = buildBank({ cookieSecret: randomBytes(32).toString('hex') });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message) => {
    // `gc`: what the bank retains, without the garbage V8 lets pile up until it needs room.
    if (message === 'rss-after-gc') globalThis.gc!();
    if (message === 'rss' || message === 'rss-after-gc') process.send!({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  process.send!({ url });
}

// Last, once every declaration above is initialised: one file, two roles.
if (process.argv.includes('--bank')) await serveBank();
else await main();
