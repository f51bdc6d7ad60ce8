// The attacker origins `cors-lab check` tries, derived from the user's own names.
// Each relation is one row of `derivations`: a new flaw is one more row.
// Same origin = same scheme, host and port (RFC 6454 §5); an origin serializes as
// scheme://host[:port], the port only when it isn't the scheme's default (RFC 6454 §6.2).
// Same site = same registrable domain (RFC 6265bis §5.2 "site"; Fetch Metadata), worked out
// with the Public Suffix List, private section included, as browsers do.
import { getDomain, parse } from 'tldts';
import { regexLiteral, siteOf, type OriginId } from '../catalog/index.js';

export type OriginRelation =
  | 'trusted'
  | 'cross-site'
  | 'sibling'
  | 'lookalike-suffix'
  | 'lookalike-prefix'
  | 'unescaped-dot'
  | 'scheme-downgrade'
  | 'null'
  | 'shared-host'
  // The bank's own page: the lab's control, which check never derives (it attacks nothing).
  | 'same-origin'
  // A page the browser counts as public (Local Network Access) against a bank on loopback: the
  // lab's public pages; check doesn't derive them (yet).
  | 'public';

/** The relation each of the lab's own attacking origins stands in to the lab's bank (catalog/origins.ts). */
export const relationOfLabOrigin: Record<OriginId, OriginRelation> = {
  'same-origin': 'same-origin',
  attacker: 'cross-site',
  partner: 'trusted',
  sibling: 'sibling',
  'lookalike-suffix': 'lookalike-suffix',
  'lookalike-prefix': 'lookalike-prefix',
  null: 'null',
  public: 'public',
  'public-granted': 'public',
};

export interface DerivedOrigin {
  /** Unique id: the serialized origin, or `null@<page origin>` for the sandboxed frame. */
  id: string;
  relation: OriginRelation;
  /** The serialized origin requests from this page carry in `Origin` ('null' for the sandbox). */
  origin: string;
  /** The origin that serves the page (for `null`: the page embedding the sandboxed iframe). */
  pageOrigin: string;
  sandboxed: boolean;
  /** The trusted origin it imitates, if any. */
  imitates: string | null;
  /** One line: what goes wrong (like catalog/origins.ts's whatGoesWrong). */
  whatGoesWrong: string;
  /** Registrable domain (PSL incl. private section), or null when opaque. */
  site: string | null;
}

/** The unrelated attacker site; it also embeds the sandboxed iframe. */
export const UNRELATED_ORIGIN = 'https://evil.test';

/**
 * TLDs preloaded for HSTS as a whole (`"policy": "public-suffix"`, `"mode": "force-https"`,
 * `include_subdomains`): browsers turn http:// into https:// for every name under them before
 * sending anything, so no page can be served over plain HTTP there. From Chromium's
 * net/http/transport_security_state_static.json ("gTLDs and eTLDs are welcome to preload"),
 * the list behind https://hstspreload.org, which Firefox's preload list is built from.
 */
export const HSTS_PRELOADED_TLDS: ReadonlySet<string> = new Set([
  'android',
  'app',
  'bank',
  'chrome',
  'dev',
  'foo',
  'gle',
  'gmail',
  'google',
  'hangout',
  'insurance',
  'meet',
  'new',
  'page',
  'play',
  'search',
  'youtube',
  'esq',
  'fly',
  'rsvp',
  'eat',
  'nexus',
  'ing',
  'meme',
  'phd',
  'prof',
  'boo',
  'dad',
  'day',
  'channel',
  'hotmail',
  'mov',
  'zip',
  'windows',
  'skype',
  'azure',
  'office',
  'bing',
  'xbox',
  'microsoft',
  'amazon',
  'audible',
  'fire',
  'imdb',
  'kindle',
  'prime',
  'silk',
  'zappos',
  'xn--cckwcxetd',
  'xn--jlq480n2rg',
  'fujitsu',
]);

/** The user's names: the API under test and the origins it means to trust. */
export interface Names {
  api: URL;
  trusted: readonly URL[];
}

type Found = DerivedOrigin | { note: string };

/** One kind of attacker origin: how to derive it from the user's names. */
export interface Derivation {
  relation: OriginRelation;
  derive(names: Names): Found[];
}

/** The serialized origin for these parts, or null when they make no valid URL host. */
function originOf(protocol: string, hostname: string, port: string): string | null {
  try {
    return new URL(`${protocol}//${hostname}${port ? `:${port}` : ''}`).origin;
  } catch {
    return null;
  }
}

