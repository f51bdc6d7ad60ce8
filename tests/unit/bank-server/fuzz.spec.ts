// Fuzz every route through `inject`: fast-check generates methods, paths, query strings,
// headers (Origin, Cookie, Content-Type, Access-Control-Request-*) and bodies. Whatever
// arrives, the bank answers below 500, every error is a JSON {error, message}, no balance
// goes negative, and the money total moves only when the lab itself adds money (a created
// account) or resets. Routes are read from the app (onRoute), so a new route is fuzzed
// without editing this file. FUZZ_RUNS overrides the number of inputs per route.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { buildBank } from '../../../bank-server/app.js';
import { configurations, cookieVariants, MERMAID_PATH, origins } from '../../../catalog/index.js';
import { expect, TEST_COOKIE_SECRET, test, type Bank } from './helper.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
// Slow by design: a login for a real user, and every account created, cost one scrypt hash
// (about 25 ms here), and every answer of Mermaid's bundle is its whole file (5.5 MB, about
// 15 ms). These routes get 1,000 inputs each; every other route gets RUNS.
const SLOW_BY_DESIGN: Record<string, number> = { '/login': 1_000, '/lab/accounts': 1_000, [MERMAID_PATH]: 1_000 };
// The live ledger never ends its answer: each input is read up to its head, then dropped.
const STREAM = '/lab/ledger/stream';

