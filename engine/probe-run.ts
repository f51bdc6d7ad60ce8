// One `cors-lab probe` run: the user's running API answers as itself inside the origin world
// (through --upstream, or the real host); the attacker site answers as every derived origin.
// Per browser × cookie policy the victim gets a session (a real login in that browser, or a
// storage state), every catalog attack re-aimed at --read/--write runs from every origin, and
// each cell pairs the evidence from both sides (the proxy's log, the script's view) with the
// rules' prediction, whose server side the API itself answered (rules/upstream-oracle.ts).
import { randomBytes } from 'node:crypto';
import { buildAttackerSite } from '../attacker-site/app.js';
import { cookiePolicies, cookiePolicy, cookieVariants, probePrefix, siteOf } from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, LabConfiguration } from '../catalog/index.js';
import { predict, type Prediction } from '../rules/predict.js';
import type { BankPlace } from '../rules/relation.js';
import type { CellOutcome, Step } from '../rules/types.js';
import { UpstreamOracle, type SessionCookie } from '../rules/upstream-oracle.js';
import { preflightAndRequest, type EvidenceEntry } from '../world/evidence-log.js';
import type { DerivedOrigin, OriginRelation } from '../rules/derive-origins.js';
import { startProbeWorld } from '../world/probe-world.js';
import { UpstreamUnreachable, upstreamClient, type UpstreamClient } from '../world/upstream-client.js';
import { requireBrowsers } from './browsers/installed.js';
import { launchWithPolicy } from './browsers/launch.js';
import type { ScriptView } from './observe.js';
import { probeAttacks, type Endpoint, type ProbeAttack, type ProbeTarget } from './probe-attacks.js';
import { establishSession, SetupError, type SessionSource } from './probe-session.js';
import { derivedPage, runCells } from './cell-pipeline.js';
import type { JudgedCell } from './judge-cell.js';
import { Victim } from './victim.js';

export interface ProbeRunInput {
  api: URL;
  upstream: URL | null;
  origins: readonly DerivedOrigin[];
  browsers: readonly LabBrowserName[];
  policies?: readonly CookiePolicyId[];
  session: SessionSource;
  read: Endpoint;
  write: Endpoint;
  writeBody: Record<string, unknown>;
  /** A 3xx answer to a write with the session counts as the write going through. */
  writeOk3xx: boolean;
  /** Writes allowed per attack, origin, browser and policy. */
  writeCap: number;
  /** Least time between two writes reaching the API. */
  paceMs: number;
  progress?: (line: string) => void;
}

/** A probe cell, judged (engine/judge-cell.ts), in the shape every cell has, with what probe adds. */
export interface ProbeCell extends JudgedCell {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  origin: string;
  relation: OriginRelation;
  attack: AttackId;
  target: ProbeTarget;
  /** The script got a body holding the victim's data: different from the answer without the session. */
  readPrivate: boolean;
  /** A request carrying the session reached the API, and the API answered 2xx (or 3xx with --write-ok 3xx). */
  wrote: boolean;
  /** What the proxy saw for this cell, secrets redacted. */
  evidence: EvidenceEntry[];
}

export interface ProbeRun {
  cells: ProbeCell[];
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  attacks: ProbeAttack[];
  /** The victim's cookies for the API host: names and SameSite only. */
  session: { name: string; sameSite: string }[];
  /** Requests the proxy saw without a marker (the logins, the pages on the API's origin), redacted. */
  untagged: EvidenceEntry[];
  writesRefused: number;
  /** Every session value any browser got: for a last redaction of whatever is written. Never reported. */
  secrets: string[];
  /** Each cell's whole prediction, with what the API answered when asked directly: for drawing the cell; not in the JSON report. */
  predictions: Map<ProbeCell, Prediction>;
}

/** The rules' configuration slot: the API is not the lab's bank, so nothing of it is known here. */
const PROBED_API: LabConfiguration = {
  id: 'probed-api',
  title: 'Your running API',
  whatGoesWrong: 'What this probe finds out.',
  cors: null,
  defenses: [],
  sessionCookie: 'none',
  serverFlaws: [],
  unsafe: null,
};

const sameSiteText = (variant: SessionCookie['variant']) => cookieVariants.find((v) => v.id === variant)!.title;

/** The setup checks: the API answers, and --read tells the session from no session. */
async function checkRead(client: UpstreamClient, api: URL, upstream: URL | null, read: Endpoint) {
  try {
    return await client.send({ method: read.method, path: read.path });
  } catch (error) {
    if (!(error instanceof UpstreamUnreachable)) throw error;
    throw new SetupError(`${upstream ? `the upstream ${upstream.origin}` : `the API ${api.origin}`} doesn't answer (${error.message})`);
  }
}