function page(relation: OriginRelation, origin: string, imitates: string | null, whatGoesWrong: string): DerivedOrigin {
  return {
    id: origin,
    relation,
    origin,
    pageOrigin: origin,
    sandboxed: false,
    imitates,
    whatGoesWrong,
    site: siteOf(new URL(origin).hostname),
  };
}

/** A look-alike of trusted origin `t` on host `hostname`, keeping t's scheme and port; a note when none exists. */
function lookalike(relation: OriginRelation, t: URL, hostname: string, whatGoesWrong: (origin: string) => string): Found {
  const origin = originOf(t.protocol, hostname, t.port);
  if (origin === null) {
    // An IP address has no look-alike: `evil127.0.0.1` is no valid host (URL standard, IPv4 parser).
    return { note: `No ${relation} origin from ${t.origin}: ${hostname} is not a valid host name.` };
  }
  return page(relation, origin, t.origin, whatGoesWrong(origin));
}

function eachTrusted(derive: (t: URL, names: Names) => Found[]): (names: Names) => Found[] {
  return (names) => names.trusted.flatMap((t) => derive(t, names));
}

/** The attacker origins, in the order their relations are tried (the first relation wins a duplicate). */
export const derivations: readonly Derivation[] = [
  {
    relation: 'trusted',
    derive: ({ trusted }) =>
      trusted.map((t) =>
        page(
          'trusted',
          t.origin,
          null,
          `The control: ${t.origin} is on your allowlist, so its reads are intended; its writes show what a script injected into ${t.host} could do.`,
        ),
      ),
  },
  {
    relation: 'cross-site',
    derive: ({ api }) => [
      page(
        'cross-site',
        UNRELATED_ORIGIN,
        null,
        `An unrelated site nobody trusts: it reads from ${api.host} only if the server reflects any Origin (origin: true, or a callback that says yes to all).`,
      ),
    ],
  },
  {
    relation: 'sibling',
    derive: ({ api }) => {
      const site = siteOf(api.hostname);
      // RFC 6265bis §5.2: with no registrable domain the host is its own site, and a name
      // below it (compromised.localhost) is a site of its own: no host name is a sibling.
      if (getDomain(api.hostname, { allowPrivateDomains: true }) === null) {
        return [
          {
            note: `No sibling origin for ${api.origin}: ${api.hostname} has no registrable domain, so no other host name shares its site (every port on ${api.hostname} does).`,
          },
        ];
      }
      const origin = originOf(api.protocol, `compromised.${site}`, api.port)!;
      return [
        page(
          'sibling',
          origin,
          null,
          `A compromised subdomain of ${site}: same site as ${api.host}, so SameSite=Strict cookies ride along, and /\\.${regexLiteral(site)}$/ or endsWith('.${site}') trusts it.`,
        ),
      ];
    },
  },
  {
    relation: 'lookalike-suffix',
    derive: eachTrusted((t) => {
      const site = siteOf(t.hostname);
      const port = t.port ? `:${t.port}` : '';
      const ofSite = lookalike(
        'lookalike-suffix',
        t,
        `evil${site}`,
        (o) =>
          `${new URL(o).host} is another site that ends like ${t.host}: it beats /${regexLiteral(site + port)}$/ (no start anchor) or endsWith('${site}${port}').`,
      );
      if (t.hostname === site) return [ofSite];
      const ofHost = lookalike(
        'lookalike-suffix',
        t,
        `evil${t.hostname}`,
        (o) => `${new URL(o).host} is on ${site}, the same site as ${t.host}: it beats /${regexLiteral(t.host)}$/ (no start anchor) or endsWith('${t.host}').`,
      );
      return [ofSite, ofHost];
    }),
  },
  {
    relation: 'lookalike-prefix',
    derive: eachTrusted((t) => [
      lookalike(
        'lookalike-prefix',
        t,
        `${t.hostname}.evil.test`,
        () =>
          `A host under evil.test that starts like ${t.hostname}: it beats origin.startsWith('${t.protocol}//${t.hostname}'), origin.includes('${t.hostname}') or /^${regexLiteral(`${t.protocol}//${t.hostname}`)}/ (no end anchor).`,
      ),
    ]),
  },
  {
    relation: 'unescaped-dot',
    derive: eachTrusted((t) => {
      if (!t.hostname.includes('.')) {
        return [{ note: `No unescaped-dot origin from ${t.origin}: ${t.hostname} has no dot to leave unescaped.` }];
      }
      if (parse(t.hostname).isIp) {
        // A dot swapped for a letter is no IPv4 address, and no host name either (URL standard,
        // "ends in a number"): 127x0.0.1 is refused, and 127.0.0x1 parses back to 127.0.0.1.
        return [
          {
            note: `No unescaped-dot origin from ${t.origin}: ${t.hostname} is an IP address, and no dot of it can be swapped for a letter to make a valid host.`,
          },
        ];
      }
      // A pattern may leave any one of its dots unescaped: each dot gets its own look-alike
      // (www.app.com gives wwwxapp.com and www.appxcom).
      const dots = [...t.hostname.matchAll(/\./g)].map((m) => m.index);
      return dots.map((at, k) => {
        const hostname = `${t.hostname.slice(0, at)}x${t.hostname.slice(at + 1)}`;
        let seen = -1;
        const pattern = regexLiteral(t.origin).replace(/\\\./g, (escaped) => (++seen === k ? '.' : escaped));
        return lookalike('unescaped-dot', t, hostname, () => `An unescaped dot matches any character: /^${pattern}$/ also matches ${hostname}.`);
      });
    }),
  },
  {
    relation: 'scheme-downgrade',
    derive: eachTrusted((t) => {
      if (t.protocol !== 'https:') return [];
      const tld = t.hostname.split('.').at(-1)!;
      if (HSTS_PRELOADED_TLDS.has(tld)) {
        return [
          {
            note: `No scheme-downgrade origin from ${t.origin}: .${tld} is on the HSTS preload list as a whole TLD, so browsers never load http://${t.host} (they switch to https first).`,
          },
        ];
      }
      return [
        page(
          'scheme-downgrade',
          originOf('http:', t.hostname, t.port)!,
          t.origin,
          `${t.host} over plain HTTP, which anyone on the network can answer for: it beats a check of the host alone, such as /^https?:\\/\\/${regexLiteral(t.host)}$/ or new URL(origin).host === '${t.host}'.`,
        ),
      ];
    }),
  },
  {
    relation: 'null',
    // A sandboxed iframe without allow-same-origin has an opaque origin, which serializes as
    // "null" in the Origin header (HTML "sandboxed origin browsing context flag"; RFC 6454 §7.3).
    derive: () => [
      {
        id: `null@${UNRELATED_ORIGIN}`,
        relation: 'null',
        origin: 'null',
        pageOrigin: UNRELATED_ORIGIN,
        sandboxed: true,
        imitates: null,
        whatGoesWrong: `A sandboxed iframe on ${new URL(UNRELATED_ORIGIN).host} sends Origin: null; a server that trusts "null" (e.g. for file:// pages) trusts every sandbox on the web.`,
        site: null,
      },
    ],
  },
  {
    relation: 'shared-host',
    // A suffix in the PSL's private section (github.io, vercel.app, herokuapp.com) hands out
    // one site per customer: trusting everything under it trusts every stranger there.
    derive: eachTrusted((t) => {
      const { isPrivate, publicSuffix } = parse(t.hostname, { allowPrivateDomains: true });
      if (isPrivate !== true || !publicSuffix) return [];
      return [
        lookalike(
          'shared-host',
          t,
          `attacker.${publicSuffix}`,
          () =>
            `A stranger's page on the shared host ${publicSuffix} (Public Suffix List, private section: a site per customer): /\\.${regexLiteral(publicSuffix)}$/ trusts it as well as ${t.host}.`,
        ),
      ];
    }),
  },
];

