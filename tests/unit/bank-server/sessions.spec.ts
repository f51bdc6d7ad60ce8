// Sessions are bounded: an idle expiry that every use restarts, and a cap that evicts the
// least recently used session first (bank-server/store/sessions.ts).
import { Sessions } from '../../../bank-server/store/sessions.js';
import { expect, logIn, test } from './helper.js';

function clockAt(start = 0) {
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

test('a session unused for longer than the idle time is gone', () => {
  const clock = clockAt();
  const sessions = new Sessions({ idleMs: 1_000, capacity: 10, now: () => clock.now });
  const id = sessions.create('alice');
  clock.advance(1_001);
  expect(sessions.userOf(id)).toBeUndefined();
});

test('each use restarts the idle clock, so an active user is never logged out', () => {
  const clock = clockAt();
  const sessions = new Sessions({ idleMs: 1_000, capacity: 10, now: () => clock.now });
  const id = sessions.create('alice');
  // Ten uses 900 ms apart: 9 s in all, nine times the idle time, never idle for 1 s.
  for (let i = 0; i < 10; i++) {
    clock.advance(900);
    expect(sessions.userOf(id)).toBe('alice');
  }
});

test('past the cap, the least recently used session is evicted first', () => {
  const clock = clockAt();
  const sessions = new Sessions({ idleMs: 60_000, capacity: 3, now: () => clock.now });
  const first = sessions.create('alice');
  const second = sessions.create('bob');
  const third = sessions.create('mallory');
  // Using the oldest makes `second` the least recently used.
  clock.advance(1);
  expect(sessions.userOf(first)).toBe('alice');
  const fourth = sessions.create('carol');
  expect(sessions.size).toBe(3);
  expect(sessions.userOf(second)).toBeUndefined();
  expect([sessions.userOf(first), sessions.userOf(third), sessions.userOf(fourth)]).toEqual(['alice', 'mallory', 'carol']);
});

test('creating a session drops the expired ones, so logging in forever stays bounded', () => {
  const clock = clockAt();
  const sessions = new Sessions({ idleMs: 1_000, capacity: 1_000_000, now: () => clock.now });
  for (let i = 0; i < 100; i++) {
    sessions.create(`user${i}`);
    clock.advance(100);
  }
  // The last one was created at 9 900 ms: those used at 8 900 ms or later are not idle yet.
  expect(sessions.size).toBe(11);
});

test('a script that logs in past the bank’s cap never logs out the victim who keeps using the bank', async ({ app }) => {
  test.slow();
  // The real bank, with a small cap in place of the default (10 000 logins take minutes of scrypt).
  Object.assign(app.lab, { sessions: new Sessions({ capacity: 5 }) });
  const victim = await logIn(app);
  for (let i = 0; i < 12; i++) {
    await logIn(app, 'mallory', 'mallory-moves-money');
    const res = await app.inject({ url: '/c/none/whoami', headers: { cookie: victim } });
    expect(res.json().user).toBe('alice');
  }
  expect(app.lab.sessions.size).toBe(5);
});
