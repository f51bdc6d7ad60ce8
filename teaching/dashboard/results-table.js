// @ts-check
// The dashboard's results: one table per attacking host name, one row per attack. A row
// fills in as its attack runs: what the attacker's script held, what the bank's ledger
// recorded, and the rules' explanation. Symbols and words come from the catalog
// (catalog/outcomes.ts), as in the matrix report (reports/matrix.html).
import { classify } from '/runner/lab-catalog.js';
import { catalog } from '/runner/runner.js';
import { stepText } from '/runner/this-browser.js';

/** @typedef {import('../../catalog/public-catalog.js').PublicCatalog} PublicCatalog */
/** @typedef {PublicCatalog['attacks'][number]} Attack */
/** @typedef {PublicCatalog['origins'][number]} Origin */
/** @typedef {import('/runner/runner.js').ScriptView} ScriptView */
/** @typedef {import('../../catalog/outcomes.js').OutcomeFacts} OutcomeFacts */
/** @typedef {import('../../catalog/outcomes.js').ReadOutcomeId} ReadOutcomeId */
/** @typedef {import('../../catalog/outcomes.js').WriteOutcomeId} WriteOutcomeId */
/** What the narrator tells of one ledger entry (teaching/narrator.ts). @typedef {Pick<import('../../catalog/ledger-entry.js').LedgerEntry, 'method' | 'path' | 'config' | 'origin' | 'secFetchSite' | 'cookiesSent' | 'user' | 'stateChanged' | 'refusedBy' | 'status' | 'corsHeaders'>} NarratedEntry */
/** @typedef {{ readId: ReadOutcomeId; read: boolean; stole: boolean; write: WriteOutcomeId }} RowOutcome */

/** @param {string} [text] */
const cell = (text = '') => Object.assign(document.createElement('td'), { textContent: text });

/**
 * Builds the tables for `origins` × `attacks` into `container`; returns the rows by key.
 * @param {HTMLElement} container
 * @param {readonly Origin[]} origins
 * @param {readonly Attack[]} attacks
 * @param {{ quizOrigin: string | null }} options
 */
export function buildTables(container, origins, attacks, { quizOrigin }) {
  container.replaceChildren();
  /** @type {Map<string, HTMLTableRowElement>} */
  const rows = new Map();
  for (const origin of origins) {
    const section = document.createElement('section');
    const heading = Object.assign(document.createElement('h2'), { id: 'from-' + origin.id, textContent: 'From ' + origin.origin + ' — ' + origin.title });
    const table = document.createElement('table');
    table.className = 'results';
    table.setAttribute('aria-labelledby', heading.id);
    const quiz = origin.id === quizOrigin;
    const head = [
      'Attack (the code, exactly as it ran)',
      ...(quiz ? ['Your prediction'] : []),
      'Read',
      'Write',
      'What the bank’s ledger recorded',
      'Why, by the rules',
    ];
    const headRow = table.createTHead().insertRow();
    for (const text of head) headRow.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text }));
    const body = table.createTBody();
    for (const attack of attacks) {
      const tr = body.insertRow();
      tr.dataset.origin = origin.id;
      tr.dataset.attack = attack.id;
      tr.dataset.state = 'waiting';
      const what = Object.assign(document.createElement('th'), { scope: 'row' });
      const details = document.createElement('details');
      details.append(
        Object.assign(document.createElement('summary'), { textContent: attack.title }),
        Object.assign(document.createElement('pre'), { textContent: attack.code }),
      );
      what.append(details);
      tr.append(what);
      if (quiz) tr.append(predictionCell(attack));
      tr.append(cell('waiting'), cell(), cell(), cell());
      tr.cells[tr.cells.length - 4].className = 'read';
      tr.cells[tr.cells.length - 3].className = 'write';
      tr.cells[tr.cells.length - 2].className = 'ledger';
      tr.cells[tr.cells.length - 1].className = 'why';
      rows.set(origin.id + '|' + attack.id, tr);
    }
    section.append(heading, table);
    container.append(section);
  }
  return rows;
}

/** @param {Attack} attack */
function predictionCell(attack) {
  const td = document.createElement('td');
  td.className = 'predict';
  for (const [what, text] of /** @type {const} */ ([
    ['read', 'read?'],
    ['write', 'write?'],
  ])) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'predict-' + what + '-' + attack.id });
    box.setAttribute('aria-label', attack.title + ': ' + text);
    box.dataset.predict = what;
    label.append(box, ' ' + text);
    td.append(label);
  }
  return td;
}

/**
 * @param {HTMLTableRowElement} tr
 * @param {string} state
 */
export function showState(tr, state) {
  tr.dataset.state = state;
  if (state === 'running') part(tr, 'read').textContent = 'running…';
  if (state === 'needs-click') part(tr, 'read').textContent = 'waiting for your click in the attack window (pop-up blocked)';
}

