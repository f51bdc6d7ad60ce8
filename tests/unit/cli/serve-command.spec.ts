// `cors-lab serve`'s bank, asked directly over HTTP (no browser, so CORS is only the headers the
// bank answers): one --cors file is served at the root, as the user's app would be; the
// README's three examples served side by side sit under /c/<example>, each behind its own
// options, with one login for all. The expectations come from the rules, by hand: the read
// endpoint answers 401 to a stranger and the victim's data with the session cookie; a
// preflight names the origin in Access-Control-Allow-Origin only where the options trust it
// (an exact list: the listed origin; /example\.com$/: any origin ending in example.com;
// origin: true: whatever Origin arrives), and with credentials allowed (Fetch §3.2.3).
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { serveBank } from '../../../cli/serve-command.js';
import { serveExamples } from '../../probe/served-examples.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to the bank at `base`, `line` being `METHOD /path`. */
function ask(base: string, line: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const [method, path] = line.split(' ') as [string, string];
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The Cookie header a browser would send back after the login's Set-Cookie. */
const cookieOf = (login: Answer) => (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

/** Whether a preflight of GET `path` from `origin` is allowed to read with credentials. */
async function preflightAllows(base: string, path: string, origin: string): Promise<boolean> {
  const res = await ask(base, `OPTIONS ${path}`, { origin, 'access-control-request-method': 'GET' });
  return res.headers['access-control-allow-origin'] === origin && res.headers['access-control-allow-credentials'] === 'true';
}

test('serve --cors <file>: one configuration at the root, the victim’s login, and its read endpoint', async () => {
  const served = await serveBank(['--cors', 'examples/allowlist.mjs', '--port', '0']);
  try {
    expect({ login: served.login.endpoint, read: served.read, write: served.write.endpoint }).toEqual({
      login: 'POST /login',
      read: 'GET /account',
      write: 'POST /transfer',
    });
    expect((await ask(served.url, served.read)).status).toBe(401);
    const login = await ask(served.url, served.login.endpoint, {}, served.login.body);
    expect(login.status).toBe(200);
    const read = await ask(served.url, served.read, { cookie: cookieOf(login) });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body).username).toBe('alice');
    expect(await preflightAllows(served.url, '/account', 'https://www.example.com')).toBe(true);
    expect(await preflightAllows(served.url, '/account', 'https://evil.test')).toBe(false);
  } finally {
    await served.close();
  }
});

test('the three examples side by side: each under /c/<example> behind its own options, one login good for all', async () => {
  const served = await serveExamples(['allowlist.mjs', 'regex-unanchored.mjs', 'reflect-any-origin.mjs'], 'https://api.example.com', 'https://www.example.com');
  try {
    expect(served.endpoints('regex-unanchored')).toEqual({
      read: 'GET /c/regex-unanchored/account',
      write: { endpoint: 'POST /c/regex-unanchored/transfer', body: served.endpoints('allowlist').write.body },
    });
    expect(() => served.endpoints('allowlist.mjs')).toThrow(/serves no configuration/);
    const login = await ask(served.url, served.login.endpoint, {}, served.login.body);
    expect(login.status).toBe(200);
    const trusts: Record<string, Record<string, boolean>> = {};
    for (const id of ['allowlist', 'regex-unanchored', 'reflect-any-origin']) {
      const { read } = served.endpoints(id);
      expect((await ask(served.url, read)).status, `${read} without the session`).toBe(401);
      const withSession = await ask(served.url, read, { cookie: cookieOf(login) });
      expect({ read, status: withSession.status, user: JSON.parse(withSession.body).username }).toEqual({ read, status: 200, user: 'alice' });
      const path = read.split(' ')[1]!;
      trusts[id] = {
        trusted: await preflightAllows(served.url, path, 'https://www.example.com'),
        lookalike: await preflightAllows(served.url, path, 'https://evilexample.com'),
        crossSite: await preflightAllows(served.url, path, 'https://evil.test'),
      };
    }
    expect(trusts).toEqual({
      allowlist: { trusted: true, lookalike: false, crossSite: false },
      'regex-unanchored': { trusted: true, lookalike: true, crossSite: false },
      'reflect-any-origin': { trusted: true, lookalike: true, crossSite: true },
    });
  } finally {
    await served.close();
  }
});
