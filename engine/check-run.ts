// One `cors-lab check` run: the lab's own bank, built from the user's @fastify/cors options,
// answers as the user's API host inside the origin world; the attacker site answers as every
// derived attacking origin. Each browser × cookie policy logs a victim in, every attack runs
// from every derived origin, and each cell pairs what the browser did (the bank's ledger and
// the attacker's script) with the rules' prediction, as the lab's matrix does.
import { randomBytes } from 'node:crypto';
import { buildAttackerSite } from '../attacker-site/app.js';
import { buildBank } from '../bank-server/app.js';
import {
  LAB_ADDRESS_SPACE,
  attacks,
  bankFacts,
  configurationBase,
  cookiePolicies,
  cookiePolicy,
  labBrowser,
  outcomeOf,
  probePrefix,
  siteOf,
} from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, LabConfiguration, LocalNetworkAccessState } from '../catalog/index.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { browserProfiles } from '../rules/browser-profiles.js';
import { isSecureContextPage } from '../rules/local-network-access.js';
import { predict, type Prediction } from '../rules/predict.js';
import { relationOf, type BankPlace } from '../rules/relation.js';
import type { DerivedOrigin, OriginRelation } from '../rules/derive-origins.js';
import { startOriginWorld } from '../world/origin-world.js';
import { isLocalHost } from '../world/upstream-client.js';
import type { DirectWorld } from './browsers/direct-world.js';
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
  attack: AttackId;
  /**
   * For a public page attacking an API on loopback: the user's Local Network Access answer the
   * cell ran under, or `not-enforced` in a browser with no such permission. Absent otherwise.
   */
  localNetworkAccess?: LocalNetworkAccessState;
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
    // An API on loopback is where Local Network Access applies: every page not on loopback is
    // a public website to the browser, and runs under each answer the user can give. Pages a
    // caller gives (`cors-lab explain`'s one cell) run as before, through the proxy, where no
    // browser applies it (docs/browser-facts.md, "Local Network Access through the origin world").
    const local = input.pages === undefined && isLocalHost(api.hostname);
    if (local && attacksRun.some((a) => a.request.mode === 'websocket')) {
      throw new Error('an API on loopback is checked without WebSocket attacks: the directly reached world routes none (world/origin-world.ts)');
    }
    // Reached directly, the browsers come in over IPv4: the servers then listen on IPv6 loopback.
    const serversAt = local ? '::1' : '127.0.0.1';
    await bank.listen({ host: serversAt, port: 0 });
    closers.push(() => bank.close());
    await attacker.listen({ host: serversAt, port: 0 });
    closers.push(() => attacker.close());
    const portOf = (app: typeof bank | typeof attacker) => (app.server.address() as { port: number }).port;
    const attackerHosts = [...new Set(origins.map((o) => new URL(o.pageOrigin).host))].filter((host) => host !== api.host);
    const world = await startOriginWorld([{ host: api.host, port: portOf(bank) }, ...attackerHosts.map((host) => ({ host, port: portOf(attacker) }))], {
      serversAt: local ? '[::1]' : '127.0.0.1',
    });
    closers.push(() => world.stop());
    const oracle = await BankOracle.open(atRoot ? { rootConfiguration: atRoot, host: api.host } : { configurations: configs, host: api.host });
    closers.push(() => oracle.close());
    const place: BankPlace = { origin: api.origin, site: siteOf(api.hostname), ...(local && { addressSpace: LAB_ADDRESS_SPACE }) };
    const isPublic = (n: number) => local && !isLocalHost(new URL(origins[n]!.pageOrigin).hostname);
    const pagesAsGiven = input.pages ?? origins.map((o, n) => derivedPage(o, String(n)));
    const publicPageOrigins = [...new Set(origins.filter((_, n) => isPublic(n)).map((o) => o.pageOrigin))];
    /** The public pages a browser lets the user allow: Chromium refuses the permission to a page that is no secure context. */
    const grantable = (browserName: LabBrowserName) =>
      browserProfiles[browserName].localNetworkAccess?.deniesNonSecureContexts
        ? publicPageOrigins.filter((o) => isSecureContextPage({ pageUrl: o }))
        : publicPageOrigins;
    const direct = local ? directWorld(world.port, [api.origin, ...origins.map((o) => o.pageOrigin)]) : undefined;
    /** The pages one run opens, each with its address space and the user's answer for it (rules/local-network-access.ts). */
    const pagesFor = (state: LocalNetworkAccessState | null): PipelinePage[] =>
      pagesAsGiven.flatMap((page, n) => {
        if (!local) return [page];
        if (!isPublic(n)) return state === 'granted' ? [] : [{ ...page, addressSpace: LAB_ADDRESS_SPACE }];
        return [{ ...page, addressSpace: 'public' as const, localNetworkPermission: state === 'granted' ? ('granted' as const) : ('denied' as const) }];
      });
    /** The answers a browser runs under: both where it asks the user, one where it never does, none away from loopback. */
    const statesOf = (browserName: LabBrowserName): (LocalNetworkAccessState | null)[] => {
      if (publicPageOrigins.length === 0) return [null];
      return labBrowser(browserName).localNetworkPermission === null ? ['not-enforced'] : ['denied', 'granted'];
    };

    const run: CheckRun = { cells: [], browsers: [], predictions: new Map() };
    /** One browser with one cookie policy: a victim, every attack from every page, every cell. */
    const observe = async (browserName: LabBrowserName, policyId: CookiePolicyId, state: LocalNetworkAccessState | null) => {
      const started = Date.now();
      const pages = pagesFor(state);
      const launched = await launchWithPolicy(installed.get(browserName)!, cookiePolicy(policyId), {
        world: { ...world, ...(direct && { direct }) },
        ...(state === 'granted' && { localNetworkGrants: grantable(browserName) }),
      });
      try {
        const victim = await Victim.create({
          context: launched.context,
          name: `check-${browserName.slice(0, 2)}-${policyId === 'third-party-blocked' ? 'b' : 'a'}-${state === null ? '' : `${state.slice(0, 1)}-`}${randomBytes(3).toString('hex')}`,
          pages,
          createAccount: async (username, password) => {
            const res = await bank.inject({ method: 'POST', url: '/lab/accounts', payload: { username, password } });
            if (res.statusCode >= 300) throw new Error(`could not create the victim's account: ${res.body}`);
          },
          logIn: (context, username, password) => logInThroughForm(context, api.origin, username, password),
        });
        if (state !== 'granted') run.browsers.push({ name: browserName, version: victim.browserVersion, cookiePolicy: policyId });
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
              ...(cell.page.addressSpace === 'public' && state !== null && { localNetworkAccess: state }),
              ...cell.judged,
              bankSaw: cell.evidence,
              readPrivate: outcome.read === 'stole',
              wrote: outcome.write === 'moved',
            };
            run.cells.push(judged);
            run.predictions.set(judged, cell.prediction);
          }
        }
        const answer = state === null ? '' : ` · local network access ${state}`;
        progress(
          `${browserName} · ${policyId}${answer}: ${configs.length * pages.length * attacksRun.length} cells observed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
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
        for (const browserName of browsers) for (const state of statesOf(browserName)) await observe(browserName, policyId, state);
      }),
    );
    // Lanes finish in any order; the answer lists browsers and policies in the order asked.
    const rank = (b: { browser?: LabBrowserName; name?: LabBrowserName; cookiePolicy: CookiePolicyId }) =>
      input.browsers.indexOf((b.browser ?? b.name)!) * policies.length + policies.indexOf(b.cookiePolicy);
    run.browsers.sort((a, b) => rank(a) - rank(b));
    const stateRank = (c: CheckCell) => (c.localNetworkAccess === 'granted' ? 1 : 0);
    run.cells.sort((a, b) => rank(a) - rank(b) || stateRank(a) - stateRank(b));
    return run;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}

/** The world as an API on loopback needs it: reached directly, every loopback name on loopback, every other name public. */
function directWorld(port: number, pageOrigins: readonly string[]): DirectWorld {
  const urls = pageOrigins.filter((o) => o !== 'null').map((o) => new URL(o));
  const hostsWhere = (loopback: boolean) => [...new Set(urls.filter((u) => isLocalHost(u.hostname) === loopback).map((u) => u.hostname))];
  // A URL omits its scheme's default port (URL Standard, "port"): 80 for http, 443 for https.
  const ports = [...new Set(urls.map((u) => Number(u.port || (u.protocol === 'https:' ? 443 : 80))))];
  return { port, loopbackHosts: hostsWhere(true), publicHosts: hostsWhere(false), ports };
}
