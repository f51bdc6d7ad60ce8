// The attacker's dashboard. Press Run, and it opens one attack window, moves it through the
// runner page of each attacker host name in turn (a top-level page there, so each attack
// keeps a real attacker page's cookie context), and fills the results table as the runner
// reports each attack. The bank's side comes from the lab's narrator, the explanation from
// the lab's explainer — the same rule engine the verification matrix checks.
import { detectPolicy, explain } from '/runner/this-browser.js';
import { lockPredictions, score } from './quiz.js';
import { buildTables, outcomeOf, showExplanation, showLedger, showOutcome, showState } from './results-table.js';

const { catalog } = window.lab;
const attackerOrigins = catalog.origins.filter((o) => o.servedBy === 'attacker');
const senders = new Set(attackerOrigins.map((o) => o.origin));
const $ = (selector) => document.querySelector(selector);
const mode = () => $('input[name=mode]:checked').value;
const policy = () => $('input[name=policy]:checked').value;
const quizOrigin = () => (mode() === 'quiz' ? $('#quiz-origin').value : null);
const say = (text) => { $('#status').textContent = text; };

for (const o of attackerOrigins) $('#quiz-origin').append(new Option(o.origin + ' — ' + o.title, o.id));

// ---- The page's state: the tables, and what each row learned. ----
let rows = new Map();
let results = new Map();
let runId = null;
let tablesUsed = false;
const originWaiters = new Map();

function render() {
  const origins = mode() === 'quiz' ? attackerOrigins.filter((o) => o.id === quizOrigin()) : attackerOrigins;
  rows = buildTables($('#results'), origins, catalog.attacks, { quizOrigin: quizOrigin() });
  results = new Map();
  tablesUsed = false;
  $('#score').hidden = true;
  $('#run').textContent = mode() === 'quiz' ? 'Lock in my predictions and run' : 'Run every attack';
}

async function showActive() {
  const res = await fetch('/narrator/active');
  const body = await res.json();
  $('#active').textContent = res.ok ? body.active + ' — ' + body.title : '(unknown: ' + body.message + ')';
}

async function checkPolicy() {
  const detected = await detectPolicy();
  $('#detected').textContent = detected.says;
  if (detected.policy) $(`input[name=policy][value=${detected.policy}]`).checked = true;
}

// ---- Messages from the attack window's runner (attacker-site/public/runner/dashboard-mode.js). ----
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || m.lab !== 'dashboard' || m.run !== runId || !senders.has(event.origin)) return;
  const origin = attackerOrigins.find((o) => o.id === m.origin);
  // A page may only speak for its own origin.
  if (!origin || origin.origin !== event.origin) return;
  if (m.state === 'origin-done') {
    originWaiters.get(origin.id)?.(true);
    return;
  }
  const key = origin.id + '|' + m.attack;
  const tr = rows.get(key);
  if (!tr) return;
  showState(tr, m.state);
  if (m.state === 'ran') results.set(key, { tr, attack: catalog.attacks.find((a) => a.id === m.attack), seen: m.seen });
});

/** Resolves true when the runner of `originId` reports it is done, false if the window closes. */
function originDone(originId, attackWindow) {
  return new Promise((done) => {
    const closed = setInterval(() => attackWindow.closed && finish(false), 500);
    function finish(ok) {
      clearInterval(closed);
      originWaiters.delete(originId);
      done(ok);
    }
    originWaiters.set(originId, finish);
  });
}

// ---- The bank's side and the rules, once a host name's attacks have all run. ----
async function ledgerFor(originId) {
  const res = await fetch(`/narrator/dashboard-ledger?run=${runId}&origin=${originId}`);
  const body = await res.json();
  if (!res.ok) throw new Error(body.message);
  return body.byAttack;
}

