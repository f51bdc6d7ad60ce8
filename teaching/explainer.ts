// The lab's explainer — like the narrator, a lab device, not the attacker. It answers
// "what do the rules predict for this cell, and why?" with the same rule engine the
// verification matrix checks against real browsers, so a learner sees the explanation
// next to what the runner just did; and it draws that run as a sequence (teaching/sequence.ts):
// what the bank's ledger recorded of the run's probe and what the page's script held, each
// step beside the rules' prediction.
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  EXPLAINER_PATH,
  PROBE_PATTERN,
  SEQUENCE_PATH,
  attack,
  attacks,
  configurations,
  cookiePolicies,
  labBrowserNames,
  origins,
  outcomeOf,
  parseProbe,
  probeId,
  predictedFacts,
} from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, OriginId, ProbeKind } from '../catalog/index.js';
import { bankView } from '../engine/observe.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { predictCell } from '../rules/predict.js';
import { askBank, isLabConfig, isLedgerAnswer } from './ask-bank.js';
import { labSequence, pictureOf } from './lab-sequence.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** One cell, as the pages name it. */
const cellFields = {
  /** A configuration id, or `active` for the one the bank's lab control selected. */
  config: oneOf(['active', ...configurations.map((c) => c.id)]),
  origin: oneOf(origins.map((o) => o.id)),
  attack: oneOf(attacks.map((a) => a.id)),
  browser: oneOf(labBrowserNames),
  policy: oneOf(cookiePolicies.map((p) => p.id)),
  /** Seconds since the learner logged in (Chromium's 2-minute Lax + POST window). */
  cookieAgeSeconds: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
};

const ExplainQuery = Type.Object(cellFields, { additionalProperties: false });
type Cell = Static<typeof ExplainQuery>;

/** What the page's script held after the attack (engine/observe.ts `ScriptView`, runner/runner.js). */
const ScriptView = Type.Object(
  {
    readable: Type.Boolean(),
    status: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    headers: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
    error: Type.Optional(Type.String({ maxLength: 2_000 })),
    responseType: Type.Optional(Type.String({ maxLength: 40 })),
    imageLoaded: Type.Optional(Type.Boolean()),
    popupBlocked: Type.Optional(Type.Boolean()),
    body: Type.Optional(Type.String({ maxLength: 64_000 })),
  },
  { additionalProperties: false },
);

const SequenceBody = Type.Object(
  {
    ...cellFields,
    /** The probe the page's run of this attack carried: the bank's ledger is read for it alone. */
    probe: Type.String({ pattern: PROBE_PATTERN }),
    script: ScriptView,
  },
  { additionalProperties: false },
);

/** The probes of the lab's own pages that run an attack: the dashboard's two runs and the runner's buttons (catalog/probe-ids.ts). */
const PAGE_PROBES: readonly ProbeKind[] = ['dashboard', 'everything', 'manual'];

/**
 * Why `probe` is not a run of this cell, or null when it is: the probe a lab page mints for the
 * cell's attack, origin and configuration, with the run's own parts (its run id or time).
 */
function probeMismatch(probe: string, cell: Cell): string | null {
  const kind = PAGE_PROBES.find((k) => parseProbe(k, probe) !== null);
  if (!kind) return 'the explainer only draws a run of the dashboard or the runner page: their probes name it';
  // Origin and attack ids hold dashes, so a parse can't split them: the cell's own probe is compared instead.
  const own = probeId(kind, { ...parseProbe(kind, probe), origin: cell.origin, attack: cell.attack, config: cell.config });
  return own === probe ? null : `probe ${probe} is not a run of ${cell.attack} from ${cell.origin}${kind === 'everything' ? ` against ${cell.config}` : ''}`;
}

const explainer: FastifyPluginAsyncTypebox<{ bankInternalUrl: string }> = async (app, { bankInternalUrl }) => {
  let oracle: Promise<BankOracle> | null = null;
  app.addHook('onClose', async () => {
    if (oracle) await (await oracle).close();
  });

  /** The id of `config`, or of the bank's active configuration for `active`; null once a 502 is sent. */
  const configId = async (config: string, reply: FastifyReply) =>
    config === 'active' ? ((await askBank(bankInternalUrl, '/lab/config', reply, 'explainer', isLabConfig))?.active ?? null) : config;

  const predict = async (config: string, q: Cell) => {
    oracle ??= BankOracle.open();
    const key = {
      config,
      origin: q.origin as OriginId,
      attack: q.attack as AttackId,
      browser: q.browser as LabBrowserName,
      cookiePolicy: q.policy as CookiePolicyId,
    };
    return predictCell(key, await oracle, q.cookieAgeSeconds);
  };

  app.get(EXPLAINER_PATH, { schema: { querystring: ExplainQuery } }, async (req, reply) => {
    const q = req.query;
    const config = await configId(q.config, reply);
    if (config === null) return reply;
    const prediction = await predict(config, q);
    // The same summary the page gives what it observed (catalog/outcomes.ts), to compare with.
    const summary = outcomeOf(predictedFacts(attack(q.attack as AttackId).request.endpoint, prediction.outcome));
    return { config, predicted: prediction.outcome, predictedOutcome: summary, explanation: prediction.explanation };
  });

  // One run of one cell, drawn: the ledger's entries of its probe (the bank's side) and the
  // script's view the page sends (the page's side), against the rules' prediction.
  app.post(SEQUENCE_PATH, { schema: { body: SequenceBody } }, async (req, reply) => {
    const q = req.body;
    const mismatch = probeMismatch(q.probe, q);
    if (mismatch) return reply.code(400).send({ error: 'Bad Request', message: mismatch });
    const ledger = await askBank(bankInternalUrl, `/lab/ledger?probe=${q.probe}`, reply, 'explainer', isLedgerAnswer);
    if (!ledger) return reply;
    // The ledger's query matches a prefix: this run's entries carry exactly its probe.
    const entries = ledger.entries.filter((e) => e.probe === q.probe);
    // The configuration that answered is the one the bank recorded; `active` takes it.
    const answeredBy = entries.find((e) => e.config !== null)?.config;
    if (answeredBy && !configurations.some((c) => c.id === answeredBy)) {
      return reply.code(502).send({ error: 'Bad Gateway', message: `the bank recorded configuration ${answeredBy}, which the catalog does not have` });
    }
    if (answeredBy && q.config !== 'active' && answeredBy !== q.config) {
      return reply.code(409).send({ error: 'Conflict', message: `the bank answered probe ${q.probe} under configuration ${answeredBy}, not ${q.config}` });
    }
    const config = answeredBy ?? (await configId(q.config, reply));
    if (config === null) return reply;
    const observed = { bank: bankView(entries), script: q.script };
    const sequence = labSequence({ origin: q.origin as OriginId, attack: q.attack as AttackId, browser: q.browser }, await predict(config, q), observed);
    return { config, probe: q.probe, ...pictureOf(sequence) };
  });
};

export default explainer;
