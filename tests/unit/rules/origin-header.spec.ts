// The Origin header the rules predict, from Fetch §3.1 ("append a request Origin header") and
// the default referrer policy (strict-origin-when-cross-origin). Written from the rules.
import { expect, test } from '@playwright/test';
import { attack as attackById, type AttackId } from '../../../catalog/index.js';
import { browserProfiles } from '../../../rules/browser-profiles.js';
import { originHeaderOf, relationOf, type AttackPage, type BankPlace } from '../../../rules/relation.js';

const httpsPage: AttackPage = { origin: 'https://evil.test', site: 'evil.test', sandboxed: false, pageUrl: 'https://evil.test/runner/' };
const httpPage: AttackPage = { origin: 'http://evil.test', site: 'evil.test', sandboxed: false, pageUrl: 'http://evil.test/runner/' };
const httpApi: BankPlace = { origin: 'http://localhost:3000', site: 'localhost' };
const httpsApi: BankPlace = { origin: 'https://api.example.com', site: 'example.com' };

const cases: { title: string; page: AttackPage; bank: BankPlace; attack: AttackId; chromium: string | null; firefox: string | null }[] = [
  {
    title: 'a form POST from https to http is a downgrade: Origin null in both',
    page: httpsPage,
    bank: httpApi,
    attack: 'form-post',
    chromium: 'null',
    firefox: 'null',
  },
  {
    title: 'a no-cors fetch POST from https to http: null where the browser applies the rule to fetch()',
    page: httpsPage,
    bank: httpApi,
    attack: 'no-cors-post',
    chromium: 'https://evil.test',
    firefox: 'null',
  },
  {
    title: 'a cors-mode POST always carries the page origin, downgrade or not',
    page: httpsPage,
    bank: httpApi,
    attack: 'fetch-post-form',
    chromium: 'https://evil.test',
    firefox: 'https://evil.test',
  },
  {
    title: 'a form POST from https to https is no downgrade',
    page: httpsPage,
    bank: httpsApi,
    attack: 'form-post',
    chromium: 'https://evil.test',
    firefox: 'https://evil.test',
  },
  {
    title: 'a form POST from http to http is no downgrade',
    page: httpPage,
    bank: httpApi,
    attack: 'form-post',
    chromium: 'http://evil.test',
    firefox: 'http://evil.test',
  },
  { title: 'a top-level GET carries no Origin at all', page: httpsPage, bank: httpApi, attack: 'link-get', chromium: null, firefox: null },
];

for (const c of cases) {
  test(c.title, () => {
    for (const browser of ['chromium', 'firefox'] as const) {
      const { value } = originHeaderOf(
        attackById(c.attack),
        c.page,
        relationOf(c.page, c.bank),
        c.bank,
        browserProfiles[browser].nullsNoCorsFetchOriginOnDowngrade,
      );
      expect(value, browser).toBe(c[browser]);
    }
  });
}
