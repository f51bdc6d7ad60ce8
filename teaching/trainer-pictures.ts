// The trainer guide's pictures (docs/TRAINING.md, docs/pictures/): five cells of the
// verification matrix, each drawn as the sequence a real run observed — never drawn by hand.
// Each cell is named from the catalog for what the rules say it shows, and a run whose cell
// does not show it (or lacks the cell) stops the drawing with the reason: a picture that no
// longer shows its sentence must not be made again silently.
import type { MatrixCell, MatrixReport } from '../report/matrix-data.js';
import { browserProfiles } from '../rules/browser-profiles.js';
import type { ServerOracle } from '../rules/bank-oracle.js';
import { predictCell, type CellKey, type Prediction } from '../rules/predict.js';
import { labSequence } from './lab-sequence.js';
import type { Sequence } from './sequence.js';

export interface TrainerPicture {
  /** The file under docs/pictures/. */
  file: string;
  key: CellKey;
  /** What the picture shows, as its accessible name says it. */
  shows: string;
  /** Why the observed cell does not show it; null when it does. */
  missing(cell: MatrixCell): string | null;
}

const fails = (checks: [boolean, string][]) => checks.find(([holds]) => !holds)?.[1] ?? null;

export const trainerPictures: readonly TrainerPicture[] = [
  {
    // The seed's request: the movie page's XMLHttpRequest (attacks.ts `xhr-get-transfer`) against
    // the bank it starts on (lesson step 1). Without withCredentials no cookie rides (XHR §3.5.6,
    // Fetch §4.6); reflecting the origin lets the script read the 401 (Fetch §4.9).
    file: 'seed-xhr.svg',
    key: { browser: 'chromium', cookiePolicy: 'third-party-allowed', config: 'reflect-any-origin', origin: 'attacker', attack: 'xhr-get-transfer' },
    shows: 'the seed’s XMLHttpRequest arrives with no cookie, the bank sees a stranger and moves nothing, and the script reads the 401',
    missing: ({ bankSaw, scriptSaw }) =>
      fails([
        [bankSaw.preflight === null, 'a preflight was sent'],
        [bankSaw.actual !== null, 'the request never arrived'],
        [bankSaw.actual?.cookiesSent.length === 0, 'a cookie rode along'],
        [bankSaw.actual?.user === null && bankSaw.actual.stateChanged === false, 'the bank acted as the victim'],
        [scriptSaw.readable, 'the script could not read the answer'],
      ]),
  },
  {
    // A PUT with a JSON body is not a simple request (Fetch §4.1, CORS-preflight flag); the exact
    // allowlist doesn't name the attacker, so the preflight fails and the PUT is never sent (Fetch §4.8).
    file: 'refused-put.svg',
    key: { browser: 'chromium', cookiePolicy: 'third-party-allowed', config: 'allowlist', origin: 'attacker', attack: 'fetch-put' },
    shows: 'a preflighted PUT whose preflight the allowlist refuses: the PUT itself never leaves the browser',
    missing: ({ bankSaw, scriptSaw }) =>
      fails([
        [bankSaw.preflight?.requestedMethod === 'PUT', 'no preflight asked for PUT'],
        [bankSaw.actual === null, 'the PUT arrived'],
        [!scriptSaw.readable, 'the script read an answer'],
      ]),
  },
  {
    // A form POST is a top-level navigation: no preflight, CORS never governs it (Fetch §4.1), and
    // the SameSite=None session cookie rides it even with third-party cookies blocked (RFC 6265bis
    // §5.8.3: a navigation is first-party for the policy). The correct allowlist can't stop it.
    file: 'form-post-moves-money.svg',
    key: { browser: 'chromium', cookiePolicy: 'third-party-blocked', config: 'allowlist', origin: 'attacker', attack: 'form-post' },
    shows: 'a cross-site form POST, under the correct allowlist and with third-party cookies blocked, carries the session cookie and moves money',
    missing: ({ bankSaw }) =>
      fails([
        [bankSaw.preflight === null, 'a preflight was sent'],
        [bankSaw.actual?.method === 'POST', 'no POST arrived'],
        [bankSaw.actual?.stateChanged === true, 'no money moved'],
      ]),
  },
  {
    // /partner\.localhost:4100$/ has no start anchor (configurations.ts `regex-unanchored`):
    // evilpartner.localhost (origins.ts `lookalike-suffix`) matches, and its credentialed read
    // passes the CORS check (Fetch §4.9) with the SameSite=None cookie, third-party cookies allowed.
    file: 'lookalike-read.svg',
    key: { browser: 'chromium', cookiePolicy: 'third-party-allowed', config: 'regex-unanchored', origin: 'lookalike-suffix', attack: 'fetch-read-account' },
    shows: 'a look-alike origin the unanchored regular expression accepts reads the victim’s account with credentials',
    missing: ({ bankSaw, scriptSaw }) =>
      fails([
        [bankSaw.actual?.user !== null && bankSaw.actual?.status === 200, 'the bank did not answer as the victim'],
        [scriptSaw.readable, 'the script could not read the account'],
      ]),
  },
  {
    // A WebSocket never asks CORS: the handshake carries the cookies (Fetch §7.1) and the bank's
    // socket acts on a message (RFC 6455 §5.6), so the correct allowlist doesn't stop it.
    file: 'websocket-hijack.svg',
    key: { browser: 'chromium', cookiePolicy: 'third-party-allowed', config: 'allowlist', origin: 'attacker', attack: 'websocket-transfer' },
    shows: 'a cross-site WebSocket opened with the victim’s cookies, under the correct allowlist, moves money with one message',
    missing: ({ bankSaw }) =>
      fails([
        [bankSaw.actual?.status === 101 && bankSaw.actual.user !== null, 'the socket did not open as the victim'],
        [bankSaw.messages?.some((m) => m.stateChanged) === true, 'no message moved money'],
      ]),
  },
];

