// The site plan's relations, judged with the Public Suffix List: the default and a hosted plan
// keep them all, and a plan that breaks one is refused with one line naming it. Every line
// is written by hand from the relation (RFC 6265bis §5.2 sites, the PSL, RFC 6454 origins).
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { checkSitePlan, defaultSitePlan, planCatalog, planRelations, siteOf, type SitePlan } from '../../../catalog/index.js';
import { hosted, plans, registrableDomain } from './plans.js';

test('the default *.localhost plan keeps every relation', () => {
  expect(checkSitePlan(defaultSitePlan)).toBeNull();
});

test('a hosted HTTPS plan on four registrable domains keeps every relation', () => {
  expect(checkSitePlan(hosted)).toBeNull();
  // The public pages need no site of their own, and may share the attacker's host on another port.
  expect(checkSitePlan({ ...hosted, public: 'public-lab.example' })).toBeNull();
  expect(checkSitePlan({ ...defaultSitePlan, public: defaultSitePlan.attacker })).toBeNull();
  // A name in Punycode (bücher) is kept as it is.
  expect(checkSitePlan({ ...hosted, partner: 'xn--bcher-kva.example', lookalike: 'evilxn--bcher-kva.example' })).toBeNull();
  // Private-section suffixes (github.io) hand out a site per customer.
  expect(checkSitePlan({ ...hosted, attacker: 'attacker-lab.github.io', public: 'public.attacker-lab.github.io' })).toBeNull();
});

/** One broken plan per relation, and the line that refuses it. */
const broken: { relation: string; plan: SitePlan; line: string }[] = [
  {
    relation: 'sibling same-site with the bank',
    plan: { ...hosted, bank: 'github.io' },
    line: 'the sibling (something.github.io) is not same-site with the bank (github.io)',
  },
  {
    relation: 'lookalike-prefix on the attacker’s site',
    plan: { ...hosted, attacker: 'github.io', public: 'public-lab.example' },
    line: 'the prefix lookalike (partner-lab.example.github.io) is not on the site of the attacker (github.io)',
  },
  {
    relation: 'partner has a site',
    plan: { ...hosted, partner: 'co.uk', lookalike: 'evilco.uk' },
    line: 'the partner (co.uk) is a public suffix: every name under it is a site of its own',
  },
  {
    relation: 'lookalike-suffix has a site',
    plan: { ...hosted, partner: 'hub.io', lookalike: 'github.io' },
    line: 'the suffix lookalike (github.io) is a public suffix: every name under it is a site of its own',
  },
  {
    relation: 'attacker cross-site to same-origin',
    plan: { ...hosted, attacker: 'bank-lab.example' },
    line: 'the attacker (bank-lab.example) is same-site with the bank (bank-lab.example)',
  },
  {
    relation: 'partner cross-site to same-origin',
    plan: { ...hosted, bank: 'example.co.uk', partner: 'bank.example.co.uk', lookalike: 'evilbank.example.co.uk' },
    line: 'the partner (bank.example.co.uk) is same-site with the bank (example.co.uk)',
  },
  {
    relation: 'lookalike-suffix cross-site to same-origin',
    plan: { ...hosted, lookalike: 'partner-lab.example.bank-lab.example' },
    line: 'the suffix lookalike (partner-lab.example.bank-lab.example) is same-site with the bank (bank-lab.example)',
  },
  {
    relation: 'public cross-site to same-origin',
    plan: { ...hosted, public: 'public.bank-lab.example' },
    line: 'the public page (public.bank-lab.example) is same-site with the bank (bank-lab.example)',
  },
  {
    relation: 'public-granted cross-site to same-origin',
    plan: { ...hosted, bank: 'granted.example', public: 'example' },
    line: 'the granted public page (granted.example) is same-site with the bank (granted.example)',
  },
  {
    relation: 'partner cross-site to attacker',
    plan: { ...hosted, partner: 'attacker-lab.example', lookalike: 'evilattacker-lab.example' },
    line: 'the partner (attacker-lab.example) is same-site with the attacker (attacker-lab.example)',
  },
  {
    relation: 'lookalike-suffix cross-site to partner',
    plan: { ...hosted, lookalike: 'evil.partner-lab.example' },
    line: 'the suffix lookalike (evil.partner-lab.example) is same-site with the partner (partner-lab.example)',
  },
  {
    relation: 'lookalike-suffix cross-site to attacker',
    plan: { ...hosted, attacker: 'evilpartner-lab.example', public: 'public-lab.example' },
    line: 'the suffix lookalike (evilpartner-lab.example) is same-site with the attacker (evilpartner-lab.example)',
  },
  {
    relation: 'lookalike-suffix ends with the partner’s name',
    plan: { ...hosted, lookalike: 'evil-lab.example' },
    line: 'the suffix lookalike (evil-lab.example) does not end with the partner’s name (partner-lab.example)',
  },
  {
    relation: 'same-origin is a registrable domain',
    plan: { ...hosted, bank: 'www.bank-lab.example' },
    line: 'the bank (www.bank-lab.example) is not a registrable domain: its site is bank-lab.example',
  },
  {
    relation: 'attacker is a registrable domain',
    plan: { ...hosted, attacker: 'www.attacker-lab.example' },
    line: 'the attacker (www.attacker-lab.example) is not a registrable domain: its site is attacker-lab.example',
  },
  {
    relation: 'lookalike-suffix is a registrable domain',
    plan: { ...hosted, lookalike: 'www.evilpartner-lab.example' },
    line: 'the suffix lookalike (www.evilpartner-lab.example) is not a registrable domain: its site is evilpartner-lab.example',
  },
  {
    relation: 'only the partner and its lookalikes carry its name',
    plan: { ...hosted, attacker: 'mypartner-lab.example', public: 'public-lab.example' },
    line: 'the attacker (mypartner-lab.example) contains the partner’s name (partner-lab.example), so the checks its lookalikes beat would trust it too',
  },
  {
    relation: 'every page its own origin',
    plan: { ...hosted, public: 'attacker-lab.example' },
    line: 'the public page (attacker-lab.example) has the same origin as the attacker (attacker-lab.example): https://attacker-lab.example',
  },
];

