// `cors-lab check` on the README's three examples, in each browser: the verdict for every
// derived origin, per cookie policy. The expectations are written here from what each
// example's options trust and from the cookie rules, by hand, never from a run:
// - a read needs the origin trusted with credentials AND the session cookie riding along;
// - the session cookie (SameSite=None) rides on a credentialed fetch when the page is
//   same-site for cookies, or when third-party cookies are allowed;
// - every origin can write: a cross-site top-level form POST carries a SameSite=None cookie
//   (a navigation is first-party) and CORS never governs it.
import { readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { checkCommand } from '../../cli/check-command.js';
import { EXIT } from '../../cli/command-core.js';
import type { CheckReport } from '../../cli/check-output.js';
import { exampleReportPath } from './example-reports.js';

const api = 'https://api.example.com';
const trusted = 'https://www.example.com';

/** Same site as api.example.com for cookies: schemeful in Chromium, by registrable domain in Firefox. */
const cookieSameSite: Record<'chromium' | 'firefox', string[]> = {
  chromium: ['https://www.example.com', 'https://compromised.example.com', 'https://evilwww.example.com'],
  firefox: ['https://www.example.com', 'https://compromised.example.com', 'https://evilwww.example.com', 'http://www.example.com'],
};

/** Which derived origins each example's options let read with credentials. */
const trustedBy: Record<string, (origin: string) => boolean> = {
  // An exact allowlist: only the trusted origin.
  'allowlist.mjs': (o) => o === trusted,
  // /example\.com$/ — no start anchor: every origin that merely ends in example.com.
  'regex-unanchored.mjs': (o) => o !== 'null' && o.endsWith('example.com'),
  // origin: true reflects every Origin, `null` included.
  'reflect-any-origin.mjs': () => true,
};

for (const browser of ['chromium', 'firefox'] as const) {
  for (const example of Object.keys(trustedBy)) {
    test(`check on examples/${example} in ${browser}: the read and write verdicts of every derived origin follow the rules`, async () => {
      test.setTimeout(180_000);
      // Kept for the probe project's serve-versus-check comparison (tests/probe/serve-vs-check.spec.ts).
      const json = exampleReportPath(example, browser);
      rmSync(json, { force: true });
      const printed: string[] = [];
      const code = await checkCommand(['--api', api, '--trusted', trusted, '--cors', `examples/${example}`, '--browser', browser, '--json', json], {
        log: (s) => printed.push(s),
        error: (s) => printed.push(s),
      });
      expect(code, printed.join('\n')).not.toBe(EXIT.noVerdict);
      const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
      expect(report.disagreements, printed.join('\n')).toBe(0);
      expect(report.schemaVersion).toBe(2);
      expect(report.origins.map((o) => o.relation).sort()).toEqual(
        [
          'trusted',
          'cross-site',
          'sibling',
          'lookalike-suffix',
          'lookalike-suffix',
          'lookalike-prefix',
          'unescaped-dot',
          'unescaped-dot',
          'scheme-downgrade',
          'null',
        ].sort(),
      );
      expect(report.verdicts).toHaveLength(report.origins.length * 2);
      for (const v of report.verdicts) {
        const origin = report.origins.find((o) => o.id === v.origin)!.origin;
        const cookieRides = cookieSameSite[browser].includes(origin) || v.cookiePolicy === 'third-party-allowed';
        expect({ origin: v.origin, policy: v.cookiePolicy, read: v.read, write: v.write }).toEqual({
          origin: v.origin,
          policy: v.cookiePolicy,
          read: trustedBy[example]!(origin) && cookieRides,
          write: true,
        });
      }
      // Every example lets some untrusted origin write (a form POST), so every one exits 1.
      expect(report.exploitable).toBe(true);
      expect(code).toBe(EXIT.exploitable);
    });
  }
}

test('cors-lab check through the package bin: bad input is one line on stderr and exit 2, and nothing starts', () => {
  const run = spawnSync('npx', ['cors-lab', 'check', '--api', 'https://api.example.com', '--cors', 'examples/no-such-file.mjs'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^cors-lab check: .*no-such-file\.mjs/);
  expect(run.stdout).toBe('');
});
