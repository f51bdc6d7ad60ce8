// docker-compose.yml is valid for Compose, publishes the vulnerable bank on loopback only, and
// takes the bank's trainer token from the environment Compose runs in.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';

function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

/** `compose config`: the file as Compose reads it, with `env` over the lab's settings left empty. */
function composeConfig(env: Record<string, string> = {}) {
  const compose = composeCommand();
  test.skip(compose === null, 'neither `docker compose` nor `docker-compose` is installed (.ci/run installs docker-compose)');
  const [command, ...args] = compose!;
  const run = spawnSync(command!, [...args, 'config'], {
    encoding: 'utf8',
    env: { ...process.env, LAB_CONFIG: '', COOKIE_SECRET: '', LAB_TRAINER_TOKEN: '', ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

test('docker-compose.yml passes `compose config` and binds only 127.0.0.1', () => {
  const config = composeConfig();
  const published = [...config.matchAll(/host_ip: (\S+)|- (\S+):\d+:\d+/g)].map((m) => m[1] ?? m[2]);
  expect(published.length).toBeGreaterThanOrEqual(2);
  for (const hostIp of published) expect(hostIp).toBe('127.0.0.1');
  expect(config).toMatch(/profiles:\s*\n\s*- tests/);
});

test('docker-compose.yml gives the bank the trainer token of its environment, and an empty one (random at start) without', () => {
  const token = 'a-trainer-token-for-this-test';
  const bankEnv = (config: string) => (parse(config) as { services: { bank: { environment: Record<string, string> } } }).services.bank.environment;
  expect(bankEnv(composeConfig({ LAB_TRAINER_TOKEN: token })).LAB_TRAINER_TOKEN).toBe(token);
  expect(bankEnv(composeConfig()).LAB_TRAINER_TOKEN).toBe('');
});
