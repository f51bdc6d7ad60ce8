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
import { expect, test } from '@playwright/test';
import { EXIT } from '../../cli/command-core.js';
import type { ProbeReport } from '../../cli/probe-output.js';
import { cookieSameSite, probeApp, trusted } from './run-probe.js';

const originOf = (report: ProbeReport, id: string) => report.origins.find((o) => o.id === id)!.origin;

for (const browser of ['chromium', 'firefox'] as const) {
  test(`probe in ${browser}: { origin: true, credentials: true } lets https://evil.test read /me where the cookie rides, and the evidence holds`, async () => {
    test.setTimeout(180_000);
    const { code, report, text, html, printed, app } = await probeApp(browser, { origin: true, credentials: true }, 'None', [], { html: true });
    expect(report.disagreements, printed).toBe(0);
    for (const v of report.verdicts) {
      const cookieRides = cookieSameSite[browser].includes(originOf(report, v.origin)) || v.cookiePolicy === 'third-party-allowed';
      expect({ origin: v.origin, policy: v.cookiePolicy, read: v.read }).toEqual({ origin: v.origin, policy: v.cookiePolicy, read: cookieRides });
      // SameSite=None rides on a top-level form POST from anywhere.
      expect(v.writeBy, v.origin).toContain('form-post');
    }
    expect(report.verdicts.find((v) => v.origin === 'https://evil.test' && v.cookiePolicy === 'third-party-allowed')!.readBy).toContain('fetch-read-account');
    // The API saw no marker, performed exactly the writes the tool reports, and no secret is in the report.
    expect(app.requests.filter((r) => r.includes('probe='))).toEqual([]);
    expect(app.transfers).toHaveLength(report.cells.filter((c) => c.wrote).length);
    for (const sid of app.sessionIds()) expect(text).not.toContain(sid);
    expect(text).toMatch(/sid=<redacted>/);
    // The HTML draws the example of each "yes" from the proxy's evidence: the API's lane in the probe's words, the user's cookie, no secret.
    for (const sid of app.sessionIds()) expect(html).not.toContain(sid);
    expect(html).not.toContain('class="no-pictures"');
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="Sequence of READ: https:\/\/evil\.test \(cross-site\) · fetch-read-account in /);
    expect(html).toContain('your API: https://api.example.com');
    expect(html).toContain('cookie sid: rode along');
    expect(report.exploitable).toBe(true);
    expect(code).toBe(EXIT.exploitable);
  });

  test(`probe in ${browser}: with an exact allowlist only the trusted origin reads`, async () => {
    test.setTimeout(180_000);
    const { report, printed } = await probeApp(browser, { origin: [trusted], credentials: true }, 'None');
    expect(report.disagreements, printed).toBe(0);
    for (const v of report.verdicts)
      expect({ origin: v.origin, policy: v.cookiePolicy, read: v.read }).toEqual({ origin: v.origin, policy: v.cookiePolicy, read: v.origin === trusted });
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
