// Trusting a shared host: /\.github\.io$/ trusts every stranger who hosts a page on GitHub
// Pages. github.io is in the Public Suffix List's private section, so attacker.github.io is
// a site of its own, and `check` derives it as `shared-host` from a trusted docs.github.io.
// Expected from the rules, by hand: it is trusted by the regex, it is cross-site to
// api.example.com, so it reads only where third-party cookies are allowed; like every
// origin, it writes through a form POST carrying the SameSite=None session.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkCommand } from '../../cli/check-command.js';
import { EXIT } from '../../cli/command-core.js';
import type { CheckReport } from '../../cli/check-output.js';

for (const browser of ['chromium', 'firefox'] as const) {
  test(`check on a setup that trusts /\\.github\\.io$/, in ${browser}: attacker.github.io is a shared-host origin that reads where the cookie rides`, async () => {
    test.setTimeout(180_000);
    const json = join(mkdtempSync(join(tmpdir(), 'cors-lab-shared-host-')), 'check.json');
    const printed: string[] = [];
    const args = [
      '--api',
      'https://api.example.com',
      '--trusted',
      'https://docs.github.io',
      '--cors',
      'tests/fixtures/check/trust-github-io.json',
      '--browser',
      browser,
      '--json',
      json,
    ];
    const code = await checkCommand(args, { log: (s) => printed.push(s), error: (s) => printed.push(s) });
    expect(code, printed.join('\n')).not.toBe(EXIT.noVerdict);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    expect(report.disagreements, printed.join('\n')).toBe(0);
    expect(report.origins.filter((o) => o.relation === 'shared-host').map((o) => o.origin)).toEqual(['https://attacker.github.io']);
    const sharedHost = report.verdicts.filter((v) => v.relation === 'shared-host');
    expect(sharedHost.map((v) => ({ policy: v.cookiePolicy, read: v.read, write: v.write })).sort((a, b) => a.policy.localeCompare(b.policy))).toEqual([
      { policy: 'third-party-allowed', read: true, write: true },
      { policy: 'third-party-blocked', read: false, write: true },
    ]);
    expect(printed.join('\n')).toContain('https://attacker.github.io');
    expect(code).toBe(EXIT.exploitable);
  });
}
