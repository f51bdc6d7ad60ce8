// Every cell docs/TRAINING.md names with outcome symbols must be what the rules predict for
// it. The guide is written from the rules, never from a run; this keeps it so.
import { BankOracle } from '../../../rules/bank-oracle.js';
import { guideClaims, predictClaim, symbolsOf } from '../../training-claims.js';
import { expect, test } from '../bank-server/helper.js';

const claims = guideClaims();

test('the guide makes claims about cells, including the newer classes and Local Network Access', () => {
  expect(claims.length).toBeGreaterThan(20);
  for (const needle of ['websocket-read', 'websocket-transfer', 'partitioned-session', 'substring-match', 'shared-host', 'public', 'public-granted']) {
    expect(
      claims.some((c) => c.attack === needle || c.config === needle || c.origin === needle),
      needle,
    ).toBe(true);
  }
});

test.describe('the rules predict what the guide claims', () => {
  let oracle: BankOracle;
  test.beforeAll(async () => {
    oracle = await BankOracle.open();
  });
  test.afterAll(async () => oracle.close());

  for (const [n, claim] of claims.entries()) {
    test(`${n + 1}. ${claim.text} — ${[claim.read, claim.write].filter(Boolean).join(' ')}`, async () => {
      const predicted = symbolsOf(claim.attack, await predictClaim(claim, oracle));
      if (claim.read) expect(predicted.read, 'read').toBe(claim.read);
      if (claim.write) expect(predicted.write, 'write').toBe(claim.write);
    });
  }
});
