// `cors-lab check` on a local development setup: an API on http://localhost:3000 and its dev
// server's front end on http://localhost:5173, both on loopback. Every other derived origin is
// a public website to the browser, so Local Network Access applies, and each is judged with
// the permission denied (a prompt nobody answers) and granted. Three setups side by side in one
// run per browser: the README's two dev-server examples, and an exact allowlist of the dev server.
// The expectations are written here from the rules, by hand:
// - the two loopback origins differ only in port: one site (ports never separate sites,
//   RFC 6265bis §5.2), so the dev server's SameSite=None session rides along whatever the
//   third-party-cookie policy; every other page is cross-site, and its cookie rides only where
//   third-party cookies are allowed;
// - Local Network Access (WICG): a public page's request to loopback is never sent unless the
//   permission is granted; a top-level navigation (the form POST) is not gated; Chromium denies
//   the permission to a page that is no secure context (http:// on a public name), Firefox ESR
//   153 does not;
// - a read needs the options to trust the page with credentials, the cookie, and the request
//   sent; `origin: '*'` never lets a credentialed answer be read (Fetch §4.9);
// - a write arrives with the session on a simple request (no preflight), or on the JSON POST
//   once its preflight passes with credentials (the wildcard's never does).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { AttackId } from '../../catalog/index.js';
import { configurationOf } from '../../cli/check-command.js';
import { parseCheckArgs } from '../../cli/check-input.js';
import { checkReport } from '../../cli/check-output.js';
import { EXIT, exitCodeOf } from '../../cli/command-core.js';
import { runCheck } from '../../engine/check-run.js';
import { deriveOrigins } from '../../rules/derive-origins.js';

const api = 'http://localhost:3000';
const devServer = 'http://localhost:5173';

/** Which derived origins each setup lets read with credentials. */
const readableBy: Record<string, (origin: string) => boolean> = {
  'dev-allowlist': (o) => o === devServer,
  'dev-server-reflect': () => true,
  'dev-server-any-origin': () => false,
};
/** Whether each setup's preflight passes for a credentialed JSON POST from the origin. */
const preflightPassesBy: Record<string, (origin: string) => boolean> = readableBy;

/** The pages a secure context: https, or a loopback host (Secure Contexts §3.1). */
const secureContext = (origin: string) => origin.startsWith('https://') || origin === devServer || origin === 'null';

for (const browser of ['chromium', 'firefox'] as const) {
  test(`check on a local API (${api}, dev server ${devServer}) in ${browser}: every public page is judged with Local Network Access denied and granted, per relation`, async () => {
    test.setTimeout(300_000);
    const dir = mkdtempSync(join(tmpdir(), 'cors-lab-check-local-'));
    const allowlist = join(dir, 'dev-allowlist.mjs');
    writeFileSync(allowlist, `export default { origin: ['${devServer}'], credentials: true };\n`);
    const files = {
      'dev-allowlist': allowlist,
      'dev-server-reflect': 'examples/dev-server-reflect.mjs',
      'dev-server-any-origin': 'examples/dev-server-any-origin.mjs',
    };
    const inputs = await Promise.all(
      Object.values(files).map((file) => parseCheckArgs(['--api', api, '--trusted', devServer, '--cors', file, '--browser', browser])),
    );
    const ids = Object.keys(files);
    const configs = inputs.map((input, n) => ({ ...configurationOf(input), id: ids[n]! }));
    const { origins, notes } = deriveOrigins(new URL(api), [new URL(devServer)]);
    // localhost has no registrable domain (no sibling) and no dot (no unescaped-dot look-alike).
    expect(origins.map((o) => [o.relation, o.origin])).toEqual([
      ['trusted', devServer],
      ['cross-site', 'https://evil.test'],
      ['lookalike-suffix', 'http://evillocalhost:5173'],
      ['lookalike-prefix', 'http://localhost.evil.test:5173'],
      ['null', 'null'],
    ]);
    const run = await runCheck({ api: new URL(api), configs, origins, browsers: [browser] });
    for (const [n, id] of ids.entries()) {
      const report = checkReport({ ...inputs[n]!, origins, notes }, { browsers: run.browsers, cells: run.cells.filter((c) => c.config === id) });
      expect(report.disagreements, `${id}: ${report.cells.filter((c) => !c.agree).map((c) => `${c.origin} ${c.localNetworkAccess} ${c.attack}`)}`).toBe(0);
      // The dev server once per cookie policy; each public page once per policy and permission state.
      expect(report.verdicts).toHaveLength((1 + 4 * 2) * 2);
      for (const v of report.verdicts) {
        const origin = origins.find((o) => o.id === v.origin)!;
        const onLoopback = origin.relation === 'trusted';
        // A page on loopback makes no local network request: no state.
        if (onLoopback) expect(v.localNetworkAccess, v.origin).toBeUndefined();
        else expect(['denied', 'granted'], v.origin).toContain(v.localNetworkAccess);
        const sent = onLoopback || (v.localNetworkAccess === 'granted' && (browser === 'firefox' || secureContext(origin.origin)));
        const cookieRides = onLoopback || v.cookiePolicy === 'third-party-allowed';
        const writes: AttackId[] = ['form-post'];
        if (sent && cookieRides) writes.push('fetch-post-form', 'no-cors-post');
        if (sent && cookieRides && preflightPassesBy[id]!(origin.origin)) writes.push('fetch-post-json');
        const key = { id, relation: origin.relation, policy: v.cookiePolicy, state: v.localNetworkAccess };
        expect({ ...key, read: v.read, writeBy: [...v.writeBy].sort() }).toEqual({
          ...key,
          read: sent && cookieRides && readableBy[id]!(origin.origin),
          writeBy: writes.sort(),
        });
      }
      // A form POST from every public page arrives with the session whatever the permission: exit 1.
      expect(report.exploitable).toBe(true);
      expect(exitCodeOf(report)).toBe(EXIT.exploitable);
    }
  });
}
