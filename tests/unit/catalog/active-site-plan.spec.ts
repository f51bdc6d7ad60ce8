// LAB_SITE_PLAN: unset or empty is the default plan, a JSON plan is taken as it is, and
// anything else is refused in one line. Each entry point refuses a broken plan before it
// listens: exit code 2, that line alone on stderr, no stack trace.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { SITE_PLAN_SETTING, defaultSitePlan, readSitePlan } from '../../../catalog/index.js';
import { hosted } from './plans.js';

test('unset or empty, LAB_SITE_PLAN is the default plan', () => {
  expect(readSitePlan(undefined)).toEqual({ plan: defaultSitePlan });
  expect(readSitePlan('')).toEqual({ plan: defaultSitePlan });
});

test('a JSON plan that keeps every relation is taken as it is', () => {
  expect(readSitePlan(JSON.stringify(hosted))).toEqual({ plan: hosted });
});

test('text that is no JSON, or JSON that is no good plan, is refused in one line', () => {
  expect(readSitePlan('bank=bank-lab.example')).toEqual({ refused: 'site plan refused: LAB_SITE_PLAN is not JSON' });
  expect(readSitePlan(JSON.stringify({ ...hosted, scheme: 'ftp' }))).toEqual({
    refused: 'site plan refused: scheme must be equal to one of the allowed values (http, https)',
  });
  expect(readSitePlan(JSON.stringify({ ...hosted, partner: hosted.bank }))).toEqual({
    refused: 'site plan refused: the partner (bank-lab.example) is same-site with the bank (bank-lab.example)',
  });
});

const root = fileURLToPath(new URL('../../../', import.meta.url));
const partnerIsBank = JSON.stringify({ ...hosted, partner: hosted.bank, lookalike: `evil${hosted.bank}` });

for (const entry of ['bank-server/server.ts', 'attacker-site/server.ts', 'scripts/start-lab.ts']) {
  test(`${entry} refuses a broken plan before it listens: exit code 2 and one line`, async () => {
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { ...process.env, [SITE_PLAN_SETTING]: partnerIsBank, LAB_DOTENV: 'no' },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('[cors-lab] site plan refused: the partner (bank-lab.example) is same-site with the bank (bank-lab.example)\n');
    expect(run.stdout).toBe('');
  });
}
