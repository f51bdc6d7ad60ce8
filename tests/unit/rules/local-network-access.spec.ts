// Local Network Access, as the rules predict it for the lab's public pages against the bank on
// loopback (WICG Local Network Access; rules/browser-profiles.ts `localNetworkAccess`).
// Every expectation is written by hand from the rules and the browsers' measured behaviour
// (docs/browser-facts.md, "Local Network Access").
import { expect, test } from '@playwright/test';
import { attacks, configurations, cookiePolicies, type AttackId, type LabBrowserName } from '../../../catalog/index.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import { browserProfiles } from '../../../rules/browser-profiles.js';
import { isLocalNetworkRequest, isSecureContextPage, localNetworkAccessCheck } from '../../../rules/local-network-access.js';
import { predictCell, type CellKey } from '../../../rules/predict.js';
import type { AttackPage, BankPlace } from '../../../rules/relation.js';
import type { CellOutcome } from '../../../rules/types.js';

const PUBLIC = 'http://public.localhost:4200';
const GRANTED = 'http://granted.public.localhost:4200';
const ATTACKER = 'http://attacker.localhost:4100';

const neverSent: CellOutcome = {
  preflightSent: false,
  preflightPassed: null,
  requestReached: false,
  cookiesSent: [],
  authenticated: false,
  effect: 'none',
  responseReadable: false,
  originHeader: null,
  secFetchSite: null,
};

let oracle: BankOracle;
test.beforeAll(async () => {
  oracle = await BankOracle.open();
});

const cell = (browser: LabBrowserName, origin: CellKey['origin'], attack: AttackId, config = 'reflect-any-origin') =>
  predictCell({ browser, cookiePolicy: 'third-party-allowed', config, origin, attack }, oracle, 3600);

test('a local network request is one to a more private address space; an unknown space is none', () => {
  const page = (addressSpace?: AttackPage['addressSpace']): AttackPage => ({
    origin: PUBLIC,
    site: 'public.localhost',
    sandboxed: false,
    pageUrl: `${PUBLIC}/`,
    addressSpace,
  });
  const bank = (addressSpace?: BankPlace['addressSpace']): BankPlace => ({ origin: 'http://bank.localhost:4000', site: 'bank.localhost', addressSpace });
  expect(isLocalNetworkRequest(page('public'), bank('loopback'))).toBe(true);
  expect(isLocalNetworkRequest(page('public'), bank('local'))).toBe(true);
  expect(isLocalNetworkRequest(page('local'), bank('loopback'))).toBe(true);
  expect(isLocalNetworkRequest(page('loopback'), bank('loopback'))).toBe(false);
  expect(isLocalNetworkRequest(page('loopback'), bank('public'))).toBe(false);
  expect(isLocalNetworkRequest(page('public'), bank('public'))).toBe(false);
  expect(isLocalNetworkRequest(page(), bank('loopback'))).toBe(false);
  expect(isLocalNetworkRequest(page('public'), bank())).toBe(false);
});

test('Chromium, permission denied: the account read is never sent, and the last step says Local Network Access stopped it', async () => {
  const p = await cell('chromium', 'public', 'fetch-read-account');
  expect(p.outcome).toEqual(neverSent);
  expect(p.bankAnswer).toBeNull();
  expect(p.preflightAnswer).toBeNull();
  expect(p.explanation.at(-1)).toEqual({
    rule: 'Local Network Access (WICG), “local network access check”',
    enforcer: 'local network access',
    says: `Local network access: a public page (${PUBLIC}) asked for the loopback address space; the permission was denied, so the browser never sent the request.`,
  });
});

for (const attack of [
  'fetch-put',
  'fetch-post-json',
  'no-cors-post',
  'img-get',
  'xhr-get-transfer-credentials',
  'websocket-read',
  'websocket-transfer',
] as const) {
  test(`Chromium, permission denied: ${attack} is never sent, not even a preflight`, async () => {
    const p = await cell('chromium', 'public', attack);
    expect(p.outcome).toEqual(neverSent);
    expect(p.explanation.at(-1)?.enforcer).toBe('local network access');
  });
}

for (const attack of ['fetch-read-account', 'fetch-put', 'no-cors-post', 'img-get'] as const) {
  test(`Firefox, permission denied: ${attack} is never sent`, async () => {
    expect((await cell('firefox', 'public', attack)).outcome).toEqual(neverSent);
  });
}

test('Firefox, permission denied: the WebSocket handshake is not gated, so it reaches the bank and the script reads', async () => {
  const p = await cell('firefox', 'public', 'websocket-read');
  expect(p.outcome.requestReached).toBe(true);
  expect(p.outcome.originHeader).toBe(PUBLIC);
  // Firefox labels a handshake with Fetch Metadata; the page is another site than the bank.
  expect(p.outcome.secFetchSite).toBe('cross-site');
  // reflect-any-origin accepts the handshake: once it is open, no CORS check stands in the way.
  expect(p.outcome.responseReadable).toBe(true);
  const step = p.explanation.find((s) => s.enforcer === 'local network access');
  expect(step?.says).toBe(
    `Local network access: a public page (${PUBLIC}) asked for the loopback address space; the permission was denied, but Firefox doesn’t gate a WebSocket handshake: it goes out all the same.`,
  );
});

