// One `cors-lab probe` run: the user's running API answers as itself inside the origin world
// (through --upstream, or the real host); the attacker site answers as every derived origin.
// Per browser × cookie policy the victim gets a session (a real login in that browser, or a
// storage state), every catalog attack re-aimed at --read/--write runs from every origin, and
// each cell pairs the evidence from both sides (the proxy's log, the script's view) with the
// rules' prediction, whose server side the API itself answered (rules/upstream-oracle.ts).
// A run may have several targets, setups of the one API with endpoints of their own
// (engine/probe-targets.ts): the victim of each browser × cookie policy then attacks each
// target in turn, as check's victim attacks each configuration.
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
import { UpstreamUnreachable, upstreamClient, type DirectAnswer, type UpstreamClient } from '../world/upstream-client.js';
import { requireBrowsers } from './browsers/installed.js';
import { launchWithPolicy } from './browsers/launch.js';
import type { ScriptView } from './observe.js';
import { probeAttacks, type Endpoint, type ProbeAttack, type ProbeTarget } from './probe-attacks.js';
import { establishSession, SetupError, type SessionSource } from './probe-session.js';
import { checkTargets, type ProbeTargetInput } from './probe-targets.js';
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
  /** What the victim attacks: `cors-lab probe`'s one target, or several setups of the API side by side, each with an id of its own. */
  targets: readonly ProbeTargetInput[];
  /** A 3xx answer to a write with the session counts as the write going through. */
  writeOk3xx: boolean;
  /** Writes allowed per attack, origin, browser, policy and target. */
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

/** A cell of a run: a probe cell, and the target it belongs to. */
export interface ProbeRunCell extends ProbeCell {
  /** The id of the target (ProbeRunInput.targets) whose endpoints the cell's attack was aimed at. */
  targetId: string;
  /** The cell's whole prediction, with what the API answered when asked directly: for drawing the cell; not in the JSON report. */
  prediction: Prediction;
}

