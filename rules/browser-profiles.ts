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
}

export const browserProfiles: Record<LabBrowserName, BrowserProfile> = {
  chromium: { name: 'chromium', laxByDefault: true, laxAllowUnsafeMaxAgeSeconds: 120 },
  firefox: { name: 'firefox', laxByDefault: false, laxAllowUnsafeMaxAgeSeconds: null },
  // WebKit does not default to Lax (MDN browser-compat-data, SameSite Lax_default).
  webkit: { name: 'webkit', laxByDefault: false, laxAllowUnsafeMaxAgeSeconds: null },
};