/** A cell as the guide names it. */
export const cellText = (k: CellKey) => `${k.browser} · ${k.cookiePolicy} · ${k.config} × ${k.origin} × ${k.attack}`;

/** Each picture's cell in the run; throws naming every picture the run lacks or doesn't show. */
export function pictureCells(report: Pick<MatrixReport, 'cells'>): { picture: TrainerPicture; cell: MatrixCell }[] {
  const problems: string[] = [];
  const found = trainerPictures.flatMap((picture) => {
    const k = picture.key;
    const cell = report.cells.find(
      (c) => c.browser === k.browser && c.cookiePolicy === k.cookiePolicy && c.config === k.config && c.origin === k.origin && c.attack === k.attack,
    );
    const why = cell ? picture.missing(cell) : 'the run has no such cell';
    if (why !== null || !cell) {
      problems.push(`${picture.file} (${cellText(k)}): ${why}`);
      return [];
    }
    return [{ picture, cell }];
  });
  if (problems.length > 0) throw new Error(`the matrix run can't draw the trainer guide's pictures:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return found;
}

/**
 * The rules' prediction of a run's cell, made again (the matrix keeps its outcome and steps,
 * not what the bank would answer). The one input the run doesn't record is the session's age,
 * which matters only to Chromium's Lax + POST window: the outcome must be the recorded one at
 * an age inside the window or past it. The recorded steps are kept (they name the real age).
 */
export async function predictedAgain(cell: MatrixCell, oracle: ServerOracle): Promise<Prediction> {
  const window = browserProfiles[cell.browser].laxAllowUnsafeMaxAgeSeconds;
  for (const age of window === null ? [0] : [0, window + 1]) {
    const prediction = await predictCell(cell, oracle, age);
    if (JSON.stringify(prediction.outcome) === JSON.stringify(cell.predicted)) return { ...prediction, explanation: cell.explanation };
  }
  throw new Error(`${cellText(cell)}: the rules predict another outcome than the run recorded (was the run made with other rules?)`);
}

/** A run's cell as the sequence it was observed to be. */
export function matrixCellSequence(cell: MatrixCell, prediction: Prediction): Sequence {
  return labSequence(cell, prediction, { bank: { ...cell.bankSaw, messages: cell.bankSaw.messages ?? [] }, script: cell.scriptSaw });
}
