// Bad input always gets a clear 4xx, never a 500 or a crash — and never moves money.
import { BODY_LIMIT_BYTES } from '../../../bank-server/app.js';
import { expect, logIn, test, type Bank } from './helper.js';

interface BadInput {
  desc: string;
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  contentType?: string;
  payload?: string;
  /** Send alice's real session cookies (or a raw Cookie header). */
  cookie?: 'alice' | string;
  status: number;
  message: RegExp;
}

const transfer = (body: object) => JSON.stringify({ routing: '555', account: '1234', amount: '1', ...body });

const cases: BadInput[] = [
  { desc: 'a negative amount in the path', url: '/c/none/transfer_to/555/1234/-5', cookie: 'alice', status: 400, message: /amount must match pattern/ },
  { desc: 'three decimals', url: '/c/none/transfer_to/555/1234/1.005', cookie: 'alice', status: 400, message: /amount must match pattern/ },
  { desc: 'a zero amount', url: '/c/none/transfer_to/555/1234/0', cookie: 'alice', status: 422, message: /more than zero/ },
  { desc: 'letters in the account number', url: '/c/none/transfer_to/555/12ab/1', cookie: 'alice', status: 400, message: /account must match pattern/ },
  { desc: 'an unknown routing number', url: '/c/none/transfer_to/999/1234/1', cookie: 'alice', status: 422, message: /unknown routing number 999/ },
  { desc: 'an unknown account', url: '/c/none/transfer_to/555/9999/1', cookie: 'alice', status: 422, message: /no account 9999/ },
  { desc: 'a transfer to oneself', url: '/c/none/transfer_to/555/1001/1', cookie: 'alice', status: 422, message: /own account/ },
  { desc: 'more than the balance', url: '/c/none/transfer_to/555/1234/999999999', cookie: 'alice', status: 409, message: /insufficient funds/ },
  { desc: 'no session at all', url: '/c/none/transfer_to/555/1234/1', status: 401, message: /not logged in/ },
  { desc: 'a session cookie with a forged signature', url: '/c/none/account', cookie: 'bank_session_none=abc.forged', status: 401, message: /not logged in/ },
  { desc: 'a malformed Cookie header', url: '/c/none/account', cookie: '=;;; bank_session_none; %%%=%', status: 401, message: /not logged in/ },
  {
    desc: 'malformed JSON',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'application/json',
    payload: '{"routing":',
    cookie: 'alice',
    status: 400,
    message: /JSON/,
  },
  {
    desc: 'a text/plain body that is not JSON',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'text/plain',
    payload: 'give me money',
    cookie: 'alice',
    status: 400,
    message: /must hold JSON/,
  },
  {
    desc: 'a JSON body missing the amount',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'application/json',
    payload: '{"routing":"555","account":"1234"}',
    cookie: 'alice',
    status: 400,
    message: /amount/,
  },
  {
    desc: 'an unexpected field',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'application/json',
    payload: transfer({ admin: true }),
    cookie: 'alice',
    status: 400,
    message: /must NOT have additional properties/,
  },
  {
    desc: 'an amount as a number, not a string',
    method: 'PUT',
    url: '/c/none/transfer',
    contentType: 'application/json',
    payload: '{"routing":"555","account":"1234","amount":1e308}',
    cookie: 'alice',
    status: 400,
    message: /amount must match pattern/,
  },
  {
    desc: 'an unsupported content type',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'application/xml',
    payload: '<transfer/>',
    cookie: 'alice',
    status: 415,
    message: /Unsupported Media Type/i,
  },
  {
    desc: 'an oversized body',
    method: 'POST',
    url: '/c/none/transfer',
    contentType: 'application/json',
    payload: transfer({ pad: 'x'.repeat(BODY_LIMIT_BYTES) }),
    cookie: 'alice',
    status: 413,
    message: /too large/,
  },
  { desc: 'an unknown configuration prefix', url: '/c/no-such-config/account', status: 404, message: /no route/ },
  { desc: 'a bad probe id', url: '/c/none/rates?probe=%3Cscript%3E', status: 400, message: /probe must match pattern/ },
  {
    desc: 'a login with a wrong password',
    method: 'POST',
    url: '/login',
    contentType: 'application/json',
    payload: '{"username":"alice","password":"nope"}',
    status: 401,
    message: /wrong user name or password/,
  },
  {
    desc: 'a login with an impossible user name',
    method: 'POST',
    url: '/login',
    contentType: 'application/json',
    payload: '{"username":"Robert\'); DROP","password":"x"}',
    status: 400,
    message: /username must match pattern/,
  },
  {
    desc: 'switching to an unknown configuration',
    method: 'PUT',
    url: '/lab/config',
    contentType: 'application/json',
    payload: '{"id":"everything-goes"}',
    status: 422,
    message: /unknown configuration "everything-goes"/,
  },
  {
    desc: 'creating a user that exists',
    method: 'POST',
    url: '/lab/accounts',
    contentType: 'application/json',
    payload: '{"username":"alice","password":"long-enough"}',
    status: 409,
    message: /already exists/,
  },
  { desc: 'a ledger query with a bad limit', url: '/lab/ledger?limit=-1', status: 400, message: /limit must be >= 1/ },
];

async function totalCents(app: Bank): Promise<number> {
  return (await app.inject({ url: '/lab/totals' })).json().totalCents;
}

for (const bad of cases) {
  test(`${bad.desc} gets ${bad.status} with a clear message`, async ({ sharedApp: app }) => {
    const cookie = bad.cookie === 'alice' ? await logIn(app) : bad.cookie;
    const before = await totalCents(app);
    const alice = (await app.inject({ url: '/lab/totals' })).json().accounts[0].balanceCents;
    const res = await app.inject({
      method: bad.method ?? 'GET',
      url: bad.url,
      headers: { ...(cookie ? { cookie } : {}), ...(bad.contentType ? { 'content-type': bad.contentType } : {}) },
      payload: bad.payload,
    });
    expect(res.statusCode).toBe(bad.status);
    expect(res.json().message).toMatch(bad.message);
    expect(await totalCents(app)).toBe(before);
    expect((await app.inject({ url: '/lab/totals' })).json().accounts[0].balanceCents).toBe(alice);
  });
}

test('a server fault answers 500 without leaking its details', async ({ app }) => {
  app.lab.accounts.get = () => {
    throw new Error('secret internal detail');
  };
  const cookie = await logIn(app);
  const res = await app.inject({ url: '/c/none/account', headers: { cookie } });
  expect(res.statusCode).toBe(500);
  expect(res.body).not.toContain('secret internal detail');
  expect(res.json()).toEqual({ error: 'Internal Server Error', message: 'Something went wrong in the bank.' });
});
