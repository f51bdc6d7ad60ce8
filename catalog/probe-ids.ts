// Probe ids: the tag a page of the lab attaches to each request (`?probe=` or a form
// field), so that it can find exactly its own requests in the bank's ledger afterwards.
// Each kind of page mints one format below; whoever reads a probe back parses it with the
// same format. Browser pages receive `probeFormats` and `probeParts` through catalog.json
// and fill them with `probeId` in runner/lab-catalog.js.

/** Any probe the bank records: URL-safe characters only, since it travels unescaped in URLs. */
export const PROBE_PATTERN = '^[A-Za-z0-9._~-]{1,200}$';

/** What each `{part}` of a format may hold (a regular expression source, unanchored). */
export const probeParts = {
  /** `Date.now()` in base 36. */
  time: '[a-z0-9]{4,16}',
  /** A few random base-36 characters. */
  nonce: '[a-z0-9]{4,16}',
  /** A dashboard run's id, minted by the dashboard page. */
  run: '[a-z0-9]{4,16}',
  /** A counter. */
  n: '[0-9]{1,16}',
  /** Catalog ids (origins, attacks, configurations, cookie policies, browsers). */
  origin: '[a-z0-9-]{1,40}',
  attack: '[a-z0-9-]{1,40}',
  config: '[a-z0-9-]{1,40}',
  cookiePolicy: '[a-z0-9-]{1,40}',
  browser: '[a-z0-9-]{1,40}',
  /** One target of a `cors-lab probe` run (engine/probe-targets.ts): the user's API, or one of several setups side by side. */
  target: '[a-z0-9-]{1,40}',
} as const;

export type ProbePart = keyof typeof probeParts;

/** One format per kind of page. `{part}` is filled from `probeParts`; the rest is literal. */
export const probeFormats = {
  /** The bait page's one request (attacker-site/public/movies.js); the narrator answers about it. */
  movies: 'movies-{time}-{nonce}',
  /** One dashboard run, one attacking origin, one attack; the narrator reads a run back by origin. */
  dashboard: 'dash-{run}-{origin}-{attack}',
  /** The dashboard's "Run everything": one run, one configuration, one attacking origin, one attack; the narrator reads it back by configuration and origin. */
  everything: 'every-{run}.{config}.{origin}.{attack}',
  /** A button pressed on the runner page. */
  manual: 'manual-{time}-{attack}',
  /** The runner's check of which cookie policy this browser applies. */
  policyCheck: 'policy-check',
  /** One matrix cell; the victim reads origin and attack back from a navigation's URL. */
  matrix: 'm{time}.{browser}.{cookiePolicy}.{config}.{origin}.{attack}',
  /** One cell of `cors-lab check`: `{n}` numbers the derived attacking origin. */
  check: 'c{time}.{browser}.{cookiePolicy}.{config}.{n}.{attack}',
  /** One cell of `cors-lab probe`: `{target}` names the endpoints probed, `{n}` numbers the derived attacking origin. */
  probe: 'p{time}.{browser}.{cookiePolicy}.{target}.{n}.{attack}',
  /** The rules' in-process bank oracle. */
  oracle: 'oracle-{n}',
} as const;

export type ProbeKind = keyof typeof probeFormats;
export type ProbeFields = Partial<Record<ProbePart, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(kind: ProbeKind, text: string, fields: ProbeFields): string {
  return text.replace(PLACEHOLDER, (_, part: ProbePart) => {
    const value = fields[part];
    if (value === undefined) throw new Error(`probe ${kind} needs ${part}`);
    return String(value);
  });
}

/** The probe of kind `kind` with every `{part}` filled in. Throws on a missing part. */
export function probeId(kind: ProbeKind, fields: ProbeFields): string {
  return fill(kind, probeFormats[kind], fields);
}

/**
 * The probe's text before `{until}`: every probe of this kind that shares the parts before
 * it starts with this, which is how the bank's ledger query (a prefix match) finds them all.
 */
export function probePrefix(kind: ProbeKind, until: ProbePart, fields: ProbeFields): string {
  const format: string = probeFormats[kind];
  const at = format.indexOf(`{${until}}`);
  if (at < 0) throw new Error(`probe ${kind} has no ${until}`);
  return fill(kind, format.slice(0, at), fields);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression that matches exactly the probes of `kind`, with a named group per part. */
export function probeRegExp(kind: ProbeKind): RegExp {
  const format: string = probeFormats[kind];
  let source = '';
  let last = 0;
  for (const match of format.matchAll(PLACEHOLDER)) {
    const part = match[1] as ProbePart;
    source += escapeRegExp(format.slice(last, match.index)) + `(?<${part}>${probeParts[part]})`;
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeRegExp(format.slice(last))}$`);
}

/** The parts of `probe` if it is of kind `kind`, else null. */
export function parseProbe(kind: ProbeKind, probe: string): Partial<Record<ProbePart, string>> | null {
  return (probeRegExp(kind).exec(probe)?.groups as Partial<Record<ProbePart, string>> | undefined) ?? null;
}
