// Every bank configuration the lab serves, as data. `cors` is literally the options object
// a developer would hand to @fastify/cors (null: the plugin is not registered at all).
// The misconfiguration classes follow PortSwigger's CORS labs, Corsy, CORScanner and the
// OWASP Web Security Testing Guide (WSTG-CLNT-07).
import type { FastifyCorsOptions } from '@fastify/cors';
import type { CookieVariantId } from './cookie-variants.js';
import { everyServerFlaw, type ServerFlawId } from './server-flaws.js';
import { planAllowlists } from './allowlists.js';
import { labHosts } from './hosts.js';
import type { PlanHosts } from './plan-hosts.js';

/**
 * A Content-Type's MIME type essence (MIME Sniffing §4.1, as Fetch §3.2.2 compares it): the
 * type and subtype, lower-cased, parameters such as charset dropped.
 */
export function mediaTypeEssence(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** Where a configuration's API lives on the lab bank, which serves every configuration side by side. */
export function configurationBase(id: string): string {
  return `/c/${id}`;
}

/** Request body types, by Content-Type essence: JSON, url-encoded forms, text/plain. */
export type BodyType = 'json' | 'form' | 'text';

export const bodyTypeOfEssence: Readonly<Record<string, BodyType>> = {
  'application/json': 'json',
  'application/x-www-form-urlencoded': 'form',
  'text/plain': 'text',
};

export type DefenseId = 'csrf-token' | 'origin-check' | 'fetch-metadata';

export interface Defense {
  id: DefenseId;
  title: string;
  /** What the bank refuses when this defense is on. */
  refuses: string;
}

export const defenses: readonly Defense[] = [
  {
    id: 'csrf-token',
    title: 'CSRF token (@fastify/csrf-protection)',
    refuses: 'a state-changing request without the token the bank’s own page holds',
  },
  {
    id: 'origin-check',
    title: 'Origin/Referer check',
    refuses: 'a state-changing request whose Origin (or, without one, Referer) is not the bank or the partner',
  },
  {
    id: 'fetch-metadata',
    title: 'Fetch Metadata resource-isolation policy',
    refuses: 'a cross-site request (Sec-Fetch-Site: cross-site) unless it is a top-level GET navigation',
  },
];

export interface LabConfiguration {
  id: string;
  title: string;
  /** One line: what goes wrong, and what stops it. */
  whatGoesWrong: string;
  cors: FastifyCorsOptions | null;
  defenses: readonly DefenseId[];
  /** Which of the five session cookies authenticates a request. */
  sessionCookie: CookieVariantId;
  /** The bank's deliberate server-side flaws this configuration keeps (catalog/server-flaws.ts). */
  serverFlaws: readonly ServerFlawId[];
  /**
   * Why the CORS options themselves are unsafe, in the spirit of jub0bs/cors's `Dangerously…`
   * names: the report and the dashboard say "unsafe" from this, not from prose. null: the
   * options trust no origin beyond the ones a developer named.
   */
  unsafe: string | null;
  /**
   * The request body types the app parses (`cors-lab check --accepts`); every type the bank
   * knows when absent. Another type gets 415 before any handler runs.
   */
  accepts?: readonly BodyType[];
  /** The origins the origin-check defense accepts writes from; the bank's own and the partner's when absent. */
  originCheckAllows?: readonly string[];
  /**
   * Whether the app has the bank's cookie-authenticated WebSocket (`/socket`, the account and
   * transfers); it has when absent. `cors-lab check` leaves it out: a user's API has no such
   * socket unless the user says so.
   */
  websocket?: boolean;
}

// The methods a developer adds when "CORS errors" block their PUT: without them
// @fastify/cors answers preflights with its default `GET,HEAD,POST`.
const everyMethod = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'];

// The vulnerable base the defense configurations sit on: any origin, with credentials.
const reflectAnyOrigin = {
  origin: true,
  credentials: true,
  methods: everyMethod,
} satisfies FastifyCorsOptions;

/** The configurations for one site plan: their allowlists, and the names their lines quote, follow from its hosts. */
export function planConfigurations(hosts: PlanHosts): LabConfiguration[] {
  const allow = planAllowlists(hosts);
  // Named as a developer would: the lab-control page shows the callbacks' source (catalog/describe-cors.ts).
  const partnerWithoutPort = allow.prefix;
  const partnerName = allow.substring;
  return [
    {
      id: 'none',
      title: 'No CORS headers',
      whatGoesWrong: 'Cross-origin scripts can read nothing — yet simple requests still arrive, with whatever cookies SameSite lets through.',
      cors: null,
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: null,
    },
    {
      id: 'wildcard',
      title: 'Access-Control-Allow-Origin: *',
      whatGoesWrong: 'Any site reads public answers; credentialed reads still fail because `*` never covers credentials.',
      cors: { origin: '*' },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: null,
    },
    {
      id: 'wildcard-credentials',
      title: '`*` with Access-Control-Allow-Credentials: true',
      whatGoesWrong: 'Looks like it shares everything, but the browser refuses `*` together with credentials: private reads fail.',
      cors: { origin: '*', credentials: true },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: '`*` together with credentials: true (the browser refuses the pair, so it fails closed here)',
    },
    {
      id: 'reflect-any-origin',
      title: 'Any origin reflected, with credentials',
      whatGoesWrong: 'Every site may read the victim’s private data and send any preflighted write. Nothing but cookie policy stops it.',
      cors: reflectAnyOrigin,
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'trust-null',
      title: 'Trusts the `null` origin',
      whatGoesWrong: 'Meant for local files; any page can get `Origin: null` from a sandboxed iframe and read with credentials.',
      cors: { origin: ['null', allow.partner], credentials: true, methods: everyMethod },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'trusts the opaque `null` origin, with credentials',
    },
    {
      id: 'allowlist',
      title: 'Exact allowlist (the correct setup)',
      whatGoesWrong: 'Only the exact partner origin may read. Simple writes from anywhere still arrive: CORS never blocks sending.',
      cors: { origin: [allow.partner], credentials: true, methods: everyMethod },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: null,
    },
    {
      id: 'allowlist-fixed',
      title: 'Exact allowlist, and the bank’s own flaws fixed',
      whatGoesWrong:
        'The GET that moves money answers 405 and text/plain is not JSON: img, link and text/plain writes fail. A form-encoded POST still lands — only SameSite or a server check stops that.',
      cors: { origin: [allow.partner], credentials: true, methods: everyMethod },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: [],
      unsafe: null,
    },
    {
      id: 'regex-unanchored',
      title: 'Regular expression without a start anchor',
      whatGoesWrong: `${allow.unanchored} — the example shape from @fastify/cors’s own README — also matches ${hosts.suffixLookalike}.`,
      cors: { origin: allow.unanchored, credentials: true, methods: everyMethod },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'a regular expression without a start anchor, with credentials',
    },
    {
      id: 'prefix-match',
      title: 'Prefix match on the origin string',
      whatGoesWrong: `startsWith("${allow.prefix}") also accepts ${hosts.scheme}://${hosts.prefixLookalike}.`,
      cors: {
        origin: (origin, callback) => {
          callback(null, origin?.startsWith(partnerWithoutPort) === true);
        },
        credentials: true,
        methods: everyMethod,
      },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'a prefix match on the origin string, with credentials',
    },
    {
      id: 'substring-match',
      title: 'Substring match on the origin string',
      whatGoesWrong: `includes("${allow.substring}") accepts any origin that merely contains the name: ${hosts.suffixLookalike} and ${hosts.prefixLookalike} read the account.`,
      cors: {
        origin: (origin, callback) => {
          callback(null, origin?.includes(partnerName) === true);
        },
        credentials: true,
        methods: everyMethod,
      },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'a substring match on the origin string, with credentials',
    },
    {
      id: 'trust-subdomains',
      title: `Trusts every *.${hosts.bank}`,
      whatGoesWrong: 'One compromised subdomain reads everything — and, being same-site, it even gets the SameSite=Strict cookie.',
      cors: {
        origin: allow.subdomains,
        credentials: true,
        methods: everyMethod,
      },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'trusts every subdomain, with credentials',
    },
    {
      id: 'csrf-token',
      title: 'reflect-any-origin + CSRF token',
      whatGoesWrong: 'Writes without the token are refused, whatever the browser sent. Reads stay open — and a site that can read can fetch a token.',
      cors: reflectAnyOrigin,
      defenses: ['csrf-token'],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'origin-check',
      title: 'reflect-any-origin + Origin/Referer check',
      whatGoesWrong: 'The server refuses writes from foreign origins, including simple requests and forms. Reads stay open.',
      cors: reflectAnyOrigin,
      defenses: ['origin-check'],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'fetch-metadata',
      title: 'reflect-any-origin + Fetch Metadata policy',
      whatGoesWrong: 'Cross-site reads and writes are refused, but a top-level GET navigation passes — and same-site siblings pass.',
      cors: reflectAnyOrigin,
      defenses: ['fetch-metadata'],
      sessionCookie: 'none',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'samesite-lax',
      title: 'reflect-any-origin + SameSite=Lax session',
      whatGoesWrong: 'The session cookie stays home on cross-site fetches and forms, but rides on a top-level GET: a GET that moves money still works.',
      cors: reflectAnyOrigin,
      defenses: [],
      sessionCookie: 'lax',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'samesite-strict',
      title: 'reflect-any-origin + SameSite=Strict session',
      whatGoesWrong: 'No cross-site request carries the session — but the same-site sibling still does: SameSite is not same-origin.',
      cors: reflectAnyOrigin,
      defenses: [],
      sessionCookie: 'strict',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
    {
      id: 'partitioned-session',
      title: 'reflect-any-origin + Partitioned (CHIPS) session',
      whatGoesWrong:
        'The session lives in the bank’s own partition: no script on the attacker’s page gets it, whatever the third-party policy — but forms and links open the bank top-level and carry it, and so does the same-site sibling.',
      cors: reflectAnyOrigin,
      defenses: [],
      sessionCookie: 'partitioned',
      serverFlaws: everyServerFlaw,
      unsafe: 'reflects any origin, with credentials',
    },
  ];
}

/** The running lab's configurations, for its site plan (catalog/hosts.ts). */
export const configurations: readonly LabConfiguration[] = planConfigurations(labHosts);

/** The configuration `id`, or undefined: for callers that take ids from outside (URLs, settings). */
export function findConfiguration(id: string): LabConfiguration | undefined {
  return configurations.find((c) => c.id === id);
}

/** The configuration `id`; throws on an unknown id, like `attack()` and `cookiePolicy()`. */
export function configuration(id: string): LabConfiguration {
  const found = findConfiguration(id);
  if (!found) throw new Error(`unknown configuration ${id}`);
  return found;
}

export const DEFAULT_CONFIGURATION_ID = 'reflect-any-origin';
