// The CLI's command list, through the real bin: the usage and the unknown-command message read
// the same list, so a command added to one is in the other.
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

const COMMANDS = ['check', 'probe', 'serve', 'explain', 'doctor'];

test('cors-lab with an unknown command says which commands exist, guesses the one meant, and exits 2', () => {
  const run = spawnSync('npx', ['cors-lab', 'chek'], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe(`cors-lab: unknown command "chek" (did you mean check?); the commands are: ${COMMANDS.join(', ')}`);
});

test('cors-lab --help lists every command, each with how to get its own help', () => {
  const run = spawnSync('npx', ['cors-lab', '--help'], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  const listed = [...run.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]);
  expect(listed).toEqual(COMMANDS);
  for (const command of COMMANDS) expect(run.stdout).toContain(`(cors-lab ${command} --help)`);
});
