// `cors-lab explain` on six cells a lesson needs, observed in each browser and predicted. The
// drawn sequence must match the cell's evidence: a preflight arrow exactly when the bank's
// record has a preflight, each cookie marked "rode along" exactly when the bank received it,
// and the read verdict the script's own view. What each cell does is written here from the
// rules, by hand, never from a run:
// - allowlist × attacker × fetch-put: a PUT with a JSON body is not a simple request, so it is
//   preflighted (Fetch §4.8); the allowlist doesn't name the attacker, the preflight fails and
//   the PUT is never sent;
// - none × attacker × form-post: a form POST is a simple request and a top-level navigation:
//   no preflight, CORS never asks; SameSite=None rides on it (RFC 6265bis §5.8.3), the bank
//   moves money, and the script reads nothing;
// - reflect-any-origin × attacker × fetch-read-account, third-party cookies allowed: no
//   preflight (a simple GET), SameSite=None rides, the reflected origin with credentials
//   passes the CORS check (Fetch §4.9) and the script gets the account;
// - samesite-lax × attacker × fetch-read-account: the Lax session cookie stays home on a
//   cross-site subresource request, so the bank answers a stranger (whose answer its CORS,
//   which reflects the origin with credentials, hands to the script);
// - partitioned-session × attacker × fetch-read-account: the Partitioned cookie lives in the
//   bank's own partition and stays home on a request whose top-level site is the attacker's
//   (CHIPS §2.1), whatever the third-party policy;
// - none × attacker × websocket-read, third-party cookies allowed: no preflight and no CORS for
//   WebSockets (Fetch §7.1); SameSite=None rides on the handshake and the socket is the victim's.
import { expect, test } from '@playwright/test';
import { cookieVariants, type CookieVariantId } from '../../catalog/index.js';
import { EXIT } from '../../cli/command-core.js';
import { explainCell, explainCommand, parseExplainArgs } from '../../cli/explain-command.js';
import { sequenceText } from '../../teaching/sequence-render.js';

interface LessonCell {
  lesson: string;
  config: string;
  attack: string;
  preflight: boolean;
  /** The session cookies that ride along; [] also when nothing is sent. */
  rides: Record<'chromium' | 'firefox', CookieVariantId[]>;
  read: 'handed over' | 'withheld' | 'socket';
  bankDid?: string;
}

const bothBrowsers = (rides: CookieVariantId[]) => ({ chromium: rides, firefox: rides });

const lessons: LessonCell[] = [
  { lesson: 'a preflighted PUT that was refused', config: 'allowlist', attack: 'fetch-put', preflight: true, rides: bothBrowsers([]), read: 'withheld' },
  {
    lesson: 'a simple form POST that moved money, where CORS never asked',
    config: 'none',
    attack: 'form-post',
    preflight: false,
    // A top-level navigation is first-party for the Partitioned cookie too. A cookie without
    // SameSite rides a cross-site top-level POST in Firefox (its default is None) and, within
    // two minutes of being set, in Chromium (its Lax + POST exception).
    rides: bothBrowsers(['none', 'unset', 'partitioned']),
    read: 'withheld',
    bankDid: 'moved money',
  },
  {
    lesson: 'a credentialed read that was allowed',
    config: 'reflect-any-origin',
    attack: 'fetch-read-account',
    preflight: false,
    // Firefox sends a cookie without SameSite cross-site (its default is None); Chromium treats it as Lax.
    rides: { chromium: ['none'], firefox: ['none', 'unset'] },
    read: 'handed over',
    bankDid: 'sent the victim’s account',
  },
  {
    lesson: 'a Lax cookie that stayed home',
    config: 'samesite-lax',
    attack: 'fetch-read-account',
    preflight: false,
    rides: { chromium: ['none'], firefox: ['none', 'unset'] },
    // Its CORS lets the attacker read with credentials, but only the session cookie authenticates: the read gets a stranger's answer.
    read: 'handed over',
    bankDid: 'as a stranger',
  },
  {
    lesson: 'a Partitioned cookie that stayed home',
    config: 'partitioned-session',
    attack: 'fetch-read-account',
    preflight: false,
    rides: { chromium: ['none'], firefox: ['none', 'unset'] },
    // Its CORS lets the attacker read with credentials, but only the session cookie authenticates: the read gets a stranger's answer.
    read: 'handed over',
    bankDid: 'as a stranger',
  },
  {
    lesson: 'a WebSocket hijack',
    config: 'none',
    attack: 'websocket-read',
    preflight: false,
    rides: { chromium: ['none'], firefox: ['none', 'unset'] },
    read: 'socket',
    bankDid: 'opened the socket',
  },
];