async function fillBankSide(origin) {
  let byAttack = await ledgerFor(origin.id);
  // A navigation's ledger entry is written as the bank answers: ask once more if one is missing.
  if (catalog.attacks.some((a) => byAttack[a.id].length === 0)) {
    await new Promise((done) => setTimeout(done, 300));
    byAttack = await ledgerFor(origin.id);
  }
  for (const attack of catalog.attacks) {
    const result = results.get(origin.id + '|' + attack.id);
    if (!result) continue;
    result.entries = byAttack[attack.id];
    result.outcome = outcomeOf(attack, result.seen, result.entries);
    showOutcome(result.tr, result.outcome, result.seen);
    showLedger(result.tr, result.entries);
  }
  await explainRows([...results.values()].filter((r) => r.outcome && r.tr.dataset.origin === origin.id));
}

async function explainRows(list) {
  await Promise.all(
    list.map(async (r) => {
      try {
        const why = await explain({ config: 'active', origin: r.tr.dataset.origin, attack: r.attack.id, policy: policy() });
        r.explanation = showExplanation(r.tr, r.outcome, why);
      } catch (error) {
        r.explanation = [];
        r.tr.querySelector('.why').textContent = 'No explanation: ' + error.message;
      }
      r.tr.dataset.state = 'done';
    }),
  );
}

function summary(list) {
  const count = (test) => list.filter(test).length;
  return `${list.length} attacks ran. Read: ${count((r) => r.outcome.read)} (the victim’s private data: ${count((r) => r.outcome.stole)}). ` +
    `Money moved: ${count((r) => r.outcome.write === 'moved')}; arrived without moving money: ${count((r) => r.outcome.write === 'arrived')}; ` +
    `never reached the bank: ${count((r) => r.outcome.write === 'blocked')}.`;
}

function lockControls(locked) {
  for (const el of document.querySelectorAll('input[name=mode], #quiz-origin, #run')) el.disabled = locked;
}

// ---- Run. ----
async function runAll() {
  if (tablesUsed) {
    render();
    if (mode() === 'quiz') {
      say('A new quiz: mark your predictions, then press “Lock in my predictions and run”.');
      return;
    }
  }
  tablesUsed = true;
  runId = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const origins = [...new Set([...rows.values()].map((tr) => tr.dataset.origin))].map((id) => attackerOrigins.find((o) => o.id === id));
  const urlFor = (origin) => origin.runner + '?dashboard=' + runId;
  // The one new window a click may open (HTML "allowed to show a popup"); it is reused after.
  const attackWindow = window.open(urlFor(origins[0]), 'lab-attack-window', 'popup,width=820,height=620');
  if (!attackWindow) {
    say('Your browser blocked the attack window. Allow pop-ups for attacker.localhost:4100, then press Run again.');
    tablesUsed = false;
    return;
  }
  lockControls(true);
  if (mode() === 'quiz') lockPredictions([...rows.values()]);
  document.documentElement.dataset.runState = 'running';
  await showActive();
  let stopped = false;
  for (const [index, origin] of origins.entries()) {
    say(`Running the attacks from ${origin.origin} (${index + 1} of ${origins.length}) in the attack window…`);
    const waiting = originDone(origin.id, attackWindow);
    if (index > 0) attackWindow.location.replace(urlFor(origin));
    if (!(await waiting)) {
      stopped = true;
      break;
    }
    await fillBankSide(origin);
  }
  const done = [...results.values()].filter((r) => r.outcome);
  say((stopped ? 'Stopped: the attack window was closed. ' : 'Done. ') + summary(done));
  if (mode() === 'quiz' && !stopped) score($('#score'), done);
  document.documentElement.dataset.runState = stopped ? 'stopped' : 'done';
  lockControls(false);
  $('#run').focus();
}

// ---- Wiring. ----
for (const el of document.querySelectorAll('input[name=mode]')) el.addEventListener('change', render);
$('#quiz-origin').addEventListener('change', render);
$('#run').addEventListener('click', runAll);
$('#detect').addEventListener('click', checkPolicy);
for (const el of document.querySelectorAll('input[name=policy]')) {
  el.addEventListener('change', async () => {
    const done = [...results.values()].filter((r) => r.outcome);
    await explainRows(done);
    if (mode() === 'quiz' && document.documentElement.dataset.runState === 'done') score($('#score'), done);
  });
}

render();
await Promise.all([showActive(), checkPolicy()]);
document.documentElement.dataset.runState = 'idle';
