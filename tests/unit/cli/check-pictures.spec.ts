// A check cell as a sequence (cli/check-pictures.ts): the page on its derived origin (a sandboxed
// page's is "null"), the bank as the user's API, the ledger and the script as observed, against
// the rules' prediction; the victim holds every session cookie variant.
import { expect, test } from '@playwright/test';
import { checkCellSequence } from '../../../cli/check-pictures.js';
import type { CheckCell } from '../../../engine/check-run.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import { predictCell } from '../../../rules/predict.js';
import { agreeingCell, handBuilt, labKey } from '../teaching/hand-built-cells.js';

const API = 'https://api.example.com';
const SANDBOXED = {
  id: 'null@https://evil.test',
  relation: 'null' as const,
  origin: 'null',
  pageOrigin: 'https://evil.test',
  sandboxed: true,
  imitates: null,
  whatGoesWrong: '',
  site: null,
};

test('the observed sequence of a check cell: the derived origin’s page, your API as the bank, the ledger’s cookies and the script’s read', async () => {
  const oracle = await BankOracle.open();
  try {
    const { key, observed } = handBuilt.formPostMovesMoney;
    const prediction = await predictCell(labKey(key), oracle, 3600);
    const cell = {
      origin: SANDBOXED.id,
      relation: SANDBOXED.relation,
      browser: key.browser,
      cookiePolicy: key.policy,
      config: 'yours',
      attack: key.attack,
      readPrivate: false,
      wrote: true,
      ...agreeingCell(prediction, observed),
    } satisfies CheckCell;
    const s = checkCellSequence({ api: API, origins: [SANDBOXED] }, cell, prediction);
    expect(s.observed).toBe(true);
    expect(s.lanes).toEqual({ page: 'null', browser: 'chromium', bank: API });
    const request = s.events.find((e) => e.kind === 'request')!;
    expect(request.kind === 'request' && request.cookies.filter((c) => c.rode).map((c) => c.variant)).toEqual(['none', 'partitioned']);
    expect(request.kind === 'request' && request.cookies).toHaveLength(5);
    expect(() => checkCellSequence({ api: API, origins: [] }, cell, prediction)).toThrow(/no origin null@https:\/\/evil.test/);
  } finally {
    await oracle.close();
  }
});
