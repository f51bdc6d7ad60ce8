// The lab's own configurations through `cors-lab check`, under names that keep the lab's
// relations (https://bank.example trusting https://partner.example, generated from the
// catalog by tests/check/lab-in-the-world.ts), must give the same read and write verdicts as the
// matrix gave on *.localhost, for every relation both have. Both sides are observations:
// the matrix's cells from this same test run, and a real check run here.
import { expect, test } from '@playwright/test';
import { attack, bankFacts, configurations, outcomeOf } from '../../catalog/index.js';
import { runCheck } from '../../engine/check-run.js';
import { answered } from '../../engine/observe.js';
import { collectReport } from '../../report/index.js';
import { deriveOrigins } from '../../rules/derive-origins.js';
import { labConfigurationsInTheWorld, labOriginOfRelation, WORLD_BANK, WORLD_PARTNER } from './lab-in-the-world.js';

test('Every lab configuration gives the same read and write verdicts through check as in the matrix, relation by relation', async () => {
  test.setTimeout(600_000);
  const matrix = collectReport();
  expect(matrix, 'the matrix projects wrote their cells to reports/cells in this run').not.toBeNull();
  const browsers = [...new Set(matrix!.browsers.map((b) => b.name))].filter((b) => b === 'chromium' || b === 'firefox');
  expect(browsers.sort()).toEqual(['chromium', 'firefox']);

  const { origins } = deriveOrigins(WORLD_BANK, [WORLD_PARTNER]);
  const compared = origins.filter((o) => labOriginOfRelation[o.relation] !== undefined);
  const run = await runCheck({ api: WORLD_BANK, configs: labConfigurationsInTheWorld(origins), origins: compared, browsers });
  expect(
    run.cells.filter((c) => !c.agree),
    'check cells where the browser disagreed with the rules',
  ).toEqual([]);

  const matrixVerdict = new Map<string, { read: boolean; write: boolean }>();
  for (const c of matrix!.cells) {
    const key = `${c.config}|${c.origin}|${c.browser}|${c.cookiePolicy}`;
    // The request, then any WebSocket messages the bank answered, as the check engine reads them.
    const outcome = outcomeOf({
      readable: c.scriptSaw.readable,
      ...bankFacts(attack(c.attack).request.endpoint, answered({ ...c.bankSaw, messages: c.bankSaw.messages ?? [] })),
    });
    const v = matrixVerdict.get(key) ?? { read: false, write: false };
    matrixVerdict.set(key, { read: v.read || outcome.read === 'stole', write: v.write || outcome.write === 'moved' });
  }
  const checkVerdict = new Map<string, { read: boolean; write: boolean }>();
  for (const c of run.cells) {
    const key = `${c.config}|${labOriginOfRelation[c.relation]}|${c.browser}|${c.cookiePolicy}`;
    const v = checkVerdict.get(key) ?? { read: false, write: false };
    checkVerdict.set(key, { read: v.read || c.readPrivate, write: v.write || c.wrote });
  }
  const differences: string[] = [];
  for (const [key, fromCheck] of checkVerdict) {
    const fromMatrix = matrixVerdict.get(key);
    if (JSON.stringify(fromMatrix) !== JSON.stringify(fromCheck))
      differences.push(`${key}: matrix ${JSON.stringify(fromMatrix)}, check ${JSON.stringify(fromCheck)}`);
  }
  expect(differences).toEqual([]);
  // Every configuration × compared relation × browser × policy was compared.
  expect(checkVerdict.size).toBe(configurations.length * compared.length * browsers.length * 2);
});
