// docker-compose.yml is valid for Compose, and publishes the vulnerable bank on loopback only.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';

function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

test('docker-compose.yml passes `compose config` and binds only 127.0.0.1', () => {
  const compose = composeCommand();
  test.skip(compose === null, 'neither `docker compose` nor `docker-compose` is installed (.ci/run installs docker-compose)');
  const [command, ...args] = compose!;
  const run = spawnSync(command!, [...args, 'config'], { encoding: 'utf8', env: { ...process.env, LAB_CONFIG: '', COOKIE_SECRET: '' } });
  expect(run.status, run.stderr).toBe(0);
  const published = [...run.stdout.matchAll(/host_ip: (\S+)|- (\S+):\d+:\d+/g)].map((m) => m[1] ?? m[2]);
  expect(published.length).toBeGreaterThanOrEqual(2);
  for (const hostIp of published) expect(hostIp).toBe('127.0.0.1');
  expect(run.stdout).toMatch(/profiles:\s*\n\s*- tests/);
});
