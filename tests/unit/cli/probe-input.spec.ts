// `cors-lab probe`'s bad input, without a browser: each is one line on stderr and exit 2, and
// nothing is sent. (The bad inputs that need a browser's login, a login that sets no cookie and
// a stale session, are in tests/probe.) Also: --dry-run sends nothing, and the form body is
// flattened one level.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { EXIT } from '../../../cli/command-core.js';
import { probeCommand } from '../../../cli/probe-command.js';
import { parseProbeArgs, probeUsage } from '../../../cli/probe-input.js';
import { flattenForForm } from '../../../engine/probe-attacks.js';
import { startProbeApp } from '../../probe-app/app.js';

const dir = mkdtempSync(join(tmpdir(), 'cors-lab-probe-input-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const cookie = { name: 'sid', value: 'x', domain: 'api.example.com', path: '/', expires: -1, httpOnly: true, secure: true, sameSite: 'None' };
const base = ['--api', 'https://api.example.com', '--upstream', 'http://127.0.0.1:9', '--read', 'GET /me', '--write', 'POST /transfer'];
const login = ['--login', 'POST /session', '--login-body', '{"username":"alice","password":"pw"}'];

async function probe(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await probeCommand(args, { log: (s) => out.push(s), error: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

const cases: { desc: string; args: () => string[]; says: RegExp }[] = [
  {
    desc: 'an endpoint that is not METHOD /path',
    args: () => [...base.slice(0, 4), '--read', '/me', '--write', 'POST /transfer', ...login],
    says: /--read "\/me" is not METHOD \/path/,
  },
  {
    desc: 'a lower-case method',
    args: () => [...base.slice(0, 4), '--read', 'GET /me', '--write', 'post /transfer', ...login],
    says: /--write "post \/transfer" is not METHOD \/path/,
  },
  {
    desc: 'a login that is not METHOD /path',
    args: () => [...base, '--login', 'session', '--login-body', '{}'],
    says: /--login "session" is not METHOD \/path/,
  },
  {
    desc: 'a --read that is not a GET',
    args: () => [...base.slice(0, 4), '--read', 'POST /me', '--write', 'POST /transfer', ...login],
    says: /--read POST \/me: the read attacks are GETs/,
  },
  { desc: 'no session at all', args: () => base, says: /missing the victim's session/ },
  {
    desc: 'a storage state that is not JSON',
    args: () => [...base, '--storage-state', file('bad.json', '{ cookies: ')],
    says: /--storage-state .*bad\.json is malformed: not JSON/,
  },
  {
    desc: 'a storage state without a cookies array',
    args: () => [...base, '--storage-state', file('nocookies.json', '{"origins":[]}')],
    says: /is malformed: no "cookies" array/,
  },
  {
    desc: 'a storage state with a broken cookie',
    args: () => [...base, '--storage-state', file('broken.json', JSON.stringify({ cookies: [{ ...cookie, sameSite: 'Sometimes' }] }))],
    says: /is malformed: cookie 1 lacks/,
  },
  {
    desc: 'a storage state with no cookie for the API host',
    args: () => [...base, '--storage-state', file('other.json', JSON.stringify({ cookies: [{ ...cookie, domain: 'www.other.test' }], origins: [] }))],
    says: /has no cookie for api\.example\.com: its cookies are for www\.other\.test/,
  },
  { desc: 'a --write-body that is not a JSON object', args: () => [...base, ...login, '--write-body', '[1,2]'], says: /--write-body must be a JSON object/ },
  { desc: 'a --write-ok other than 3xx', args: () => [...base, ...login, '--write-ok', '4xx'], says: /--write-ok "4xx": the only value is 3xx/ },
  {
    desc: 'writes to a host that is not local without --allow-writes',
    args: () => ['--api', 'https://api.example.com', '--read', 'GET /me', '--write', 'POST /transfer', ...login],
    says: /https:\/\/api\.example\.com is not on this machine: writes to it need --allow-writes/,
  },
  {
    desc: '--sarif without --sarif-location',
    args: () => [...base, ...login, '--sarif', join(dir, 'probe.sarif')],
    says: /^cors-lab probe: --sarif needs --sarif-location <file>: the file of yours the results point at/,
  },
  {
    desc: '--sarif-location without --sarif',
    args: () => [...base, ...login, '--sarif-location', file('cors.ts', 'export const origin = 1;\n')],
    says: /--sarif-location goes with --sarif/,
  },
  {
    desc: 'a --sarif-location that does not exist',
    args: () => [...base, ...login, '--sarif', join(dir, 'probe.sarif'), '--sarif-location', join(dir, 'no-such-file.ts')],
    says: /--sarif-location .*no-such-file\.ts: no such file$/,
  },
  {
    desc: 'a --junit file in a folder that does not exist',
    args: () => [...base, ...login, '--junit', 'no-such-folder/probe.xml'],
    says: /--junit no-such-folder\/probe\.xml: the folder no-such-folder does not exist/,
  },
  { desc: 'an unknown flag', args: () => [...base, ...login, '--uptream', 'http://x'], says: /unknown flag --uptream \(did you mean --upstream\?\)/ },
];

for (const c of cases) {
  test(`probe refuses ${c.desc}: one line, exit 2`, async () => {
    const { code, out, err } = await probe(c.args());
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^cors-lab probe: /);
    expect(err[0]).toMatch(c.says);
    expect(out).toBe('');
    expect(code).toBe(EXIT.badInput);
  });
}

test('probe says so when the upstream does not answer: one line, exit 2, before any browser starts', async () => {
  const port = await closedPort();
  const { code, err } = await probe([
    '--api',
    'https://api.example.com',
    '--upstream',
    `http://127.0.0.1:${port}`,
    '--read',
    'GET /me',
    '--write',
    'POST /transfer',
    ...login,
  ]);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(new RegExp(`^cors-lab probe: the upstream http://127\\.0\\.0\\.1:${port} doesn't answer`));
  expect(code).toBe(EXIT.badInput);
});

test('probe --dry-run lists every request and sends none', async () => {
  const app = await startProbeApp({ cors: { origin: true, credentials: true }, sameSite: 'None' });
  const { code, out } = await probe([
    '--api',
    'https://api.example.com',
    '--upstream',
    app.url,
    '--trusted',
    'https://www.example.com',
    ...login,
    '--read',
    'GET /me',
    '--write',
    'POST /transfer',
    '--dry-run',
    '--write-body',
    '{"to":"x","meta":{"a":1}}',
  ]);
  await app.close();
  expect(app.requests).toEqual([]);
  expect(code).toBe(EXIT.safe);
  expect(out).toMatch(/nothing is sent/);
  expect(out).toMatch(
    /form-post\s+POST {2}https:\/\/api\.example\.com\/transfer\s+navigate, credentials include, application\/x-www-form-urlencoded\s+\[WRITE\]/,
  );
  expect(out).toMatch(/fetch-put\s+PUT\s+https:\/\/api\.example\.com\/transfer .*after a preflight/);
  expect(out).toMatch(/https:\/\/evil\.test \(cross-site\)/);
  expect(out).not.toMatch(/alice/);
});

test('a form carries --write-body flattened one level, deeper values as JSON text', () => {
  expect(flattenForForm({ to: 'x', amount: 1, meta: { a: 1, b: { c: 2 } }, tags: ['p', 'q'], off: null })).toEqual({
    fields: { to: 'x', amount: '1', 'meta[a]': '1', 'meta[b]': '{"c":2}', 'tags[0]': 'p', 'tags[1]': 'q', off: 'null' },
    flattened: ['meta', 'tags'],
  });
});

test('--sarif with --sarif-location and --junit are read, the location made absolute; the usage names them', () => {
  const location = file('cors-setup.ts', "app.register(cors, {\n  origin: ['https://www.example.com'],\n});\n");
  const input = parseProbeArgs([
    ...base,
    ...login,
    '--sarif',
    join(dir, 'probe.sarif'),
    '--sarif-location',
    relative(process.cwd(), location),
    '--junit',
    join(dir, 'probe.xml'),
  ]);
  expect(input).toMatchObject({ sarif: join(dir, 'probe.sarif'), sarifLocation: location, junit: join(dir, 'probe.xml') });
  for (const flag of ['--sarif <file>', '--sarif-location <file>', '--junit <file>']) expect(probeUsage).toContain(flag);
});
