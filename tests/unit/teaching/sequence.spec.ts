// The sequence of a cell (teaching/sequence.ts), from the rules' real prediction and an
// observation written by hand: which events, in which order, from which source, and both
// values where the observation disagrees with the prediction.
import { expect, test } from '@playwright/test';
import type { CookieMark, Sequence, SequenceEvent } from '../../../teaching/sequence.js';
import { ATTACKER, bankSaw, closeOracle, entry, handBuilt, sequenceOfCell } from './hand-built-cells.js';

test.afterAll(closeOracle);

const kinds = (s: Sequence) => s.events.map((e) => e.kind);
function only<K extends SequenceEvent['kind']>(s: Sequence, kind: K): Extract<SequenceEvent, { kind: K }> {
  const found = s.events.filter((e) => e.kind === kind);
  expect(found, `one ${kind} event`).toHaveLength(1);
  return found[0] as Extract<SequenceEvent, { kind: K }>;
}
const cookie = (s: Sequence, variant: string): CookieMark => only(s, 'request').cookies.find((c) => c.variant === variant)!;
const rodeAlong = (s: Sequence) =>
  only(s, 'request')
    .cookies.filter((c) => c.rode)
    .map((c) => c.variant);

test('A preflighted PUT the allowlist refuses: the preflight and its failing answer, a request never sent, nothing to read', async () => {
  const s = await sequenceOfCell(handBuilt.refusedPut.key, handBuilt.refusedPut.observed);
  expect(kinds(s)).toEqual(['call', 'preflight', 'preflight-answer', 'request', 'verdict']);
  expect(s.differs).toBe(false);
  const asked = only(s, 'preflight');
  expect(asked).toMatchObject({ from: 'browser', to: 'bank', source: 'observed', differs: false });
  expect(asked.what).toEqual({ sent: true, origin: ATTACKER, requestMethod: 'PUT', requestHeaders: ['content-type'] });
  const answered = only(s, 'preflight-answer');
  expect(answered.what.passed).toBe(false);
  expect(answered.what.allow['access-control-allow-origin']).toBeUndefined();
  expect(answered.because.map((b) => b.rule)).toEqual(['Fetch §4.8, CORS-preflight fetch']);
  expect(only(s, 'request').what.sent).toBe(false);
  expect(rodeAlong(s)).toEqual([]);
  const verdict = only(s, 'verdict');
  expect(verdict.what).toEqual({ read: 'withheld' });
  expect(verdict.because[0]!.says).toMatch(/^The preflight fails: the bank sent no Access-Control-Allow-Origin/);
});

test('A simple form POST moves money with no preflight: the SameSite=None cookie rides the top-level navigation', async () => {
  const s = await sequenceOfCell(handBuilt.formPostMovesMoney.key, handBuilt.formPostMovesMoney.observed);
  expect(kinds(s)).toEqual(['call', 'preflight', 'request', 'answer', 'verdict']);
  expect(s.differs).toBe(false);
  expect(only(s, 'preflight').what.sent).toBe(false);
  expect(only(s, 'preflight').because[0]!.says).toBe('A navigation never has a preflight: CORS does not govern it.');
  expect(only(s, 'request').what).toMatchObject({ sent: true, method: 'POST', contentType: 'application/x-www-form-urlencoded', secFetchMode: 'navigate' });
  expect(rodeAlong(s)).toEqual(['none', 'partitioned']);
  expect(only(s, 'answer').what).toMatchObject({ status: 200, victim: true, did: 'moved money', refusedBy: null });
  expect(only(s, 'verdict').what.read).toBe('withheld');
});

test('A credentialed read the reflecting bank allows: the victim’s account, handed to the script', async () => {
  const s = await sequenceOfCell(handBuilt.readAllowed.key, handBuilt.readAllowed.observed);
  expect(s.differs).toBe(false);
  expect(rodeAlong(s)).toEqual(['none', 'unset']);
  expect(only(s, 'answer').what).toEqual({
    status: 200,
    victim: true,
    did: 'sent private data',
    refusedBy: null,
    allow: { 'access-control-allow-credentials': 'true', 'access-control-allow-origin': ATTACKER },
  });
  const verdict = only(s, 'verdict');
  expect(verdict.what.read).toBe('handed over');
  expect(verdict.because[0]!.rule).toBe('Fetch §4.9, CORS check');
});

test('A Lax cookie stays home on a cross-site fetch: observed not received, with the SameSite rule as the (predicted) reason', async () => {
  const read = entry({
    path: '/c/samesite-lax/account',
    cookiesSent: ['none'],
    status: 401,
    corsHeaders: { 'access-control-allow-origin': ATTACKER, 'access-control-allow-credentials': 'true' },
  });
  const s = await sequenceOfCell(
    { config: 'samesite-lax', origin: 'attacker', attack: 'fetch-read-account', browser: 'chromium', policy: 'third-party-allowed' },
    { bank: bankSaw({ actual: read }), script: { readable: true, status: 401, responseType: 'cors' } },
  );
  const lax = cookie(s, 'lax');
  expect(lax).toMatchObject({ rode: false, source: 'observed', differs: false, cookieName: 'bank_session_lax' });
  expect(lax.reason).toEqual({
    rule: 'RFC 6265bis §5.8.3 (SameSite)',
    enforcer: 'browser',
    says: 'SameSite=Lax: not sent on a cross-site subresource request.',
  });
  expect(only(s, 'answer').what).toMatchObject({ status: 401, victim: false, did: 'nothing' });
});

