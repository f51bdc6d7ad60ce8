// The lab's explainer — like the narrator, a lab device, not the attacker. It answers
// "what do the rules predict for this cell, and why?" with the same rule engine the
// verification matrix checks against real browsers, so a learner sees the explanation
// next to what the runner just did.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EXPLAINER_PATH, attack, attacks, configurations, cookiePolicies, labBrowserNames, origins, outcomeOf, predictedFacts } from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, OriginId } from '../catalog/index.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { predictCell } from '../rules/predict.js';
import { askBank, isLabConfig } from './ask-bank.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const ExplainQuery = Type.Object(
  {
    /** A configuration id, or `active` for the one the bank's lab control selected. */
    config: oneOf(['active', ...configurations.map((c) => c.id)]),
    origin: oneOf(origins.map((o) => o.id)),
    attack: oneOf(attacks.map((a) => a.id)),
    browser: oneOf(labBrowserNames),
    policy: oneOf(cookiePolicies.map((p) => p.id)),
    /** Seconds since the learner logged in (Chromium's 2-minute Lax + POST window). */
    cookieAgeSeconds: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);

const explainer: FastifyPluginAsyncTypebox<{ bankInternalUrl: string }> = async (app, { bankInternalUrl }) => {
  let oracle: Promise<BankOracle> | null = null;
  app.addHook('onClose', async () => {
    if (oracle) await (await oracle).close();
  });

  app.get(EXPLAINER_PATH, { schema: { querystring: ExplainQuery } }, async (req, reply) => {
    oracle ??= BankOracle.open();
    const q = req.query;
    let config: string = q.config as string;
    if (config === 'active') {
      const lab = await askBank(bankInternalUrl, '/lab/config', reply, 'explainer', isLabConfig);
      if (!lab) return reply;
      config = lab.active;
    }
    const prediction = await predictCell(
      { config, origin: q.origin as OriginId, attack: q.attack as AttackId, browser: q.browser as LabBrowserName, cookiePolicy: q.policy as CookiePolicyId },
      await oracle,
      q.cookieAgeSeconds,
    );
    // The same summary the page gives what it observed (catalog/outcomes.ts), to compare with.
    const summary = outcomeOf(predictedFacts(attack(q.attack as AttackId).request.endpoint, prediction.outcome));
    return { config, predicted: prediction.outcome, predictedOutcome: summary, explanation: prediction.explanation };
  });
};

export default explainer;
