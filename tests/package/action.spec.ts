// The GitHub Action (action.yml), run here step by step as GitHub's runner runs a composite
// action (tests/package/composite-action.ts), from a checkout of this repository as GitHub makes
// one for `uses: OWNER/cors-lab@ref`. The `uses:` step (the SARIF upload) is left to GitHub.
// Expectations come from the action's contract and the rules, never from a run:
// - it installs only the runtime dependencies, and no browser when doctor finds them usable;
// - regex-unanchored.mjs lets untrusted origins write (a form POST always can), so the job fails
//   with exit 1, after writing the reports it was asked for;
// - bad input is exit 2, and an input never becomes shell code.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CheckReport } from '../../cli/check-output.js';
import { readAction, runAction } from './composite-action.js';

test.describe.configure({ mode: 'serial' });

const action = readAction();
let actionPath = '';

test.beforeAll(() => {
  test.setTimeout(300_000);
  // GitHub checks out the action's repository at the ref: every tracked file, as committed here.
  actionPath = join(mkdtempSync(join(realpathSync(tmpdir()), 'cors-lab-action-repo-')), 'cors-lab');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files.filter((f) => existsSync(f))) {
    mkdirSync(join(actionPath, dirname(file)), { recursive: true });
    cpSync(file, join(actionPath, file));
  }
});

const workspace = () => {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'cors-lab-workspace-'));
  mkdirSync(join(dir, 'src'));
  cpSync('examples/regex-unanchored.mjs', join(dir, 'src', 'cors-options.mjs'));
  return dir;
};

test('the action installs cors-lab, keeps the browsers it finds usable, runs check, writes the reports and fails the job with exit 1', async () => {
  test.setTimeout(600_000);
  const dir = workspace();
  const steps = runAction(action, actionPath, dir, {
    api: 'https://api.example.com',
    trusted: 'https://www.example.com\nhttps://admin.example.com\n',
    cors: 'src/cors-options.mjs',
    browsers: 'chromium',
    args: '--html=cors-lab.html\n',
    junit: 'cors-lab.xml',
    'upload-sarif': 'true',
  });
  const step = (name: string) => steps.find((s) => s.name === name)!;
  const log = steps.map((s) => `--- ${s.name} (${s.status})\n${s.output}`).join('\n');
  expect(
    steps.map((s) => [s.name, s.status]),
    log,
  ).toEqual([
    ['Install cors-lab', 0],
    ['Browsers', 0],
    ['Run cors-lab', 0],
    ['Upload SARIF', null],
    ['Verdict', 1],
  ]);
  // Runtime dependencies only: Playwright's driver, not its test runner.
  expect(existsSync(join(actionPath, 'node_modules/playwright-core/package.json'))).toBe(true);
  expect(existsSync(join(actionPath, 'node_modules/@playwright/test'))).toBe(false);
  expect(step('Browsers').output).toContain('the browsers are usable; nothing to install');
  expect(step('Verdict').output).toContain('::error title=cors-lab check::');
  for (const file of ['cors-lab.json', 'cors-lab.sarif', 'cors-lab.xml', 'cors-lab.html']) expect(existsSync(join(dir, file)), file).toBe(true);
  const report = JSON.parse(readFileSync(join(dir, 'cors-lab.json'), 'utf8')) as CheckReport;
  expect(report.trusted).toEqual(['https://www.example.com', 'https://admin.example.com']);
  expect(report.browsers.map((b) => b.name)).toEqual(['chromium', 'chromium']);
  expect(report.exploitable).toBe(true);
});

test('bad input fails the job with exit 2, and an input is never run as shell code', () => {
  test.setTimeout(300_000);
  const dir = workspace();
  const steps = runAction(action, actionPath, dir, {
    api: 'https://api.example.com',
    trusted: '$(touch pwned)`touch pwned`;touch pwned',
    cors: 'src/cors-options.mjs',
    browsers: 'chromium',
  });
  expect(steps.at(-1)).toMatchObject({ name: 'Verdict', status: 2 });
  expect(steps.find((s) => s.name === 'Run cors-lab')!.output).toMatch(/^cors-lab check: --trusted/m);
  expect(existsSync(join(dir, 'pwned'))).toBe(false);
});