for (const browser of ['chromium', 'firefox'] as const) {
  test(`${browser}, permission denied: the form's top-level POST is not gated and arrives with the page's Origin`, async () => {
    const p = await cell(browser, 'public', 'form-post');
    expect(p.outcome.requestReached).toBe(true);
    expect(p.outcome.originHeader).toBe(PUBLIC);
    expect(p.outcome.secFetchSite).toBe('cross-site');
    expect(p.explanation.find((s) => s.enforcer === 'local network access')?.says).toBe(
      `Local network access: a public page (${PUBLIC}) asked for the loopback address space, but a top-level navigation is not gated: the browser sends it whatever the permission says.`,
    );
  });
}

test('WebKit enforces no Local Network Access here: the denied page’s read is sent as from any cross-site page', async () => {
  const p = await cell('webkit', 'public', 'fetch-read-account');
  expect(p.outcome.requestReached).toBe(true);
  expect(p.outcome.originHeader).toBe(PUBLIC);
  expect(p.explanation.find((s) => s.enforcer === 'local network access')?.says).toContain('WebKit enforces no such check');
});

test('a page on loopback gets no Local Network Access step: the lab’s other cells explain as before', async () => {
  for (const origin of ['same-origin', 'attacker', 'sibling', 'null'] as const) {
    for (const attack of ['fetch-read-account', 'websocket-read', 'form-post'] as const) {
      const p = await cell('chromium', origin, attack);
      expect(
        p.explanation.some((s) => s.enforcer === 'local network access'),
        `${origin} × ${attack}`,
      ).toBe(false);
    }
  }
});

test('permission granted: every cell is the attacker’s cross-site cell, but for the page’s own Origin, with a step that says the permission let it through', async () => {
  test.setTimeout(120_000);
  const differ: string[] = [];
  for (const browser of ['chromium', 'firefox'] as const) {
    for (const policy of cookiePolicies) {
      for (const config of configurations) {
        for (const attack of attacks) {
          const key = { browser, cookiePolicy: policy.id, config: config.id, attack: attack.id };
          const granted = await predictCell({ ...key, origin: 'public-granted' }, oracle, 3600);
          const attacker = await predictCell({ ...key, origin: 'attacker' }, oracle, 3600);
          const expected = { ...attacker.outcome, originHeader: attacker.outcome.originHeader === ATTACKER ? GRANTED : attacker.outcome.originHeader };
          if (JSON.stringify(granted.outcome) !== JSON.stringify(expected)) differ.push(`${browser} ${policy.id} ${config.id} ${attack.id}`);
          const step = granted.explanation.find((s) => s.enforcer === 'local network access');
          const letThrough = attack.request.mode === 'navigate' ? 'a top-level navigation is not gated' : 'the permission lets the request through';
          if (!step?.says.includes(letThrough)) differ.push(`${browser} ${policy.id} ${config.id} ${attack.id}: step ${step?.says}`);
        }
      }
    }
  }
  expect(differ).toEqual([]);
});

test('a public page that is no secure context: Chromium never sends its fetch, even granted; Firefox sends it granted; a form post goes out in both', () => {
  const bank: BankPlace = { origin: 'http://localhost:3000', site: 'localhost', addressSpace: 'loopback' };
  const page = (pageUrl: string, permission: 'denied' | 'granted'): AttackPage => ({
    origin: new URL(pageUrl).origin,
    site: null,
    sandboxed: false,
    pageUrl,
    addressSpace: 'public',
    localNetworkPermission: permission,
  });
  const insecure = page('http://evillocalhost:5173/runner/', 'granted');
  const secure = page('https://evil.test/runner/', 'granted');
  expect(isSecureContextPage(insecure)).toBe(false);
  expect(isSecureContextPage(secure)).toBe(true);
  expect(isSecureContextPage(page('http://localhost:5173/runner/', 'granted'))).toBe(true);
  expect(isSecureContextPage(page('http://127.0.0.1:8080/', 'granted'))).toBe(true);
  const fetchRead = attacks.find((a) => a.id === 'fetch-read-account')!;
  const formPost = attacks.find((a) => a.id === 'form-post')!;
  expect(localNetworkAccessCheck(insecure, bank, fetchRead, browserProfiles.chromium)?.sent).toBe(false);
  expect(localNetworkAccessCheck(insecure, bank, fetchRead, browserProfiles.chromium)?.step.says).toContain('no secure context');
  expect(localNetworkAccessCheck(secure, bank, fetchRead, browserProfiles.chromium)?.sent).toBe(true);
  expect(localNetworkAccessCheck(insecure, bank, fetchRead, browserProfiles.firefox)?.sent).toBe(true);
  expect(localNetworkAccessCheck(page('http://evillocalhost:5173/runner/', 'denied'), bank, fetchRead, browserProfiles.firefox)?.sent).toBe(false);
  expect(localNetworkAccessCheck(insecure, bank, formPost, browserProfiles.chromium)?.sent).toBe(true);
});
