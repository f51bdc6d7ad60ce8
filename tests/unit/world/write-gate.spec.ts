// The probe world's write guard, with no proxy and no browser. The expectations are the safety
// rules of `cors-lab probe` (README, "Probe your running API": writes go only to the write
// endpoints, capped per attack, origin, browser and policy, and paced against a remote host),
// with several targets: each marker has its cap on each write path, and the pace is one for
// the whole API.
import { expect, test } from '@playwright/test';
import { WriteGate } from '../../../world/write-gate.js';

const PASS = { refuse: false, waitMs: 0 };
const REFUSE = { refuse: true };

test('each marker may write `writeCap` times to each write path; the rest are refused and counted per path', () => {
  const gate = new WriteGate({ writePaths: ['/a/transfer', '/b/transfer'], writeCap: 1, paceMs: 0 });
  expect(gate.admit('POST', '/a/transfer', 'm1')).toEqual(PASS);
  expect(gate.admit('POST', '/a/transfer', 'm1')).toEqual(REFUSE);
  // A GET aimed at a write path is a write too: only a preflight is not.
  expect(gate.admit('GET', '/a/transfer', 'm1')).toEqual(REFUSE);
  expect(gate.admit('OPTIONS', '/a/transfer', 'm1')).toEqual(PASS);
  // Another marker, or the same marker on another target's write path, has a cap of its own.
  expect(gate.admit('POST', '/a/transfer', 'm2')).toEqual(PASS);
  expect(gate.admit('POST', '/b/transfer', 'm1')).toEqual(PASS);
  expect(gate.admit('PUT', '/b/transfer', 'm1')).toEqual(REFUSE);
  expect([gate.refused('/a/transfer'), gate.refused('/b/transfer')]).toEqual([2, 1]);
});

test('reads and other paths are never writes, however often they come', () => {
  const gate = new WriteGate({ writePaths: ['/transfer'], writeCap: 1, paceMs: 500 });
  for (let n = 0; n < 3; n++) {
    expect(gate.admit('GET', '/me', 'm1', 1_000)).toEqual(PASS);
    expect(gate.admit('POST', '/transfer/other', 'm1', 1_000)).toEqual(PASS);
  }
  expect(gate.refused('/transfer')).toBe(0);
});

test('writes with no marker share one cap per write path', () => {
  const gate = new WriteGate({ writePaths: ['/transfer'], writeCap: 2, paceMs: 0 });
  expect([gate.admit('POST', '/transfer', null), gate.admit('POST', '/transfer', null), gate.admit('POST', '/transfer', null)]).toEqual([PASS, PASS, REFUSE]);
  expect(gate.refused('/transfer')).toBe(1);
});

test('paced writes reach the API at least paceMs apart, across write paths; a refused write takes no turn', () => {
  const gate = new WriteGate({ writePaths: ['/a/transfer', '/b/transfer'], writeCap: 1, paceMs: 500 });
  expect(gate.admit('POST', '/a/transfer', 'm1', 1_000)).toEqual({ refuse: false, waitMs: 0 });
  expect(gate.admit('POST', '/b/transfer', 'm1', 1_100)).toEqual({ refuse: false, waitMs: 400 });
  expect(gate.admit('POST', '/a/transfer', 'm1', 1_100)).toEqual(REFUSE);
  expect(gate.admit('POST', '/a/transfer', 'm2', 1_100)).toEqual({ refuse: false, waitMs: 900 });
  // Long after the last turn, a write goes at once.
  expect(gate.admit('POST', '/a/transfer', 'm3', 10_000)).toEqual({ refuse: false, waitMs: 0 });
});
