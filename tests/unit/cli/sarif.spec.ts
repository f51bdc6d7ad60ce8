// `--sarif`: from a hand-built report, the results are exactly the untrusted origins' reads and
// writes, one per origin and kind (a write split by whether a preflight was sent), each located
// at the `origin` line of the user's file, with fingerprints that survive a re-run; and
// Microsoft's SARIF validator, with GitHub's ingestion rules, finds no error in the log.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { sarifFindings } from '../../sarif-validator.js';
import type { Log, Result } from 'sarif';
import type { FindingReport } from '../../../cli/findings.js';
import { FINGERPRINT_KEY, fingerprint, originLine, type SarifLocation, sarifLocation, sarifLog } from '../../../cli/sarif.js';
import { API, CROSS_SITE, handBuiltLocalReport, handBuiltReport, LOCAL_API, LOOKALIKE, NULL_ORIGIN, SIBLING, TRUSTED } from './hand-built-report.js';

const AT: SarifLocation = { uri: 'config/cors.mjs', startLine: 7, workingDirectory: 'file:///work/app/' };

const resultsOf = (log: Log): Result[] => log.runs[0]!.results!;
const ruleName = (log: Log, r: Result) => log.runs[0]!.tool.driver.rules![r.ruleIndex!]!.name;
const fingerprints = (log: Log) => resultsOf(log).map((r) => r.partialFingerprints![FINGERPRINT_KEY]);

test('one result per untrusted origin and kind of finding, and none for the trusted origin or an origin that did nothing', () => {
  const log = sarifLog(handBuiltReport(), 'check', AT);
  expect(resultsOf(log).map((r) => [ruleName(log, r), r.properties!.origin])).toEqual([
    ['UntrustedOriginWritesWithoutPreflight', SIBLING],
    ['UntrustedOriginWritesThroughPreflight', SIBLING],
    ['UntrustedOriginReadsWithSession', LOOKALIKE],
    ['UntrustedOriginWritesWithoutPreflight', NULL_ORIGIN],
  ]);
  for (const r of resultsOf(log)) {
    expect(r.ruleId, 'ruleId and ruleIndex name the same rule').toBe(log.runs[0]!.tool.driver.rules![r.ruleIndex!]!.id);
    expect(JSON.stringify(r)).not.toContain(TRUSTED);
    expect(JSON.stringify(r)).not.toContain(`"${CROSS_SITE}"`);
  }
});

test('each result carries its evidence: relation, browsers, cookie policies and the attacks that read or wrote', () => {
  const properties = resultsOf(sarifLog(handBuiltReport(), 'check', AT)).map((r) => r.properties);
  const both = ['third-party-blocked', 'third-party-allowed'];
  const evidence = (origin: string, relation: string, browsers: string[], attacks: Record<string, string[]>) => ({
    api: API,
    origin,
    relation,
    browsers,
    cookiePolicies: both,
    ...attacks,
  });
  expect(properties).toEqual([
    evidence(SIBLING, 'sibling', ['chromium'], { writeBy: ['no-cors-post'] }),
    evidence(SIBLING, 'sibling', ['chromium', 'firefox'], { writeBy: ['fetch-put'] }),
    evidence(LOOKALIKE, 'lookalike-suffix', ['chromium', 'firefox'], { readBy: ['fetch-read-account'] }),
    evidence(NULL_ORIGIN, 'null', ['chromium', 'firefox'], { writeBy: ['form-post'] }),
  ]);
});

test('each message names the origin, its relation and the reason', () => {
  const messages = resultsOf(sarifLog(handBuiltReport(), 'check', AT)).map((r) => r.message.text!);
  expect(messages[0]).toMatch(/^https:\/\/compromised\.example\.com \(sibling\) made writes to https:\/\/api\.example\.com .* that CORS cannot stop/);
  expect(messages[0]).toContain('no-cors-post: CORS could not have stopped it: a simple request is sent without a preflight.');
  expect(messages[1]).toMatch(/that CORS let through/);
  expect(messages[1]).toContain('fetch-put: CORS let it through: the preflight passed.');
  expect(messages[2]).toMatch(/^https:\/\/evilexample\.com \(lookalike-suffix\) read the victim’s data from https:\/\/api\.example\.com/);
  expect(messages[3]).toContain('form-post: CORS could not have stopped it: a navigation never asks CORS.');
  expect(messages.map((m) => m.includes('What goes wrong with'))).toEqual([true, true, true, true]);
});

