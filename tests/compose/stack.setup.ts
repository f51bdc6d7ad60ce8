// Builds the two images and brings the stack up, as a trainer's `docker compose up` would,
// then waits for both healthchecks. The tests that depend on this project run against the
// containers; the `compose-down` project stops them afterwards, also on failure.
import { test as setup } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { ATTACKER_PORT, BANK_PORT, LOOPBACK_ADDRESS, PUBLIC_PORT } from '../../catalog/index.js';
import { SERVICES, compose, containerOf, docker, imageSize, inspect, untilHealthy } from './stack.js';

/** Seconds `up` may take until both containers are healthy (the healthchecks' start_period is 60 s). */
const HEALTH_WAIT_S = Number(process.env.HEALTH_WAIT ?? 120);

/** The published ports must be free, or the tests would talk to whatever holds them. */
async function assertFree(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`${LOOPBACK_ADDRESS}:${port} is in use (${error.code}); stop the lab running there (ss -ltnp | grep :${port})`)),
    );
    server.listen(port, LOOPBACK_ADDRESS, resolve);
  });
  await new Promise((resolve) => server.close(resolve));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

setup('docker-compose builds bank and attacker, and both become healthy', async () => {
  // A first build runs `npm ci` inside the image.
  setup.setTimeout(20 * 60_000);
  // A stack left over from an interrupted run.
  await compose('down', '--remove-orphans', '--volumes');
  await compose('config', '-q');
  for (const port of [BANK_PORT, ATTACKER_PORT, PUBLIC_PORT]) await assertFree(port);
  // The tests reach the bank container through Docker's port forwarding, not from loopback,
  // so it lets them add accounts only with the trainer token (README, "Sharing the lab with a
  // class"). A random one per run, in this project's environment: `compose up` gives it to the
  // bank (docker-compose.yml), and Playwright gives a setup project's environment to the
  // projects that depend on it, whose bank client sends it (tests/fixtures.ts).
  process.env.LAB_TRAINER_TOKEN = randomBytes(18).toString('base64url');

  const built = performance.now();
  await compose('build', ...SERVICES);
  console.log(
    `[compose] built ${SERVICES.join(' and ')} in ${seconds(performance.now() - built)} (NODE_IMAGE=${process.env.NODE_IMAGE ?? 'the Dockerfile default'})`,
  );
  // Images a rebuild replaced, when built on the base image `.ci/run` makes (they carry its label).
  await docker('image', 'prune', '-f', '--filter', 'label=cors-lab.fingerprint');

  // Docker's health events from `up` on (with docker-compose 1.29, `up` itself waits for the
  // bank's healthcheck before it starts the attacker: depends_on service_healthy).
  const up = Date.now();
  await Promise.all([untilHealthy(up, HEALTH_WAIT_S * 1000), compose('up', '-d', ...SERVICES)]);
  console.log(`[compose] up -> both healthy: ${seconds(Date.now() - up)}`);

  for (const service of SERVICES) {
    const { Config } = await inspect(await containerOf(service));
    console.log(`[compose] ${service}: ${Config.Image}, ${((await imageSize(Config.Image)) / 1e6).toFixed(1)} MB`);
  }
});
