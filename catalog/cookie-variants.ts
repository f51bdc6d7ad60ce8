// One login sets the session cookie five times: once per SameSite value, so every request
// shows at a glance which SameSite rule let which cookie ride along (RFC 6265bis §5.6.7),
// and once more as a Partitioned cookie (CHIPS), stored under the top-level site that set it.

export type CookieVariantId = 'strict' | 'lax' | 'none' | 'unset' | 'partitioned';

/** Every session cookie's name is this prefix and its variant's id. */
export const SESSION_COOKIE_PREFIX = 'bank_session_';

export interface CookieVariant {
  id: CookieVariantId;
  /** The cookie's name in the browser's jar. */
  cookieName: string;
  title: string;
  /** The `SameSite` attribute as sent in `Set-Cookie`; absent for `unset`. */
  sameSite: 'Strict' | 'Lax' | 'None' | undefined;
  /** `SameSite=None` is only accepted together with `Secure` (RFC 6265bis §5.6.7.1). */
  secure: boolean;
  /**
   * The `Partitioned` attribute (CHIPS, draft-cutler-httpbis-partitioned-cookies §2.1): the
   * browser keeps the cookie in the jar of the top-level site it was set under, and sends it
   * only on requests whose top-level site is that one. It must come with `Secure`.
   */
  partitioned: boolean;
  whatGoesWrong: string;
}

export const cookieVariants: readonly CookieVariant[] = [
  {
    id: 'strict',
    cookieName: `${SESSION_COOKIE_PREFIX}strict`,
    title: 'SameSite=Strict',
    sameSite: 'Strict',
    secure: false,
    partitioned: false,
    whatGoesWrong: 'Only sent when the request comes from the bank’s own site — but a compromised sibling subdomain is the same site.',
  },
  {
    id: 'lax',
    cookieName: `${SESSION_COOKIE_PREFIX}lax`,
    title: 'SameSite=Lax',
    sameSite: 'Lax',
    secure: false,
    partitioned: false,
    whatGoesWrong: 'Also sent on cross-site top-level GET navigations: a link to a state-changing GET still carries it.',
  },
  {
    id: 'none',
    cookieName: `${SESSION_COOKIE_PREFIX}none`,
    title: 'SameSite=None; Secure',
    sameSite: 'None',
    secure: true,
    partitioned: false,
    whatGoesWrong: 'Sent on every cross-site request the browser’s third-party-cookie policy allows; only that policy stops it.',
  },
  {
    id: 'unset',
    cookieName: `${SESSION_COOKIE_PREFIX}unset`,
    title: 'no SameSite attribute',
    sameSite: undefined,
    secure: false,
    partitioned: false,
    whatGoesWrong: 'Each browser picks the default: Chromium treats it as Lax (with a 2-minute POST exception), Firefox as None.',
  },
  {
    id: 'partitioned',
    cookieName: `${SESSION_COOKIE_PREFIX}partitioned`,
    title: 'SameSite=None; Secure; Partitioned (CHIPS)',
    sameSite: 'None',
    secure: true,
    partitioned: true,
    whatGoesWrong:
      'Kept in the bank’s own top-level partition: never sent while the attacker’s page is top-level, even with third-party cookies allowed — but a top-level navigation to the bank, or a same-site page, still carries it.',
  },
];

export function cookieVariant(id: CookieVariantId): CookieVariant {
  const found = cookieVariants.find((v) => v.id === id);
  if (!found) throw new Error(`unknown cookie variant ${id}`);
  return found;
}
