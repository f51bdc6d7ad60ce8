// The origin world reached directly (engine/browsers/direct-world.ts): each browser is told to
// resolve loopback names to 127.0.0.1 and every other name to the public stand-in 127.0.0.2,
// on the world's port. The switch and pref syntax is Chromium's `--host-resolver-rules` (MAP
// host replacement:port, comma-separated) and Firefox's network.socket.forcePort
// (`from=to;…`), written out here by hand.
import { expect, test } from '@playwright/test';
import { chromiumDirectArgs, firefoxDirectPrefs, publicWorldAddress } from '../../../engine/browsers/direct-world.js';

const world = { port: 23456, loopbackHosts: ['localhost'], publicHosts: ['evil.test', 'evillocalhost'], ports: [3000, 443, 5173] };

test('Chromium maps loopback names to 127.0.0.1 and the rest to 127.0.0.2, on the world port', () => {
  expect(chromiumDirectArgs(world)).toEqual([
    '--host-resolver-rules=MAP localhost 127.0.0.1:23456, MAP evil.test 127.0.0.2:23456, MAP evillocalhost 127.0.0.2:23456',
  ]);
  expect(publicWorldAddress(world)).toBe('127.0.0.2:23456');
});

test('Firefox resolves every name it asks DNS for to 127.0.0.2 and moves each port to the world port', () => {
  expect(firefoxDirectPrefs(world)).toEqual({
    'network.dns.forceResolve': '127.0.0.2',
    'network.socket.forcePort': '3000=23456;443=23456;5173=23456',
    'network.dns.disableIPv6': true,
  });
});
