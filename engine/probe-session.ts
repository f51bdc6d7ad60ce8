// The victim's session for `cors-lab probe`, from one of two places:
// - `--login`: the browser itself logs in against the API (a fetch from a page on the API's
//   own origin), so the server's own Set-Cookie attributes are what the browser keeps;
// - `--storage-state`: a Playwright storage-state file. It can't express a cookie with no
//   SameSite (Playwright writes it as Lax, and loading it makes it explicit), which erases
//   Chromium's Lax+POST window and Firefox's different default: the report says so.
// The cookies' attributes decide what rides along; the tool never rewrites them.
import type { BrowserContext } from 'playwright-core';
import { cookieVariants, type CookieVariantId } from '../catalog/index.js';
import type { SessionCookie } from '../rules/upstream-oracle.js';
import type { EvidenceLog, SetCookieSeen } from '../world/evidence-log.js';
import { LOGIN_PAGE_PATH } from '../world/probe-world.js';
import type { Endpoint } from './probe-attacks.js';

/** The setup failed in a way the user must fix (exit 2, one line). */
export class SetupError extends Error {
  override name = 'SetupError';
}

export interface StorageStateCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

export type SessionSource = { kind: 'login'; endpoint: Endpoint; body: string } | { kind: 'storage-state'; file: string; cookies: StorageStateCookie[] };

/** RFC 6265bis §5.1.3 domain-match: the cookie's domain is the host, or a parent of it. */
export function cookieAppliesTo(cookie: { domain: string; secure: boolean }, api: URL): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const host = api.hostname.toLowerCase();
  if (cookie.secure && api.protocol !== 'https:') return false;
  return host === domain || host.endsWith(`.${domain}`);
}

/** The lab's cookie variant with the same attributes: the rules reason per variant. */
export function variantOf(sameSite: 'Strict' | 'Lax' | 'None' | undefined, partitioned = false): CookieVariantId {
  const same = cookieVariants.filter((v) => v.sameSite === sameSite);
  return (same.find((v) => ((v as { partitioned?: boolean }).partitioned ?? false) === partitioned) ?? same[0]!).id;
}

/** The login body as the browser sends it: JSON when it parses as JSON, else a url-encoded form. */
export function loginContentType(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'application/x-www-form-urlencoded';
  }
}

/**
 * Gives `context` the victim's session and returns its cookies for the API host. With
 * --login, the SameSite each cookie really has comes from the login's own Set-Cookie, seen by
 * the proxy (Playwright's `context.cookies()` reports a cookie with no SameSite as Lax in
 * Firefox, docs/browser-facts.md "Browser-reported cookies").
 */
export async function establishSession(context: BrowserContext, api: URL, source: SessionSource, evidence: EvidenceLog): Promise<SessionCookie[]> {
  if (source.kind === 'storage-state') {
    await context.addCookies(source.cookies);
    return source.cookies.filter((c) => cookieAppliesTo(c, api)).map((c) => ({ name: c.name, value: c.value, variant: variantOf(c.sameSite) }));
  }
  const page = await context.newPage();
  try {
    // A blank page on the API's own origin (served by the proxy): the login is then a
    // same-origin fetch, first-party, and the API's Set-Cookie lands as it would for a user.
    await page.goto(`${api.origin}${LOGIN_PAGE_PATH}`);
    const { method, path } = source.endpoint;
    const status = await page.evaluate(
      async ({ url, method, body, contentType }) =>
        (await fetch(url, { method, body, headers: { 'Content-Type': contentType }, credentials: 'same-origin' })).status,
      { url: `${api.origin}${path}`, method, body: source.body, contentType: loginContentType(source.body) },
    );
    if (status >= 400) throw new SetupError(`the login ${method} ${path} answered ${status}: check --login-body`);
  } finally {
    await page.close();
  }
  const seen = new Map<string, SetCookieSeen>();
  for (const entry of evidence
    .untagged()
    .filter((e) => e.method === source.endpoint.method && new URL(e.url).pathname === source.endpoint.path.split('?')[0])) {
    for (const c of entry.setCookies) seen.set(c.name, c);
  }
  const cookies = (await context.cookies(api.origin)).filter((c) => seen.has(c.name));
  if (cookies.length === 0)
    throw new SetupError(
      `the login ${source.endpoint.method} ${source.endpoint.path} set no cookie the browser keeps for ${api.host}: this tool probes cookie sessions`,
    );
  return cookies.map((c) => ({ name: c.name, value: c.value, variant: variantOf(seen.get(c.name)!.sameSite, seen.get(c.name)!.partitioned) }));
}