test('every relation has its broken plan here', () => {
  expect(broken.map((b) => b.relation)).toEqual(planRelations.map((r) => r.name));
});

for (const { relation, plan, line } of broken) {
  test(`a plan that breaks “${relation}” is refused in one line naming it`, () => {
    expect(checkSitePlan(plan)).toBe(`site plan refused: ${line}`);
  });
}

const { lookalike: _, ...withoutLookalike } = hosted;

const notPlans: { desc: string; value: unknown; line: string }[] = [
  { desc: 'a scheme other than http or https', value: { ...hosted, scheme: 'ftp' }, line: 'scheme must be equal to one of the allowed values (http, https)' },
  { desc: 'a missing name', value: withoutLookalike, line: 'must have required properties lookalike' },
  { desc: 'a name the plan does not know', value: { ...hosted, sibling: 'x.bank-lab.example' }, line: 'must not have additional properties (sibling)' },
  {
    desc: 'an upper-case name',
    value: { ...hosted, bank: 'Bank-Lab.example' },
    line: 'bank must be a lower-case host name whose last label starts with a letter',
  },
  { desc: 'an IP address', value: { ...hosted, attacker: '192.0.2.7' }, line: 'attacker must be a lower-case host name whose last label starts with a letter' },
  {
    desc: 'a label that is not Punycode though it says so',
    value: { ...hosted, partner: 'xn--a.example', lookalike: 'evilxn--a.example' },
    line: 'partner (xn--a.example) is no host name a URL keeps as it is (URL Standard, "domain to ASCII")',
  },
  { desc: 'port 0', value: { ...hosted, ports: { bank: 0, attacker: 443, public: 443 } }, line: 'ports/bank must be >= 1' },
  { desc: 'not an object', value: ['bank-lab.example'], line: 'must be object' },
];

for (const { desc, value, line } of notPlans) {
  test(`${desc} is no site plan, and is refused in one line`, () => {
    expect(checkSitePlan(value)).toBe(`site plan refused: ${line}`);
  });
}

test('any plan whose partner is the bank is refused, naming the partner and the bank', () => {
  fc.assert(
    fc.property(plans, (plan) => {
      fc.pre(plan.attacker !== plan.bank);
      const sameAsBank = { ...plan, partner: plan.bank, lookalike: `evil${plan.bank}` };
      expect(checkSitePlan(sameAsBank)).toBe(`site plan refused: the partner (${plan.bank}) is same-site with the bank (${plan.bank})`);
    }),
  );
});

test('any plan whose lookalike does not end with the partner’s name is refused', () => {
  fc.assert(
    fc.property(plans, registrableDomain, (plan, lookalike) => {
      fc.pre(!lookalike.endsWith(plan.partner));
      expect(checkSitePlan({ ...plan, lookalike })).not.toBeNull();
    }),
  );
});

test('in any plan the check accepts, the sibling is the bank’s site and every other page is another site', () => {
  let accepted = 0;
  fc.assert(
    fc.property(plans, (plan) => {
      if (checkSitePlan(plan) !== null) return;
      accepted++;
      const site = Object.fromEntries(planCatalog(plan).origins.map((o) => [o.id, o.site]));
      expect(site.sibling).toBe(site['same-origin']);
      for (const id of ['attacker', 'partner', 'lookalike-suffix', 'lookalike-prefix', 'public', 'public-granted'])
        expect(site[id]).not.toBe(site['same-origin']);
      expect(new Set([site.attacker, site.partner, site['lookalike-suffix']]).size).toBe(3);
      expect(site['lookalike-prefix']).toBe(site.attacker);
      expect(plan.lookalike.endsWith(plan.partner)).toBe(true);
      expect(siteOf(plan.lookalike)).toBe(plan.lookalike);
    }),
    { numRuns: 300 },
  );
  expect(accepted).toBeGreaterThan(100);
});
