// The claims docs/TRAINING.md makes about cells. A claim is a cell written in backticks,
// `browser · cookie policy · configuration × origin × attack`, followed by ` — ` and the
// outcome symbols the guide claims for it (catalog/outcomes.ts): a read symbol (R!, R✓, R✗)
// and/or a write symbol ($, →, ✗). Cells written with `…` are not read. Two tests hold the
// guide to its word: the rules' prediction of each cell (tests/unit/teaching) and the observed
// matrix (tests/report).
import { readFileSync } from 'node:fs';
import {
  attack as attackById,
  attacks,
  configurations,
  cookiePolicies,
  labBrowserNames,
  origins,
  outcomeOf,
  predictedFacts,
  readOutcomes,
  writeOutcomes,
} from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabBrowserName, LabConfiguration, OriginId } from '../catalog/index.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { predict, predictCell } from '../rules/predict.js';
import type { CellOutcome } from '../rules/types.js';
import { siteOf } from '../catalog/index.js';
import { deriveOrigins, type OriginRelation } from '../rules/derive-origins.js';

export const TRAINING_GUIDE = 'docs/TRAINING.md';

/**
 * Setups of `cors-lab check` the guide names in place of a lab configuration, built the way
 * `check` builds them: the user's options at the API's root, and the origins it derives.
 */
export const checkSetups: Record<string, { api: string; trusted: string[]; config: LabConfiguration }> = {
  'trusts-github-io': {
    api: 'https://api.example.com',
    trusted: ['https://me.github.io'],
    config: {
      id: 'trusts-github-io',
      title: 'origin: /\\.github\\.io$/',
      whatGoesWrong: 'Trusts every site on the shared host github.io.',
      cors: { origin: /\.github\.io$/, credentials: true },
      defenses: [],
      sessionCookie: 'none',
      serverFlaws: [],
      unsafe: 'a suffix check on a shared host, with credentials',
    },
  },
};

export interface Claim {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  config: string;
  /** A lab origin id, or for a `check` setup the derived relation. */
  origin: string;
  attack: AttackId;
  read: string | null;
  write: string | null;
  /** The cell as the guide writes it, for test titles. */
  text: string;
}

const CELL = /`([a-z]+) · ([a-z-]+) · ([a-z0-9-]+) × ([a-z-]+) × ([a-z-]+)`\s*—\s*(R[!✓✗])?\s*([$→✗](?![\w-]))?/g;

/** Every claim in the guide that names a full cell and at least one symbol. */
export function claimsIn(markdown: string): Claim[] {
  const text = markdown.replace(/\s+/g, ' ');
  const claims: Claim[] = [];
  for (const m of text.matchAll(CELL)) {
    const [, browser, cookiePolicy, config, origin, attack, read, write] = m;
    if (read === undefined && write === undefined) continue;
    if (!labBrowserNames.includes(browser as LabBrowserName)) throw new Error(`${m[0]}: unknown browser ${browser}`);
    if (!cookiePolicies.some((p) => p.id === cookiePolicy)) throw new Error(`${m[0]}: unknown cookie policy ${cookiePolicy}`);
    if (!attacks.some((a) => a.id === attack)) throw new Error(`${m[0]}: unknown attack ${attack}`);
    const lab = configurations.some((c) => c.id === config);
    if (!lab && !(config! in checkSetups)) throw new Error(`${m[0]}: unknown configuration ${config}`);
    if (lab && !origins.some((o) => o.id === origin)) throw new Error(`${m[0]}: unknown origin ${origin}`);
    claims.push({
      browser: browser as LabBrowserName,
      cookiePolicy: cookiePolicy as CookiePolicyId,
      config: config!,
      origin: origin!,
      attack: attack as AttackId,
      read: read ?? null,
      write: write ?? null,
      text: `${browser} · ${cookiePolicy} · ${config} × ${origin} × ${attack}`,
    });
  }
  return claims;
}

export function guideClaims(): Claim[] {
  return claimsIn(readFileSync(TRAINING_GUIDE, 'utf8'));
}

export function isLabClaim(claim: Claim): boolean {
  return configurations.some((c) => c.id === claim.config);
}

/** The symbols a cell outcome shows (catalog/outcomes.ts), as the guide writes them. */
export function symbolsOf(attack: AttackId, outcome: CellOutcome): { read: string; write: string } {
  const summary = outcomeOf(predictedFacts(attackById(attack).request.endpoint, outcome));
  return {
    read: readOutcomes.find((r) => r.id === summary.read)!.symbol,
    write: writeOutcomes.find((r) => r.id === summary.write)!.symbol,
  };
}

/** A session well past Chromium's two-minute Lax + POST window, as the guide assumes. */
const COOKIE_AGE_SECONDS = 600;

/** The rules' prediction for a claim's cell: the lab's bank, or the bank `check` builds for a setup. */
export async function predictClaim(claim: Claim, labOracle: BankOracle): Promise<CellOutcome> {
  if (isLabClaim(claim)) {
    const key = { browser: claim.browser, cookiePolicy: claim.cookiePolicy, config: claim.config, origin: claim.origin as OriginId, attack: claim.attack };
    return (await predictCell(key, labOracle, COOKIE_AGE_SECONDS)).outcome;
  }
  const setup = checkSetups[claim.config]!;
  const api = new URL(setup.api);
  const derived = deriveOrigins(
    api,
    setup.trusted.map((t) => new URL(t)),
  ).origins.find((o) => o.relation === (claim.origin as OriginRelation));
  if (!derived) throw new Error(`${claim.text}: check derives no ${claim.origin} origin for ${setup.trusted.join(', ')}`);
  const oracle = await BankOracle.open({ rootConfiguration: setup.config, host: api.host });
  try {
    const page = { origin: derived.origin, site: derived.site, sandboxed: derived.sandboxed, pageUrl: `${derived.pageOrigin}/runner/` };
    const bank = { origin: api.origin, site: siteOf(api.hostname) };
    const input = { browser: claim.browser, cookiePolicy: claim.cookiePolicy, config: setup.config, page, attack: attackById(claim.attack), bank };
    return (await predict(input, oracle, COOKIE_AGE_SECONDS)).outcome;
  } finally {
    await oracle.close();
  }
}
