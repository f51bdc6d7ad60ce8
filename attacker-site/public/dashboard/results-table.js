// The dashboard's results: one table per attacking host name, one row per attack. A row
// fills in as its attack runs: what the attacker's script held, what the bank's ledger
// recorded, and the rules' explanation. Symbols match the matrix report (reports/matrix.html).
import { stepText } from '/runner/this-browser.js';

const cell = (text = '') => Object.assign(document.createElement('td'), { textContent: text });

/** Builds the tables for `origins` × `attacks` into `container`; returns the rows by key. */
export function buildTables(container, origins, attacks, { quizOrigin }) {
  container.replaceChildren();
  const rows = new Map();
  for (const origin of origins) {
    const section = document.createElement('section');
    const heading = Object.assign(document.createElement('h2'), { id: 'from-' + origin.id, textContent: 'From ' + origin.origin + ' — ' + origin.title });
    const table = document.createElement('table');
    table.className = 'results';
    table.setAttribute('aria-labelledby', heading.id);
    const quiz = origin.id === quizOrigin;
    const head = ['Attack (the code, exactly as it ran)', ...(quiz ? ['Your prediction'] : []), 'Read', 'Write', 'What the bank’s ledger recorded', 'Why, by the rules'];
    table.createTHead().append(document.createElement('tr'));
    for (const text of head) table.tHead.rows[0].append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text }));
    const body = table.createTBody();
    for (const attack of attacks) {
      const tr = body.insertRow();
      tr.dataset.origin = origin.id;
      tr.dataset.attack = attack.id;
      tr.dataset.state = 'waiting';
      const what = Object.assign(document.createElement('th'), { scope: 'row' });
      const details = document.createElement('details');
      details.append(Object.assign(document.createElement('summary'), { textContent: attack.title }), Object.assign(document.createElement('pre'), { textContent: attack.code }));
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

function predictionCell(attack) {
  const td = document.createElement('td');
  td.className = 'predict';
  for (const [what, text] of [['read', 'read?'], ['write', 'write?']]) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'predict-' + what + '-' + attack.id });
    box.setAttribute('aria-label', attack.title + ': ' + text);
    box.dataset.predict = what;
    label.append(box, ' ' + text);
    td.append(label);
  }
  return td;
}

export function showState(tr, state) {
  tr.dataset.state = state;
  if (state === 'running') tr.querySelector('.read').textContent = 'running…';
  if (state === 'needs-click') tr.querySelector('.read').textContent = 'waiting for your click in the attack window (pop-up blocked)';
}

/**
 * What happened, from both sides. Read: did the attacker's script read the answer (R! when
 * it read the victim's own account data)? Write: did money move ($), did the request only
 * arrive (→), or did it never reach the bank (✗)?
 */
export function outcomeOf(attack, seen, entries) {
  const actual = entries.filter((e) => e.method !== 'OPTIONS');
  const read = seen.readable === true;
  const stole = read && attack.request.endpoint === 'account' && actual.some((e) => e.user && e.status === 200);
  const write = actual.some((e) => e.stateChanged) ? 'moved' : actual.length ? 'arrived' : 'blocked';
  return { read, stole, write };
}

const READ = { stole: ['R!', 'read the victim’s private data'], read: ['R✓', 'read the answer'], none: ['R✗', 'could not read'] };
const WRITE = { moved: ['$', 'money moved'], arrived: ['→', 'arrived, no money moved'], blocked: ['✗', 'never reached the bank'] };

function icon(td, [symbol, text], yes) {
  td.replaceChildren(Object.assign(document.createElement('span'), { className: 'icon ' + (yes ? 'yes' : 'no'), textContent: symbol }), ' ' + text);
}

export function showOutcome(tr, outcome, seen) {
  tr.dataset.read = outcome.read ? 'yes' : 'no';
  tr.dataset.write = outcome.write;
  const read = tr.querySelector('.read');
  icon(read, READ[outcome.stole ? 'stole' : outcome.read ? 'read' : 'none'], outcome.read);
  if (outcome.read && seen.body) {
    const got = document.createElement('details');
    got.append(Object.assign(document.createElement('summary'), { textContent: 'what it read' }), Object.assign(document.createElement('pre'), { textContent: seen.body.slice(0, 400) }));
    read.append(got);
  } else if (seen.error) {
    read.append(Object.assign(document.createElement('div'), { textContent: '(' + seen.error + ')' }));
  }
  icon(tr.querySelector('.write'), WRITE[outcome.write], outcome.write === 'moved');
}

export function showLedger(tr, entries) {
  const td = tr.querySelector('.ledger');
  if (entries.length === 0) {
    td.textContent = 'nothing: no request with this probe reached the bank';
    return;
  }
  const list = document.createElement('ol');
  for (const e of entries) {
    const facts = [
      e.method + ' ' + e.path + ' → ' + e.status,
      'Origin: ' + (e.origin ?? '(none)'),
      'Sec-Fetch-Site: ' + (e.secFetchSite ?? '(none)'),
    ];
    if (e.method === 'OPTIONS') {
      facts.push('(preflight) Allow-Origin: ' + (e.corsHeaders['access-control-allow-origin'] ?? '(none)'));
    } else {
      facts.push('cookies: ' + (e.cookiesSent.length ? e.cookiesSent.join(', ') : 'none'));
      facts.push(e.user ? 'as ' + e.user : 'not logged in');
      if (e.refusedBy) facts.push('refused by ' + e.refusedBy);
      if (e.stateChanged) facts.push('$1.00 moved');
    }
    list.append(Object.assign(document.createElement('li'), { textContent: facts.join(' · ') }));
  }
  td.replaceChildren(list);
}

/** The rules' explanation, and whether the rules predicted what the browser did. */
export function showExplanation(tr, outcome, { predicted, explanation, config }) {
  const td = tr.querySelector('.why');
  const predictedWrite = predicted.effect === 'transfer' ? 'moved' : predicted.requestReached ? 'arrived' : 'blocked';
  const agrees = predicted.responseReadable === outcome.read && predictedWrite === outcome.write;
  tr.dataset.agrees = String(agrees);
  const details = document.createElement('details');
  details.append(
    Object.assign(document.createElement('summary'), { textContent: (agrees ? '' : '≠ the rules predicted otherwise · ') + explanation.length + ' steps (' + config + ')' }),
    document.createElement('ol'),
  );
  for (const step of explanation) details.lastChild.append(Object.assign(document.createElement('li'), { textContent: stepText(step) }));
  td.replaceChildren(details);
  return explanation;
}
