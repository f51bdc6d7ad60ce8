// The catalog's public pages (Local Network Access): where they live, what the browsers are
// told about them, and who trusts them. Written by hand from the catalog's promises.
import {
  configurations,
  labBrowsers,
  onDashboard,
  onDashboardByDefault,
  origins,
  publicCatalog,
  publicPagesAddress,
  runnerUrl,
} from '../../../catalog/index.js';
import { readFileSync } from 'node:fs';
import { chromiumPublicArgs, firefoxPublicPrefs, grantedOrigins } from '../../../engine/browsers/public-pages.js';
import { relationOfLabOrigin } from '../../../rules/derive-origins.js';
import { expect, test } from '../bank-server/helper.js';

const publicPages = origins.filter((o) => o.addressSpace === 'public');

test('two public pages on port 4200, one denied and one granted; every other page is on loopback', () => {
  expect(publicPages.map((o) => [o.id, o.origin, o.localNetworkPermission, runnerUrl(o)])).toEqual([
    ['public', 'http://public.localhost:4200', 'denied', 'http://public.localhost:4200/runner/'],
    ['public-granted', 'http://granted.public.localhost:4200', 'granted', 'http://granted.public.localhost:4200/runner/'],
  ]);
  for (const o of origins.filter((o) => o.addressSpace !== 'public')) {
    expect([o.id, o.addressSpace, o.localNetworkPermission]).toEqual([o.id, 'loopback', null]);
  }
  expect(origins).toHaveLength(9);
});

test('the browsers are told 127.0.0.1:4200 is public, and the granted origin alone gets the permission', () => {
  expect(publicPagesAddress).toBe('127.0.0.1:4200');
  expect(chromiumPublicArgs()).toEqual(['--ip-address-space-overrides=127.0.0.1:4200=public']);
  expect(chromiumPublicArgs(['127.0.0.2:20001'])).toEqual(['--ip-address-space-overrides=127.0.0.1:4200=public,127.0.0.2:20001=public']);
  expect(firefoxPublicPrefs()).toEqual({ 'network.lna.address_space.public.override': '127.0.0.1:4200', 'permissions.default.loopback-network': 2 });
  expect(firefoxPublicPrefs(['127.0.0.2:20001'])['network.lna.address_space.public.override']).toBe('127.0.0.1:4200,127.0.0.2:20001');
  expect(grantedOrigins).toEqual(['http://granted.public.localhost:4200']);
  expect(Object.fromEntries(labBrowsers.map((b) => [b.name, b.localNetworkPermission]))).toEqual({
    chromium: 'local-network-access',
    firefox: 'loopback-network',
    webkit: null,
  });
});

test('the dashboard offers the public pages but drives them only when asked; catalog.json says so, and check names their relation public', () => {
  expect(origins.filter(onDashboard).map((o) => o.id)).toEqual([
    'attacker',
    'partner',
    'sibling',
    'lookalike-suffix',
    'lookalike-prefix',
    'null',
    'public',
    'public-granted',
  ]);
  expect(origins.filter(onDashboardByDefault).map((o) => o.id)).toEqual(['attacker', 'partner', 'sibling', 'lookalike-suffix', 'lookalike-prefix', 'null']);
  const served = publicCatalog().origins;
  expect(served.filter((o) => o.onDashboard).map((o) => o.id)).toEqual(origins.filter(onDashboard).map((o) => o.id));
  expect(served.filter((o) => o.onDashboardByDefault).map((o) => o.id)).toEqual(origins.filter(onDashboardByDefault).map((o) => o.id));
  expect([relationOfLabOrigin.public, relationOfLabOrigin['public-granted']]).toEqual(['public', 'public']);
});

test('catalog.json tells the pages what a browser must be told at start-up: the settings the lab launches its own browsers with', () => {
  const { publicPages } = publicCatalog();
  expect(publicPages.address).toBe(publicPagesAddress);
  expect(publicPages.chromiumSwitches).toEqual(chromiumPublicArgs());
  expect(publicPages.firefoxPrefs).toEqual(firefoxPublicPrefs());
});

// A trainer starts their own browser from the README's and the guide's words: they must be the
// settings the lab launches its own browsers with, to the letter.
for (const doc of ['README.md', 'docs/TRAINING.md']) {
  test(`${doc} gives a trainer's browser the lab's launch settings for the public pages`, () => {
    const text = readFileSync(doc, 'utf8').replace(/\s+/g, ' ');
    const { chromiumSwitches, firefoxPrefs } = publicCatalog().publicPages;
    for (const option of chromiumSwitches) expect(text).toContain(`--user-data-dir="$(mktemp -d)" ${option}`);
    for (const [name, value] of Object.entries(firefoxPrefs)) expect(text).toContain(`\`${name}\` = \`${value}\``);
  });
}

// No configuration names a public page: only those that share with everyone by construction
// (`*`, or any origin reflected) answer one, and both public pages alike.
test('only the configurations that trust every origin answer the public pages', async ({ sharedApp }) => {
  const readers = new Map<string, string[]>();
  for (const o of publicPages) {
    const ids: string[] = [];
    for (const { id } of configurations) {
      const res = await sharedApp.inject({ url: `/c/${id}/rates`, headers: { origin: o.origin } });
      if (['*', o.origin].includes(String(res.headers['access-control-allow-origin']))) ids.push(id);
    }
    readers.set(o.id, ids);
  }
  expect(readers.get('public-granted')).toEqual(readers.get('public'));
  expect(readers.get('public')).toEqual([
    'wildcard',
    'wildcard-credentials',
    'reflect-any-origin',
    'csrf-token',
    'origin-check',
    'fetch-metadata',
    'samesite-lax',
    'samesite-strict',
    'partitioned-session',
  ]);
});