export interface ProbeRun {
  /** Per browser × cookie policy, each target's cells in the order of the targets. */
  cells: ProbeRunCell[];
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  /**
   * Each target's attacks, re-aimed at its endpoints, and the writes to its write path the
   * proxy refused over the cap (targets that share a write path share that count).
   */
  targets: { id: string; attacks: ProbeAttack[]; writesRefused: number }[];
  /** The victim's cookies for the API host: names and SameSite only. */
  session: { name: string; sameSite: string }[];
  /** Requests the proxy saw without a marker (the logins, the pages on the API's origin), redacted. */
  untagged: EvidenceEntry[];
  /** Every session value any browser got: for a last redaction of whatever is written. Never reported. */
  secrets: string[];
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

/** A target ready to attack: its attacks and their code, and what its read endpoint gives a stranger; its oracle once the first login has passed its setup checks. */
interface ReadyTarget {
  id: string;
  read: Endpoint;
  writePath: string;
  attacks: ProbeAttack[];
  code: Partial<Record<AttackId, string>>;
  anonymous: DirectAnswer;
  oracle?: UpstreamOracle;
}

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
  const { api, upstream, origins } = input;
  checkTargets(input.targets);
  const progress = input.progress ?? (() => {});
  const policies = input.policies ?? cookiePolicies.map((p) => p.id);
  // A browser that is missing or too old ends the run here, in one line, before a request is sent.
  const installed = requireBrowsers(input.browsers);
  const client = upstreamClient(api, upstream);
  // Setup, request 1 of 3, for each target: the API answers; and what its --read gives a stranger.
  const targets: ReadyTarget[] = [];
  for (const target of input.targets) {
    const anonymous = await checkRead(client, api, upstream, target.read);
    const attacks = probeAttacks(target);
    const code = Object.fromEntries(attacks.map((a) => [a.id, a.code]));
    targets.push({ id: target.id, read: target.read, writePath: target.write.path.split('?')[0]!, attacks, code, anonymous });
  }
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
      writePaths: targets.map((t) => t.writePath),
      writeCap: input.writeCap,
      paceMs: input.paceMs,
    });
    closers.push(() => world.stop());
    const place: BankPlace = { origin: api.origin, site: siteOf(api.hostname) };
    const pages = origins.map((o, n) => derivedPage(o, String(n)));
    const state: { session: SessionCookie[] | null } = { session: null };
    const secrets = new Set<string>();

    /** One target's cells, attacked by one victim: every attack aimed at its endpoints, from every page. */
    const observeTarget = async (victim: Victim, browserName: LabBrowserName, policyId: CookiePolicyId, target: ReadyTarget): Promise<ProbeRunCell[]> => {
      const judge = target.oracle!;
      const session = state.session!;
      const fields = { time: Date.now().toString(36), browser: browserName, cookiePolicy: policyId, target: target.id };
      let cookieAge = 0;
      const cells = await runCells({
        victim,
        pages,
        attacks: target.attacks,
        target: { config: '', bank: api.origin, code: target.code },
        probePrefix: (page) => probePrefix('probe', 'attack', { ...fields, n: page.id }),
        evidence: async () => {
          await evidenceSettled(() => world.evidence.settled());
          cookieAge = victim.cookieAgeSeconds();
          return (probe) => world.evidence.forMarker(probe);
        },
        observe: (entries, script, attack) => observedFromProxy(entries, script, session, judge, input.writeOk3xx, attack.target),
        predict: async (page, attack) => {
          const prediction = await predict({ browser: browserName, cookiePolicy: policyId, config: PROBED_API, page, attack, bank: place }, judge, cookieAge);
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
      return cells.map((cell) => {
        const origin = origins[Number(cell.page.id)]!;
        const { target: aim } = cell.attack;
        const { prediction, script } = cell;
        const answer =
          prediction.bankAnswer && prediction.outcome.requestReached
            ? { status: prediction.bankAnswer.status, victim: prediction.bankAnswer.user !== null }
            : null;
        return {
          browser: browserName,
          cookiePolicy: policyId,
          origin: origin.id,
          relation: origin.relation,
          attack: cell.attack.id,
          target: aim,
          ...cell.judged,
          explanation: fitExplanation(cell.judged.explanation, session, aim, answer),
          readPrivate: aim === 'read' && script.readable && judge.holdsVictimData(script),
          wrote: cell.judged.observed.effect === 'transfer',
          evidence: cell.evidence,
          scriptSaw: script.body !== undefined && script.body.length > 300 ? { ...script, body: `${script.body.slice(0, 300)}…` } : script,
          targetId: target.id,
          prediction,
        };
      });
    };

    const run: ProbeRun = { cells: [], browsers: [], targets: [], session: [], untagged: [], secrets: [] };
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
              if (state.session) return undefined;
              // Setup, requests 2 and 3: the login (just done, in the browser) and, for each target, --read with the session.
              for (const target of targets) {
                await checkSession(client, target.read, cookies, target.anonymous);
                target.oracle = new UpstreamOracle((r) => client.send(r), target.read.path, cookies, target.anonymous);
                progress(
                  `setup passed: ${target.read.method} ${target.read.path} answers ${target.anonymous.status} without the session and the victim's data with it`,
                );
              }
              state.session = cookies;
              return undefined;
            },
          });
          run.browsers.push({ name: browserName, version: victim.browserVersion, cookiePolicy: policyId });
          for (const [n, target] of targets.entries()) {
            // Between targets, a fresh login once the cookies are a minute old, as check's victim has between
            // configurations, so every cell sees cookies well under two minutes old. The first target
            // follows the login at once, as a one-target run (cors-lab probe's) always has.
            if (n > 0) await victim.ensureFreshLogin();
            run.cells.push(...(await observeTarget(victim, browserName, policyId, target)));
          }
          const cells = origins.length * targets.reduce((n, t) => n + t.attacks.length, 0);
          progress(`${browserName} · ${policyId}: ${cells} cells observed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          await launched.close();
        }
      }
    }
    run.targets = targets.map((t) => ({ id: t.id, attacks: t.attacks, writesRefused: world.writesRefused(t.writePath) }));
    run.session = (state.session ?? []).map((c) => ({ name: c.name, sameSite: sameSiteText(c.variant) }));
    run.untagged = world.evidence.untagged();
    run.secrets = [...secrets];
    return run;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
