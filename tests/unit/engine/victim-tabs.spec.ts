// The victim replaces an attack's earlier tab with its later one. Which tab is "the same"
// comes from parsing the navigation's probe with its own format (catalog/probe-ids.ts), for
// the matrix's probes, `cors-lab check`'s and `cors-lab probe`'s alike.
import { probeId, probeRegExp } from '../../../catalog/index.js';
import { tabKeyOf } from '../../../engine/victim.js';
import { expect, test } from '../bank-server/helper.js';

const matrix = (time: string, origin: string, attack: string) =>
  probeId('matrix', { time, browser: 'chromium', cookiePolicy: 'third-party-allowed', config: 'allowlist', origin, attack });

test('two matrix navigations of one origin and attack share a tab; another origin or attack does not', () => {
  const key = tabKeyOf(matrix('aaaa1', 'attacker', 'nav-form-post'));
  expect(key).not.toBeNull();
  expect(tabKeyOf(matrix('bbbb2', 'attacker', 'nav-form-post'))).toBe(key);
  expect(tabKeyOf(matrix('aaaa1', 'partner', 'nav-form-post'))).not.toBe(key);
  expect(tabKeyOf(matrix('aaaa1', 'attacker', 'nav-get'))).not.toBe(key);
});

test('check’s probes are parsed with the check format: the derived page and the attack', () => {
  // Filled from the format's own parts, whatever they are, so this follows the format.
  const fill = (n: string, attack: string, time: string) =>
    probeRegExp('check').source.includes('(?<config>')
      ? probeId('check', { time, browser: 'firefox', cookiePolicy: 'third-party-blocked', config: 'user', n, attack })
      : probeId('check', { time, browser: 'firefox', cookiePolicy: 'third-party-blocked', n, attack });
  const key = tabKeyOf(fill('3', 'nav-form-post', 'aaaa1'));
  expect(key).not.toBeNull();
  expect(tabKeyOf(fill('3', 'nav-form-post', 'bbbb2'))).toBe(key);
  expect(tabKeyOf(fill('4', 'nav-form-post', 'aaaa1'))).not.toBe(key);
  expect(key).not.toBe(tabKeyOf(matrix('aaaa1', '3', 'nav-form-post')));
});

test('probe’s probes are parsed with the probe format: one tab per derived page and attack, whichever target it aimed at', () => {
  const fill = (target: string, n: string, attack: string) =>
    probeId('probe', { time: 'aaaa1', browser: 'chromium', cookiePolicy: 'third-party-allowed', target, n, attack });
  const key = tabKeyOf(fill('allowlist', '3', 'nav-form-post'));
  expect(key).not.toBeNull();
  // The targets take turns in one victim, as check's configurations do: a later target's navigation takes the earlier one's tab.
  expect(tabKeyOf(fill('reflect-any-origin', '3', 'nav-form-post'))).toBe(key);
  expect(tabKeyOf(fill('allowlist', '4', 'nav-form-post'))).not.toBe(key);
  expect(tabKeyOf(fill('allowlist', '3', 'nav-get'))).not.toBe(key);
});

test('a probe of no cell format names no tab', () => {
  expect(tabKeyOf('manual-abcd-nav-get')).toBeNull();
  expect(tabKeyOf('x.y.attacker.nav-get')).toBeNull();
});
