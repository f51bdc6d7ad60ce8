// `check`-shaped reports built by hand, for the verdict, SARIF, JUnit and summary tests: what
// each origin did is written out below, every other cell did nothing, and each attack's
// preflight is what Fetch says of its request (a PUT from a script is preflighted; a form post
// is a navigation and a no-cors POST of a form body a simple request, neither preflighted).
// The second report is of an API on loopback: its public pages are judged with the Local
// Network Access permission denied and granted, its trusted dev server (on loopback) in no state.
import type { AttackId, CookiePolicyId, LabBrowserName, LocalNetworkAccessState } from '../../../catalog/index.js';
import type { FindingCell, FindingReport } from '../../../cli/findings.js';
import { verdictsOf } from '../../../cli/verdicts.js';
import type { DerivedOrigin, OriginRelation } from '../../../rules/derive-origins.js';
import type { CellOutcome } from '../../../rules/types.js';

export const API = 'https://api.example.com';
export const TRUSTED = 'https://www.example.com';
export const LOOKALIKE = 'https://evilexample.com';
export const NULL_ORIGIN = 'null@https://evil.test';
export const SIBLING = 'https://compromised.example.com';
export const CROSS_SITE = 'https://evil.test';

const origin = (id: string, relation: OriginRelation): DerivedOrigin => ({
  id,
  relation,
  origin: relation === 'null' ? 'null' : id,
  pageOrigin: relation === 'null' ? CROSS_SITE : id,
  sandboxed: relation === 'null',
  imitates: relation.startsWith('lookalike') ? TRUSTED : null,
  whatGoesWrong: `What goes wrong with ${id}.`,
  site: null,
});

export const ORIGINS: DerivedOrigin[] = [
  origin(TRUSTED, 'trusted'),
  origin(CROSS_SITE, 'cross-site'),
  origin(SIBLING, 'sibling'),
  origin(LOOKALIKE, 'lookalike-suffix'),
  origin(NULL_ORIGIN, 'null'),
];

const ATTACKS: AttackId[] = ['fetch-read-account', 'fetch-put', 'form-post', 'no-cors-post'];
const PREFLIGHTED: Partial<Record<AttackId, boolean>> = { 'fetch-read-account': false, 'fetch-put': true, 'form-post': false, 'no-cors-post': false };
const BROWSERS: LabBrowserName[] = ['chromium', 'firefox'];
const POLICIES: CookiePolicyId[] = ['third-party-blocked', 'third-party-allowed'];

type Where = [LabBrowserName, CookiePolicyId];
const EVERYWHERE: Where[] = BROWSERS.flatMap((b) => POLICIES.map((p): Where => [b, p]));

const CHROMIUM: Where[] = EVERYWHERE.filter(([b]) => b === 'chromium');
const COOKIE_RIDES_ALONG: Where[] = EVERYWHERE.filter(([b, p]) => b === 'chromium' || p === 'third-party-allowed');
const THIRD_PARTY_ALLOWED: Where[] = EVERYWHERE.filter(([, p]) => p === 'third-party-allowed');

/** What happened, and where (in which Local Network Access state, if the cells have one); every other cell neither read nor wrote. */
interface Happened {
  origin: string;
  attack: AttackId;
  did: 'read' | 'wrote';
  where: Where[];
  states?: LocalNetworkAccessState[];
}

const HAPPENED: Happened[] = [
  // The trusted origin reads and writes: intended, never a finding.
  { origin: TRUSTED, attack: 'fetch-read-account', did: 'read', where: EVERYWHERE },
  { origin: TRUSTED, attack: 'fetch-put', did: 'wrote', where: EVERYWHERE },
  // The look-alike reads wherever the cookie rides along: not in Firefox with third-party cookies blocked.
  { origin: LOOKALIKE, attack: 'fetch-read-account', did: 'read', where: COOKIE_RIDES_ALONG },
  // The sandboxed page's form post: a navigation, no preflight.
  { origin: NULL_ORIGIN, attack: 'form-post', did: 'wrote', where: EVERYWHERE },
  // The sibling's PUT passes its preflight everywhere; its no-cors POST goes through in Chromium only.
  { origin: SIBLING, attack: 'fetch-put', did: 'wrote', where: EVERYWHERE },
  { origin: SIBLING, attack: 'no-cors-post', did: 'wrote', where: CHROMIUM },
];