/**
 * One of the row's cells: `read`, `write`, `ledger` or `why`.
 * @param {HTMLTableRowElement} tr
 * @param {string} name
 * @returns {HTMLTableCellElement}
 */
const part = (tr, name) => /** @type {HTMLTableCellElement} */ (tr.querySelector('.' + name));

/**
 * What happened, from both sides, classified by the catalog's outcome tables: the script's
 * side (did it read the answer?) and the bank's side, which the narrator works out from the
 * ledger (teaching/narrator.ts `bankFacts`).
 * @param {ScriptView} seen
 * @param {Omit<OutcomeFacts, 'readable'>} bankSide
 * @returns {RowOutcome}
 */
export function outcomeOf(seen, bankSide) {
  const facts = { readable: seen.readable === true, ...bankSide };
  const readId = classify(catalog.outcomes.read, facts).id;
  return { readId, read: readId !== 'none', stole: readId === 'stole', write: classify(catalog.outcomes.write, facts).id };
}

/**
 * @param {HTMLTableCellElement} td
 * @param {{ symbol: string; text: string }} row
 * @param {boolean} yes
 */
function icon(td, { symbol, text }, yes) {
  td.replaceChildren(Object.assign(document.createElement('span'), { className: 'icon ' + (yes ? 'yes' : 'no'), textContent: symbol }), ' ' + text);
}

/**
 * @param {HTMLTableRowElement} tr
 * @param {RowOutcome} outcome
 * @param {ScriptView} seen
 */
export function showOutcome(tr, outcome, seen) {
  tr.dataset.read = outcome.read ? 'yes' : 'no';
  tr.dataset.write = outcome.write;
  const read = part(tr, 'read');
  icon(read, rowOf(catalog.outcomes.read, outcome.readId), outcome.read);
  if (outcome.read && seen.body) {
    const got = document.createElement('details');
    got.append(
      Object.assign(document.createElement('summary'), { textContent: 'what it read' }),
      Object.assign(document.createElement('pre'), { textContent: seen.body.slice(0, 400) }),
    );
    read.append(got);
  } else if (seen.error) {
    read.append(Object.assign(document.createElement('div'), { textContent: '(' + seen.error + ')' }));
  }
  icon(part(tr, 'write'), rowOf(catalog.outcomes.write, outcome.write), outcome.write === 'moved');
}

/**
 * @template {{ id: string }} Row
 * @param {readonly Row[]} table
 * @param {string} id
 */
const rowOf = (table, id) => /** @type {Row} */ (table.find((r) => r.id === id));

/**
 * @param {HTMLTableRowElement} tr
 * @param {NarratedEntry[]} entries
 */
export function showLedger(tr, entries) {
  const td = part(tr, 'ledger');
  if (entries.length === 0) {
    td.textContent = 'nothing: no request with this probe reached the bank';
    return;
  }
  const list = document.createElement('ol');
  for (const e of entries) {
    const facts = [e.method + ' ' + e.path + ' → ' + e.status, 'Origin: ' + (e.origin ?? '(none)'), 'Sec-Fetch-Site: ' + (e.secFetchSite ?? '(none)')];
    if (e.method === 'OPTIONS') {
      facts.push('(preflight) Allow-Origin: ' + (e.corsHeaders['access-control-allow-origin'] ?? '(none)'));
    } else {
      facts.push('cookies: ' + (e.cookiesSent.length ? e.cookiesSent.join(', ') : 'none'));
      facts.push(e.user ? 'as ' + e.user : 'not logged in');
      if (e.refusedBy) facts.push('refused by ' + e.refusedBy);
      if (e.stateChanged) facts.push(catalog.transfer.amountText + ' moved');
    }
    list.append(Object.assign(document.createElement('li'), { textContent: facts.join(' · ') }));
  }
  td.replaceChildren(list);
}

/**
 * The rules' explanation, and whether the rules predicted what the browser did.
 * @param {HTMLTableRowElement} tr
 * @param {RowOutcome} outcome
 * @param {Awaited<ReturnType<typeof import('/runner/this-browser.js').explain>>} why
 */
export function showExplanation(tr, outcome, { predictedOutcome, explanation, config }) {
  const td = part(tr, 'why');
  const agrees = (predictedOutcome.read !== 'none') === outcome.read && predictedOutcome.write === outcome.write;
  tr.dataset.agrees = String(agrees);
  const details = document.createElement('details');
  const steps = document.createElement('ol');
  details.append(
    Object.assign(document.createElement('summary'), {
      textContent: (agrees ? '' : '≠ the rules predicted otherwise · ') + explanation.length + ' steps (' + config + ')',
    }),
    steps,
  );
  for (const step of explanation) steps.append(Object.assign(document.createElement('li'), { textContent: stepText(step) }));
  td.replaceChildren(details);
  return explanation;
}
