// `cors-lab serve`'s bank, probed, gives the same read and write verdicts as `check` with the
// same file, for the README's three examples, in each browser. Both sides are observations,
// never a prediction against a prediction: the check side is the `check` project's own run of
// the same examples, same names and browser, which this project depends on
// (tests/check/check-examples.spec.ts). As in that run, the three banks are served side by side
// under /c/<example> (tests/probe/served-examples.ts) and observed in one run per browser: one
// victim per cookie policy and one login, each example a probe target with its own endpoints,
// and each example's report made by probe's own report code from that target's cells.
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { CheckReport } from '../../cli/check-output.js';
import { exampleId, exampleReportPath } from '../check/example-reports.js';
import { api, probeSideBySide, trusted } from './run-probe.js';
import { serveExamples } from './served-examples.js';

const examples = ['allowlist.mjs', 'regex-unanchored.mjs', 'reflect-any-origin.mjs'];

const verdictsOf = (report: { verdicts: { origin: string; cookiePolicy: string; read: boolean; write: boolean }[] }) =>
  report.verdicts
    .map((v) => ({ origin: v.origin, cookiePolicy: v.cookiePolicy, read: v.read, write: v.write }))
    .sort((a, b) => `${a.origin}${a.cookiePolicy}`.localeCompare(`${b.origin}${b.cookiePolicy}`));

for (const browser of ['chromium', 'firefox'] as const) {
  test(`serve's bank for ${examples.map((e) => `examples/${e}`).join(', ')}, side by side, probed in ${browser} in one run: each gives check's verdicts`, async () => {
    test.setTimeout(480_000);
    const served = await serveExamples(examples, api, trusted);
    let probed: Awaited<ReturnType<typeof probeSideBySide>>;
    try {
      probed = await probeSideBySide(
        browser,
        ['--api', api, '--upstream', served.url, '--trusted', trusted, '--login', served.login.endpoint, '--login-body', served.login.body],
        examples.map((example) => {
          const { read, write } = served.endpoints(exampleId(example));
          return { id: exampleId(example), endpoints: ['--read', read, '--write', write.endpoint, '--write-body', write.body] };
        }),
      );
    } finally {
      await served.close();
    }
    for (const example of examples) {
      const { report, printed } = probed[exampleId(example)]!;
      expect(report.disagreements, `examples/${example}: ${printed}`).toBe(0);
      const json = exampleReportPath(example, browser);
      expect(existsSync(json), `${json}: the check project's report of examples/${example} in ${browser} (run the check project first)`).toBe(true);
      const checked = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
      expect({ example, api: checked.api, trusted: checked.trusted }).toEqual({ example, api, trusted: [trusted] });
      expect({ example, verdicts: verdictsOf(report) }).toEqual({ example, verdicts: verdictsOf(checked) });
    }
  });
}