/**
 * Every attacker origin for the API at `api` that trusts `trusted`, in the order of
 * `derivations`, each origin once (its first relation wins) and never the API's own origin.
 * Notes say what was left out and why, and what the names imply (ports don't separate sites).
 */
export function deriveOrigins(api: URL, trusted: readonly URL[]): { origins: DerivedOrigin[]; notes: string[] } {
  const origins: DerivedOrigin[] = [];
  const notes: string[] = [];
  const seen = new Set<string>([api.origin]);
  for (const t of trusted) {
    if (t.origin === api.origin) {
      notes.push(
        `${t.origin} is the API's own origin: its requests are same-origin, which CORS never restricts, so it is left out (and nothing is derived from it).`,
      );
    } else if (t.protocol === api.protocol && t.hostname === api.hostname) {
      // Sites ignore the port (RFC 6265bis §5.2), so SameSite cookies don't tell them apart.
      notes.push(
        `${api.origin} and ${t.origin} differ only in port, and ports don't separate sites: they are one site, so SameSite cookies ride between them, and any page on ${t.hostname}, whatever its port, is same-site with the API.`,
      );
    }
  }
  const others = trusted.filter((t) => t.origin !== api.origin);
  for (const { derive } of derivations) {
    for (const found of derive({ api, trusted: others })) {
      if ('note' in found) {
        if (!notes.includes(found.note)) notes.push(found.note);
      } else if (!seen.has(found.id)) {
        seen.add(found.id);
        origins.push(found);
      }
    }
  }
  return { origins, notes };
}
