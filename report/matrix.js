// @ts-check
// reports/matrix.html's script, inlined at build time by report/render-page.ts: draws one grid
// per browser and cookie policy from the page's data (report/page-data.ts), explains a
// cell on click — with the picture of its observed evidence, from the drawings beside the page
// (report/sequences.ts) — and filters. Symbols and words come from the data's outcome tables
// (catalog/outcomes.ts); the page classifies nothing itself.
import { drawSequence } from '../runner/sequence-picture.js';

/** @typedef {import('./page-data.js').PageData} PageData */
/** @typedef {import('./page-data.js').PageCell} PageCell */
/** @typedef {import('./sequences.js').SequenceFile} SequenceFile */

const data = /** @type {PageData} */ (JSON.parse(document.getElementById('matrix-data')?.textContent ?? 'null'));

/**
 * @template {Element} T
 * @param {string} selector
 * @param {{ new (): T; prototype: T }} type
 * @returns {T}
 */
function one(selector, type) {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error('the report has no ' + type.name + ' ' + selector);
  return found;
}

/** @param {unknown} text */
const escapeHtml = (text) =>
  String(text ?? '—').replace(/[&<>"]/g, (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * @template {{ id: string }} Row
 * @param {readonly Row[]} table
 * @param {string} id
 * @returns {Row}
 */
const rowOf = (table, id) => /** @type {Row} */ (table.find((r) => r.id === id));

/** @param {PageCell} cell */
const readOf = (cell) => rowOf(data.outcomes.read, cell.read);
/** @param {PageCell} cell */
const writeOf = (cell) => rowOf(data.outcomes.write, cell.write);

/**
 * "unsafe: <why>" beside a configuration's name, from the catalog's `unsafe` (empty for a safe one).
 * @param {PageData['configs'][number]} config
 */
const unsafeNote = (config) => (config.unsafe ? ' <small class="unsafe">unsafe: ' + escapeHtml(config.unsafe) + '</small>' : '');

/** @param {string[]} parts */
const keyOf = (parts) => parts.join('|');
const cellIndex = new Map(data.cells.map((c, i) => [keyOf([c.browser, c.cookiePolicy, c.config, c.origin, c.attack]), i]));

/** @param {PageData['browsers'][number]} browser */
function grid(browser) {
  const section = document.createElement('section');
  section.innerHTML =
    '<h2>' + escapeHtml(browser.name) + ' — ' + escapeHtml(browser.cookiePolicy) + '</h2><p class="version">' + escapeHtml(browser.version) + '</p>';
  const scroll = document.createElement('div');
  scroll.className = 'grid-wrap';
  const table = document.createElement('table');
  table.className = 'grid';
  let head = '<thead><tr><th rowspan="2" scope="col" class="config">configuration ↓ · origin →</th>';
  for (const o of data.origins)
    head += '<th colspan="' + data.attacks.length + '" scope="colgroup" class="origin" data-origin="' + o.id + '">' + escapeHtml(o.id) + '</th>';
  head += '</tr><tr>';
  for (const o of data.origins)
    for (const a of data.attacks)
      head +=
        '<th scope="col" class="attack" data-origin="' +
        o.id +
        '" data-attack="' +
        a.id +
        '" title="' +
        escapeHtml(a.title) +
        '">' +
        escapeHtml(a.id) +
        '</th>';
  head += '</tr></thead>';
  let body = '<tbody>';
  for (const config of data.configs) {
    body +=
      '<tr data-config="' +
      config.id +
      '"><th scope="row" class="config" title="' +
      escapeHtml(config.whatGoesWrong) +
      '">' +
      escapeHtml(config.id) +
      unsafeNote(config) +
      '</th>';
    for (const o of data.origins)
      for (const a of data.attacks) {
        const i = cellIndex.get(keyOf([browser.name, browser.cookiePolicy, config.id, o.id, a.id]));
        if (i === undefined) {
          body += '<td data-origin="' + o.id + '" data-attack="' + a.id + '">·</td>';
          continue;
        }
        const cell = data.cells[i];
        if (!cell) continue;
        const read = readOf(cell);
        const write = writeOf(cell);
        const label = config.id + ', ' + o.id + ', ' + a.id + ': ' + read.text + ', ' + write.text + (cell.agree ? '' : ', DISAGREES with prediction');
        const classes = ['cell', cell.read === 'none' ? 'read-no' : 'read-yes', 'write-' + cell.write, ...(cell.agree ? [] : ['disagree'])];
        body +=
          '<td data-origin="' +
          o.id +
          '" data-attack="' +
          a.id +
          '"><button class="' +
          classes.join(' ') +
          '" data-i="' +
          i +
          '" aria-label="' +
          escapeHtml(label) +
          '" title="' +
          escapeHtml(label) +
          '">' +
          read.symbol +
          write.symbol +
          (cell.agree ? '' : '≠') +
          '</button></td>';
      }
    body += '</tr>';
  }
  table.innerHTML = head + body + '</tbody>';
  scroll.append(table);
  section.append(scroll);
  return section;
}

/** @param {object | null} fields */
function keyValueTable(fields) {
  return (
    '<table class="kv"><tbody>' +
    Object.entries(fields || {})
      .map(
        ([k, v]) =>
          '<tr><th scope="row">' + escapeHtml(k) + '</th><td>' + escapeHtml(typeof v === 'object' && v !== null ? JSON.stringify(v) : v) + '</td></tr>',
      )
      .join('') +
    '</tbody></table>'
  );
}

/** @param {number} i */
function show(i) {
  const cell = /** @type {PageCell} */ (data.cells[i]);
  const attack = rowOf(data.attacks, cell.attack);
  const fields = /** @type {(keyof PageCell['predicted'])[]} */ (Object.keys(cell.predicted));
  const rows = fields
    .map(
      (f) =>
        '<tr class="' +
        (cell.differingFields.includes(f) ? 'mismatch' : '') +
        '"><th scope="row">' +
        f +
        '</th><td>' +
        escapeHtml(JSON.stringify(cell.observed[f])) +
        '</td><td>' +
        escapeHtml(JSON.stringify(cell.predicted[f])) +
        '</td></tr>',
    )
    .join('');
  const steps = cell.explanationSteps.map((s) => {
    const step = data.steps[s];
    return step
      ? '<li><span class="enforcer">[' + escapeHtml(step.enforcer) + ']</span> ' + escapeHtml(step.says) + ' <em>— ' + escapeHtml(step.rule) + '</em></li>'
      : '';
  });
  const config = data.configs.find((c) => c.id === cell.config);
  const details = one('#details', HTMLElement);
  details.innerHTML =
    '<h2>' +
    escapeHtml(cell.config) +
    ' × ' +
    escapeHtml(cell.origin) +
    ' × ' +
    escapeHtml(cell.attack) +
    ' <small>(' +
    escapeHtml(cell.browser) +
    ', ' +
    escapeHtml(cell.cookiePolicy) +
    ')</small></h2>' +
    (config?.unsafe ? '<p class="unsafe">' + escapeHtml(cell.config) + ' is unsafe: ' + escapeHtml(config.unsafe) + '</p>' : '') +
    '<p><strong>' +
    (cell.agree ? 'Observed equals predicted.' : 'DISAGREES: ' + escapeHtml(cell.differingFields.join(', '))) +
    '</strong></p>' +
    '<table class="kv"><thead><tr><th scope="col">field</th><th scope="col">observed</th><th scope="col">predicted</th></tr></thead><tbody>' +
    rows +
    '</tbody></table>' +
    '<h3>Why</h3><ol class="steps">' +
    steps.join('') +
    '</ol>' +
    '<h3>The picture: who enforces what</h3><div class="cell-picture"></div>' +
    '<h3>The attack’s code, as the page ran it</h3><pre><code>' +
    escapeHtml(attack.code) +
    '</code></pre>' +
    '<h3>What the bank saw and sent</h3>' +
    (cell.preflight ? '<h4>Preflight</h4>' + keyValueTable(cell.preflight) : '<p>No preflight.</p>') +
    (cell.actual ? '<h4>Actual request</h4>' + keyValueTable(cell.actual) : '<p>The actual request never reached the bank.</p>') +
    '<h3>What the attacker’s script got</h3>' +
    keyValueTable(cell.script);
  details.focus();
  void showPicture(i, cell, /** @type {HTMLElement} */ (details.querySelector('.cell-picture')));
}

/** Each sidecar's drawings, by its file, once asked for. @type {Map<string, Promise<SequenceFile>>} */
const sidecars = new Map();

/**
 * A sidecar's drawings: its classic script, loaded once (a page opened from disk may load one),
 * hands them over in an event on the document.
 * @param {string} file
 * @returns {Promise<SequenceFile>}
 */
function sidecar(file) {
  let loaded = sidecars.get(file);
  if (!loaded) {
    loaded = new Promise((done, failed) => {
      /** @param {Event} event */
      const take = (event) => {
        const detail = /** @type {CustomEvent<SequenceFile>} */ (event).detail;
        if (detail?.file !== file) return;
        document.removeEventListener(data.sequences.event, take);
        done(detail);
      };
      document.addEventListener(data.sequences.event, take);
      const script = Object.assign(document.createElement('script'), { src: file });
      script.addEventListener('error', () => {
        document.removeEventListener(data.sequences.event, take);
        sidecars.delete(file);
        failed(new Error('could not load ' + file + ' beside the report'));
      });
      document.head.append(script);
    });
    sidecars.set(file, loaded);
  }
  return loaded;
}

/**
 * The cell's picture, drawn from its observed evidence into `holder`; where there is none, the reason.
 * @param {number} i
 * @param {PageCell} cell
 * @param {HTMLElement} holder
 */
async function showPicture(i, cell, holder) {
  /** @param {string} text */
  const say = (text) => holder.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }));
  const file = data.sequences.files[cell.browser]?.[cell.cookiePolicy]?.[cell.config];
  if (!file) return say('No picture: this page was written without its pictures beside it (npm run report draws them).');
  say('Loading the picture…');
  let drawings;
  try {
    drawings = await sidecar(file);
  } catch (error) {
    return say('No picture: ' + (error instanceof Error ? error.message : String(error)) + '.');
  }
  const drawn = drawings.cells[i];
  if (!drawn) return say('No picture: ' + file + ' has none for this cell.');
  if ('stale' in drawn) return say('No picture: ' + drawn.stale + '.');
  /** @param {number[]} lines */
  const text = (lines) => lines.map((n) => drawings.lines[n]).join('\n');
  const caption =
    cell.config +
    ' × ' +
    cell.origin +
    ' × ' +
    cell.attack +
    ' in ' +
    cell.browser +
    ' (' +
    cell.cookiePolicy +
    '): ' +
    'what the bank’s ledger recorded and the script held, beside the rules’ prediction' +
    (drawn.differs ? ' — a red band marks where they differ' : '');
  await drawSequence({ mermaid: text(drawn.mermaid), text: text(drawn.text), caption, id: 'cell-' + i, mermaidUrl: data.sequences.mermaid }, (figure) =>
    holder.replaceChildren(figure),
  );
}

