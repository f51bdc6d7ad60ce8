// `cors-lab serve --cors <file>` starts the bank `check` builds; probed, it gives the same read
// and write verdicts as `check` with that file, for the README's three examples, in each
// browser. Both sides are observations, never a prediction against a prediction: the check
// side is the `check` project's own run of the same example, same names and browser, which
// this project depends on (tests/check/check-examples.spec.ts).
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { CheckReport } from '../../cli/check-output.js';
import { serveBank } from '../../cli/serve-command.js';
import { exampleReportPath } from '../check/example-reports.js';
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
      const json = exampleReportPath(example, browser);
      expect(existsSync(json), `${json}: the check project's report of examples/${example} in ${browser} (run the check project first)`).toBe(true);
      const checked = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
      expect(checked.api).toBe(api);
      expect(checked.trusted).toEqual([trusted]);
      expect(verdictsOf(probed.report!)).toEqual(verdictsOf(checked));
    });
  }
}
