// The attacker origins `cors-lab check` derives from the user's names. Every expectation is
// written by hand from the rules (RFC 6454 origins, RFC 6265bis §5.2
// sites, the Public Suffix List, the HSTS preload list), never recorded from a run.
import { expect, test } from '@playwright/test';
import { siteOf } from '../../../catalog/index.js';
import { derivations, deriveOrigins, type OriginRelation } from '../../../rules/derive-origins.js';

const urls = (...names: string[]) => names.map((n) => new URL(n));

/** [relation, id, site, imitates] for each derived origin, in order. */
type Row = [OriginRelation, string, string | null, string | null];

const NULL_ROW: Row = ['null', 'null@https://evil.test', null, null];

const cases: { title: string; api: string; trusted: string[]; rows: Row[]; notes: RegExp[] }[] = [
  {
    title: 'an API on api.example.com that trusts www.example.com meets every relation once',
    api: 'https://api.example.com',
    trusted: ['https://www.example.com'],
    rows: [
      ['trusted', 'https://www.example.com', 'example.com', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.com', 'example.com', null],
      ['lookalike-suffix', 'https://evilexample.com', 'evilexample.com', 'https://www.example.com'],
      ['lookalike-suffix', 'https://evilwww.example.com', 'example.com', 'https://www.example.com'],
      ['lookalike-prefix', 'https://www.example.com.evil.test', 'evil.test', 'https://www.example.com'],
      ['unescaped-dot', 'https://wwwxexample.com', 'wwwxexample.com', 'https://www.example.com'],
      ['unescaped-dot', 'https://www.examplexcom', 'www.examplexcom', 'https://www.example.com'],
      ['scheme-downgrade', 'http://www.example.com', 'example.com', 'https://www.example.com'],
      NULL_ROW,
    ],
    notes: [],
  },
  {
    title: 'on example.co.uk the site is three labels, not the last two',
    api: 'https://api.example.co.uk',
    trusted: ['https://www.example.co.uk'],
    rows: [
      ['trusted', 'https://www.example.co.uk', 'example.co.uk', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.co.uk', 'example.co.uk', null],
      ['lookalike-suffix', 'https://evilexample.co.uk', 'evilexample.co.uk', 'https://www.example.co.uk'],
      ['lookalike-suffix', 'https://evilwww.example.co.uk', 'example.co.uk', 'https://www.example.co.uk'],
      ['lookalike-prefix', 'https://www.example.co.uk.evil.test', 'evil.test', 'https://www.example.co.uk'],
      ['unescaped-dot', 'https://wwwxexample.co.uk', 'wwwxexample.co.uk', 'https://www.example.co.uk'],
      ['unescaped-dot', 'https://www.examplexco.uk', 'examplexco.uk', 'https://www.example.co.uk'],
      ['unescaped-dot', 'https://www.example.coxuk', 'example.coxuk', 'https://www.example.co.uk'],
      ['scheme-downgrade', 'http://www.example.co.uk', 'example.co.uk', 'https://www.example.co.uk'],
      NULL_ROW,
    ],
    notes: [],
  },
  {
    title: 'a .dev name gets no scheme downgrade, because the whole TLD is HSTS-preloaded',
    api: 'https://api.example.dev',
    trusted: ['https://www.example.dev'],
    rows: [
      ['trusted', 'https://www.example.dev', 'example.dev', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.dev', 'example.dev', null],
      ['lookalike-suffix', 'https://evilexample.dev', 'evilexample.dev', 'https://www.example.dev'],
      ['lookalike-suffix', 'https://evilwww.example.dev', 'example.dev', 'https://www.example.dev'],
      ['lookalike-prefix', 'https://www.example.dev.evil.test', 'evil.test', 'https://www.example.dev'],
      ['unescaped-dot', 'https://wwwxexample.dev', 'wwwxexample.dev', 'https://www.example.dev'],
      ['unescaped-dot', 'https://www.examplexdev', 'www.examplexdev', 'https://www.example.dev'],
      NULL_ROW,
    ],
    notes: [/^No scheme-downgrade origin from https:\/\/www\.example\.dev: \.dev is on the HSTS preload list as a whole TLD/],
  },
  {
    title: 'trusting a page on github.io adds a stranger on the same shared host',
    api: 'https://api.example.com',
    trusted: ['https://me.github.io'],
    rows: [
      ['trusted', 'https://me.github.io', 'me.github.io', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.com', 'example.com', null],
      // me.github.io is its own registrable domain: one suffix look-alike, not two.
      ['lookalike-suffix', 'https://evilme.github.io', 'evilme.github.io', 'https://me.github.io'],
      ['lookalike-prefix', 'https://me.github.io.evil.test', 'evil.test', 'https://me.github.io'],
      ['unescaped-dot', 'https://mexgithub.io', 'mexgithub.io', 'https://me.github.io'],
      ['unescaped-dot', 'https://me.githubxio', 'me.githubxio', 'https://me.github.io'],
      ['scheme-downgrade', 'http://me.github.io', 'me.github.io', 'https://me.github.io'],
      NULL_ROW,
      ['shared-host', 'https://attacker.github.io', 'attacker.github.io', 'https://me.github.io'],
    ],
    notes: [],
  },
  {
    title: 'local development on two localhost ports keeps the ports and says they are one site',
    api: 'http://localhost:3000',
    trusted: ['http://localhost:5173'],
    rows: [
      ['trusted', 'http://localhost:5173', 'localhost', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['lookalike-suffix', 'http://evillocalhost:5173', 'evillocalhost', 'http://localhost:5173'],
      ['lookalike-prefix', 'http://localhost.evil.test:5173', 'evil.test', 'http://localhost:5173'],
      NULL_ROW,
    ],
    notes: [
      /^http:\/\/localhost:3000 and http:\/\/localhost:5173 differ only in port, and ports don't separate sites: they are one site/,
      /^No sibling origin for http:\/\/localhost:3000: localhost has no registrable domain/,
      /^No unescaped-dot origin from http:\/\/localhost:5173: localhost has no dot/,
    ],
  },
  {
    title: 'a non-default port on production names stays on every origin derived from it',
    api: 'https://api.example.com:8443',
    trusted: ['https://www.example.com:8443'],
    rows: [
      ['trusted', 'https://www.example.com:8443', 'example.com', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.com:8443', 'example.com', null],
      ['lookalike-suffix', 'https://evilexample.com:8443', 'evilexample.com', 'https://www.example.com:8443'],
      ['lookalike-suffix', 'https://evilwww.example.com:8443', 'example.com', 'https://www.example.com:8443'],
      ['lookalike-prefix', 'https://www.example.com.evil.test:8443', 'evil.test', 'https://www.example.com:8443'],
      ['unescaped-dot', 'https://wwwxexample.com:8443', 'wwwxexample.com', 'https://www.example.com:8443'],
      ['unescaped-dot', 'https://www.examplexcom:8443', 'www.examplexcom', 'https://www.example.com:8443'],
      ['scheme-downgrade', 'http://www.example.com:8443', 'example.com', 'https://www.example.com:8443'],
      NULL_ROW,
    ],
    notes: [],
  },
  {
    title: 'an IP address gets no look-alike host names, only the prefix one',
    api: 'http://127.0.0.1:3000',
    trusted: ['http://127.0.0.1:5173'],
    rows: [
      ['trusted', 'http://127.0.0.1:5173', '127.0.0.1', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['lookalike-prefix', 'http://127.0.0.1.evil.test:5173', 'evil.test', 'http://127.0.0.1:5173'],
      NULL_ROW,
    ],
    notes: [
      /differ only in port, and ports don't separate sites/,
      /^No sibling origin for http:\/\/127\.0\.0\.1:3000/,
      /^No lookalike-suffix origin from http:\/\/127\.0\.0\.1:5173: evil127\.0\.0\.1 is not a valid host name/,
      /^No unescaped-dot origin from http:\/\/127\.0\.0\.1:5173: 127\.0\.0\.1 is an IP address/,
    ],
  },
  {
    title: 'an origin derived twice keeps its first relation and its first imitated origin',
    api: 'https://api.example.com',
    trusted: ['https://www.example.com', 'https://example.com', 'https://www.example.com/'],
    rows: [
      ['trusted', 'https://www.example.com', 'example.com', null],
      ['trusted', 'https://example.com', 'example.com', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.com', 'example.com', null],
      // evilexample.com imitates both trusted origins; it is listed once, for the first.
      ['lookalike-suffix', 'https://evilexample.com', 'evilexample.com', 'https://www.example.com'],
      ['lookalike-suffix', 'https://evilwww.example.com', 'example.com', 'https://www.example.com'],
      ['lookalike-prefix', 'https://www.example.com.evil.test', 'evil.test', 'https://www.example.com'],
      ['lookalike-prefix', 'https://example.com.evil.test', 'evil.test', 'https://example.com'],
      ['unescaped-dot', 'https://wwwxexample.com', 'wwwxexample.com', 'https://www.example.com'],
      ['unescaped-dot', 'https://www.examplexcom', 'www.examplexcom', 'https://www.example.com'],
      ['unescaped-dot', 'https://examplexcom', 'examplexcom', 'https://example.com'],
      ['scheme-downgrade', 'http://www.example.com', 'example.com', 'https://www.example.com'],
      ['scheme-downgrade', 'http://example.com', 'example.com', 'https://example.com'],
      NULL_ROW,
    ],
    notes: [],
  },
  {
    title: 'a trusted plain-HTTP origin stays trusted, not a scheme downgrade of its HTTPS twin',
    api: 'https://api.example.com',
    trusted: ['https://www.example.com', 'http://www.example.com'],
    rows: [
      ['trusted', 'https://www.example.com', 'example.com', null],
      ['trusted', 'http://www.example.com', 'example.com', null],
      ['cross-site', 'https://evil.test', 'evil.test', null],
      ['sibling', 'https://compromised.example.com', 'example.com', null],
      ['lookalike-suffix', 'https://evilexample.com', 'evilexample.com', 'https://www.example.com'],
      ['lookalike-suffix', 'https://evilwww.example.com', 'example.com', 'https://www.example.com'],
      ['lookalike-suffix', 'http://evilexample.com', 'evilexample.com', 'http://www.example.com'],
      ['lookalike-suffix', 'http://evilwww.example.com', 'example.com', 'http://www.example.com'],
      ['lookalike-prefix', 'https://www.example.com.evil.test', 'evil.test', 'https://www.example.com'],
      ['lookalike-prefix', 'http://www.example.com.evil.test', 'evil.test', 'http://www.example.com'],
      ['unescaped-dot', 'https://wwwxexample.com', 'wwwxexample.com', 'https://www.example.com'],
      ['unescaped-dot', 'https://www.examplexcom', 'www.examplexcom', 'https://www.example.com'],
      ['unescaped-dot', 'http://wwwxexample.com', 'wwwxexample.com', 'http://www.example.com'],
      ['unescaped-dot', 'http://www.examplexcom', 'www.examplexcom', 'http://www.example.com'],
      NULL_ROW,
    ],
    notes: [],
  },
  {
    title: "the API's own origin is never an attacker, even when it is listed as trusted",
    api: 'https://api.example.com',
    trusted: ['https://api.example.com'],
    rows: [['cross-site', 'https://evil.test', 'evil.test', null], ['sibling', 'https://compromised.example.com', 'example.com', null], NULL_ROW],
    notes: [/^https:\/\/api\.example\.com is the API's own origin: its requests are same-origin/],
  },
  {
    title: 'an API on compromised.example.com is not its own sibling',
    api: 'https://compromised.example.com',
    trusted: [],
    rows: [['cross-site', 'https://evil.test', 'evil.test', null], NULL_ROW],
    notes: [],
  },
];

for (const c of cases) {
  test(`${c.title} (${c.api} trusting ${c.trusted.join(', ') || 'nobody'})`, () => {
    const { origins, notes } = deriveOrigins(new URL(c.api), urls(...c.trusted));
    expect(origins.map((o): Row => [o.relation, o.id, o.site, o.imitates])).toEqual(c.rows);
    expect(notes).toHaveLength(c.notes.length);
    for (const [i, pattern] of c.notes.entries()) expect(notes[i]).toMatch(pattern);
  });
}

test('every origin but the sandbox is served from its own origin; the sandbox sends null from https://evil.test', () => {
  const { origins } = deriveOrigins(new URL('https://api.example.com'), urls('https://www.example.com'));
  for (const o of origins.filter((o) => o.relation !== 'null')) {
    expect(o).toMatchObject({ id: o.origin, pageOrigin: o.origin, sandboxed: false });
    // A serialized origin: no path, no trailing slash (RFC 6454 §6.2).
    expect(new URL(o.origin).origin).toBe(o.origin);
  }
  expect(origins.find((o) => o.relation === 'null')).toEqual({
    id: 'null@https://evil.test',
    relation: 'null',
    origin: 'null',
    pageOrigin: 'https://evil.test',
    sandboxed: true,
    imitates: null,
    whatGoesWrong: expect.stringContaining('Origin: null'),
    site: null,
  });
});

// What goes wrong names the check each origin beats, written with the user's own names.
const checksBeaten: { id: string; names: string[] }[] = [
  { id: 'https://www.example.com', names: ['https://www.example.com'] },
  { id: 'https://evil.test', names: ['api.example.com', 'origin: true'] },
  { id: 'https://compromised.example.com', names: ['/\\.example\\.com$/', "endsWith('.example.com')"] },
  { id: 'https://evilexample.com', names: ['/example\\.com$/', 'no start anchor'] },
  { id: 'https://evilwww.example.com', names: ['/www\\.example\\.com$/', 'same site'] },
  { id: 'https://www.example.com.evil.test', names: ["startsWith('https://www.example.com')", "includes('www.example.com')"] },
  { id: 'https://wwwxexample.com', names: ['/^https:\\/\\/www.example\\.com$/'] },
  { id: 'http://www.example.com', names: ['/^https?:\\/\\/www\\.example\\.com$/', 'plain HTTP'] },
  { id: 'null@https://evil.test', names: ['sandboxed iframe', 'trusts "null"'] },
];
for (const { id, names } of checksBeaten) {
  test(`what goes wrong for ${id} names ${names.join(' and ')}`, () => {
    const { origins } = deriveOrigins(new URL('https://api.example.com'), urls('https://www.example.com'));
    const text = origins.find((o) => o.id === id)?.whatGoesWrong;
    for (const name of names) expect(text).toContain(name);
  });
}

test('what goes wrong for a shared host names the suffix check that trusts strangers', () => {
  const { origins } = deriveOrigins(new URL('https://api.example.com'), urls('https://docs.vercel.app'));
  const shared = origins.find((o) => o.relation === 'shared-host');
  expect(shared).toMatchObject({ id: 'https://attacker.vercel.app', site: 'attacker.vercel.app', imitates: 'https://docs.vercel.app' });
  expect(shared?.whatGoesWrong).toContain('/\\.vercel\\.app$/');
  // .app is HSTS-preloaded as a whole TLD: no http:// page exists there.
  expect(origins.some((o) => o.relation === 'scheme-downgrade')).toBe(false);
});

test('a name on an ICANN suffix is not a shared host', () => {
  const { origins } = deriveOrigins(new URL('https://api.example.com'), urls('https://www.example.co.uk', 'https://shop.example.com'));
  expect(origins.some((o) => o.relation === 'shared-host')).toBe(false);
});

const sites: { host: string; site: string; why: string }[] = [
  { host: 'api.example.com', site: 'example.com', why: 'one label under an ICANN suffix' },
  { host: 'api.example.co.uk', site: 'example.co.uk', why: 'co.uk is a public suffix of two labels' },
  { host: 'attacker.github.io', site: 'attacker.github.io', why: 'github.io is in the private section' },
  { host: 'something.bank.localhost', site: 'bank.localhost', why: 'localhost acts as a TLD' },
  { host: 'localhost', site: 'localhost', why: 'a bare host is its own site' },
  { host: '127.0.0.1', site: '127.0.0.1', why: 'an IP address is its own site' },
];
for (const { host, site, why } of sites) {
  test(`the site of ${host} is ${site}: ${why}`, () => {
    expect(siteOf(host)).toBe(site);
  });
}

test('the relations are tried in one fixed order, each once', () => {
  expect(derivations.map((d) => d.relation)).toEqual([
    'trusted',
    'cross-site',
    'sibling',
    'lookalike-suffix',
    'lookalike-prefix',
    'unescaped-dot',
    'scheme-downgrade',
    'null',
    'shared-host',
  ]);
});

test('every dot of a trusted host gets its own unescaped-dot look-alike', () => {
  const { origins } = deriveOrigins(new URL('https://api.app.com'), urls('https://www.app.com'));
  const dotted = origins.filter((o) => o.relation === 'unescaped-dot');
  expect(dotted.map((o) => o.origin)).toEqual(['https://wwwxapp.com', 'https://www.appxcom']);
  // Each one names the pattern it beats: the same allowlist entry with that one dot left bare.
  expect(dotted[0]!.whatGoesWrong).toContain(String.raw`/^https:\/\/www.app\.com$/ also matches wwwxapp.com`);
  expect(dotted[1]!.whatGoesWrong).toContain(String.raw`/^https:\/\/www\.app.com$/ also matches www.appxcom`);
  for (const o of dotted) {
    const pattern = new RegExp(/\/(\^.*\$)\//.exec(o.whatGoesWrong)![1]!);
    expect(pattern.test('https://www.app.com'), `${pattern} still trusts the real origin`).toBe(true);
    expect(pattern.test(o.origin), `${pattern} trusts ${o.origin}`).toBe(true);
  }
});
