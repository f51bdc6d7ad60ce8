// The trainer guide's pictures (teaching/trainer-pictures.ts): which cell of a run each one
// draws, a run that lacks a cell or whose cell no longer shows the picture's sentence stopping
// with every reason, and the rules' prediction made again for a recorded cell. The run is
// built here by hand from the hand-built observations, never copied from a matrix report.
import { expect, test } from '@playwright/test';
import type { MatrixCell } from '../../../report/matrix-data.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import { predictCell, type CellKey } from '../../../rules/predict.js';
import { matrixCellSequence, pictureCells, predictedAgain, trainerPictures } from '../../../teaching/trainer-pictures.js';
import { agreeingCell, bankSaw, entry, handBuilt, type HandBuiltCell } from './hand-built-cells.js';

let oracle: BankOracle;
test.beforeAll(async () => {
  oracle = await BankOracle.open();
});
test.afterAll(() => oracle.close());

/** A recorded cell: the key, the rules' outcome and steps for a session `age` seconds old, and what was observed. */
async function recorded(key: CellKey, observed: HandBuiltCell['observed'], age = 600): Promise<MatrixCell> {
  return { ...key, ...agreeingCell(await predictCell(key, oracle, age), observed) };
}

/** What each picture's cell shows, written from the rules (the same observations the sequence tests use). */
const seedXhr: HandBuiltCell['observed'] = {
  bank: bankSaw({ actual: entry({ path: '/c/reflect-any-origin/transfer_to/555/1234/1', status: 401 }) }),
  script: { readable: true, status: 401 },
};
const shown = [
  seedXhr,
  handBuilt.refusedPut.observed,
  handBuilt.formPostMovesMoney.observed,
  handBuilt.readAllowed.observed,
  handBuilt.websocketTransfer.observed,
];

async function run(): Promise<MatrixCell[]> {
  return Promise.all(trainerPictures.map((p, i) => recorded(p.key, shown[i]!)));
}

test('each picture draws its own cell of the run, in the guide’s order', async () => {
  const cells = await run();
  // Cells the pictures don't name are passed over.
  const other = await recorded({ ...trainerPictures[0]!.key, config: 'none' }, seedXhr);
  const picked = pictureCells({ cells: [other, ...cells.reverse()] });
  expect(picked.map((p) => p.picture.file)).toEqual([
    'seed-xhr.svg',
    'refused-put.svg',
    'form-post-moves-money.svg',
    'lookalike-read.svg',
    'websocket-hijack.svg',
  ]);
  for (const { picture, cell } of picked)
    expect({ ...picture.key }).toEqual({
      browser: cell.browser,
      cookiePolicy: cell.cookiePolicy,
      config: cell.config,
      origin: cell.origin,
      attack: cell.attack,
    });
});

test('a run that lacks a picture’s cell, or whose cell no longer shows what the picture says, stops with every reason', async () => {
  const [seed, put, ...rest] = await run();
  const putArrived = { ...put!, bankSaw: bankSaw({ ...put!.bankSaw, actual: entry({ method: 'PUT', path: '/c/allowlist/transfer' }) }) };
  expect(() => pictureCells({ cells: [putArrived, ...rest] })).toThrow(
    [
      "the matrix run can't draw the trainer guide's pictures:",
      '  - seed-xhr.svg (chromium · third-party-allowed · reflect-any-origin × attacker × xhr-get-transfer): the run has no such cell',
      '  - refused-put.svg (chromium · third-party-allowed · allowlist × attacker × fetch-put): the PUT arrived',
    ].join('\n'),
  );
  const cookieRode = { ...seed!, bankSaw: bankSaw({ actual: entry({ cookiesSent: ['none'], status: 401 }) }) };
  expect(() => pictureCells({ cells: [cookieRode, put!, ...rest] })).toThrow(/seed-xhr\.svg .*: a cookie rode along$/);
});

test('the prediction made again: the recorded outcome, inside Chromium’s two-minute Lax + POST window or past it, with the recorded steps', async () => {
  const formPost = trainerPictures.find((p) => p.file === 'form-post-moves-money.svg')!;
  for (const age of [10, 600]) {
    const cell = await recorded(formPost.key, handBuilt.formPostMovesMoney.observed, age);
    const again = await predictedAgain(cell, oracle);
    expect(again.outcome).toEqual(cell.predicted);
    expect(again.explanation).toBe(cell.explanation);
    expect(again.bankAnswer?.stateChanged).toBe(true);
  }
  // Young and past the window differ by the cookie without SameSite, the window's only subject.
  const [young, old] = [await predictCell(formPost.key, oracle, 10), await predictCell(formPost.key, oracle, 600)];
  expect(young.outcome.cookiesSent.filter((c) => !old.outcome.cookiesSent.includes(c))).toEqual(['unset']);
  const impossible = await recorded(formPost.key, handBuilt.formPostMovesMoney.observed);
  impossible.predicted = { ...impossible.predicted, preflightSent: true };
  await expect(predictedAgain(impossible, oracle)).rejects.toThrow(/form-post: the rules predict another outcome than the run recorded/);
});

test('a recorded cell drawn: the catalog’s origins and bank in the lanes, every session cookie, the socket’s messages (none observed in an older report)', async () => {
  const cells = await run();
  const socket = cells.at(-1)!;
  const s = matrixCellSequence(socket, await predictedAgain(socket, oracle));
  expect(s.lanes).toEqual({ page: 'http://attacker.localhost:4100', browser: 'chromium', bank: 'http://bank.localhost:4000' });
  expect(s.events.map((e) => e.kind)).toEqual(['call', 'preflight', 'request', 'answer', 'verdict', 'message', 'message-answer']);
  // An older report kept no messages: none was observed, and the predicted one shows as the difference.
  const older = { ...socket, bankSaw: { ...socket.bankSaw, messages: undefined } };
  const message = matrixCellSequence(older, await predictedAgain(older, oracle)).events.find((e) => e.kind === 'message');
  expect(message).toMatchObject({ source: 'observed', what: { type: null }, differs: true, predicted: { type: 'transfer' } });
});
