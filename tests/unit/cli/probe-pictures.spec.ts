// A probe cell as a sequence (cli/probe-pictures.ts): the proxy's log, redacted as recorded,
// read as the sequence reads a ledger; whether the session was honoured and a write went
// through are the cell's own observed facts; the user's cookie names and the API's lane in the
// probe's words. The entries are written here by hand, as the proxy records them.
import { expect, test } from '@playwright/test';
import { attack } from '../../../catalog/index.js';
import { probeCellSequence, probeSeenBank, probeSteps, PROBE_WORDS } from '../../../cli/probe-pictures.js';
import { probeAttacks } from '../../../engine/probe-attacks.js';
import type { ProbeCell } from '../../../engine/probe-run.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import { predictCell } from '../../../rules/predict.js';
import type { Step } from '../../../rules/types.js';
import { sequenceMermaid, sequenceText } from '../../../teaching/sequence-render.js';
import { REDACTED, type EvidenceEntry } from '../../../world/evidence-log.js';

const API = 'https://api.example.com';
const EVIL = 'https://evil.test';

const evidence = (fields: Partial<EvidenceEntry>): EvidenceEntry => ({
  id: '1',
  marker: 'probe-marker',
  method: 'PUT',
  url: `${API}/transfer`,
  requestHeaders: {},
  cookieNames: [],
  status: 200,
  responseHeaders: {},
  setCookies: [],
  ...fields,
});

const preflight = evidence({
  method: 'OPTIONS',
  requestHeaders: { origin: EVIL, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type', 'sec-fetch-mode': 'cors' },
  status: 204,
  responseHeaders: {
    'access-control-allow-origin': EVIL,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'PUT',
    'access-control-allow-headers': 'content-type',
    'set-cookie': `sid=${REDACTED}`,
    vary: 'Origin',
  },
});
const put = evidence({
  requestHeaders: {
    origin: EVIL,
    cookie: `sid=${REDACTED}`,
    'content-type': 'application/json',
    'sec-fetch-site': 'cross-site',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
  },
  cookieNames: ['sid'],
  responseHeaders: { 'access-control-allow-origin': EVIL, 'access-control-allow-credentials': 'true' },
});

const outcome: ProbeCell['observed'] = {
  preflightSent: true,
  preflightPassed: true,
  requestReached: true,
  cookiesSent: ['none'],
  authenticated: true,
  effect: 'transfer',
  responseReadable: true,
  originHeader: EVIL,
  secFetchSite: 'cross-site',
};

test('the proxy’s preflight and request, as a sequence reads them: headers from the log, the session and the write from the cell', () => {
  const seen = probeSeenBank({ evidence: [put, preflight], observed: outcome, wrote: true });
  expect(seen.preflight).toMatchObject({
    method: 'OPTIONS',
    origin: EVIL,
    requestedMethod: 'PUT',
    requestedHeaders: 'content-type',
    status: 204,
    user: null,
    cookiesSent: [],
    refusedBy: null,
  });
  // Only the Access-Control-* answer headers: never a (redacted) Set-Cookie.
  expect(Object.keys(seen.preflight!.corsHeaders).sort()).toEqual([
    'access-control-allow-credentials',
    'access-control-allow-headers',
    'access-control-allow-methods',
    'access-control-allow-origin',
  ]);
  expect(seen.actual).toMatchObject({
    method: 'PUT',
    contentType: 'application/json',
    secFetchSite: 'cross-site',
    secFetchMode: 'cors',
    secFetchDest: 'empty',
    cookiesSent: ['none'],
    user: 'victim',
    stateChanged: true,
    status: 200,
  });
  expect(seen.messages).toEqual([]);
  expect(probeSeenBank({ evidence: [], observed: { ...outcome, requestReached: false }, wrote: false })).toEqual({
    preflight: null,
    actual: null,
    messages: [],
  });
});

test('the drawing’s steps: the browser’s as predicted, the API’s as reported, the read’s deciding step last', () => {
  const step = (says: string, enforcer: Step['enforcer']): Step => ({ rule: says, says, enforcer });
  const predicted = [step('relation', 'browser'), step('SameSite=None; Secure: sent', 'browser'), step('lab bank', 'server'), step('read check', 'browser')];
  const reported = [step('relation', 'browser'), step('sid (SameSite=None; Secure): sent', 'browser'), step('your API answers 200', 'server')];
  expect(probeSteps(predicted, reported).map((s) => s.says)).toEqual(['relation', 'SameSite=None; Secure: sent', 'your API answers 200', 'read check']);
});

test('a write that went through, drawn in the probe’s words: your API, the user’s cookie, the write’s answer observed with nothing predicted to differ from', async () => {
  const oracle = await BankOracle.open();
  try {
    // The lab bank reflecting any origin stands in for the API the tool asked directly.
    const prediction = await predictCell(
      { config: 'reflect-any-origin', origin: 'attacker', attack: 'fetch-put', browser: 'chromium', cookiePolicy: 'third-party-allowed' },
      oracle,
      0,
    );
    const attacks = probeAttacks({ read: { method: 'GET', path: '/me' }, write: { method: 'PUT', path: '/transfer' }, writeBody: { amount: 1 } });
    expect(attacks.find((a) => a.id === 'fetch-put')!.request).toMatchObject({ ...attack('fetch-put').request, path: '/transfer' });
    const cell = {
      origin: EVIL,
      relation: 'cross-site',
      browser: 'chromium',
      cookiePolicy: 'third-party-allowed',
      attack: 'fetch-put',
      target: 'write',
      readPrivate: false,
      wrote: true,
      evidence: [preflight, put],
      observed: outcome,
      predicted: prediction.outcome,
      explanation: prediction.explanation.filter((s) => s.enforcer !== 'server'),
      agree: true,
      differingFields: [],
      unpredicted: ['effect'],
      sentRequestMismatches: [],
      scriptSaw: { readable: true, status: 200 },
    } satisfies ProbeCell;
    const origins = [
      { id: EVIL, relation: 'cross-site' as const, origin: EVIL, pageOrigin: EVIL, sandboxed: false, imitates: null, whatGoesWrong: '', site: null },
    ];
    const s = probeCellSequence({ api: API, origins, session: { cookies: [{ name: 'sid', sameSite: 'SameSite=None; Secure' }] }, attacks }, cell, prediction);
    expect(s.lanes).toEqual({ page: EVIL, browser: 'chromium', bank: API });
    const request = s.events.find((e) => e.kind === 'request')!;
    expect(request.kind === 'request' && request.cookies.map((c) => [c.cookieName, c.rode])).toEqual([['sid', true]]);
    const answer = s.events.find((e) => e.kind === 'answer')!;
    expect(answer).toMatchObject({ source: 'observed', differs: false, what: { status: 200, victim: true, did: 'moved money' } });
    expect(answer.predicted).toBeUndefined();
    const text = sequenceText(s, PROBE_WORDS);
    expect(text).toContain('your API → browser: 200, as the victim: the write went through');
    expect(text).toContain('cookie sid: rode along');
    expect(text).not.toContain(REDACTED);
    expect(sequenceMermaid(s, PROBE_WORDS)).toContain(`participant bank as your API: ${API}`);
  } finally {
    await oracle.close();
  }
});