async function checkSession(client: UpstreamClient, read: Endpoint, cookies: readonly SessionCookie[], anonymous: { status: number; body: string }) {
  const answer = await client.send({ method: read.method, path: read.path, headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  if (answer.status === 401) {
    throw new SetupError(`--read ${read.method} ${read.path} answered 401 with the session: the login is stale (log in again, or save a new storage state)`);
  }
  if (answer.status === anonymous.status && answer.body.trim() === anonymous.body.trim()) {
    throw new SetupError(
      `--read ${read.method} ${read.path} answers the same with the session as without it: name an endpoint that shows the victim's own data, e.g. GET /me`,
    );
  }
}

/** The prediction's words, fitted to the user's API: their cookies, and what the API was asked. */
function fitExplanation(steps: Step[], present: readonly SessionCookie[], target: ProbeTarget, answer: { status: number; victim: boolean } | null): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const variant = cookieVariants.find((v) => step.says.startsWith(`${v.title}:`));
    if (variant) {
      const names = present.filter((c) => c.variant === variant.id).map((c) => c.name);
      if (names.length > 0)
        out.push({ ...step, says: `${names.join(', ')} (${step.says.slice(0, variant.title.length)})${step.says.slice(variant.title.length)}` });
      continue;
    }
    if (step.enforcer === 'server') continue;
    out.push(step);
  }
  if (answer === null) return out;
  const rule = 'Your API, asked directly with the same cookies (cors-lab probe)';
  if (target === 'write') {
    out.push({ rule, enforcer: 'server', says: 'Not predicted: the tool never sends a write itself, so what your API does with it is only observed.' });
  } else {
    out.push({
      rule,
      enforcer: 'server',
      says: answer.victim
        ? `Your API answers ${answer.status} with the victim’s data (a body other than its answer without the session).`
        : `Your API answers ${answer.status}, the same as without the session: no victim data.`,
    });
  }
  return out;
}

/** What a probe cell observed: the proxy's log of what reached the API, and the script's view. */
async function observedFromProxy(
  entries: readonly EvidenceEntry[],
  script: ScriptView,
  session: readonly SessionCookie[],
  judge: UpstreamOracle,
  writeOk3xx: boolean,
  target: ProbeTarget,
): Promise<CellOutcome> {
  const { preflight, actual } = preflightAndRequest(entries);
  const first = preflight ?? actual;
  const authenticated = actual !== null && (await judge.authenticates(actual.cookieNames));
  const status = actual?.status ?? 0;
  // A write went through when it carried the session and the API answered 2xx (or 3xx with --write-ok 3xx).
  const wrote = target === 'write' && authenticated && ((status >= 200 && status < 300) || (writeOk3xx && status >= 300 && status < 400));
  return {
    preflightSent: preflight !== null,
    preflightPassed: preflight === null ? null : actual !== null,
    requestReached: actual !== null,
    cookiesSent: cookieVariants.filter((v) => session.some((c) => c.variant === v.id && actual?.cookieNames.includes(c.name))).map((v) => v.id),
    authenticated,
    effect: wrote ? 'transfer' : 'none',
    responseReadable: script.readable,
    originHeader: first?.requestHeaders.origin ?? null,
    secFetchSite: first?.requestHeaders['sec-fetch-site'] ?? null,
  };
}

async function evidenceSettled(settled: () => boolean, ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; !settled() && Date.now() < deadline; ) await new Promise((done) => setTimeout(done, 20));
}

