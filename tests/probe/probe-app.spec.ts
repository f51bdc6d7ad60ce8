// `cors-lab probe` against a real Express API using the `cors` package, started here on an
// ephemeral port, in each browser. The expectations are written from the rules, by hand,
// never from a run:
// - a read needs the origin allowed with credentials AND the session cookie riding along;
// - a SameSite=None cookie rides on a credentialed fetch when the page is same-site for
//   cookies (schemeful in Chromium, by registrable domain in Firefox), or when third-party
//   cookies are allowed; on a top-level form POST it always rides (a navigation is first-party);
// - a SameSite=Lax cookie rides on a form POST only from the same site; a cookie without
//   SameSite rides on it everywhere (Chromium's Lax+POST window for a fresh cookie, Firefox's
//   None default).
// The reflecting setup and the exact allowlist share a SameSite=None login, so they are one
// app with both setups side by side (/reflect and /allowlist) and one probe run, one victim per
// cookie policy; each setup's report is made by probe's own code from its own cells. The
// SameSite=Lax and no-SameSite sessions are logins of their own (the cookie is what those
// claims observe), each a run of the command as a user runs it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectFiguresAccessible } from '../check/example-pictures.js';
import { EXIT } from '../../cli/command-core.js';
import type { ProbeReport } from '../../cli/probe-output.js';
import { cookieSameSite, probeApp, probeAppSideBySide, trusted } from './run-probe.js';

const originOf = (report: ProbeReport, id: string) => report.origins.find((o) => o.id === id)!.origin;

for (const browser of ['chromium', 'firefox'] as const) {
  test(`probe in ${browser}, one run for two setups behind one SameSite=None login: { origin: true, credentials: true } lets https://evil.test read /reflect/me where the cookie rides, an exact allowlist lets only the trusted origin read, and the evidence holds`, async () => {
    test.setTimeout(300_000);
    const { reports, app } = await probeAppSideBySide(
      browser,
      { '/reflect': { origin: true, credentials: true }, '/allowlist': { origin: [trusted], credentials: true } },
      'None',
      { html: true },
    );
    const reflect = reports.reflect!;
    const allowlist = reports.allowlist!;

    // { origin: true, credentials: true }: every origin reads where the cookie rides.
    expect(reflect.report.disagreements, reflect.printed).toBe(0);
    for (const v of reflect.report.verdicts) {
      const cookieRides = cookieSameSite[browser].includes(originOf(reflect.report, v.origin)) || v.cookiePolicy === 'third-party-allowed';
      expect({ origin: v.origin, policy: v.cookiePolicy, read: v.read }).toEqual({ origin: v.origin, policy: v.cookiePolicy, read: cookieRides });
      // SameSite=None rides on a top-level form POST from anywhere.
      expect(v.writeBy, v.origin).toContain('form-post');
    }
    expect(reflect.report.verdicts.find((v) => v.origin === 'https://evil.test' && v.cookiePolicy === 'third-party-allowed')!.readBy).toContain(
      'fetch-read-account',
    );
    expect(reflect.report.exploitable).toBe(true);
    expect(reflect.code).toBe(EXIT.exploitable);
    // The HTML draws the example of each "yes" from the proxy's evidence: the API's lane in the probe's words, the user's cookie, no secret.
    for (const sid of app.sessionIds()) expect(reflect.html).not.toContain(sid);
    expect(reflect.html).not.toContain('class="no-pictures"');
    expect(reflect.html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="Sequence of READ: https:\/\/evil\.test \(cross-site\) · fetch-read-account in /);
    expect(reflect.html).toContain('your API: https://api.example.com');
    expect(reflect.html).toContain('cookie sid: rode along');
    const reflectHtml = join(mkdtempSync(join(tmpdir(), 'cors-lab-probe-html-')), `probe-reflect.${browser}.html`);
    writeFileSync(reflectHtml, reflect.html);
    await expectFiguresAccessible(reflectHtml, browser);

    // An exact allowlist: only the trusted origin reads.
    expect(allowlist.report.disagreements, allowlist.printed).toBe(0);
    for (const v of allowlist.report.verdicts)
      expect({ origin: v.origin, policy: v.cookiePolicy, read: v.read }).toEqual({ origin: v.origin, policy: v.cookiePolicy, read: v.origin === trusted });

    // The API saw no marker; each setup performed exactly the writes its report says; no secret is in either report.
    expect(app.requests.filter((r) => r.includes('probe='))).toEqual([]);
    for (const [prefix, { report, text }] of [
      ['/reflect', reflect],
      ['/allowlist', allowlist],
    ] as const) {
      expect({ prefix, transfers: app.transfers.filter((t) => t.mount === prefix).length }).toEqual({
        prefix,
        transfers: report.cells.filter((c) => c.wrote).length,
      });
      for (const sid of app.sessionIds()) expect(text).not.toContain(sid);
      expect(text).toMatch(/sid=<redacted>/);
    }
  });

  for (const sameSite of ['Lax', 'unset'] as const) {
    test(`probe in ${browser}: form-post writes with a SameSite=${sameSite} session follow the cookie rules`, async () => {
      test.setTimeout(180_000);
      const { report, printed } = await probeApp(browser, { origin: [trusted], credentials: true }, sameSite);
      expect(report.disagreements, printed).toBe(0);
      expect(report.session.cookies).toEqual([{ name: 'sid', sameSite: sameSite === 'Lax' ? 'SameSite=Lax' : 'no SameSite attribute' }]);
      for (const v of report.verdicts) {
        const rides = sameSite === 'unset' || cookieSameSite[browser].includes(originOf(report, v.origin));
        expect({ origin: v.origin, policy: v.cookiePolicy, formPost: v.writeBy.includes('form-post') }).toEqual({
          origin: v.origin,
          policy: v.cookiePolicy,
          formPost: rides,
        });
      }
    });
  }
}