const argvOf = (cell: LessonCell, browser: string) => [
  '--config',
  cell.config,
  '--origin',
  'attacker',
  '--attack',
  cell.attack,
  '--browser',
  browser,
  '--policy',
  'third-party-allowed',
];
const silent = { log: () => {}, error: () => {} };
const readLine: Record<LessonCell['read'], string> = {
  'handed over': 'browser → page: the answer is handed to the script',
  withheld: 'browser → page: the answer is withheld from the script',
  socket: 'browser → page: the socket is open: every message goes to the script',
};
const cookieLine = (variant: CookieVariantId, rode: boolean) =>
  `cookie ${cookieVariants.find((v) => v.id === variant)!.cookieName}: ${rode ? 'rode along' : 'stayed home'}`;
/** The lines of a sequence's text, without the rules' reasons and the observed/predicted marks. */
const drawn = (text: string) => text.split('\n').map((l) => l.replace(/ \[predicted\]$/, ''));

for (const browser of ['chromium', 'firefox'] as const) {
  test(`explain draws six lesson cells in ${browser} as observed, matching each cell's evidence, and as the rules predict them`, async () => {
    test.setTimeout(240_000);
    for (const cell of lessons) {
      const observed = await explainCell(parseExplainArgs(argvOf(cell, browser)), silent);
      const seen = observed!.observed!.cell;
      const text = sequenceText(observed!.sequence);
      const lines = drawn(text);
      const where = `${cell.lesson} (${cell.config} × ${cell.attack} in ${browser}):\n${text}`;
      // The evidence: the bank's record and the script's view.
      expect(seen.agree, `${where}\ndiffering: ${seen.differingFields.join(', ')}`).toBe(true);
      expect(
        lines.some((l) => l.includes('browser → bank: preflight OPTIONS')),
        where,
      ).toBe(seen.bankSaw.preflight !== null);
      const received = seen.bankSaw.actual?.cookiesSent ?? [];
      if (seen.bankSaw.actual)
        for (const v of cookieVariants) expect(lines, where).toContainEqual(expect.stringContaining(cookieLine(v.id, received.includes(v.id))));
      else expect(lines, where).toContainEqual(expect.stringContaining('no cookie goes anywhere: the request was never sent'));
      const handedOver = lines.some((l) => l.includes(readLine['handed over']) || l.includes(readLine.socket));
      expect(handedOver, where).toBe(seen.scriptSaw.readable);
      expect(text, where).not.toContain('differs');
      expect(observed!.heading[0]).toMatch(new RegExp(`^cors-lab explain: observed in ${browser} [0-9.]+, beside the rules' prediction`));

      // The rules, by hand: the same elements, observed and predicted alike.
      const predicted = await explainCell(parseExplainArgs([...argvOf(cell, browser), '--predicted']), silent);
      const predictedText = sequenceText(predicted!.sequence);
      for (const sequenceLines of [lines, drawn(predictedText)]) {
        expect(
          sequenceLines.some((l) => l.includes('browser → bank: preflight OPTIONS')),
          where,
        ).toBe(cell.preflight);
        expect(sequenceLines, where).toContainEqual(expect.stringContaining(readLine[cell.read]));
        if (cell.bankDid) expect(sequenceLines, where).toContainEqual(expect.stringMatching(new RegExp(`bank → browser: .*${cell.bankDid}`)));
        if (cell.preflight && !seen.bankSaw.actual) continue;
        for (const v of cookieVariants)
          expect(sequenceLines, where).toContainEqual(expect.stringContaining(cookieLine(v.id, cell.rides[browser].includes(v.id))));
      }
      expect(predicted!.observed).toBeUndefined();
      expect(predictedText).not.toMatch(/^ *[0-9]+\. .*[^\]]$/m);
    }
  });
}

test('cors-lab explain, observed by default: the heading names the browser that ran the cell, and it exits 0', async () => {
  test.setTimeout(60_000);
  const out: string[] = [];
  const code = await explainCommand(argvOf(lessons[0]!, 'chromium'), { log: (s) => out.push(...s.split('\n')), error: () => {} });
  expect(code).toBe(EXIT.safe);
  expect(out[0]).toMatch(/^cors-lab explain: observed in chromium [0-9.]+, beside the rules' prediction — allowlist × attacker × fetch-put in chromium/);
  expect(out).toContain(' 2. browser → bank: preflight OPTIONS /transfer (asks for PUT)');
  expect(out).toContain(' 4. browser → bank: PUT /transfer: never sent');
});
