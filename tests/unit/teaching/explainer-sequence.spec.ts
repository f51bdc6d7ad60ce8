// The explainer's drawing of one run (POST /explainer/sequence): it reads the run's probe from
// the bank's ledger — here a stand-in bank that answers with entries written by hand from what
// the rules say a browser sends — takes the script's view from the page, and returns the
// sequence, its Mermaid source and its text. Bad input is a clear 4xx, a bank that can't say 502.
import { expect, test } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildAttackerSite } from '../../../attacker-site/app.js';
import { probeId, SEQUENCE_PATH, TRANSFER_PATH, type LedgerEntry } from '../../../catalog/index.js';
import type { ScriptView } from '../../../engine/observe.js';
import { pictureOf } from '../../../teaching/lab-sequence.js';
import { closeOracle, entry, handBuilt, sequenceOfCell, type CellKey, type HandBuiltCell } from './hand-built-cells.js';

const ACTIVE = 'samesite-lax';
let ledger: LedgerEntry[] = [];
let bank: FastifyInstance;
let bankUrl = '';

// The bank's lab control, as far as the explainer asks it: the ledger by probe prefix, and the active configuration.
test.beforeAll(async () => {
  bank = Fastify();
  bank.get<{ Querystring: { probe: string } }>('/lab/ledger', async (req) => ({ entries: ledger.filter((e) => e.probe?.startsWith(req.query.probe)) }));
  bank.get('/lab/config', async () => ({ active: ACTIVE, configurations: [] }));
  bankUrl = await bank.listen({ host: '127.0.0.1', port: 0 });
});
test.afterAll(async () => {
  await bank.close();
  await closeOracle();
});

const dashboardProbe = (key: Pick<CellKey, 'origin' | 'attack'>, run = 'run1') => probeId('dashboard', { run, origin: key.origin, attack: key.attack });

/** What the bank recorded of a hand-built cell, under the probe and configuration of this run. */
function recorded(cell: HandBuiltCell, probe: string): LedgerEntry[] {
  const { preflight, actual, messages } = cell.observed.bank;
  return [preflight, actual, ...messages].filter((e) => e !== null).map((e) => ({ ...e, probe, config: cell.key.config }));
}

function bodyOf(key: CellKey, probe: string, script: ScriptView, fields: Record<string, unknown> = {}) {
  return {
    config: key.config,
    origin: key.origin,
    attack: key.attack,
    browser: key.browser,
    policy: key.policy,
    cookieAgeSeconds: 3600,
    probe,
    script,
    ...fields,
  };
}

async function draw(body: Record<string, unknown>, bankInternalUrl = bankUrl) {
  const app = buildAttackerSite({ bankInternalUrl });
  const res = await app.inject({ method: 'POST', url: SEQUENCE_PATH, payload: body });
  await app.close();
  return res;
}

const preflightArrows = (mermaid: string) => mermaid.split('\n').filter((l) => /^ {2}browser->>bank: preflight /.test(l));
const cookiesDrawn = (mermaid: string) => [...mermaid.matchAll(/cookie bank_session_(\w+): rode along/g)].map((m) => m[1]);
const verdictArrow = (mermaid: string) => mermaid.split('\n').find((l) => l.startsWith('  browser-->>page: '));

for (const [name, cell] of Object.entries(handBuilt) as [string, HandBuiltCell][]) {
  test(`${name}: the run's ledger entries and script view, drawn against the rules — one preflight arrow iff the ledger has one, the cookies received, the script's read`, async () => {
    const probe = dashboardProbe(cell.key);
    ledger = recorded(cell, probe);
    const res = await draw(bodyOf(cell.key, probe, cell.observed.script));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ config: cell.key.config, probe });
    expect(body.sequence.observed).toBe(true);
    expect(preflightArrows(body.mermaid)).toHaveLength(cell.observed.bank.preflight ? 1 : 0);
    expect(cookiesDrawn(body.mermaid)).toEqual(cell.observed.bank.actual?.cookiesSent ?? []);
    expect(verdictArrow(body.mermaid)).toMatch(
      cell.observed.script.readable ? /handed to the script|every message goes to the script/ : /withheld|opaque|closes/,
    );
    // Exactly the model's drawing of the same observation: nothing lost between the ledger and the page.
    expect(body).toEqual({ config: cell.key.config, probe, ...JSON.parse(JSON.stringify(pictureOf(await sequenceOfCell(cell.key, cell.observed)))) });
  });
}

