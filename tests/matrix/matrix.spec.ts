// The verification matrix. For one browser (the project), one cookie policy and one bank
// configuration per test, every attack runs from every attacking origin — batched: one
// page per origin, all attacks at once. Each cell's observation (the bank's ledger plus the
// attacker's script) must equal the rule engine's prediction, which is made without a
// browser and never from an observation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { attack as attackById, attacks, configurations, cookiePolicies, origins, type AttackId } from '../../catalog/index.js';
import { predictCell } from '../../rules/predict.js';
import { labPage, relationOf } from '../../rules/relation.js';
import { expect, test } from './fixtures.js';
import { bankView, type ScriptView } from '../../engine/observe.js';
import { judgeCell } from '../../engine/judge-cell.js';
import { describeMismatch } from '../../engine/sent-request-check.js';
import { CELLS_DIR, MATRIX_TAG, notePhaseTimes, type MatrixCell } from '../../report/index.js';
import { runAttacksFrom } from '../../engine/run-attacks.js';

const attackIds = attacks.map((a) => a.id);

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
        const prefix = `m${Date.now().toString(36)}.${labBrowserName}.${policy.id}.${config.id}.`;

        // Observe: every origin's page fires every attack.
        const attacksFrom = Date.now();
        const seen = new Map<string, ScriptView>();
        await Promise.all(
          origins.map(async (origin) => {
            const views = await runAttacksFrom(victim, origin.id, { config: config.id }, `${prefix}${origin.id}.`);
            for (const [id, view] of views) seen.set(`${origin.id}.${id}`, view);
          }),
        );
        const judgeFrom = Date.now();
        const ledger = await bank.ledger(prefix);

        // Predict each cell, and compare.
        const cells: MatrixCell[] = [];
        for (const origin of origins) {
          for (const attackId of attackIds as AttackId[]) {
            const probe = `${prefix}${origin.id}.${attackId}`;
            const received = bankView(ledger.filter((e) => e.probe === probe));
            const script = seen.get(`${origin.id}.${attackId}`)!;
            const key = { browser: labBrowserName, cookiePolicy: policy.id, config: config.id, origin: origin.id, attack: attackId };
            const judged = judgeCell({
              attack: attackById(attackId),
              received,
              script,
              victim: victim.username,
              prediction: await predictCell(key, oracle, cookieAgeSeconds),
              sent: { basePath: `/c/${config.id}`, crossOrigin: relationOf(labPage(origin)) !== 'same-origin', browser: labBrowserName },
            });
            cells.push({ ...key, ...judged });
          }
        }

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
          const fields = c.differingFields.map((f) => `    ${f}: observed ${JSON.stringify(c.observed[f])}, predicted ${JSON.stringify(c.predicted[f])}`);
          const sent = c.sentRequestMismatches.map((m) => `    sent request: ${describeMismatch(m)}`);
          const why = c.explanation.map((s) => `      - ${s.says} [${s.rule}]`);
          return [`  ${c.origin} × ${c.attack}`, ...fields, ...sent, '    explanation:', ...why].join('\n');
        });
        expect(wrong.length, `cells where the browser disagrees with the rules:\n${diff.join('\n')}`).toBe(0);
        expect(cells).toHaveLength(origins.length * attackIds.length);
      });
    }
  });
}
