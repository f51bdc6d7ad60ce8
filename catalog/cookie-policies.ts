// The browser's third-party-cookie policy is the browser's, not the page's: the lab sets it
// explicitly at launch in each browser and never inherits a build's default (see FACTS:
// Playwright's bundled Firefox defaults to cookieBehavior 4, stock Firefox to 5).

export type CookiePolicyId = 'third-party-blocked' | 'third-party-allowed';

export interface CookiePolicy {
  id: CookiePolicyId;
  title: string;
  /** The choice as the runner and the dashboard offer it, after "third-party cookies…". */
  choice: string;
  whatGoesWrong: string;
  /** Chromium profile preference `profile.cookie_controls_mode`: 0 allow, 1 block third-party. */
  chromiumCookieControlsMode: 0 | 1;
  /**
   * Firefox `network.cookie.cookieBehavior`: 0 accept all; 5 Total Cookie Protection, which
   * partitions third-party cookies by top-level site, so the bank's cookies set first-party
   * are never seen in an embedded, cross-site context.
   */
  firefoxCookieBehavior: 0 | 5;
  /** Whether a cookie from the bank's first-party jar may ride on a cross-site subresource request. */
  thirdPartyCookiesAllowed: boolean;
}

export const cookiePolicies: readonly CookiePolicy[] = [
  {
    id: 'third-party-blocked',
    title: 'Third-party cookies blocked',
    choice: 'blocked (Firefox, Safari, Chrome private windows)',
    whatGoesWrong:
      'What Firefox and Safari ship, and Chrome in private windows: SameSite=None cookies stay home on cross-site subresource requests — but top-level navigations are first-party and still carry them.',
    chromiumCookieControlsMode: 1,
    firefoxCookieBehavior: 5,
    thirdPartyCookiesAllowed: false,
  },
  {
    id: 'third-party-allowed',
    title: 'Third-party cookies allowed',
    choice: 'allowed (Chrome’s regular default)',
    whatGoesWrong: 'Chrome’s regular default: a SameSite=None cookie rides on any cross-site request that asks for credentials.',
    chromiumCookieControlsMode: 0,
    firefoxCookieBehavior: 0,
    thirdPartyCookiesAllowed: true,
  },
];

export function cookiePolicy(id: CookiePolicyId): CookiePolicy {
  const found = cookiePolicies.find((p) => p.id === id);
  if (!found) throw new Error(`unknown cookie policy ${id}`);
  return found;
}
