// The verdicts (cli/verdicts.ts), from hand-built reports: one per origin × browser × cookie
// policy × Local Network Access state, so a public page against an API on loopback has one per
// state and a page on loopback one in all; the state is in a verdict's JSON only where it has
// one; an untrusted read or write in either state makes the setup exploitable (exit 1), and
// the summary's EXPLOITABLE line names the state.
import { expect, test } from '@playwright/test';
import type { CookiePolicyId, LabBrowserName } from '../../../catalog/index.js';
import { checkReport, summaryText } from '../../../cli/check-output.js';
import { exitCodeOf } from '../../../cli/command-core.js';
import type { FindingReport } from '../../../cli/findings.js';
import { exploitedWhere, isExploitable, type Verdict } from '../../../cli/verdicts.js';
import type { CheckCell } from '../../../engine/check-run.js';
import { CROSS_SITE, DEV_SERVER, handBuiltLocalReport, handBuiltReport, LOCAL_API, LOCAL_ORIGINS, NULL_ORIGIN } from './hand-built-report.js';

const BROWSERS: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[] = (['chromium', 'firefox'] as const).flatMap((name) =>
  (['third-party-blocked', 'third-party-allowed'] as const).map((cookiePolicy) => ({ name, version: '1', cookiePolicy })),
);

/** The hand-built loopback report as `check` makes it (summaryText reads no more of a cell than the hand-built cells have). */
const asCheckReport = (report: FindingReport) =>
  checkReport(
    { api: new URL(LOCAL_API), trusted: [new URL(DEV_SERVER)], corsFile: 'cors.mjs', origins: LOCAL_ORIGINS, notes: [] },
    { cells: report.cells as unknown as CheckCell[], browsers: BROWSERS },
  );

test('a verdict per origin, browser, cookie policy and state: a public page has one per state, the dev server on loopback one in all', () => {
  const { verdicts } = handBuiltLocalReport();
  expect(verdicts.length).toBe(4 + 2 * 4 + 2 * 4);
  const at = (origin: string, browser: LabBrowserName, cookiePolicy: CookiePolicyId) =>
    verdicts.filter((v) => v.origin === origin && v.browser === browser && v.cookiePolicy === cookiePolicy).map((v) => [v.localNetworkAccess, v.read, v.write]);
  expect(at(CROSS_SITE, 'chromium', 'third-party-allowed')).toEqual([
    ['denied', false, true],
    ['granted', true, true],
  ]);
  expect(at(CROSS_SITE, 'firefox', 'third-party-blocked')).toEqual([
    ['denied', false, true],
    ['granted', false, true],
  ]);
  expect(at(NULL_ORIGIN, 'firefox', 'third-party-allowed')).toEqual([
    ['denied', false, false],
    ['granted', false, false],
  ]);
  expect(at(DEV_SERVER, 'chromium', 'third-party-allowed')).toEqual([[undefined, true, true]]);
});

test('in the JSON, a verdict carries localNetworkAccess where it has a state, and reads as before where it has none', () => {
  const local = handBuiltLocalReport().verdicts;
  const json = (verdicts: typeof local, origin: string, state?: string) =>
    JSON.stringify(
      verdicts.find((v) => v.origin === origin && v.browser === 'chromium' && v.cookiePolicy === 'third-party-allowed' && v.localNetworkAccess === state),
    );
  expect(json(local, CROSS_SITE, 'granted')).toBe(
    '{"origin":"https://evil.test","relation":"cross-site","browser":"chromium","cookiePolicy":"third-party-allowed","localNetworkAccess":"granted","read":true,"write":true,"readBy":["fetch-read-account"],"writeBy":["form-post"]}',
  );
  expect(json(local, DEV_SERVER)).toBe(
    '{"origin":"http://localhost:5173","relation":"trusted","browser":"chromium","cookiePolicy":"third-party-allowed","read":true,"write":true,"readBy":["fetch-read-account"],"writeBy":["fetch-put"]}',
  );
  // An API not on loopback: no verdict has the field, and each is what it always was.
  const remote = handBuiltReport().verdicts;
  expect(remote.filter((v) => 'localNetworkAccess' in v)).toEqual([]);
  expect(json(remote, 'https://www.example.com')).toBe(
    '{"origin":"https://www.example.com","relation":"trusted","browser":"chromium","cookiePolicy":"third-party-allowed","read":true,"write":true,"readBy":["fetch-read-account"],"writeBy":["fetch-put"]}',
  );
});

test('exit 1 when the only untrusted read is with the permission granted, and the EXPLOITABLE line says so', () => {
  const readsWhenGranted = handBuiltLocalReport({ formPost: false });
  // The granted verdicts alone make it exploitable.
  expect(isExploitable(readsWhenGranted.verdicts.filter((v) => v.localNetworkAccess !== 'granted'))).toBe(false);
  const report = asCheckReport(readsWhenGranted);
  expect(report.exploitable).toBe(true);
  expect(exitCodeOf(report)).toBe(1);
  expect(summaryText(report).split('\n')).toContain(
    'EXPLOITABLE: an untrusted origin can read the victim’s data or make a write with the session, with local network access granted (exit 1).',
  );
});

test('exit 1 with writes in both states, and the EXPLOITABLE line names both', () => {
  const report = asCheckReport(handBuiltLocalReport());
  expect(exitCodeOf(report)).toBe(1);
  expect(summaryText(report).split('\n')).toContain(
    'EXPLOITABLE: an untrusted origin can read the victim’s data or make a write with the session, with local network access denied and granted (exit 1).',
  );
});

test('exploitedWhere: nothing where no untrusted verdict that read or wrote has a state; a page on loopback named beside the public ones', () => {
  const verdict = (origin: string, relation: Verdict['relation'], localNetworkAccess: Verdict['localNetworkAccess'], read: boolean): Verdict => ({
    origin,
    relation,
    browser: 'chromium',
    cookiePolicy: 'third-party-allowed',
    ...(localNetworkAccess !== undefined && { localNetworkAccess }),
    read,
    write: false,
    readBy: read ? ['fetch-read-account'] : [],
    writeBy: [],
  });
  expect(exploitedWhere(handBuiltReport().verdicts)).toBe('');
  // The trusted dev server's reads and a public page that read nothing say nothing.
  expect(exploitedWhere([verdict(DEV_SERVER, 'trusted', undefined, true), verdict(CROSS_SITE, 'cross-site', 'denied', false)])).toBe('');
  expect(exploitedWhere([verdict('http://127.0.0.1:8080', 'cross-site', undefined, true), verdict(CROSS_SITE, 'cross-site', 'granted', true)])).toBe(
    ', from a page on loopback, and from a public page with local network access granted',
  );
  expect(exploitedWhere([verdict(CROSS_SITE, 'cross-site', 'not-enforced', true), verdict(NULL_ORIGIN, 'null', 'denied', true)])).toBe(
    ', with local network access denied and not enforced',
  );
});
