// The targets of a probe run, without a browser: how they are named and checked, that each
// has its own attacks and evidence markers, and that one target's part of a run is exactly
// its own cells, in the shape `cors-lab probe` has always reported (cli/probe-output.ts).
import { expect, test } from '@playwright/test';
import { parseProbe, probeId, probePrefix } from '../../../catalog/index.js';
import { parseProbeArgs } from '../../../cli/probe-input.js';
import { probeAttacks } from '../../../engine/probe-attacks.js';
import type { ProbeRun, ProbeRunCell } from '../../../engine/probe-run.js';
import { checkTargets, SOLE_TARGET, targetOf, targetRun } from '../../../engine/probe-targets.js';
import type { CellOutcome } from '../../../rules/types.js';

const endpoints = (base: string) => ({
  read: { method: 'GET', path: `${base}/account` },
  write: { method: 'POST', path: `${base}/transfer` },
  writeBody: { amount: '1' },
});

test('targets need one id each that fits in a probe marker', () => {
  expect(() => checkTargets([])).toThrow(/needs a target/);
  // A dot separates a marker's parts: a target named with one could not be read back.
  expect(() => checkTargets([targetOf('allow.list', endpoints(''))])).toThrow(/does not fit in a probe marker/);
  expect(() => checkTargets([targetOf('Allowlist', endpoints(''))])).toThrow(/does not fit in a probe marker/);
  expect(() => checkTargets([targetOf('a', endpoints('/a')), targetOf('a', endpoints('/b'))])).toThrow(/given twice/);
  expect(() => checkTargets(['allowlist', 'regex-unanchored', 'reflect-any-origin'].map((id) => targetOf(id, endpoints(`/c/${id}`))))).not.toThrow();
  expect(() => checkTargets([targetOf(SOLE_TARGET, endpoints(''))])).not.toThrow();
});

test('cors-lab probe has one target: the endpoints and write body its flags name, nothing else', () => {
  const input = parseProbeArgs([
    ...['--api', 'https://api.example.com', '--upstream', 'http://127.0.0.1:9', '--login', 'POST /session', '--login-body', '{}'],
    ...['--read', 'GET /me?full=1', '--write', 'PUT /transfer', '--write-body', '{"to":"mallory","amount":1}'],
  ]);
  expect(targetOf(SOLE_TARGET, input)).toEqual({
    id: 'yours',
    read: { method: 'GET', path: '/me?full=1' },
    write: { method: 'PUT', path: '/transfer' },
    writeBody: { to: 'mallory', amount: 1 },
  });
});

test('each target’s attacks aim at its own endpoints', () => {
  for (const base of ['/c/allowlist', '/c/reflect-any-origin']) {
    const own = endpoints(base);
    for (const attack of probeAttacks(targetOf('t', own))) {
      expect(attack.request.path, attack.id).toBe(attack.target === 'read' ? own.read.path : own.write.path);
      expect(attack.code, attack.id).toContain(`api + '${attack.request.path}?probe=' + probe`);
    }
  }
});

test('the same attack from the same page has a marker of its own in each target, read back to that target', () => {
  const fields = { time: 'mabc123', browser: 'firefox', cookiePolicy: 'third-party-blocked', n: 3, attack: 'form-post' };
  // One target's id begins another's: the marker's separator still keeps them apart.
  const markers = ['reflect', 'reflect-any-origin'].map((target) => probeId('probe', { ...fields, target }));
  expect(new Set(markers).size).toBe(2);
  expect(markers.map((m) => parseProbe('probe', m)?.target)).toEqual(['reflect', 'reflect-any-origin']);
  const prefix = probePrefix('probe', 'attack', { ...fields, target: 'reflect' });
  expect(markers.filter((m) => m.startsWith(prefix))).toEqual([markers[0]]);
});

const nothing: CellOutcome = {
  preflightSent: false,
  preflightPassed: null,
  requestReached: true,
  cookiesSent: [],
  authenticated: false,
  effect: 'none',
  responseReadable: false,
  originHeader: 'https://evil.test',
  secFetchSite: 'cross-site',
};

const cell = (targetId: string, origin: string, wrote: boolean): ProbeRunCell => ({
  browser: 'chromium',
  cookiePolicy: 'third-party-allowed',
  origin,
  relation: 'cross-site',
  attack: 'form-post',
  target: 'write',
  readPrivate: false,
  wrote,
  evidence: [],
  observed: { ...nothing, effect: wrote ? 'transfer' : 'none' },
  predicted: nothing,
  explanation: [],
  agree: true,
  differingFields: [],
  unpredicted: ['effect'],
  sentRequestMismatches: [],
  scriptSaw: { readable: false },
  targetId,
  prediction: { outcome: nothing, explanation: [], bankAnswer: null, preflightAnswer: null },
});

test('one target’s part of a run: its own cells in order without its name, its attacks and refused writes, and what every target shares', () => {
  const a = endpoints('/c/a');
  const b = endpoints('/c/b');
  const run: ProbeRun = {
    cells: [cell('a', 'https://evil.test', true), cell('b', 'https://evil.test', false), cell('a', 'https://www.example.com', false)],
    browsers: [{ name: 'chromium', version: 'Chrome/1', cookiePolicy: 'third-party-allowed' }],
    targets: [
      { id: 'a', attacks: probeAttacks(targetOf('a', a)), writesRefused: 2 },
      { id: 'b', attacks: probeAttacks(targetOf('b', b)), writesRefused: 0 },
    ],
    session: [{ name: 'sid', sameSite: 'SameSite=None' }],
    untagged: [],
    secrets: ['secret-session-value'],
  };
  const part = targetRun(run, 'a');
  const { targetId: _a, prediction: _pa, ...first } = run.cells[0]!;
  const { targetId: _c, prediction: _pc, ...third } = run.cells[2]!;
  expect(part.cells).toEqual([first, third]);
  for (const c of part.cells) expect(Object.keys(c)).not.toContain('targetId');
  // The predictions go with the part, beside its cells, never inside the JSON's cells.
  for (const c of part.cells) expect(Object.keys(c)).not.toContain('prediction');
  expect(part.cells.map((c) => part.predictions.get(c))).toEqual([run.cells[0]!.prediction, run.cells[2]!.prediction]);
  expect(part.attacks.every((x) => [a.read.path, a.write.path].includes(x.request.path))).toBe(true);
  expect(part.writesRefused).toBe(2);
  expect({ browsers: part.browsers, session: part.session, untagged: part.untagged }).toEqual({
    browsers: run.browsers,
    session: run.session,
    untagged: run.untagged,
  });
  // The secrets stay with the run: a target's part is what a report is made from.
  expect(Object.keys(part)).not.toContain('secrets');
  expect(targetRun(run, 'b').cells).toHaveLength(1);
  expect(() => targetRun(run, 'c')).toThrow(/no target "c"/);
});