test('Only the run’s own probe is drawn: the ledger’s prefix match also finds a longer attack id, which is left out', async () => {
  // xhr-get-transfer's probe is a prefix of xhr-get-transfer-credentials': the bank answers both.
  const key: CellKey = { config: 'none', origin: 'attacker', attack: 'xhr-get-transfer', browser: 'chromium', policy: 'third-party-blocked' };
  const probe = dashboardProbe(key);
  const simple = entry({ path: `/c/none${TRANSFER_PATH}`, probe, config: 'none', user: null, stateChanged: false, status: 401 });
  const credentialed = entry({ path: `/c/none${TRANSFER_PATH}`, probe: dashboardProbe({ ...key, attack: 'xhr-get-transfer-credentials' }), config: 'none' });
  ledger = [simple, { ...credentialed, cookiesSent: ['none'], user: 'alice', stateChanged: true }];
  const res = await draw(bodyOf(key, probe, { readable: false, status: 0, error: 'network error', headers: [] }));
  expect(res.statusCode, res.body).toBe(200);
  // This run's entry alone: no cookie, a stranger, no money moved — not the credentialed run's.
  const request = res.json().sequence.events.find((e: { kind: string }) => e.kind === 'request');
  expect(request.what).toMatchObject({ sent: true, method: 'GET', cookies: [] });
  const answer = res.json().sequence.events.find((e: { kind: string }) => e.kind === 'answer');
  expect(answer.what).toMatchObject({ status: 401, victim: false, did: 'nothing' });
});

test('`active` takes the configuration the bank recorded; with nothing recorded it asks which one is active, and draws a request that never arrived', async () => {
  const cell = handBuilt.formPostMovesMoney;
  const probe = dashboardProbe(cell.key);
  ledger = recorded(cell, probe);
  const recordedConfig = await draw(bodyOf(cell.key, probe, cell.observed.script, { config: 'active' }));
  expect(recordedConfig.json().config).toBe(cell.key.config);

  ledger = [];
  const key: CellKey = { ...cell.key, attack: 'img-get' };
  const res = await draw(bodyOf(key, dashboardProbe(key), { readable: false, imageLoaded: false, headers: [] }, { config: 'active' }));
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(body.config).toBe(ACTIVE);
  // An <img> is always sent (no CORS check stands before a no-cors request): the rules predict it arrives; the ledger says it did not.
  const request = body.sequence.events.find((e: { kind: string }) => e.kind === 'request');
  expect(request).toMatchObject({ source: 'observed', differs: true, what: { sent: false }, predicted: { sent: true } });
  expect(body.mermaid).toContain('rect rgb(');
});

test('A WebSocket hijack run: the handshake and the message the bank answered, each drawn', async () => {
  const cell = handBuilt.websocketTransfer;
  const probe = probeId('everything', { run: 'run1', config: cell.key.config, origin: cell.key.origin, attack: cell.key.attack });
  ledger = recorded(cell, probe);
  const res = await draw(bodyOf(cell.key, probe, cell.observed.script));
  expect(res.statusCode, res.body).toBe(200);
  const lines = res.json().mermaid.split('\n');
  expect(lines).toContain('  browser->>bank: WebSocket handshake GET /socket');
  expect(lines).toContain('  bank-->>browser: 101, as the victim: opened the socket');
  expect(lines).toContain('  page->>bank: socket message { type: transfer }');
  expect(lines).toContain('  bank-->>page: moved money');
});

const good = () => bodyOf(handBuilt.refusedPut.key, dashboardProbe(handBuilt.refusedPut.key), { readable: false });

for (const [what, change, message] of [
  ['no script view', { script: undefined }, /script/],
  ['a script view with an unknown field', { script: { readable: false, stolen: true } }, /script/],
  ['an unknown field', { extra: 1 }, /additional properties/],
  ['a probe the bank would not record', { probe: 'dash run' }, /probe/],
  ['a probe of the movie page', { probe: 'movies-abcd-efgh' }, /only draws a run of the dashboard or the runner page/],
  [
    'a probe of another attack',
    { probe: probeId('dashboard', { run: 'run1', origin: 'attacker', attack: 'fetch-post-json' }) },
    /is not a run of fetch-put from attacker/,
  ],
  [
    'a probe from another origin',
    { probe: probeId('dashboard', { run: 'run1', origin: 'partner', attack: 'fetch-put' }) },
    /is not a run of fetch-put from attacker/,
  ],
  [
    '“Run everything”’s probe of another configuration',
    { probe: probeId('everything', { run: 'run1', config: 'none', origin: 'attacker', attack: 'fetch-put' }) },
    /is not a run of fetch-put from attacker against allowlist/,
  ],
  ['an unknown configuration', { config: 'everything' }, /config/],
] as const) {
  test(`The explainer refuses ${what} with 400`, async () => {
    ledger = [];
    const res = await draw({ ...good(), ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
  });
}

test('A configuration other than the one the bank recorded for the probe is a 409', async () => {
  const cell = handBuilt.refusedPut;
  const probe = dashboardProbe(cell.key);
  ledger = recorded(cell, probe);
  const res = await draw(bodyOf(cell.key, probe, cell.observed.script, { config: 'none' }));
  expect(res.statusCode).toBe(409);
  expect(res.json().message).toBe(`the bank answered probe ${probe} under configuration allowlist, not none`);
});

test('A bank that can’t be reached is a 502 that says so', async () => {
  const res = await draw(good(), 'http://127.0.0.1:9');
  expect(res.statusCode).toBe(502);
  expect(res.json().message).toMatch(/could not reach the bank/);
});
