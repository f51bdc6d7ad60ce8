// The programmatic API's options become the command's own arguments: every option reaches the
// parser as its flag, and bad input is the command's InputError with the command's message.
import { expect, test } from '@playwright/test';
import { check, checkArguments, InputError, probe, probeArguments } from '../../../cli/api.js';
import { parseCheckArgs } from '../../../cli/check-input.js';
import { parseProbeArgs } from '../../../cli/probe-input.js';

test('check options parse as the flags they stand for', async () => {
  const input = await parseCheckArgs(
    checkArguments({
      api: 'https://api.example.com',
      cors: 'examples/allowlist.mjs',
      trusted: ['https://www.example.com', 'https://admin.example.com'],
      sessionCookie: 'lax',
      defenses: ['csrf-token', 'origin-check'],
      accepts: ['json'],
      browsers: ['firefox'],
      serverFlaws: ['get-moves-money'],
      json: 'r.json',
      sarif: 'r.sarif',
      junit: 'r.xml',
    }),
  );
  expect(input).toMatchObject({
    api: new URL('https://api.example.com'),
    trusted: [new URL('https://www.example.com'), new URL('https://admin.example.com')],
    sessionCookie: 'lax',
    defenses: ['csrf-token', 'origin-check'],
    accepts: ['json'],
    browsers: ['firefox'],
    serverFlaws: ['get-moves-money'],
  });
  expect(input.json).toMatch(/r\.json$/);
  expect(input.sarif).toMatch(/r\.sarif$/);
  expect(input.junit).toMatch(/r\.xml$/);
});

test('probe options parse as the flags they stand for, an object body as JSON', () => {
  const input = parseProbeArgs(
    probeArguments({
      api: 'https://api.example.com',
      upstream: 'http://127.0.0.1:3000',
      read: 'GET /me',
      write: 'POST /transfer',
      login: { endpoint: 'POST /session', body: { username: 'alice', password: 'pw' } },
      writeBody: { to: 'mallory', amount: 1 },
      writeOk3xx: true,
      writeCap: 2,
      browsers: ['chromium'],
    }),
  );
  expect(input).toMatchObject({
    read: { method: 'GET', path: '/me' },
    write: { method: 'POST', path: '/transfer' },
    session: { kind: 'login', endpoint: { method: 'POST', path: '/session' }, body: '{"username":"alice","password":"pw"}' },
    writeBody: { to: 'mallory', amount: 1 },
    writeOk3xx: true,
    writeCap: 2,
    browsers: ['chromium'],
  });
});

test('bad input throws the command’s InputError, and nothing starts', async () => {
  await expect(check({ api: 'ftp://api.example.com', cors: 'examples/allowlist.mjs' })).rejects.toThrow(InputError);
  await expect(check({ api: 'https://api.example.com', cors: 'examples/no-such-file.mjs' })).rejects.toThrow('--cors examples/no-such-file.mjs: no such file');
  await expect(probe({ api: 'https://api.example.com', read: 'GET /me', write: 'POST /transfer' })).rejects.toThrow(/missing the victim's session/);
});
