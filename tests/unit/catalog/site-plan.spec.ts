// What a site plan names: every origin of the catalog and every allowlist of its
// configurations. The default plan's are written out by hand, as the lab has always named
// them; a hosted plan's too, from RFC 6454 §6.2 (no default port in an origin).
import fc from 'fast-check';
import { buildBank } from '../../../bank-server/app.js';
import { checkSitePlan, configurations, defaultSitePlan, origins, planCatalog, runnerUrl, type OriginId, type SitePlan } from '../../../catalog/index.js';
import { TEST_COOKIE_SECRET, expect, test } from '../bank-server/helper.js';
import { hosted, plans } from './plans.js';

/** [id, origin, runner URL] of each attacking page. */
const pagesOf = (plan: SitePlan) => planCatalog(plan).origins.map((o) => [o.id, o.origin, runnerUrl(o)]);

test('the default plan names every origin exactly as the lab always has', () => {
  expect(pagesOf(defaultSitePlan)).toEqual([
    ['same-origin', 'http://bank.localhost:4000', 'http://bank.localhost:4000/lab/runner/'],
    ['attacker', 'http://attacker.localhost:4100', 'http://attacker.localhost:4100/runner/'],
    ['partner', 'http://partner.localhost:4100', 'http://partner.localhost:4100/runner/'],
    ['sibling', 'http://something.bank.localhost:4100', 'http://something.bank.localhost:4100/runner/'],
    ['lookalike-suffix', 'http://evilpartner.localhost:4100', 'http://evilpartner.localhost:4100/runner/'],
    ['lookalike-prefix', 'http://partner.localhost.attacker.localhost:4100', 'http://partner.localhost.attacker.localhost:4100/runner/'],
    ['null', 'null', 'http://attacker.localhost:4100/sandboxed.html'],
    ['public', 'http://public.localhost:4200', 'http://public.localhost:4200/runner/'],
    ['public-granted', 'http://granted.public.localhost:4200', 'http://granted.public.localhost:4200/runner/'],
  ]);
  expect(planCatalog(defaultSitePlan).hosts.bankOrigin).toBe('http://bank.localhost:4000');
});

test('the default plan’s allowlists and the lines that quote them are the lab’s own, to the letter', () => {
  const { configurations: planned, origins: pages } = planCatalog(defaultSitePlan);
  const cors = (id: string) => planned.find((c) => c.id === id)!.cors!;
  const line = (id: string) => planned.find((c) => c.id === id)!.whatGoesWrong;
  expect(cors('allowlist').origin).toEqual(['http://partner.localhost:4100']);
  expect(cors('allowlist-fixed').origin).toEqual(['http://partner.localhost:4100']);
  expect(cors('trust-null').origin).toEqual(['null', 'http://partner.localhost:4100']);
  expect(cors('regex-unanchored').origin).toEqual(/partner\.localhost:4100$/);
  expect(cors('trust-subdomains').origin).toEqual(/^http:\/\/([a-z0-9-]+\.)+bank\.localhost(:\d+)?$/);
  expect(line('regex-unanchored')).toBe(
    '/partner\\.localhost:4100$/ — the example shape from @fastify/cors’s own README — also matches evilpartner.localhost.',
  );
  expect(line('prefix-match')).toBe('startsWith("http://partner.localhost") also accepts http://partner.localhost.attacker.localhost.');
  expect(line('substring-match')).toBe(
    'includes("partner.localhost") accepts any origin that merely contains the name: evilpartner.localhost and partner.localhost.attacker.localhost read the account.',
  );
  expect(planned.find((c) => c.id === 'trust-subdomains')!.title).toBe('Trusts every *.bank.localhost');
  expect(pages.find((o) => o.id === 'lookalike-suffix')!.whatGoesWrong).toBe(
    'Beats an origin check that forgot the start anchor: /partner\\.localhost:4100$/ matches it.',
  );
  expect(pages.find((o) => o.id === 'lookalike-prefix')!.whatGoesWrong).toBe('Beats an origin check written as startsWith("http://partner.localhost").');
});

test('without LAB_SITE_PLAN the running lab’s catalog is the default plan’s', () => {
  const planned = planCatalog(defaultSitePlan);
  expect(origins).toEqual(planned.origins);
  expect(configurations.map((c) => [c.id, c.title, c.whatGoesWrong, String(c.cors?.origin)])).toEqual(
    planned.configurations.map((c) => [c.id, c.title, c.whatGoesWrong, String(c.cors?.origin)]),
  );
});

