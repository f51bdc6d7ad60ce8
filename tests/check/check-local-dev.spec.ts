// `cors-lab check` on a local development setup: an API on http://localhost:3000 whose exact
// allowlist trusts the dev server on http://localhost:5173. The two differ only in port, so
// they are one origin pair of one site, and the origin world must tell them apart by port.
// The expectations are written from the rules, by hand:
// - only the allowlisted dev server reads: an exact allowlist echoes no other Origin;
// - its session cookie (SameSite=None; Secure, allowed on localhost, a potentially trustworthy
//   origin) rides from the dev server, which is same-site with the API (ports don't separate
//   sites, RFC 6265bis §5.2), whatever the third-party-cookie policy;
// - every origin can write: a top-level form POST carries a SameSite=None cookie, and CORS
//   never governs a navigation.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkCommand } from '../../cli/check-command.js';
import { EXIT } from '../../cli/command-core.js';
import type { CheckReport } from '../../cli/check-output.js';

const api = 'http://localhost:3000';
const devServer = 'http://localhost:5173';

for (const browser of ['chromium', 'firefox'] as const) {
  test(`check on a local dev setup (${api} trusting ${devServer}) in ${browser}: the dev server reads, nothing else does, every origin writes`, async () => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'cors-lab-check-local-'));
    const options = join(dir, 'dev-cors.mjs');
    writeFileSync(options, `export default { origin: ['${devServer}'], credentials: true };\n`);
    const json = join(dir, 'check.json');
    const printed: string[] = [];
    const code = await checkCommand(['--api', api, '--trusted', devServer, '--cors', options, '--browser', browser, '--json', json], {
      log: (s) => printed.push(s),
      error: (s) => printed.push(s),
    });
    expect([EXIT.safe, EXIT.exploitable], printed.join('\n')).toContain(code);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    expect(report.disagreements, printed.join('\n')).toBe(0);
    // localhost has no registrable domain (no sibling) and no dot (no unescaped-dot look-alike).
    expect(report.origins.map((o) => [o.relation, o.origin])).toEqual([
      ['trusted', devServer],
      ['cross-site', 'https://evil.test'],
      ['lookalike-suffix', 'http://evillocalhost:5173'],
      ['lookalike-prefix', 'http://localhost.evil.test:5173'],
      ['null', 'null'],
    ]);
    expect(report.verdicts).toHaveLength(report.origins.length * 2);
    for (const v of report.verdicts) {
      const relation = report.origins.find((o) => o.id === v.origin)!.relation;
      expect({ relation, policy: v.cookiePolicy, read: v.read, write: v.write }).toEqual({
        relation,
        policy: v.cookiePolicy,
        read: relation === 'trusted',
        write: true,
      });
    }
    expect(report.exploitable).toBe(true);
    expect(code).toBe(EXIT.exploitable);
  });
}
