// The bank's other memory bounds: the transfer history keeps its newest transfers with ids
// that stay unique and increasing, and the lab API creates a bounded number of accounts.
import { Accounts } from '../../../bank-server/store/accounts.js';
import { expect, test } from './helper.js';

test('the transfer history keeps only its newest transfers, and ids never repeat or go back', () => {
  const accounts = new Accounts({ transfers: 5, createdAccounts: 10 });
  const ids: number[] = [];
  for (let i = 0; i < 12; i++) ids.push(accounts.transfer('alice', '555', '1002', 1).id);
  accounts.reset();
  for (let i = 0; i < 3; i++) ids.push(accounts.transfer('bob', '555', '1001', 1).id);
  expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
  expect(accounts.history('1001').map((t) => t.id)).toEqual(ids.slice(-3));
  // Balances are untouched by the trimming: money is still conserved.
  expect(accounts.totalCents()).toBe(new Accounts().totalCents());
});

test('a full history keeps the newest transfers, oldest first', () => {
  const accounts = new Accounts({ transfers: 4, createdAccounts: 10 });
  const ids = Array.from({ length: 10 }, () => accounts.transfer('alice', '555', '1234', 1).id);
  expect(accounts.history('1234').map((t) => t.id)).toEqual(ids.slice(-4));
});

test('past its account limit, POST /lab/accounts answers 409 with a JSON message, and reset lifts it', async ({ app }) => {
  // A small limit in place of the default 1 000 (each account costs a scrypt hash).
  Object.assign(app.lab, { accounts: new Accounts({ transfers: 10, createdAccounts: 2 }) });
  const create = (username: string) => app.inject({ method: 'POST', url: '/lab/accounts', payload: { username, password: 'long-enough' } });
  expect((await create('carol')).statusCode).toBe(201);
  expect((await create('dave')).statusCode).toBe(201);
  const refused = await create('erin');
  expect(refused.statusCode).toBe(409);
  expect(refused.headers['content-type']).toMatch(/^application\/json/);
  expect(refused.json()).toEqual({ error: 'Conflict', message: expect.stringContaining('reset the lab') });
  expect((await app.inject({ url: '/lab/totals' })).json().accounts).toHaveLength(5);
  await app.inject({ method: 'POST', url: '/lab/reset' });
  expect((await create('erin')).statusCode).toBe(201);
});