function cell(
  happened: readonly Happened[],
  o: DerivedOrigin,
  browser: LabBrowserName,
  cookiePolicy: CookiePolicyId,
  attack: AttackId,
  localNetworkAccess?: LocalNetworkAccessState,
): FindingCell {
  const here = (did: 'read' | 'wrote') =>
    happened.some(
      (h) =>
        h.origin === o.id &&
        h.attack === attack &&
        h.did === did &&
        h.where.some(([b, p]) => b === browser && p === cookiePolicy) &&
        (localNetworkAccess === undefined || (h.states ?? []).includes(localNetworkAccess)),
    );
  const readPrivate = here('read');
  const wrote = here('wrote');
  const preflightSent = PREFLIGHTED[attack]!;
  const outcome: CellOutcome = {
    preflightSent,
    preflightPassed: preflightSent ? readPrivate || wrote : null,
    requestReached: true,
    cookiesSent: readPrivate || wrote ? ['none'] : [],
    authenticated: readPrivate || wrote,
    effect: wrote ? 'transfer' : 'none',
    responseReadable: readPrivate,
    originHeader: o.origin,
    secFetchSite: 'cross-site',
  };
  return {
    origin: o.id,
    relation: o.relation,
    browser,
    cookiePolicy,
    ...(localNetworkAccess !== undefined && { localNetworkAccess }),
    attack,
    readPrivate,
    wrote,
    agree: true,
    observed: outcome,
    predicted: outcome,
    differingFields: [],
    sentRequestMismatches: [],
    explanation: [{ rule: 'Fetch §4.9, CORS check', says: `${attack} from ${o.id}: the step that decides it.`, enforcer: 'browser' }],
  };
}

/** The report, in the given browsers (both by default); `disagree` marks cells where the browser did not do what the rules predicted. */
export function handBuiltReport(options: { browsers?: LabBrowserName[]; disagree?: (c: FindingCell) => boolean } = {}): FindingReport {
  const browsers = options.browsers ?? BROWSERS;
  const cells = ORIGINS.flatMap((o) => browsers.flatMap((b) => POLICIES.flatMap((p) => ATTACKS.map((a) => cell(HAPPENED, o, b, p, a)))));
  for (const c of cells.filter((x) => options.disagree?.(x) ?? false)) {
    c.agree = false;
    c.predicted = { ...c.predicted, responseReadable: !c.observed.responseReadable };
    c.differingFields = ['responseReadable'];
  }
  return {
    api: API,
    origins: ORIGINS,
    verdicts: verdictsOf(cells),
    cells,
    disagreements: cells.filter((c) => !c.agree).length,
  };
}

export const LOCAL_API = 'http://localhost:3000';
export const DEV_SERVER = 'http://localhost:5173';

/** The loopback API's origins: the dev server on loopback (no state), and two public pages judged in both states. */
export const LOCAL_ORIGINS: DerivedOrigin[] = [origin(DEV_SERVER, 'trusted'), origin(CROSS_SITE, 'cross-site'), origin(NULL_ORIGIN, 'null')];
const PUBLIC_STATES: LocalNetworkAccessState[] = ['denied', 'granted'];

const LOCAL_HAPPENED: Happened[] = [
  // The dev server reads and writes: trusted, and on loopback like the API.
  { origin: DEV_SERVER, attack: 'fetch-read-account', did: 'read', where: EVERYWHERE },
  { origin: DEV_SERVER, attack: 'fetch-put', did: 'wrote', where: EVERYWHERE },
  // evil.test reads only once the user allowed it on the local network, where third-party cookies ride along.
  { origin: CROSS_SITE, attack: 'fetch-read-account', did: 'read', where: THIRD_PARTY_ALLOWED, states: ['granted'] },
  // Its form post, a top-level navigation, writes whatever the user answered.
  { origin: CROSS_SITE, attack: 'form-post', did: 'wrote', where: EVERYWHERE, states: PUBLIC_STATES },
];

/** The loopback API's report; without `formPost`, evil.test's form post writes nothing, so only its reads with the permission granted remain. */
export function handBuiltLocalReport(options: { formPost?: boolean } = {}): FindingReport {
  const happened = options.formPost === false ? LOCAL_HAPPENED.filter((h) => h.attack !== 'form-post') : LOCAL_HAPPENED;
  // The dev server is the one page on loopback: no state.
  const cells = LOCAL_ORIGINS.flatMap((o) =>
    (o.id === DEV_SERVER ? [undefined] : PUBLIC_STATES).flatMap((state) =>
      BROWSERS.flatMap((b) => POLICIES.flatMap((p) => ATTACKS.map((a) => cell(happened, o, b, p, a, state)))),
    ),
  );
  return { api: LOCAL_API, origins: LOCAL_ORIGINS, verdicts: verdictsOf(cells), cells, disagreements: 0 };
}