test('every result is at the given file and line', () => {
  for (const r of resultsOf(sarifLog(handBuiltReport(), 'check', AT))) {
    expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'config/cors.mjs' }, region: { startLine: 7 } } }]);
  }
});

test('fingerprints: the same across two builds and a re-run that saw less, different across origins and kinds', () => {
  const first = fingerprints(sarifLog(handBuiltReport(), 'check', AT));
  expect(fingerprints(sarifLog(handBuiltReport(), 'check', { ...AT, startLine: 1, uri: 'moved.mjs' }))).toEqual(first);
  expect(new Set(first).size).toBe(4);
  expect(first.every((f) => /^[0-9a-f]{64}$/.test(f!))).toBe(true);
  // A re-run in Chromium alone has the same findings, from fewer cells: the same fingerprints.
  expect(fingerprints(sarifLog(handBuiltReport({ browsers: ['chromium'] }), 'check', AT))).toEqual(first);
  // Another API: other findings.
  const elsewhere = fingerprints(sarifLog({ ...handBuiltReport(), api: 'https://api.example.org' }, 'check', AT));
  expect(elsewhere.filter((f) => first.includes(f))).toEqual([]);
});

test('a fingerprint is the SHA-256 of the rule, API, origin and relation as a JSON array: an alert raised before keeps its identity', () => {
  // The look-alike's read in the hand-built report, written out by hand; its hash is `printf '%s' '<that array>' | sha256sum`.
  const hashed = '["CORSLAB001","https://api.example.com","https://evilexample.com","lookalike-suffix"]';
  const lookalikeRead = 'bdf6a243c49ecc67049e880921b4e01ea8cc3cfb89fb9dfe25fb8661563c6687';
  expect(createHash('sha256').update(hashed).digest('hex')).toBe(lookalikeRead);
  expect(fingerprint('read', API, LOOKALIKE, 'lookalike-suffix')).toBe(lookalikeRead);
  expect(fingerprints(sarifLog(handBuiltReport(), 'check', AT))[2]).toBe(lookalikeRead);
});

test('an API on loopback: a result per public origin, state and kind, each with its own fingerprint, the state in its properties and message', () => {
  const log = sarifLog(handBuiltLocalReport(), 'check', AT);
  expect(resultsOf(log).map((r) => [ruleName(log, r), r.properties!.origin, r.properties!.localNetworkAccess])).toEqual([
    ['UntrustedOriginWritesWithoutPreflight', CROSS_SITE, 'denied'],
    ['UntrustedOriginReadsWithSession', CROSS_SITE, 'granted'],
    ['UntrustedOriginWritesWithoutPreflight', CROSS_SITE, 'granted'],
  ]);
  const [deniedWrite, grantedRead, grantedWrite] = fingerprints(log);
  expect(new Set([deniedWrite, grantedRead, grantedWrite]).size).toBe(3);
  // Written out by hand: `printf '%s' '<the array>' | sha256sum`.
  expect(createHash('sha256').update('["CORSLAB001","http://localhost:3000","https://evil.test","cross-site","granted"]').digest('hex')).toBe(grantedRead);
  expect(grantedRead).toBe('31a856e6042779e578495d89d02488433cb7e84dba2dd171e194ec0dfaa7c84f');
  expect(resultsOf(log)[1]!.message.text).toBe(
    'https://evil.test (cross-site, local network access granted) read the victim’s data from http://localhost:3000 with their session, by fetch-read-account, in chromium, firefox (third-party-allowed). What goes wrong with https://evil.test.',
  );
  // Without a state, nothing of it shows: no property, and the fingerprint of the four values alone.
  expect(JSON.stringify(resultsOf(sarifLog(handBuiltReport(), 'check', AT)))).not.toContain('localNetworkAccess');
  expect(fingerprint('read', LOCAL_API, CROSS_SITE, 'cross-site')).not.toBe(grantedRead);
});

test('a run with no verdict says so in its invocation, and keeps what the browsers did', () => {
  const report = handBuiltReport({ disagree: (c) => c.origin === CROSS_SITE && c.browser === 'firefox' && c.attack === 'fetch-put' });
  const log = sarifLog(report, 'check', AT);
  const [invocation] = log.runs[0]!.invocations!;
  expect(invocation!.executionSuccessful).toBe(false);
  expect(invocation!.toolExecutionNotifications!.map((n) => [n.level, n.message.text])).toEqual([
    ['error', expect.stringMatching(/^No verdict \(exit 3\): in 2 cells/)],
  ]);
  expect(resultsOf(log).length).toBe(4);
  expect(sarifLog(handBuiltReport(), 'check', AT).runs[0]!.invocations![0]!.executionSuccessful).toBe(true);
});

