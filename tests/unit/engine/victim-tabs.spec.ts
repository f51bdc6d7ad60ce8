// The victim replaces an attack's earlier tab with its later one. Which tab is "the same"
// comes from parsing the navigation's probe with its own format (catalog/probe-ids.ts), for
// the matrix's probes and `cors-lab check`'s alike.
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

test('a probe of no cell format names no tab', () => {
  expect(tabKeyOf('manual-abcd-nav-get')).toBeNull();
  expect(tabKeyOf('x.y.attacker.nav-get')).toBeNull();
});
