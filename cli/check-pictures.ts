// A `check` cell as the sequence it was observed to be (teaching/sequence.ts): the page on its
// derived origin, the lab's bank as the user's API, what the bank's ledger recorded and what the
// attacker's script saw, set against the rules' prediction of the cell. One log-in sets every
// session cookie variant (catalog/cookie-variants.ts): the victim holds all of them.
import { attack, cookieVariants } from '../catalog/index.js';
import type { CheckCell } from '../engine/check-run.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { Prediction } from '../rules/predict.js';
import { sequenceOf, type Sequence } from '../teaching/sequence.js';

export function checkCellSequence(report: { api: string; origins: readonly DerivedOrigin[] }, cell: CheckCell, prediction: Prediction): Sequence {
  const origin = report.origins.find((o) => o.id === cell.origin);
  if (!origin) throw new Error(`the report has no origin ${cell.origin}`);
  return sequenceOf({
    attack: attack(cell.attack),
    pageOrigin: origin.origin,
    bankOrigin: report.api,
    browser: cell.browser,
    prediction,
    observed: { bank: cell.bankSaw, script: cell.scriptSaw },
    cookies: cookieVariants.map((v) => v.id),
  });
}
