// @ts-check
// What the lab's pages can learn about the learner's own browser, and the rules' explanation
// for it. Shared by the runner and the dashboard.
import { element } from './dom.js';
import { offerPolicies, probeId } from './lab-catalog.js';
import { bankFor, catalog } from './runner.js';

/** Assumed: the learner logged in more than 2 minutes ago (Chromium's Lax + POST window). */
const COOKIE_AGE_SECONDS = 3600;

/** This page's place in the catalog's origins (the sandboxed frame's origin is "null"). */
export const here = /** @type {typeof catalog.origins[number]} */ (
  catalog.origins.find((o) => o.origin === self.origin) ?? catalog.origins.find((o) => o.id === 'attacker')
);

/**
 * Where this page reaches the lab's explainer and narrator, which the attacker server serves on
 * every one of its ports and shares with every origin (CORS: *): a page of the attacker site asks
 * its own server (a relative URL), any other page the lab origin. From a public page the loopback
 * lab origin would itself be a local network request, which Local Network Access stops when the
 * permission is denied (catalog/local-network-access.ts).
 */
export const labServer = here.servedBy === 'attacker' ? '' : catalog.labOrigin;
const EXPLAINER = labServer + catalog.explainerPath;
const SEQUENCE = labServer + catalog.sequencePath;

// The cookie-policy choices, on the pages that explain results (the runner, the dashboard).
const policyChoice = document.querySelector('fieldset#policy');
if (policyChoice instanceof HTMLFieldSetElement) offerPolicies(policyChoice);

export const browserName = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrom(e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/**
 * Which third-party-cookie policy did this browser apply? Ask the bank who we are, with
 * credentials, under a configuration that lets any origin read: the SameSite=None cookie
 * arrives only if this browser sends third-party cookies (and the learner is logged in at
 * the bank). Meaningful only from a page that is cross-site to the bank.
 */
export async function detectPolicy() {
  const res = await fetch(bankFor('reflect-any-origin') + '/whoami?probe=' + probeId('policyCheck', {}), { credentials: 'include' });
  const { cookiesSent } = await res.json();
  if (cookiesSent.includes('none')) {
    return {
      policy: 'third-party-allowed',
      says: 'Your browser sent the bank’s SameSite=None cookie from this cross-site page: third-party cookies are allowed.',
    };
  }
  return {
    // Any other bank cookie proves a session exists, so the missing one was blocked.
    policy: cookiesSent.length === 0 ? null : 'third-party-blocked',
    says: 'No bank cookie came with a credentialed cross-site request: third-party cookies are blocked — or you are not logged in at the bank.',
  };
}

/**
 * Runs detectPolicy, says the result in `output`, and selects the matching `policy` radio.
 * @param {HTMLElement} output
 */
export async function checkMyBrowser(output) {
  const detected = await detectPolicy();
  output.textContent = detected.says;
  if (detected.policy) element(`input[name=policy][value=${detected.policy}]`, HTMLInputElement).checked = true;
  return detected.policy;
}

/**
 * The rules' prediction and explanation for one cell, in this browser (teaching/explainer.ts).
 * @param {{ config: string; origin: string; attack: string; policy: string }} cell
 * @returns {Promise<{ config: string; predicted: import('../rules/types.js').CellOutcome; predictedOutcome: import('../catalog/outcomes.js').Outcome; explanation: Step[] }>}
 */
export async function explain({ config, origin, attack, policy }) {
  const query = new URLSearchParams({
    config: config || 'active',
    origin,
    attack,
    browser: browserName,
    policy,
    cookieAgeSeconds: String(COOKIE_AGE_SECONDS),
  });
  const res = await fetch(EXPLAINER + '?' + query);
  if (!res.ok) throw new Error((await res.json()).message);
  return res.json();
}

/**
 * One run this page made, drawn by the explainer (teaching/explainer.ts): what the bank's ledger
 * recorded of its probe and what the script held, beside the rules' prediction for this browser.
 * @param {{ config: string; origin: string; attack: string; policy: string; probe: string; seen: import('./runner.js').ScriptView }} run
 * @returns {Promise<{ config: string; probe: string; mermaid: string; text: string; sequence: import('../teaching/sequence.js').Sequence }>}
 */
export async function drawnRun({ config, origin, attack, policy, probe, seen }) {
  // Whether the script read, not what: the body stays on this page.
  const script = { ...seen, body: undefined };
  const cell = { config: config || 'active', origin, attack, browser: browserName, policy, cookieAgeSeconds: COOKIE_AGE_SECONDS };
  const res = await fetch(SEQUENCE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...cell, probe, script }) });
  if (!res.ok) throw new Error((await res.json()).message);
  return res.json();
}

/** @typedef {import('../rules/types.js').Step} Step */

/**
 * One explanation step as a learner reads it: who enforces it, what happens, which rule.
 * @param {Step} step
 */
export const stepText = (step) => '[' + step.enforcer + '] ' + step.says + ' — ' + step.rule;
