// What `docker compose up` promises, read from Docker itself: both containers healthy, the
// lab's three ports (the bank, the attacker site, its public pages) published on loopback
// only, and the `tests` service left out of `up`.
import { expect, test } from '@playwright/test';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { ATTACKER_PORT, BANK_PORT, LOOPBACK_ADDRESS, PUBLIC_PORT } from '../../catalog/index.js';
import { SERVICES, compose, containerOf, inspect } from './stack.js';

for (const service of SERVICES) {
  test(`the ${service} container is running and healthy`, async () => {
    const { State } = await inspect(await containerOf(service));
    expect(State.Running).toBe(true);
    expect(State.Health?.Status).toBe('healthy');
  });
}

test('the bank publishes the lab’s three ports on 127.0.0.1 only; the attacker shares its network', async () => {
  const bankId = await containerOf('bank');
  const bank = await inspect(bankId);
  const published = Object.entries(bank.NetworkSettings.Ports).flatMap(([containerPort, bindings]) =>
    (bindings ?? []).map((b) => ({ containerPort, hostIp: b.HostIp, hostPort: Number(b.HostPort) })),
  );
  expect(published.map((b) => b.hostPort).sort((a, b) => a - b)).toEqual([BANK_PORT, ATTACKER_PORT, PUBLIC_PORT]);
  for (const binding of published) {
    expect(binding.hostIp, `${binding.containerPort}`).toBe(LOOPBACK_ADDRESS);
    // Same port on both sides: the port is part of every origin the catalog trusts.
    expect(binding.containerPort).toBe(`${binding.hostPort}/tcp`);
  }
  const attacker = await inspect(await containerOf('attacker'));
  expect(attacker.HostConfig.NetworkMode).toBe(`container:${bankId}`);
});

/** Whether a TCP connection to address:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

test('the lab ports refuse connections on this machine’s other addresses', async () => {
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  test.skip(others.length === 0, 'this machine has no non-loopback IPv4 address to try');
  for (const address of others) {
    for (const port of [BANK_PORT, ATTACKER_PORT, PUBLIC_PORT]) expect(await accepts(address, port), `${address}:${port}`).toBe(false);
  }
});

test('`up` starts bank and attacker only; the tests service waits behind its profile', async () => {
  const running = await Promise.all(
    (await compose('ps', '-q'))
      .trim()
      .split('\n')
      .map(async (id) => (await inspect(id)).Config.Labels['com.docker.compose.service']),
  );
  expect(running.sort()).toEqual([...SERVICES].sort());
  const withProfile = (await compose('--profile', 'tests', 'config', '--services')).trim().split('\n');
  expect(withProfile.sort()).toEqual([...SERVICES, 'tests'].sort());
});
