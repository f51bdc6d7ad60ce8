// @ts-check
// The catalog's facts as the pages use them: probe ids filled from the catalog's formats,
// outcomes classified with the catalog's tables, and the cookie-policy choices. The facts
// live in catalog/ (probe-ids.ts, outcomes.ts, cookie-policies.ts); this file only applies
// them, the same way the TypeScript side does.
import { catalog } from './runner.js';

/** @typedef {import('../catalog/public-catalog.js').PublicCatalog} PublicCatalog */
/** @typedef {keyof PublicCatalog['probes']['formats']} ProbeKind */
/** @typedef {import('../catalog/outcomes.js').OutcomeFacts} OutcomeFacts */

/**
 * The probe of kind `kind` with every `{part}` filled in (catalog/probe-ids.ts `probeId`).
 * @param {ProbeKind} kind
 * @param {Record<string, string>} fields
 */
export function probeId(kind, fields) {
  return catalog.probes.formats[kind].replace(/\{(\w+)\}/g, (_, /** @type {string} */ part) => {
    const value = fields[part];
    if (value === undefined) throw new Error('probe ' + kind + ' needs ' + part);
    return value;
  });
}

/** `Date.now()` in base 36: a probe's `{time}`. */
export const probeTime = () => Date.now().toString(36);

/** A few random base-36 characters: a probe's `{nonce}`, or a dashboard's `{run}`. */
export const probeNonce = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');

/**
 * The first row of an outcome table whose facts all hold (catalog/outcomes.ts `classify`).
 * @template {{ when: Partial<OutcomeFacts> }} Row
 * @param {readonly Row[]} table
 * @param {OutcomeFacts} facts
 * @returns {Row}
 */
export function classify(table, facts) {
  const row = table.find((r) => Object.entries(r.when).every(([fact, value]) => facts[/** @type {keyof OutcomeFacts} */ (fact)] === value));
  if (!row) throw new Error('an outcome table must end with a row that always holds');
  return row;
}

/**
 * Fills `fieldset` (after its legend) with one radio per cookie policy, the first checked.
 * @param {HTMLFieldSetElement} fieldset
 */
export function offerPolicies(fieldset) {
  const labels = catalog.cookiePolicies.map((p, i) => {
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'policy', value: p.id, checked: i === 0 });
    const label = document.createElement('label');
    label.append(input, ' ' + p.choice);
    return label;
  });
  fieldset.querySelector('legend')?.after(...labels);
}

/**
 * What a browser must be told at start-up to count the public pages as public websites (Local
 * Network Access), in words, from catalog.json's `publicPages` (catalog/local-network-access.ts).
 */
export function publicPagesNeed() {
  const { address, chromiumSwitches, firefoxPrefs } = catalog.publicPages;
  const prefs = Object.entries(firefoxPrefs).map(([name, value]) => name + ' = ' + value);
  return (
    `A page from ${address} is a public website only to a browser started so: Chromium (Chrome 142 or later) with ` +
    `${chromiumSwitches.join(' ')} on its command line, in a profile no running browser holds; Firefox with the about:config ` +
    `prefs ${prefs.join(' and ')}. The lab’s own browsers are. In any other browser these pages are on loopback like the ` +
    'lab’s other pages: nothing is gated, and the rules’ explanations, written for a public page, will not match what you see.'
  );
}