export async function runProbe(input: ProbeRunInput): Promise<ProbeRun> {
  const { api, upstream, origins, read, write } = input;
  const progress = input.progress ?? (() => {});
  const policies = input.policies ?? cookiePolicies.map((p) => p.id);
  // A browser that is missing or too old ends the run here, in one line, before a request is sent.
  const installed = requireBrowsers(input.browsers);
  const client = upstreamClient(api, upstream);
  // Setup, request 1 of 3: the API answers; and what --read gives a stranger.
  const anonymous = await checkRead(client, api, upstream, read);
  const attacks = probeAttacks({ read, write, writeBody: input.writeBody });
  const code = Object.fromEntries(attacks.map((a) => [a.id, a.code]));
  const attacker = buildAttackerSite();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await attacker.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => attacker.close());
    const world = await startProbeWorld({
      api,
      upstream,
      attackerHosts: origins.map((o) => new URL(o.pageOrigin).host),
      attackerPort: (attacker.server.address() as { port: number }).port,
      writePath: write.path.split('?')[0]!,
      writeCap: input.writeCap,
      paceMs: input.paceMs,
    });
    closers.push(() => world.stop());
    const place: BankPlace = { origin: api.origin, site: siteOf(api.hostname) };
    const pages = origins.map((o, n) => derivedPage(o, String(n)));
    const state: { oracle?: UpstreamOracle; session: SessionCookie[] } = { session: [] };
    const secrets = new Set<string>();

    const run: ProbeRun = { cells: [], browsers: [], attacks, session: [], untagged: [], writesRefused: 0, secrets: [], predictions: new Map() };
    for (const browserName of input.browsers) {
      for (const policyId of policies) {
        const started = Date.now();
        const launched = await launchWithPolicy(installed.get(browserName)!, cookiePolicy(policyId), { world });
        try {
          const victim = await Victim.create({
            context: launched.context,
            name: `probe-${randomBytes(3).toString('hex')}`,
            pages,
            createAccount: async () => {},
            logIn: async (context) => {
              const cookies = await establishSession(context, api, input.session, world.evidence);
              for (const c of cookies) secrets.add(c.value);
              if (state.oracle) return undefined;
              // Setup, requests 2 and 3: the login (just done, in the browser) and --read with the session.
              await checkSession(client, read, cookies, anonymous);
              state.session = cookies;
              state.oracle = new UpstreamOracle((r) => client.send(r), read.path, cookies, anonymous);
              progress(`setup passed: ${read.method} ${read.path} answers ${anonymous.status} without the session and the victim's data with it`);
              return undefined;
            },
          });
          const judge = state.oracle!;
          const session = state.session;
          run.browsers.push({ name: browserName, version: victim.browserVersion, cookiePolicy: policyId });
          const fields = { time: Date.now().toString(36), browser: browserName, cookiePolicy: policyId };
          let cookieAge = 0;
          const cells = await runCells({
            victim,
            pages,
            attacks,
            target: { config: '', bank: api.origin, code },
            probePrefix: (page) => probePrefix('probe', 'attack', { ...fields, n: page.id }),
            evidence: async () => {
              await evidenceSettled(() => world.evidence.settled());
              cookieAge = victim.cookieAgeSeconds();
              return (probe) => world.evidence.forMarker(probe);
            },
            observe: (entries, script, attack) => observedFromProxy(entries, script, session, judge, input.writeOk3xx, attack.target),
            predict: async (page, attack) => {
              const prediction = await predict(
                { browser: browserName, cookiePolicy: policyId, config: PROBED_API, page, attack, bank: place },
                judge,
                cookieAge,
              );
              // Only the cookies the victim really holds can ride along.
              const cookiesSent = prediction.outcome.cookiesSent.filter((id) => session.some((c) => c.variant === id));
              return { ...prediction, outcome: { ...prediction.outcome, cookiesSent } };
            },
            // The user's API, not the lab's bank, recorded the request: no ledger to check it against.
            sentRequest: () => null,
            // What a write's answer lets the script read depends on headers the tool never asked for.
            unpredicted: (attack) =>
              attack.target === 'write' ? ['effect', ...(attack.request.mode === 'cors' ? (['responseReadable'] as const) : [])] : ['effect'],
          });
          for (const cell of cells) {
            const origin = origins[Number(cell.page.id)]!;
            const { target } = cell.attack;
            const { prediction } = cell;
            const answer =
              prediction.bankAnswer && prediction.outcome.requestReached
                ? { status: prediction.bankAnswer.status, victim: prediction.bankAnswer.user !== null }
                : null;
            const { script } = cell;
            const judged: ProbeCell = {
              browser: browserName,
              cookiePolicy: policyId,
              origin: origin.id,
              relation: origin.relation,
              attack: cell.attack.id,
              target,
              ...cell.judged,
              explanation: fitExplanation(cell.judged.explanation, session, target, answer),
              readPrivate: target === 'read' && script.readable && judge.holdsVictimData(script),
              wrote: cell.judged.observed.effect === 'transfer',
              evidence: cell.evidence,
              scriptSaw: script.body !== undefined && script.body.length > 300 ? { ...script, body: `${script.body.slice(0, 300)}…` } : script,
            };
            run.cells.push(judged);
            run.predictions.set(judged, prediction);
          }
          progress(`${browserName} · ${policyId}: ${origins.length * attacks.length} cells observed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          await launched.close();
        }
      }
    }
    run.session = state.session.map((c) => ({ name: c.name, sameSite: sameSiteText(c.variant) }));
    run.untagged = world.evidence.untagged();
    run.writesRefused = world.writesRefused();
    run.secrets = [...secrets];
    return run;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
