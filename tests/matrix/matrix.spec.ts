// The verification matrix. For one browser (the project), one cookie policy and one bank
// configuration per test, every attack runs from every attacking origin — batched: one
// page per origin, all attacks at once (engine/cell-pipeline.ts). Each cell's observation
// (the bank's ledger plus the attacker's script) must equal the rule engine's prediction,
// which is made without a browser and never from an observation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { configurationBase, attacks, configurations, cookiePolicies, origins, probePrefix, runnerUrl, type Attack } from '../../catalog/index.js';
import { labBankEvidence, runCells } from '../../engine/cell-pipeline.js';
import type { BankView } from '../../engine/observe.js';
import { describeMismatch } from '../../engine/sent-request-check.js';
import { CELLS_DIR, MATRIX_TAG, notePhaseTimes, type MatrixCell } from '../../report/index.js';
import { predictCell } from '../../rules/predict.js';
import { labPage, relationOf } from '../../rules/relation.js';
import { expect, test } from './fixtures.js';

const pages = origins.map((o) => ({ id: o.id, url: runnerUrl(o), ...labPage(o) }));
type LabPage = (typeof pages)[number];

// One group per cookie policy, its configurations in order in one worker: each worker
// launches a browser once per group and keeps only one running at a time (see
// browserWithPolicy), and two workers take two groups side by side.
for (const policy of cookiePolicies) {
  test.describe(policy.id, { tag: MATRIX_TAG }, () => {
    test.describe.configure({ mode: 'default' });
    for (const config of configurations) {
      test(`${config.id} · ${policy.id}`, async ({ victimFor, oracle, bank, labBrowserName }) => {
        test.setTimeout(120_000);
        test.skip(labBrowserName === 'webkit' && policy.thirdPartyCookiesAllowed, 'WebKit has no switch to allow third-party cookies (ITP)');
        const victim = await victimFor(policy.id);
        const cookieAgeSeconds = victim.cookieAgeSeconds();
        const fields = { time: Date.now().toString(36), browser: labBrowserName, cookiePolicy: policy.id, config: config.id };

        // Observe every origin's page firing every attack, then predict each cell and compare.
        const attacksFrom = Date.now();
        let judgeFrom = attacksFrom;
        const run = await runCells<BankView, LabPage, Attack>({
          victim,
          pages,
          attacks,
          target: { config: config.id },
          probePrefix: (page) => probePrefix('matrix', 'attack', { ...fields, origin: page.id }),
          ...labBankEvidence(
            victim,
            () => {
              judgeFrom = Date.now();
              return bank.ledger(probePrefix('matrix', 'origin', fields));
            },
            (page) => ({ basePath: configurationBase(config.id), crossOrigin: relationOf(page) !== 'same-origin', browser: labBrowserName }),
          ),
          predict: (page, attack) =>
            predictCell({ browser: labBrowserName, cookiePolicy: policy.id, config: config.id, origin: page.id, attack: attack.id }, oracle, cookieAgeSeconds),
        });
        const cells: MatrixCell[] = run.map((c) => ({
          browser: labBrowserName,
          cookiePolicy: policy.id,
          config: config.id,
          origin: c.page.id,
          attack: c.attack.id,
          ...c.judged,
          bankSaw: c.evidence,
        }));

        notePhaseTimes(`${labBrowserName}.${policy.id}.${config.id}`, {
          browser: labBrowserName,
          cookiePolicy: policy.id,
          attacks: judgeFrom - attacksFrom,
          judge: Date.now() - judgeFrom,
        });
        mkdirSync(CELLS_DIR, { recursive: true });
        writeFileSync(
          `${CELLS_DIR}/${labBrowserName}.${policy.id}.${config.id}.json`,
          JSON.stringify({ browser: { name: labBrowserName, version: victim.browserVersion, cookiePolicy: policy.id }, cells }),
        );

        const wrong = cells.filter((c) => !c.agree);
        const diff = wrong.map((c) => {
          const differing = c.differingFields.map((f) => `    ${f}: observed ${JSON.stringify(c.observed[f])}, predicted ${JSON.stringify(c.predicted[f])}`);
          const sent = c.sentRequestMismatches.map((m) => `    sent request: ${describeMismatch(m)}`);
          const why = c.explanation.map((s) => `      - ${s.says} [${s.rule}]`);
          return [`  ${c.origin} × ${c.attack}`, ...differing, ...sent, '    explanation:', ...why].join('\n');
        });
        expect(wrong.length, `cells where the browser disagrees with the rules:\n${diff.join('\n')}`).toBe(0);
        expect(cells).toHaveLength(origins.length * attacks.length);
      });
    }
  });
}