test('A Partitioned cookie stays home while the attacker is top-level, even with third-party cookies allowed', async () => {
  const read = entry({ path: '/c/partitioned-session/account', cookiesSent: ['none'], status: 401 });
  const s = await sequenceOfCell(
    { config: 'partitioned-session', origin: 'attacker', attack: 'fetch-read-account', browser: 'chromium', policy: 'third-party-allowed' },
    { bank: bankSaw({ actual: read }), script: { readable: true, status: 401 } },
  );
  const partitioned = cookie(s, 'partitioned');
  expect(partitioned).toMatchObject({ rode: false, differs: false });
  expect(partitioned.reason?.rule).toBe('CHIPS §2.1 (Partitioned cookies)');
  expect(cookie(s, 'none')).toMatchObject({ rode: true, differs: false });
  expect(cookie(s, 'none').reason?.enforcer).toBe('cookie policy');
});

test('A hijacked WebSocket: the handshake carries the cookies, the socket opens, and a message moves money', async () => {
  const s = await sequenceOfCell(handBuilt.websocketTransfer.key, handBuilt.websocketTransfer.observed);
  expect(kinds(s)).toEqual(['call', 'preflight', 'request', 'answer', 'verdict', 'message', 'message-answer']);
  expect(s.differs).toBe(false);
  expect(only(s, 'preflight').because[0]!.rule).toBe('Fetch §7.1, WebSocket connection');
  expect(only(s, 'request').what).toMatchObject({ sent: true, method: 'GET', secFetchMode: 'websocket' });
  expect(only(s, 'answer').what).toMatchObject({ status: 101, victim: true, did: 'opened the socket' });
  expect(only(s, 'verdict').what.read).toBe('handed over');
  expect(only(s, 'message')).toMatchObject({ from: 'page', to: 'bank', what: { type: 'transfer' } });
  expect(only(s, 'message-answer').what).toEqual({ did: 'moved money', refusedBy: null });
});

test('Where the observation disagrees with the prediction, each event that differs carries both values and says so', async () => {
  const s = await sequenceOfCell(handBuilt.disagreeing.key, handBuilt.disagreeing.observed);
  expect(s.differs).toBe(true);
  const none = cookie(s, 'none');
  expect(none).toMatchObject({ rode: false, source: 'observed', differs: true, predicted: true });
  expect(cookie(s, 'lax')).toMatchObject({ rode: false, differs: false });
  const request = only(s, 'request');
  expect(request.differs).toBe(true);
  expect([request.what.cookies, request.predicted?.cookies]).toEqual([[], ['none']]);
  const answer = only(s, 'answer');
  expect(answer.differs).toBe(true);
  expect([answer.what.did, answer.predicted?.did]).toEqual(['nothing', 'sent private data']);
  const verdict = only(s, 'verdict');
  expect(verdict).toMatchObject({ differs: true, what: { read: 'withheld' }, predicted: { read: 'handed over' } });
  // What agrees stays plain: no preflight on either side.
  expect(only(s, 'preflight')).toMatchObject({ differs: false, what: { sent: false } });
  expect(only(s, 'preflight').predicted).toBeUndefined();
});

test('A preflight the rules predict but the ledger lacks is one event, observed as not sent, with the predicted preflight beside it', async () => {
  const put = entry({
    method: 'PUT',
    path: '/c/reflect-any-origin/transfer',
    contentType: 'application/json',
    cookiesSent: ['none'],
    user: 'alice',
    stateChanged: true,
  });
  const s = await sequenceOfCell(
    { config: 'reflect-any-origin', origin: 'attacker', attack: 'fetch-put', browser: 'chromium', policy: 'third-party-allowed' },
    { bank: bankSaw({ actual: put }), script: { readable: true, status: 200 } },
  );
  const preflight = only(s, 'preflight');
  expect(preflight).toMatchObject({ differs: true, what: { sent: false }, predicted: { sent: true, requestMethod: 'PUT', requestHeaders: ['content-type'] } });
  expect(kinds(s)).not.toContain('preflight-answer');
});

test('With no observation every event, and every cookie, is the rules’ prediction, and nothing differs', async () => {
  const s = await sequenceOfCell({ config: 'allowlist', origin: 'partner', attack: 'fetch-put', browser: 'chromium', policy: 'third-party-allowed' });
  expect(s.observed).toBe(false);
  expect(s.differs).toBe(false);
  expect(s.lanes).toEqual({ page: 'http://partner.localhost:4100', browser: 'chromium', bank: 'http://bank.localhost:4000' });
  expect(new Set(s.events.map((e) => e.source))).toEqual(new Set(['predicted']));
  expect(new Set(only(s, 'request').cookies.map((c) => c.source))).toEqual(new Set(['predicted']));
  expect(kinds(s)).toEqual(['call', 'preflight', 'preflight-answer', 'request', 'answer', 'verdict']);
  expect(only(s, 'preflight-answer').what.passed).toBe(true);
});

test('An event the rules did not predict is drawn as observed with nothing to differ from; a cookie can go by its own name', async () => {
  const { key, observed } = handBuilt.disagreeing;
  const s = await sequenceOfCell(key, observed, { unpredicted: ['answer', 'verdict'], cookieNames: { none: 'sid' } });
  for (const kind of ['answer', 'verdict'] as const) {
    expect(only(s, kind)).toMatchObject({ source: 'observed', differs: false });
    expect(only(s, kind).predicted).toBeUndefined();
  }
  expect(only(s, 'answer').what.did).toBe('nothing');
  expect(only(s, 'verdict').what.read).toBe('withheld');
  // What was predicted still differs: the cookie the rules say rides along.
  expect(only(s, 'request').differs).toBe(true);
  expect(cookie(s, 'none')).toMatchObject({ cookieName: 'sid', rode: false, differs: true });
  expect(cookie(s, 'lax').cookieName).toBe('bank_session_lax');
});
