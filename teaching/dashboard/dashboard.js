// @ts-check
// The attacker's dashboard. Press Run, and it opens one attack window, moves it through the
// runner page of each attacker host name in turn (a top-level page there, so each attack
// keeps a real attacker page's cookie context), and fills the results table as the runner
// reports each attack. The bank's side comes from the lab's narrator, the explanation from
// the lab's explainer — the same rule engine the verification matrix checks.
import { element } from '/runner/dom.js';
import { probeNonce, publicPagesNeed } from '/runner/lab-catalog.js';
import { catalog } from '/runner/runner.js';
import { runPicture } from '/runner/run-picture.js';
import { checkMyBrowser, explain } from '/runner/this-browser.js';
import { attackerOrigins, bankSide, doneOrClosed, drivenOrigins, openAttackWindow, senderOf } from './attack-window.js';
import { runEverything } from './everything.js';
import { lockPredictions, score } from './quiz.js';
import { buildTables, outcomeOf, showExplanation, showLedger, showOutcome, showState } from './results-table.js';

/** @param {string} selector */
const $ = (selector) => element(selector, HTMLElement);
/** @param {string} selector */
const $input = (selector) => element(selector, HTMLInputElement);
const quizSelect = element('#quiz-origin', HTMLSelectElement);
const mode = () => $input('input[name=mode]:checked').value;
const policy = () => $input('input[name=policy]:checked').value;
const quizOrigin = () => (mode() === 'quiz' ? quizSelect.value : null);
/** @param {string} text */
const say = (text) => {
  $('#status').textContent = text;
};

// The bank's origin is the site plan's (catalog/site-plan.ts); the page's own href is the default plan's.
element('#lab-control', HTMLAnchorElement).href = catalog.bankOrigin + '/lab/';

for (const o of attackerOrigins) quizSelect.append(new Option(o.origin + ' — ' + o.title, o.id));
$('#public-pages-need').textContent = publicPagesNeed();

// ---- The page's state: the tables, and what each row learned. ----
/** @type {Map<string, HTMLTableRowElement>} */
let rows = new Map();
/**
 * What each row learned, by `origin|attack`.
 * @type {Map<string, { tr: HTMLTableRowElement; attack: import('./results-table.js').Attack; probe: string; seen: import('/runner/runner.js').ScriptView; entries?: import('./results-table.js').NarratedEntry[]; outcome?: import('./results-table.js').RowOutcome; explanation?: import('/runner/this-browser.js').Step[]; run?: Parameters<typeof runPicture>[0] }>}
 */
let results = new Map();
/** @type {string | null} */
let runId = null;
/** @type {string | null} */
let runConfig = null;
/** @type {Window | null} */
let attackWindow = null;
let tablesUsed = false;
/** Bumped by every explanation pass: an answer from an older pass is dropped. */
let explainPass = 0;
const originWaiters = new Map();

function render() {
  const origins = mode() === 'quiz' ? attackerOrigins.filter((o) => o.id === quizOrigin()) : drivenOrigins();
  rows = buildTables($('#results'), origins, catalog.attacks, { quizOrigin: quizOrigin() });
  results = new Map();
  tablesUsed = false;
  $('#score').hidden = true;
  lockControls(false);
  $('#run').textContent = mode() === 'quiz' ? 'Lock in my predictions and run' : 'Run every attack';
}

/** Shows the bank's active configuration and returns its id (null if the bank can't say). */
async function showActive() {
  const res = await fetch('/narrator/active');
  const body = await res.json();
  $('#active').textContent = res.ok ? body.active + ' — ' + body.title : '(unknown: ' + body.message + ')';
  // From the catalog's `unsafe`, never from prose: "unsafe: <why>" beside the name.
  $('#active-unsafe').textContent = res.ok && body.unsafe ? 'unsafe: ' + body.unsafe : '';
  return res.ok ? body.active : null;
}

async function checkPolicy() {
  const before = policy();
  await checkMyBrowser($('#detected'));
  if (policy() !== before) await reexplain();
}

// ---- Messages from the attack window's runner (runner/dashboard-mode.js). ----
window.addEventListener('message', (event) => {
  const origin = senderOf(event, runId, attackWindow);
  if (!origin) return;
  const m = event.data;
  if (m.state === 'origin-done') {
    originWaiters.get(origin.id)?.(true);
    return;
  }
  const key = origin.id + '|' + m.attack;
  const tr = rows.get(key);
  if (!tr) return;
  showState(tr, m.state);
  const attack = catalog.attacks.find((a) => a.id === m.attack);
  if (m.state === 'ran' && attack) results.set(key, { tr, attack, probe: m.probe, seen: m.seen });
});

/** Resolves true when the runner of `originId` reports it is done, false if the window closes. */
function originDone(originId) {
  return doneOrClosed(
    () => attackWindow,
    (finish) =>
      originWaiters.set(originId, (ok) => {
        originWaiters.delete(originId);
        finish(ok);
      }),
  );
}

// ---- The bank's side and the rules, once a host name's attacks have all run. ----
/** What the bank recorded for each attack from one host name, and its side of each outcome. */
async function fillBankSide(origin) {
  const told = await bankSide(new URLSearchParams({ run: String(runId), origin: origin.id }));
  for (const attack of catalog.attacks) {
    const result = results.get(origin.id + '|' + attack.id);
    if (!result) continue;
    result.entries = told.byAttack[attack.id];
    result.outcome = outcomeOf(result.seen, told.bankFacts[attack.id]);
    showOutcome(result.tr, result.outcome, result.seen);
    showLedger(result.tr, result.entries);
  }
  await explainRows([...results.values()].filter((r) => r.outcome && r.tr.dataset.origin === origin.id));
}