// The `origin` line of the user's file.
test('originLine: the first line outside a comment that sets origin, in a module and in JSON; else line 1', () => {
  // The example's comment says "origin: true" on line 1; the property is on line 3.
  expect(originLine(readFileSync('examples/reflect-any-origin.mjs', 'utf8'))).toBe(3);
  expect(originLine(readFileSync('tests/fixtures/check/typed-options.ts', 'utf8'))).toBe(7);
  expect(originLine('{\n  "credentials": true,\n  "origin": { "regex": "example\\\\.com$" }\n}\n')).toBe(3);
  expect(originLine("export default {\n  /* origin: ['x'] */\n  'origin': ['https://www.example.com'],\n};\n")).toBe(3);
  expect(originLine('export default {\n  credentials: true,\n  origin(origin, cb) {\n    cb(null, false);\n  },\n};\n')).toBe(3);
  // Not an origin option: a header name, a member, a longer name.
  expect(
    originLine("const h = { 'access-control-allow-origin': '*' };\nreq.origin: 1;\nconst myorigin: string[] = [];\nexport default { credentials: true };\n"),
  ).toBe(1);
  expect(originLine('')).toBe(1);
});

test('sarifLocation: a file under the working directory by its relative, percent-encoded path; one outside by its file: URI', () => {
  const cwd = test.info().outputPath('app');
  const file = (name: string, text: string) => {
    const path = join(cwd, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const mjs = file('config dir/cors#1.mjs', "// CORS for the API\nexport default {\n  credentials: true,\n  origin: ['https://www.example.com'],\n};\n");
  expect(sarifLocation(mjs, cwd)).toEqual({ uri: 'config%20dir/cors%231.mjs', startLine: 4, workingDirectory: `${pathToFileURL(cwd).href}/` });
  const json = file('cors.json', '{\n  "origin": ["https://www.example.com"]\n}\n');
  expect(sarifLocation(json, cwd).uri).toBe('cors.json');
  expect(sarifLocation(json, cwd).startLine).toBe(2);
  const outside = test.info().outputPath('elsewhere.mjs');
  writeFileSync(outside, 'export default { origin: true };\n');
  expect(sarifLocation(outside, cwd)).toMatchObject({ uri: pathToFileURL(outside).href, startLine: 1 });
  expect(sarifLocation(join(cwd, 'gone.mjs'), cwd)).toMatchObject({ uri: 'gone.mjs', startLine: 1 });
});

function validate(name: string, log: Log) {
  const input = test.info().outputPath(`${name}.sarif`);
  writeFileSync(input, `${JSON.stringify(log, null, 2)}\n`);
  return sarifFindings(input);
}

test('the SARIF validator with GitHub’s rules finds no error or warning: findings, findings with states, no findings, no verdict', () => {
  test.skip(process.platform !== 'linux' || process.arch !== 'x64', 'the validator package (@microsoft/sarif-multitool-linux) is a Linux x64 binary');
  test.setTimeout(60_000);
  const report = handBuiltReport();
  const safe: FindingReport = { ...report, verdicts: report.verdicts.filter((v) => v.relation === 'trusted') };
  const noVerdict = handBuiltReport({ disagree: (c) => c.origin === SIBLING && c.attack === 'form-post' });
  for (const [name, log] of [
    ['findings', sarifLog(report, 'check', AT)],
    ['local-api', sarifLog(handBuiltLocalReport(), 'check', AT)],
    ['no-findings', sarifLog(safe, 'check', AT)],
    ['no-verdict', sarifLog(noVerdict, 'probe', { ...AT, uri: 'file:///work/app/src/cors.ts' })],
  ] as const) {
    expect(validate(name, log).filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);
  }
  // The validator does find what GitHub would refuse: a result without a location.
  const broken = sarifLog(report, 'check', AT);
  delete resultsOf(broken)[0]!.locations;
  expect(validate('broken', broken).some((f) => f.level === 'error' && f.rule.startsWith('GH'))).toBe(true);
});
