// One `cors-lab check` run: the lab's own bank, built from the user's @fastify/cors options,
// answers as the user's API host inside the origin world; the attacker site answers as every
// derived attacking origin. Each browser × cookie policy logs a victim in, every attack runs
// from every derived origin, and each cell pairs what the browser did (the bank's ledger and
// the attacker's script) with the rules' prediction, as the lab's matrix does.
import { randomBytes } from 'node:crypto';
import { buildAttackerSite } from '../attacker-site/app.js';
import { buildBank } from '../bank-server/app.js';
import { configurationBase, attacks, bankFacts, cookiePolicies, cookiePolicy, outcomeOf, probePrefix, siteOf } from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, LabConfiguration, LocalNetworkAccessState } from '../catalog/index.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { predict, type Prediction } from '../rules/predict.js';
import { relationOf, type BankPlace } from '../rules/relation.js';
import type { DerivedOrigin, OriginRelation } from '../rules/derive-origins.js';
import { startOriginWorld } from '../world/origin-world.js';
import { requireBrowsers } from './browsers/installed.js';
import { launchWithPolicy } from './browsers/launch.js';
import { logInThroughForm } from './log-in.js';
import { answered } from './observe.js';
import type { LabJudgedCell } from './judge-cell.js';
import { derivedPage, labBankEvidence, runCells, type PipelinePage } from './cell-pipeline.js';
import { Victim } from './victim.js';

export interface CheckCell extends LabJudgedCell {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  /** The configuration checked: the user's (`yours`), or a lab configuration translated. */
  config: string;
  origin: string;
  relation: OriginRelation;
  /** For a public page against an API on loopback: the Local Network Access state it was judged in; absent where none applies. */
  localNetworkAccess?: LocalNetworkAccessState;
  attack: AttackId;
  /** The attacker's script read the victim's private data (catalog/outcomes.ts, "stole"). */
  readPrivate: boolean;
  /** A state-changing request arrived with the session and the bank performed it. */
  wrote: boolean;
}

export interface CheckRunInput {
  api: URL;
  /**
   * The configurations to check. One is served at the API's root, exactly as the user's app
   * would be; several are served side by side under /c/<id> (the lab's own set, translated).
   */
  configs: readonly LabConfiguration[];
  origins: readonly DerivedOrigin[];
  browsers: readonly LabBrowserName[];
  policies?: readonly CookiePolicyId[];
  /** Only these attacks (default: every attack the app has a route for). */
  attacks?: readonly AttackId[];
  /**
   * The victim's page for each origin, in the same order (default: the runner the attacker site
   * serves on the origin's page origin). A page on the API's own origin is the bank's to serve.
   */
  pages?: readonly PipelinePage[];
  progress?: (line: string) => void;
}

export interface CheckRun {
  cells: CheckCell[];
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  /** Each cell's whole prediction, with what the bank would answer: for drawing the cell (teaching/sequence.ts); not in the JSON report. */
  predictions: Map<CheckCell, Prediction>;
}

/**
 * Counts the bank's requests in flight per probe prefix. The ledger records a request once
 * its answer is sent (onResponse), which can be just after the browser has it: a run reads
 * the ledger only once its own requests have all finished.
 */
class InFlight {
  private counts = new Map<string, number>();
  private waiters = new Map<string, () => void>();
  private laneOf = new WeakMap<object, string>();

  watch(bank: ReturnType<typeof buildBank>): void {
    bank.addHook('onRequest', async (req) => {
      // An accepted WebSocket handshake never finishes as an HTTP response: the socket route
      // records it, and each message, before answering (bank-server/routes/socket.ts).
      if (req.headers.upgrade?.toLowerCase() === 'websocket') return;
      const probe = (req.query as Record<string, unknown> | undefined)?.probe;
      const lane = typeof probe === 'string' ? [...this.counts.keys()].find((prefix) => probe.startsWith(prefix)) : undefined;
      if (lane === undefined) return;
      this.laneOf.set(req, lane);
      this.counts.set(lane, this.counts.get(lane)! + 1);
    });
    const finished = (req: object) => {
      const lane = this.laneOf.get(req);
      if (lane === undefined) return;
      this.laneOf.delete(req);
      const left = this.counts.get(lane)! - 1;
      this.counts.set(lane, left);
      if (left === 0) this.waiters.get(lane)?.();
    };
    bank.addHook('onResponse', async (req) => finished(req));
    // A request the browser gave up on never gets a response: it counts as finished too.
    bank.addHook('onRequestAbort', async (req) => finished(req));
  }

  open(prefix: string): void {
    this.counts.set(prefix, 0);
  }

  /** Resolves once the lane has nothing in flight; bounded, so a stuck request shows in its cell instead of hanging the run. */
  async idle(prefix: string): Promise<void> {
    if (this.counts.get(prefix) === 0) return;
    await Promise.race([new Promise<void>((done) => this.waiters.set(prefix, done)), new Promise<void>((done) => setTimeout(done, 5_000))]);
    this.waiters.delete(prefix);
  }

  close(prefix: string): void {
    this.counts.delete(prefix);
  }
}