async function explainRows(list) {
  const pass = ++explainPass;
  await Promise.allSettled(
    list.map(async (r) => {
      // The configuration the bank used for this row (the ledger says), else the run's.
      const config = r.entries.find((e) => e.config)?.config ?? runConfig ?? 'active';
      /** @type {Awaited<ReturnType<typeof explain>> | { error: string }} */
      let why;
      const cell = { config, origin: String(r.tr.dataset.origin), attack: r.attack.id, policy: policy() };
      try {
        why = await explain(cell);
      } catch (error) {
        why = { error: error instanceof Error ? error.message : String(error) };
      }
      if (pass !== explainPass) return;
      if ('error' in why) {
        r.explanation = [];
        element('.why', HTMLElement, r.tr).textContent = 'No explanation: ' + why.error;
      } else {
        r.explanation = showExplanation(r.tr, r.outcome, why);
      }
      // The picture of this run, beside the steps: drawn once the learner opens it.
      r.run = { ...cell, probe: r.probe, seen: r.seen };
      element('.why', HTMLElement, r.tr).append(runPicture(r.run, 'row'));
      r.tr.dataset.state = 'done';
    }),
  );
  return pass === explainPass;
}

/** After a policy switch: every finished row again, and the quiz's misses with them. */
async function reexplain() {
  const done = [...results.values()].filter((r) => r.outcome);
  if (!done.length) return;
  const current = await explainRows(done);
  if (current && mode() === 'quiz' && document.documentElement.dataset.runState === 'done') score($('#score'), done);
}

function summary(list) {
  const count = (test) => list.filter(test).length;
  return (
    `${list.length} attacks ran. Read: ${count((r) => r.outcome.read)} (the victim’s private data: ${count((r) => r.outcome.stole)}). ` +
    `Money moved: ${count((r) => r.outcome.write === 'moved')}; arrived without moving money: ${count((r) => r.outcome.write === 'arrived')}; ` +
    `never reached the bank: ${count((r) => r.outcome.write === 'blocked')}.`
  );
}

function lockControls(locked) {
  // The policy too: a run's rows are explained for the policy chosen when they finish.
  for (const el of document.querySelectorAll('input[name=mode], input[name=policy], #include-public, #detect, #run, #run-everything')) {
    const control = /** @type {HTMLInputElement | HTMLButtonElement} */ (el);
    control.disabled = locked;
  }
  // The host-name choice only means something in quiz mode.
  quizSelect.disabled = locked || mode() !== 'quiz';
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
  const id = probeNonce();
  const origins = attackerOrigins.filter((o) => [...rows.values()].some((tr) => tr.dataset.origin === o.id));
  const urlFor = (origin) => origin.runner + '?dashboard=' + id;
  // The one new window a click may open; it is reused after.
  const opened = openAttackWindow(urlFor(origins[0]));
  if (!opened) {
    say('Your browser blocked the attack window. Allow pop-ups for ' + location.host + ', then press Run again.');
    return;
  }
  runId = id;
  attackWindow = opened;
  tablesUsed = true;
  // Listen for the first host name before anything else can yield to its messages.
  let waiting = originDone(origins[0].id);
  lockControls(true);
  if (mode() === 'quiz') lockPredictions([...rows.values()]);
  document.documentElement.dataset.runState = 'running';
  let stopped = null;
  try {
    runConfig = await showActive();
    for (const [index, origin] of origins.entries()) {
      say(`Running the attacks from ${origin.origin} (${index + 1} of ${origins.length}) in the attack window…`);
      if (index > 0) {
        waiting = originDone(origin.id);
        attackWindow.location.replace(urlFor(origin));
      }
      if (!(await waiting)) {
        stopped = 'the attack window was closed';
        break;
      }
      await fillBankSide(origin);
    }
  } catch (error) {
    stopped = error instanceof Error ? error.message : String(error);
  }
  const done = [...results.values()].filter((r) => r.outcome);
  say((stopped ? `Stopped: ${stopped}. ` : 'Done. ') + summary(done));
  const quizDone = mode() === 'quiz' && !stopped;
  if (quizDone) score($('#score'), done);
  document.documentElement.dataset.runState = stopped ? 'stopped' : 'done';
  lockControls(false);
  // The learner's next read is the score: take the focus (and the view) there.
  (quizDone ? $('#score-heading') : $('#run')).focus();
}

// ---- Wiring. ----
for (const el of document.querySelectorAll('input[name=mode]')) el.addEventListener('change', render);
quizSelect.addEventListener('change', () => mode() === 'quiz' && render());
$input('#include-public').addEventListener('change', () => mode() === 'all' && render());
$('#run').addEventListener('click', runAll);
$('#run-everything').addEventListener('click', async () => {
  lockControls(true);
  try {
    await runEverything(say);
  } finally {
    lockControls(false);
  }
});
$('#detect').addEventListener('click', checkPolicy);
for (const el of document.querySelectorAll('input[name=policy]')) el.addEventListener('change', reexplain);

render();
await Promise.allSettled([showActive(), checkPolicy()]);
document.documentElement.dataset.runState = 'idle';
