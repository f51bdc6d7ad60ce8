// `cors-lab serve --cors <file>` starts the bank `check` builds; probed, it gives the same read
// and write verdicts as `check` with that file, for the README's three examples, in each
// browser. Both sides are observations, never a prediction against a prediction.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkCommand } from '../../cli/check-command.js';
import type { CheckReport } from '../../cli/check-output.js';
import { serveBank } from '../../cli/serve-command.js';
import { api, probe, trusted } from './run-probe.js';

const verdictsOf = (report: { verdicts: { origin: string; cookiePolicy: string; read: boolean; write: boolean }[] }) =>
  report.verdicts
    .map((v) => ({ origin: v.origin, cookiePolicy: v.cookiePolicy, read: v.read, write: v.write }))
    .sort((a, b) => `${a.origin}${a.cookiePolicy}`.localeCompare(`${b.origin}${b.cookiePolicy}`));

for (const browser of ['chromium', 'firefox'] as const) {
  for (const example of ['allowlist.mjs', 'regex-unanchored.mjs', 'reflect-any-origin.mjs']) {
    test(`serve --cors examples/${example}, probed in ${browser}, gives check's verdicts`, async () => {
      test.setTimeout(240_000);
      const served = await serveBank(['--cors', `examples/${example}`, '--port', '0']);
      let probed: Awaited<ReturnType<typeof probe>>;
      try {
        probed = await probe([
          '--api',
          api,
          '--upstream',
          served.url,
          '--trusted',
          trusted,
          '--login',
          served.login.endpoint,
          '--login-body',
          served.login.body,
          '--read',
          served.read,
          '--write',
          served.write.endpoint,
          '--write-body',
          served.write.body,
          '--browser',
          browser,
        ]);
      } finally {
        await served.close();
      }
      expect(probed.report?.disagreements, probed.printed).toBe(0);
      const json = join(mkdtempSync(join(tmpdir(), 'cors-lab-check-')), 'check.json');
      await checkCommand(['--api', api, '--trusted', trusted, '--cors', `examples/${example}`, '--browser', browser, '--json', json], {
        log: () => {},
        error: () => {},
      });
      const checked = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
      expect(verdictsOf(probed.report!)).toEqual(verdictsOf(checked));
    });
  }
}