export async function runCheck(input: CheckRunInput): Promise<CheckRun> {
  const { api, configs, origins } = input;
  const progress = input.progress ?? (() => {});
  const policies = input.policies ?? cookiePolicies.map((p) => p.id);
  const atRoot = configs.length === 1 ? configs[0] : undefined;
  // An app without the cookie-authenticated socket (a user's, unless they say otherwise) has
  // nothing for the WebSocket attacks to open: they are left out rather than sent to a 404.
  const attacksRun = (configs.every((c) => c.websocket === false) ? attacks.filter((a) => a.request.mode !== 'websocket') : attacks).filter(
    (a) => input.attacks === undefined || input.attacks.includes(a.id),
  );
  const basePath = (config: LabConfiguration) => (atRoot ? '' : configurationBase(config.id));
  // A browser that is missing or too old ends the run here, in one line, before anything starts.
  const installed = requireBrowsers(input.browsers);
  const bank = buildBank({ cookieSecret: randomBytes(32).toString('hex'), ...(atRoot ? { rootConfiguration: atRoot } : { configurations: configs }) });
  const attacker = buildAttackerSite();
  const inFlight = new InFlight();
  inFlight.watch(bank);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await bank.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => bank.close());
    await attacker.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => attacker.close());
    const portOf = (app: typeof bank | typeof attacker) => (app.server.address() as { port: number }).port;
    const attackerHosts = [...new Set(origins.map((o) => new URL(o.pageOrigin).host))].filter((host) => host !== api.host);
    const world = await startOriginWorld([{ host: api.host, port: portOf(bank) }, ...attackerHosts.map((host) => ({ host, port: portOf(attacker) }))]);
    closers.push(() => world.stop());
    const oracle = await BankOracle.open(atRoot ? { rootConfiguration: atRoot, host: api.host } : { configurations: configs, host: api.host });
    closers.push(() => oracle.close());
    const place: BankPlace = { origin: api.origin, site: siteOf(api.hostname) };
    const pages = input.pages ?? origins.map((o, n) => derivedPage(o, String(n)));

    const run: CheckRun = { cells: [], browsers: [], predictions: new Map() };
    /** One browser with one cookie policy: a victim, every attack from every page, every cell. */
    const observe = async (browserName: LabBrowserName, policyId: CookiePolicyId) => {
      const started = Date.now();
      const launched = await launchWithPolicy(installed.get(browserName)!, cookiePolicy(policyId), { world });
      try {
        const victim = await Victim.create({
          context: launched.context,
          name: `check-${browserName.slice(0, 2)}-${policyId === 'third-party-blocked' ? 'b' : 'a'}-${randomBytes(3).toString('hex')}`,
          pages,
          createAccount: async (username, password) => {
            const res = await bank.inject({ method: 'POST', url: '/lab/accounts', payload: { username, password } });
            if (res.statusCode >= 300) throw new Error(`could not create the victim's account: ${res.body}`);
          },
          logIn: (context, username, password) => logInThroughForm(context, api.origin, username, password),
        });
        run.browsers.push({ name: browserName, version: victim.browserVersion, cookiePolicy: policyId });
        for (const config of configs) {
          await victim.ensureFreshLogin();
          const fields = { time: Date.now().toString(36), browser: browserName, cookiePolicy: policyId, config: config.id };
          const lane = probePrefix('check', 'n', fields);
          inFlight.open(lane);
          let cookieAge = 0;
          const cells = await runCells({
            victim,
            pages,
            attacks: attacksRun,
            target: { config: config.id, bank: api.origin + basePath(config) },
            probePrefix: (page) => probePrefix('check', 'attack', { ...fields, n: page.id }),
            ...labBankEvidence(
              victim,
              async () => {
                await inFlight.idle(lane);
                inFlight.close(lane);
                cookieAge = victim.cookieAgeSeconds();
                return bank.lab.ledger.query({ probePrefix: lane });
              },
              (page) => ({ basePath: basePath(config), crossOrigin: relationOf(page, place) !== 'same-origin', browser: browserName }),
            ),
            predict: (page, attack) => predict({ browser: browserName, cookiePolicy: policyId, config, page, attack, bank: place }, oracle, cookieAge),
          });
          for (const cell of cells) {
            const origin = origins[Number(cell.page.id)]!;
            const outcome = outcomeOf({ readable: cell.script.readable, ...bankFacts(cell.attack.request.endpoint, answered(cell.evidence)) });
            const judged: CheckCell = {
              browser: browserName,
              cookiePolicy: policyId,
              config: config.id,
              origin: origin.id,
              relation: origin.relation,
              attack: cell.attack.id,
              ...cell.judged,
              bankSaw: cell.evidence,
              readPrivate: outcome.read === 'stole',
              wrote: outcome.write === 'moved',
            };
            run.cells.push(judged);
            run.predictions.set(judged, cell.prediction);
          }
        }
        progress(
          `${browserName} · ${policyId}: ${configs.length * origins.length * attacksRun.length} cells observed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await launched.close();
      }
    };
    // One lane per cookie policy, side by side (two cores); each lane takes the browsers in
    // turn, Firefox first: it costs about twice Chromium's CPU, so the lanes end together.
    const browsers = [...input.browsers].sort((a, b) => Number(b === 'firefox') - Number(a === 'firefox'));
    await Promise.all(
      policies.map(async (policyId) => {
        for (const browserName of browsers) await observe(browserName, policyId);
      }),
    );
    // Lanes finish in any order; the answer lists browsers and policies in the order asked.
    const rank = (b: { browser?: LabBrowserName; name?: LabBrowserName; cookiePolicy: CookiePolicyId }) =>
      input.browsers.indexOf((b.browser ?? b.name)!) * policies.length + policies.indexOf(b.cookiePolicy);
    run.browsers.sort((a, b) => rank(a) - rank(b));
    run.cells.sort((a, b) => rank(a) - rank(b));
    return run;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