/** Which cells each "Outcome" filter keeps. @type {Record<string, (cell: PageCell) => boolean>} */
const outcomeFilters = {
  read: (c) => c.read !== 'none',
  stole: (c) => c.read === 'stole',
  write: (c) => c.write === 'moved',
  arrived: (c) => c.observed.requestReached,
  authenticated: (c) => c.observed.authenticated,
  disagree: (c) => !c.agree,
};

const filters = {
  config: one('#f-config', HTMLSelectElement),
  origin: one('#f-origin', HTMLSelectElement),
  attack: one('#f-attack', HTMLSelectElement),
  outcome: one('#f-outcome', HTMLSelectElement),
};

function applyFilters() {
  const config = filters.config.value,
    origin = filters.origin.value,
    attack = filters.attack.value,
    outcome = filters.outcome.value;
  for (const tr of document.querySelectorAll('tr[data-config]')) if (tr instanceof HTMLElement) tr.hidden = config !== '' && tr.dataset.config !== config;
  for (const el of document.querySelectorAll('[data-origin]')) {
    if (!(el instanceof HTMLElement)) continue;
    el.hidden = (origin !== '' && el.dataset.origin !== origin) || (attack !== '' && el.dataset.attack !== undefined && el.dataset.attack !== attack);
    if (el instanceof HTMLTableCellElement && el.classList.contains('origin')) el.colSpan = attack === '' ? data.attacks.length : 1;
  }
  let shown = 0;
  for (const button of document.querySelectorAll('button.cell')) {
    if (!(button instanceof HTMLElement)) continue;
    const cell = /** @type {PageCell} */ (data.cells[Number(button.dataset.i)]);
    const match = outcome === '' || (outcomeFilters[outcome]?.(cell) ?? false);
    button.classList.toggle('dim', !match);
    if (match && !button.closest('[hidden]')) shown++;
  }
  one('#shown', HTMLOutputElement).textContent = shown + ' cells match';
}

for (const [select, list] of /** @type {const} */ ([
  [filters.config, data.configs],
  [filters.origin, data.origins],
  [filters.attack, data.attacks],
])) {
  for (const x of list) select.append(new Option(x.id, x.id));
}
for (const browser of data.browsers) one('#grids', HTMLElement).append(grid(browser));
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.cell') : null;
  if (button instanceof HTMLElement) show(Number(button.dataset.i));
});
for (const select of Object.values(filters)) select.addEventListener('change', applyFilters);
applyFilters();
