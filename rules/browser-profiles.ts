// Where browsers differ, they differ by a documented rule, recorded here as a parameter of
// the rules — never as a table of answers.
import type { LabBrowserName } from '../catalog/index.js';

export interface BrowserProfile {
  name: LabBrowserName;
  /**
   * A cookie without a SameSite attribute is treated as Lax. Chromium: since Chrome 80
   * (chromium.org/updates/same-site). Firefox: never shipped (bug 1617609 comment 23; pref
   * network.cookie.sameSite.laxByDefault stays false), so such a cookie behaves as None.
   */
  laxByDefault: boolean;
  /**
   * Chromium's "Lax + POST" intervention: a defaulted-Lax cookie younger than this many
   * seconds still rides on a cross-site top-level POST (chromestatus 5088147346030592).
   * null: no such exception.
   */
  laxAllowUnsafeMaxAgeSeconds: number | null;
  /**
   * Cookies' "same-site" compares the scheme too (RFC 6265bis §5.2, schemeful same-site).
   * Chromium: on since Chrome 89 (chromestatus 5096179480133632). Firefox: the pref
   * network.cookie.sameSite.schemeful stays false, so http://www.example.com and
   * https://api.example.com are same-site for its cookies.
   */
  schemefulSameSite: boolean;
  /**
   * The WebSocket handshake carries Fetch Metadata headers. Fetch §7.1 ("WebSocket
   * connection") obtains the handshake through fetch, so Fetch Metadata §2 appends
   * Sec-Fetch-Site, Sec-Fetch-Mode: websocket and Sec-Fetch-Dest: empty (a WebSocket request
   * has no destination). Firefox sends them. Chromium sends none: it appends Sec-Fetch-* in
   * the network service's URLLoader (services/network/sec_header_helpers.cc), and its
   * WebSocket handshake (services/network/websocket.cc) is not made through one. WebKit added
   * them in 2022 (WebKit bug 237550). Observed in Chromium 156 and Firefox ESR 153.
   */
  fetchMetadataOnWebSocket: boolean;
  /**
   * A fetch() in no-cors mode that isn't GET or HEAD, from an https page to a URL that isn't
   * https, carries `Origin: null`, as Fetch §3.1 ("append a request Origin header") has it
   * under the default referrer policy. Firefox does. Chromium nulls it only for navigations
   * (a form's POST) and sends the page's origin on fetch(); web-platform-tests
   * fetch/origin/no-cors.window.js covers the case. Observed in Chromium 156 and Firefox ESR
   * 153, from https://evil.test to http://localhost:3000 (docs/browser-facts.md).
   */
  nullsNoCorsFetchOriginOnDowngrade: boolean;
  /**
   * Local Network Access (WICG): a public page's request to a more private address space waits
   * for the user's permission, and without it is never sent (rules/local-network-access.ts).
   * Top-level navigations are not gated in either browser. `gatesWebSocket`: the WebSocket
   * handshake is gated too. Chromium: every non-navigation request since Chrome 142, the
   * WebSocket since Chrome 147. Firefox ESR 153: fetch, XHR and img, but its WebSocket handshake
   * reaches the server with the permission denied. `deniesNonSecureContexts`: a public page that
   * is no secure context (http:// on a public name) can't be granted the permission at all, so
   * its requests are never sent whatever the user would answer: Chromium ("automatically denied
   * in non-secure top-level contexts", Chrome's Local Network Access guide; Playwright's grant
   * fails with "Permission can't be granted in current context"); Firefox ESR 153 grants it
   * (its network.lna.block_insecure_contexts is off). null: not enforced (WebKit, which has no
   * way to make a lab page public). Observed in Chromium 156 and Firefox ESR 153
   * (docs/browser-facts.md, "Local Network Access").
   */
  localNetworkAccess: { gatesWebSocket: boolean; deniesNonSecureContexts: boolean } | null;
}

export const browserProfiles: Record<LabBrowserName, BrowserProfile> = {
  chromium: {
    name: 'chromium',
    laxByDefault: true,
    laxAllowUnsafeMaxAgeSeconds: 120,
    schemefulSameSite: true,
    fetchMetadataOnWebSocket: false,
    nullsNoCorsFetchOriginOnDowngrade: false,
    localNetworkAccess: { gatesWebSocket: true, deniesNonSecureContexts: true },
  },
  firefox: {
    name: 'firefox',
    laxByDefault: false,
    laxAllowUnsafeMaxAgeSeconds: null,
    schemefulSameSite: false,
    fetchMetadataOnWebSocket: true,
    nullsNoCorsFetchOriginOnDowngrade: true,
    localNetworkAccess: { gatesWebSocket: false, deniesNonSecureContexts: false },
  },
  // WebKit does not default to Lax (MDN browser-compat-data, SameSite Lax_default).
  // WebKit ships schemeful same-site (WebKit bug 210358, Safari 15.4 release notes)... unverified here.
  // WebKit sends the page's origin on fetch() whatever the referrer policy (web-platform-tests
  // review of fetch/origin/no-cors): unverified here.
  // WebKit: no Local Network Access here (no switch makes a lab page public), so not enforced.
  webkit: {
    name: 'webkit',
    laxByDefault: false,
    laxAllowUnsafeMaxAgeSeconds: null,
    schemefulSameSite: true,
    fetchMetadataOnWebSocket: true,
    nullsNoCorsFetchOriginOnDowngrade: false,
    localNetworkAccess: null,
  },
};