/** The app's routes, by URL; the per-configuration copies `/c/<id>/…` count as one route. */
async function routeTable(): Promise<Map<string, Set<string>>> {
  const app = buildBank({ cookieSecret: TEST_COOKIE_SECRET });
  const table = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const url = route.url.replace(/^\/c\/[^/*]+/, '/c/:configuration');
    if (!table.has(url)) table.set(url, new Set());
    for (const method of [route.method].flat()) table.get(url)!.add(method);
  });
  await app.ready();
  await app.close();
  return table;
}

const junk = fc.string({ maxLength: 40 });
const anyUnicode = fc.string({ unit: 'grapheme', maxLength: 40 });
const segment = fc.oneof(
  junk.map(encodeURIComponent),
  fc.constantFrom('555', '1234', '1001', '1.50', '0', '-1', '99999999999', '..', '%', '%2e%2e', '%00', 'a%2Fb', '', '1e3', ' '),
);
const configurationId = fc.oneof(fc.constantFrom(...configurations.map((c) => c.id)), junk.map(encodeURIComponent));

function pathFor(template: string): fc.Arbitrary<string> {
  const parts = template.split(/(:[a-z]+|\*)/i).filter((p) => p !== '');
  return fc
    .tuple(
      ...parts.map((part) => {
        if (part === ':configuration') return configurationId;
        if (part.startsWith(':')) return segment;
        if (part === '*') return fc.array(segment, { maxLength: 3 }).map((s) => s.join('/'));
        return fc.constant(part);
      }),
    )
    .map((pieces) => `/${pieces.join('').replace(/^\/+/, '')}`);
}

const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.oneof(fc.constantFrom('probe', '_csrf', 'after', 'limit', 'failed', 'id'), junk),
      fc.oneof(fc.constantFrom('fuzz-1', '0', '10', '-1', '1e9', 'x'.repeat(300)), anyUnicode),
      { maxKeys: 3 },
    )
    .map((q) => `?${new URLSearchParams(q)}`),
  junk.map((raw) => `?${raw}`),
);

const origin = fc.oneof(fc.constantFrom(undefined, 'null', 'http://bank.localhost:4000', ...origins.map((o) => o.origin)), junk);
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/plain;charset=utf-8',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=nope',
  ';;;',
);
const requestedMethod = fc.oneof(fc.constantFrom(undefined, 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'x y'), junk);
const requestedHeaders = fc.oneof(fc.constantFrom(undefined, 'content-type', 'x-csrf-token, content-type', '*'), junk);
const secFetchSite = fc.constantFrom(undefined, 'same-origin', 'same-site', 'cross-site', 'none', 'bogus');
/** `session`: a live session of alice's, made fresh at send time (a reset in the run ends older ones). */
const cookie = fc.oneof(fc.constantFrom(undefined, 'session', 'bank_session_none=forged.signature', 'bank_session_none=', '=;;=;'), junk);

const transferFields = fc.record(
  {
    routing: fc.constantFrom('555', '556', 'x'),
    account: fc.constantFrom('1002', '1234', '1001', '9999'),
    amount: fc.constantFrom('1', '0.01', '0', '1.234', '99999999', 'abc'),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  transferFields.map((b) => ({ kind: 'object' as const, value: b as Record<string, unknown> })),
  fc
    .record(
      {
        username: fc.oneof(fc.constantFrom('alice', 'bob'), junk),
        password: fc.oneof(fc.constantFrom('alice-loves-cats', 'long-enough-password'), junk),
        balanceCents: fc.oneof(fc.integer(), fc.constant(undefined)),
      },
      { requiredKeys: [] },
    )
    .map((b) => ({ kind: 'object' as const, value: b as Record<string, unknown> })),
  fc
    .record({ id: fc.oneof(fc.constantFrom(...configurations.map((c) => c.id)), junk) })
    .map((b) => ({ kind: 'object' as const, value: b as Record<string, unknown> })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'object' as const, value: v as Record<string, unknown> })),
  fc.oneof(anyUnicode, fc.constantFrom('{', '{"a":', 'a=1&a=2&routing=555', '\u0000', 'x'.repeat(20_000))).map((v) => ({ kind: 'raw' as const, value: v })),
);

const methodOf = (known: string[]) => fc.oneof(fc.constantFrom(...known), fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'));

function inputFor(template: string, methods: string[]) {
  return fc.record({
    method: methodOf(methods),
    path: pathFor(template),
    query,
    origin,
    contentType,
    requestedMethod,
    requestedHeaders,
    secFetchSite,
    cookie,
    body,
  });
}
type Input = ReturnType<typeof inputFor> extends fc.Arbitrary<infer T> ? T : never;

function requestOf(app: Bank, input: Input): InjectOptions {
  const headers: Record<string, string> = {};
  if (input.origin !== undefined) headers.origin = input.origin;
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  if (input.requestedMethod !== undefined) headers['access-control-request-method'] = input.requestedMethod;
  if (input.requestedHeaders !== undefined) headers['access-control-request-headers'] = input.requestedHeaders;
  if (input.secFetchSite !== undefined) headers['sec-fetch-site'] = input.secFetchSite;
  if (input.cookie === 'session') {
    const signed = app.signCookie(app.lab.sessions.create('alice'));
    headers.cookie = cookieVariants.map((v) => `${v.cookieName}=${signed}`).join('; ');
  } else if (input.cookie !== undefined) {
    headers.cookie = input.cookie;
  }
  let payload: string | undefined;
  if (input.body?.kind === 'raw') payload = input.body.value;
  else if (input.body && input.contentType === 'application/x-www-form-urlencoded' && typeof input.body.value === 'object' && input.body.value !== null) {
    payload = new URLSearchParams(Object.entries(input.body.value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  } else if (input.body) payload = JSON.stringify(input.body.value);
  // HEAD and GET requests carry no body in browsers; light-my-request would refuse one on HEAD.
  if (input.method === 'HEAD' || input.method === 'GET') payload = undefined;
  return { method: input.method as InjectOptions['method'], url: input.path + input.query, headers, payload };
}

// Plain checks, not `expect`: Playwright's expect records a call site per call, which costs
// more than the request itself at 10,000 inputs per route.
function ensure(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** A request the bank never answers is a failure too, and must not hang the run. */
const ANSWER_MS = 2_000;
async function answerWithin<T>(pending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one input and checks its answer and the money. */
async function check(app: Bank, template: string, input: Input) {
  const before = app.lab.accounts.totalCents();
  const request = requestOf(app, input);
  let status: number;
  let contentTypeSent: string | undefined;
  let text = '';
  if (template === STREAM) {
    const controller = new AbortController();
    const res = await app.inject({ ...request, payloadAsStream: true, signal: controller.signal });
    status = res.statusCode;
    contentTypeSent = res.headers['content-type'] as string | undefined;
    if (status >= 400) text = await new Response(res.stream() as unknown as ReadableStream).text();
    controller.abort();
  } else {
    const res = await answerWithin(app.inject(request), `${request.method} ${request.url as string}`);
    status = res.statusCode;
    contentTypeSent = res.headers['content-type'] as string | undefined;
    text = res.body;
  }
  const url = request.url as string;
  const where = `${request.method} ${url} → ${status}`;
  ensure(status < 500, `${where}: a server error`);
  if (status >= 400 && request.method !== 'HEAD') {
    ensure(/^application\/json/.test(contentTypeSent ?? ''), `${where}: an error as ${contentTypeSent}, not JSON`);
    let error: { error?: unknown; message?: unknown } = {};
    try {
      error = JSON.parse(text);
    } catch {
      // reported below
    }
    ensure(typeof error.error === 'string' && typeof error.message === 'string', `${where}: not a JSON {error, message}: ${text.slice(0, 200)}`);
  }
  ensure(
    app.lab.accounts.all().every((a) => a.balanceCents >= 0),
    `${where}: a negative balance`,
  );
  const labAddedMoney = (url.startsWith('/lab/accounts') && status === 201) || (url.startsWith('/lab/reset') && status === 200);
  if (!labAddedMoney) ensure(app.lab.accounts.totalCents() === before, `${where}: money appeared or vanished`);
}

const table = await routeTable();

test('the fuzz sees every kind of route the bank has', () => {
  // Pages, sessions, lab control, the per-configuration API and the unprefixed API.
  for (const url of ['/login', '/logout', '/lab/config', STREAM, '/c/:configuration/transfer', '/transfer']) {
    expect([...table.keys()]).toContain(url);
  }
});

for (const [template, methods] of table) {
  const runs = SLOW_BY_DESIGN[template] ?? RUNS;
  test(`fuzz ${[...methods].join(',')} ${template}: ${runs} inputs, never 5xx, errors in JSON, money conserved`, async ({ app }) => {
    test.setTimeout(120_000);
    // Inputs that stay local to this bank: a run can't be shrunk past other tests' state.
    await fc.assert(
      fc.asyncProperty(inputFor(template, [...methods]), (input) => check(app, template, input)),
      { numRuns: runs },
    );
  });
}