test('a hosted HTTPS plan names its origins without a port, and its allowlists after its own names', () => {
  expect(checkSitePlan(hosted)).toBeNull();
  expect(pagesOf(hosted)).toEqual([
    ['same-origin', 'https://bank-lab.example', 'https://bank-lab.example/lab/runner/'],
    ['attacker', 'https://attacker-lab.example', 'https://attacker-lab.example/runner/'],
    ['partner', 'https://partner-lab.example', 'https://partner-lab.example/runner/'],
    ['sibling', 'https://something.bank-lab.example', 'https://something.bank-lab.example/runner/'],
    ['lookalike-suffix', 'https://evilpartner-lab.example', 'https://evilpartner-lab.example/runner/'],
    ['lookalike-prefix', 'https://partner-lab.example.attacker-lab.example', 'https://partner-lab.example.attacker-lab.example/runner/'],
    ['null', 'null', 'https://attacker-lab.example/sandboxed.html'],
    ['public', 'https://public.attacker-lab.example', 'https://public.attacker-lab.example/runner/'],
    ['public-granted', 'https://granted.public.attacker-lab.example', 'https://granted.public.attacker-lab.example/runner/'],
  ]);
  const { configurations: planned, origins: pages } = planCatalog(hosted);
  const cors = (id: string) => planned.find((c) => c.id === id)!.cors!;
  expect(cors('allowlist').origin).toEqual(['https://partner-lab.example']);
  expect(cors('trust-null').origin).toEqual(['null', 'https://partner-lab.example']);
  expect(cors('regex-unanchored').origin).toEqual(/partner-lab\.example$/);
  expect(cors('trust-subdomains').origin).toEqual(/^https:\/\/([a-z0-9-]+\.)+bank-lab\.example(:\d+)?$/);
  expect(planned.find((c) => c.id === 'prefix-match')!.whatGoesWrong).toBe(
    'startsWith("https://partner-lab.example") also accepts https://partner-lab.example.attacker-lab.example.',
  );
  expect(pages.map((o) => o.site)).toEqual([
    'bank-lab.example',
    'attacker-lab.example',
    'partner-lab.example',
    'bank-lab.example',
    'evilpartner-lab.example',
    'attacker-lab.example',
    null,
    'attacker-lab.example',
    'attacker-lab.example',
  ]);
});

test('ports a hosted plan gives appear in its origins, unless they are the scheme’s default', () => {
  const { hosts } = planCatalog({ ...hosted, ports: { bank: 443, attacker: 8443, public: 9443 } });
  expect([hosts.bankOrigin, hosts.partnerOrigin, hosts.publicOrigin(hosts.public)]).toEqual([
    'https://bank-lab.example',
    'https://partner-lab.example:8443',
    'https://public.attacker-lab.example:9443',
  ]);
});

// The hurried checks and which pages beat them, as configurations.ts and origins.ts say.
const lets: Record<string, OriginId[]> = {
  allowlist: ['partner'],
  'regex-unanchored': ['partner', 'lookalike-suffix'],
  'prefix-match': ['partner', 'lookalike-prefix'],
  'substring-match': ['partner', 'lookalike-suffix', 'lookalike-prefix'],
  'trust-subdomains': ['sibling'],
};

/** Which pages of `plan` each of those configurations lets read, as @fastify/cors on the bank answers. */
async function readersOf(plan: SitePlan): Promise<Record<string, OriginId[]>> {
  const { configurations: planned, origins: pages } = planCatalog(plan);
  const bank = buildBank({ cookieSecret: TEST_COOKIE_SECRET, configurations: planned });
  await bank.ready();
  try {
    const readers: Record<string, OriginId[]> = {};
    for (const id of Object.keys(lets)) {
      readers[id] = [];
      for (const page of pages.filter((o) => !o.sandboxed)) {
        const res = await bank.inject({ url: `/c/${id}/rates`, headers: { origin: page.origin } });
        if (res.headers['access-control-allow-origin'] === page.origin) readers[id].push(page.id);
      }
    }
    return readers;
  } finally {
    await bank.close();
  }
}

test('for any plan the check accepts, each hurried check lets in exactly the pages its lesson names', async () => {
  expect(await readersOf(defaultSitePlan)).toEqual(lets);
  expect(await readersOf(hosted)).toEqual(lets);
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(plans, async (plan) => {
      if (checkSitePlan(plan) !== null) return;
      accepted++;
      expect(await readersOf(plan)).toEqual(lets);
    }),
    { numRuns: 20 },
  );
  // The property said something: most random plans keep every relation.
  expect(accepted).toBeGreaterThan(5);
});
