// `cors-lab check` on the README's three examples, in each browser: the verdict for every
// derived origin, per cookie policy, from check's own parser, engine and report (the command
// itself, end to end from a user's project, is the package project's). The expectations are written here from what each
// example's options trust and from the cookie rules, by hand, never from a run:
// - a read needs the origin trusted with credentials AND the session cookie riding along;
// - the session cookie (SameSite=None) rides on a credentialed fetch when the page is
//   same-site for cookies, or when third-party cookies are allowed;
// - every origin can write: a cross-site top-level form POST carries a SameSite=None cookie
//   (a navigation is first-party) and CORS never governs it.
// Each example's HTML report is written too, and its pictures read against its JSON cells.
import { readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { attacks } from '../../catalog/index.js';
import { configurationOf, writeReportFiles } from '../../cli/check-command.js';
import { parseCheckArgs } from '../../cli/check-input.js';
import { checkReport, type CheckReport } from '../../cli/check-output.js';
import { EXIT, exitCodeOf } from '../../cli/command-core.js';
import { runCheck } from '../../engine/check-run.js';
import { deriveOrigins } from '../../rules/derive-origins.js';
import { expectPicturesOfCells } from './example-pictures.js';
import { exampleId, exampleReportPath } from './example-reports.js';

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

const examples = Object.keys(trustedBy);

for (const browser of ['chromium', 'firefox'] as const) {
  // One run per browser: the three examples' banks side by side under /c/<example> (as the
  // engine serves several configurations), one victim logging in to each, every derived origin
  // attacking each. Each example's report is then made as `check` makes it, from its own cells.
  test(`check on ${examples.map((e) => `examples/${e}`).join(', ')} in ${browser}, in one run: the read and write verdicts of every derived origin follow the rules`, async () => {
    test.setTimeout(300_000);
    const inputs = await Promise.all(
      examples.map((example) =>
        parseCheckArgs([
          '--api',
          api,
          '--trusted',
          trusted,
          '--cors',
          `examples/${example}`,
          '--browser',
          browser,
          '--json',
          exampleReportPath(example, browser),
          '--html',
          exampleReportPath(example, browser, 'html'),
        ]),
      ),
    );
    const configs = inputs.map((input, n) => ({ ...configurationOf(input), id: exampleId(examples[n]!) }));
    const { origins, notes } = deriveOrigins(new URL(api), [new URL(trusted)]);
    const run = await runCheck({ api: new URL(api), configs, origins, browsers: [browser] });
    for (const [n, example] of examples.entries()) {
      const input = inputs[n]!;
      // Kept for the probe project's serve-versus-check comparison (tests/probe/serve-vs-check.spec.ts).
      rmSync(input.json!, { force: true });
      const report = checkReport({ ...input, origins, notes }, { browsers: run.browsers, cells: run.cells.filter((c) => c.config === configs[n]!.id) });
      await writeReportFiles(input, { report, predictions: run.predictions });
      const written = JSON.parse(readFileSync(input.json!, 'utf8')) as CheckReport;
      expect(
        written.disagreements,
        `${example}: ${written.cells.filter((c) => !c.agree).map((c) => `${c.origin} ${c.attack} ${c.differingFields.join(',')}`)}`,
      ).toBe(0);
      expect(written.schemaVersion).toBe(2);
      expect(written.origins.map((o) => o.relation).sort()).toEqual(
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
      // Every origin × attack × cookie policy of this example was observed, in this browser.
      expect(written.cells).toHaveLength(written.origins.length * attacks.filter((a) => a.request.mode !== 'websocket').length * 2);
      expect(written.verdicts).toHaveLength(written.origins.length * 2);
      for (const v of written.verdicts) {
        const origin = written.origins.find((o) => o.id === v.origin)!.origin;
        const cookieRides = cookieSameSite[browser].includes(origin) || v.cookiePolicy === 'third-party-allowed';
        expect({ example, origin: v.origin, policy: v.cookiePolicy, read: v.read, write: v.write }).toEqual({
          example,
          origin: v.origin,
          policy: v.cookiePolicy,
          read: trustedBy[example]!(origin) && cookieRides,
          write: true,
        });
      }
      // Every example lets some untrusted origin write (a form POST), so every one exits 1.
      expect(written.exploitable).toBe(true);
      expect(exitCodeOf(written)).toBe(EXIT.exploitable);
      // The HTML's drawings say what the JSON's cells saw; axe once per browser (it is slow on a page this size).
      await expectPicturesOfCells(input.html!, written, browser, n === 0);
    }
  });
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
