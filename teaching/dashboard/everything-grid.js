// @ts-check
// "Run everything"'s results: a grid of configuration × attacking host name, each cell the read
// and write symbols of its attacks counted (catalog/outcomes.ts, as in the matrix report), and
// the JSON in the matrix report's shape (report/matrix-data.ts `MatrixReport`), with the fields
// a page can know: what the script held and what the bank's ledger says, classified.
import { catalog } from '/runner/runner.js';

/** @typedef {import('../../catalog/outcomes.js').ReadOutcomeId} ReadOutcomeId */
/** @typedef {import('../../catalog/outcomes.js').WriteOutcomeId} WriteOutcomeId */
/** @typedef {import('/runner/runner.js').ScriptView} ScriptView */
/** @typedef {{ name: string; version: string; cookiePolicy: string | null }} BrowserRun */
/**
 * One cell, with the matrix report's field names (report/page-data.ts `read`, `write`).
 * @typedef {{ browser: string; cookiePolicy: string | null; config: string; origin: string; attack: string; read: ReadOutcomeId; write: WriteOutcomeId; scriptSaw: ScriptView }} EverythingCell
 */

/**
 * An empty grid: one row per configuration, one column per host name.
 * @param {HTMLElement} container
 * @param {readonly { id: string; origin: string }[]} origins
 * @returns {Map<string, HTMLTableCellElement>} the cells, by `config|origin`
 */
export function buildGrid(container, origins) {
  const table = document.createElement('table');
  table.className = 'results everything-grid';
  table.createCaption().textContent = 'Each cell counts the attacks from that host name against that configuration, by outcome (read, then write).';
  const head = table.createTHead().insertRow();
  head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: 'Configuration' }));
  for (const o of origins) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: o.origin }));
  const body = table.createTBody();
  /** @type {Map<string, HTMLTableCellElement>} */
  const cells = new Map();
  for (const c of catalog.configurations) {
    const tr = body.insertRow();
    tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: c.id }));
    for (const o of origins) {
      const td = tr.insertCell();
      td.dataset.config = c.id;
      td.dataset.origin = o.id;
      td.textContent = 'waiting';
      cells.set(c.id + '|' + o.id, td);
    }
  }
  container.replaceChildren(table);
  return cells;
}

/**
 * Fills one grid cell with its attacks' outcomes: the symbols counted, then each attack.
 * @param {HTMLTableCellElement} td
 * @param {readonly EverythingCell[]} group
 */
export function showGroup(td, group) {
  /** @param {readonly { id: string; symbol: string }[]} table @param {(c: EverythingCell) => string} of */
  const counts = (table, of) =>
    table
      .map((row) => [row.symbol, group.filter((c) => of(c) === row.id).length])
      .filter(([, n]) => n)
      .map(([symbol, n]) => symbol + ' ' + n)
      .join(' · ');
  const details = document.createElement('details');
  const list = document.createElement('ul');
  for (const c of group) {
    const read = catalog.outcomes.read.find((r) => r.id === c.read);
    const write = catalog.outcomes.write.find((w) => w.id === c.write);
    list.append(Object.assign(document.createElement('li'), { textContent: `${read?.symbol}${write?.symbol} ${c.attack}` }));
  }
  details.append(
    Object.assign(document.createElement('summary'), {
      textContent: counts(catalog.outcomes.read, (c) => c.read) + ' | ' + counts(catalog.outcomes.write, (c) => c.write),
    }),
    list,
  );
  td.replaceChildren(details);
  td.dataset.state = 'done';
}

/**
 * The run as the matrix report's JSON: one browser, its cells in the catalog's order.
 * @param {BrowserRun} browser
 * @param {readonly EverythingCell[]} cells
 */
export function reportJson(browser, cells) {
  const order = (/** @type {readonly { id: string }[]} */ list, /** @type {string} */ id) => list.findIndex((x) => x.id === id);
  const sorted = [...cells].sort(
    (a, b) =>
      order(catalog.configurations, a.config) - order(catalog.configurations, b.config) ||
      order(catalog.origins, a.origin) - order(catalog.origins, b.origin) ||
      order(catalog.attacks, a.attack) - order(catalog.attacks, b.attack),
  );
  return JSON.stringify({ generatedAt: new Date().toISOString(), browsers: [browser], cells: sorted }, null, 1);
}
