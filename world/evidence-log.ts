// The bank-side evidence of `cors-lab probe`: what the origin world's proxy saw arrive for the
// user's API host, and what the API answered. Requests and answers are paired by mockttp's
// event id (docs/browser-facts.md, "The origin world": for a reply the proxy makes itself, `response` can come first). Session
// values are secrets: Cookie, Set-Cookie and Authorization are redacted as they are recorded,
// so neither the log nor any report made from it ever holds one.
import type * as mockttp from 'mockttp';

/** The query parameter that tags each attack's request; the proxy strips it before the API. */
export const MARKER_PARAM = 'probe';

export const REDACTED = '<redacted>';

/** A cookie set by a Set-Cookie answer: its name and attributes, never its value. */
export interface SetCookieSeen {
  name: string;
  /** The SameSite attribute as written, or undefined when the server wrote none. */
  sameSite: 'Strict' | 'Lax' | 'None' | undefined;
  secure: boolean;
  /** The Partitioned attribute (CHIPS): kept in the jar of the top-level site that set it. */
  partitioned: boolean;
  /** The header with its value redacted, e.g. `sid=<redacted>; Path=/; HttpOnly`. */
  redacted: string;
}

export interface EvidenceEntry {
  id: string;
  /** The marker the request carried (`?probe=…`), or null for untagged requests (the login). */
  marker: string | null;
  method: string;
  /** The URL the browser asked for, marker removed. */
  url: string;
  /** Request headers, lower-cased, secrets redacted. */
  requestHeaders: Record<string, string>;
  /** The names of the cookies the request carried (their values are never kept). */
  cookieNames: string[];
  status: number | null;
  /** Response headers, lower-cased, secrets redacted. */
  responseHeaders: Record<string, string>;
  setCookies: SetCookieSeen[];
}

/** One cell's entries: its preflight, and the request itself (each the first the proxy saw). */
export function preflightAndRequest(entries: readonly EvidenceEntry[]): { preflight: EvidenceEntry | null; actual: EvidenceEntry | null } {
  return { preflight: entries.find((e) => e.method === 'OPTIONS') ?? null, actual: entries.find((e) => e.method !== 'OPTIONS') ?? null };
}

type RawHeaders = Record<string, string | string[] | undefined>;

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `a=1; b=2` → [`a`, `b`]. */
export function cookieNamesOf(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean);
}

/** RFC 6265bis §5.6: the cookie's name and the attributes that decide where it rides. */
export function parseSetCookie(header: string): SetCookieSeen {
  const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
  const name = pair.split('=')[0]!.trim();
  let sameSite: SetCookieSeen['sameSite'];
  let secure = false;
  let partitioned = false;
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=').map((s) => s.trim());
    if (key.toLowerCase() === 'secure') secure = true;
    if (key.toLowerCase() === 'partitioned') partitioned = true;
    if (key.toLowerCase() === 'samesite') {
      const v = value.toLowerCase();
      // §5.6.7: an unknown value is ignored, as if the attribute were absent.
      sameSite = v === 'strict' ? 'Strict' : v === 'lax' ? 'Lax' : v === 'none' ? 'None' : undefined;
    }
  }
  return { name, sameSite, secure, partitioned, redacted: [`${name}=${REDACTED}`, ...attributes].join('; ') };
}

/** Headers with every session value replaced: Cookie, Set-Cookie, Authorization (and Proxy-Authorization). */
export function redactHeaders(headers: RawHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(headers)) {
    const name = key.toLowerCase();
    if (raw === undefined) continue;
    if (name === 'cookie')
      out[name] = cookieNamesOf(joined(raw))
        .map((n) => `${n}=${REDACTED}`)
        .join('; ');
    else if (name === 'set-cookie') out[name] = (Array.isArray(raw) ? raw : [raw]).map((h) => parseSetCookie(h).redacted).join(' | ');
    else if (name === 'authorization' || name === 'proxy-authorization') out[name] = `${joined(raw)!.split(' ')[0]} ${REDACTED}`;
    else out[name] = joined(raw)!;
  }
  return out;
}

/** The marker in a URL's query, and the URL without it. */
export function splitMarker(url: string): { marker: string | null; url: string } {
  const parsed = new URL(url);
  const marker = parsed.searchParams.get(MARKER_PARAM);
  if (marker === null) return { marker: null, url };
  parsed.searchParams.delete(MARKER_PARAM);
  return { marker, url: parsed.toString() };
}

export class EvidenceLog {
  private readonly byId = new Map<string, EvidenceEntry>();
  /** Answers that came before their request (replies the proxy made itself). */
  private readonly early = new Map<string, mockttp.CompletedResponse>();

  constructor(private readonly hosts: ReadonlySet<string>) {}

  /** Subscribes to the proxy's events: pass as the origin world's `observe` option. */
  async attach(proxy: mockttp.Mockttp): Promise<void> {
    await proxy.on('request', (req) => this.request(req));
    await proxy.on('response', (res) => this.response(res));
  }

  private request(req: mockttp.CompletedRequest): void {
    if (!this.hosts.has(new URL(req.url).hostname)) return;
    const { marker, url } = splitMarker(req.url);
    const entry: EvidenceEntry = {
      id: req.id,
      marker,
      method: req.method,
      url,
      requestHeaders: redactHeaders(req.headers),
      cookieNames: cookieNamesOf(joined(req.headers.cookie)),
      status: null,
      responseHeaders: {},
      setCookies: [],
    };
    this.byId.set(req.id, entry);
    const early = this.early.get(req.id);
    if (early) {
      this.early.delete(req.id);
      this.response(early);
    }
  }

  private response(res: mockttp.CompletedResponse): void {
    const entry = this.byId.get(res.id);
    if (!entry) {
      this.early.set(res.id, res);
      return;
    }
    entry.status = res.statusCode;
    entry.responseHeaders = redactHeaders(res.headers);
    const setCookie = res.headers['set-cookie'];
    entry.setCookies = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map(parseSetCookie);
  }

  /** Every entry whose request carried `marker`, in arrival order. */
  forMarker(marker: string): EvidenceEntry[] {
    return [...this.byId.values()].filter((e) => e.marker === marker);
  }

  /** Every entry whose marker starts with `prefix`. */
  withMarkerPrefix(prefix: string): EvidenceEntry[] {
    return [...this.byId.values()].filter((e) => e.marker?.startsWith(prefix));
  }

  /** Entries without a marker (the login and the pages the victim opened). */
  untagged(): EvidenceEntry[] {
    return [...this.byId.values()].filter((e) => e.marker === null);
  }

  /** Whether every request seen has had its answer (so the log is complete). */
  settled(): boolean {
    return [...this.byId.values()].every((e) => e.status !== null);
  }

  all(): EvidenceEntry[] {
    return [...this.byId.values()];
  }
}
