// A `check`-shaped report built by hand, for the SARIF and JUnit tests: what each origin did is
// written out below, every other cell did nothing, and each attack's preflight is what Fetch
// says of its request (a PUT from a script is preflighted; a form post is a navigation and a
// no-cors POST of a form body a simple request, neither preflighted).
import type { AttackId, CookiePolicyId, LabBrowserName } from '../../../catalog/index.js';
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

/** What happened, and where; every other cell neither read nor wrote. */
const HAPPENED: { origin: string; attack: AttackId; did: 'read' | 'wrote'; where: Where[] }[] = [
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

function cell(o: DerivedOrigin, browser: LabBrowserName, cookiePolicy: CookiePolicyId, attack: AttackId): FindingCell {
  const here = (did: 'read' | 'wrote') =>
    HAPPENED.some((h) => h.origin === o.id && h.attack === attack && h.did === did && h.where.some(([b, p]) => b === browser && p === cookiePolicy));
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
  const cells = ORIGINS.flatMap((o) => browsers.flatMap((b) => POLICIES.flatMap((p) => ATTACKS.map((a) => cell(o, b, p, a)))));
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
