// The seed story: Alice, still logged in at her bank, opens this page, and it fires the
// blog's XMLHttpRequest at /transfer_to/555/1234/... . `?config=<id>` aims it at one
// configuration; without it, the bank's active configuration answers.
import { runAttack } from '/runner/runner.js';

const ATTACK = 'xhr-get-transfer';
const config = new URLSearchParams(location.search).get('config') ?? '';
const probe = 'movies-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8).padEnd(6, '0');
document.querySelector('#attack-code').textContent = window.lab.catalog.attacks.find((a) => a.id === ATTACK).code;
document.querySelector('#probe').textContent = probe;

const seen = await runAttack(ATTACK, { config, probe });
document.querySelector('#verdict').textContent = seen.readable
  ? 'The script READ the bank’s answer (status ' + seen.status + ').'
  : 'The script could NOT read the bank’s answer — but the request was still sent.';
document.querySelector('#seen').textContent = JSON.stringify(seen, null, 2);

// The narrator (the lab, not the attacker) asks the bank what it received.
const told = await (await fetch('/narrator/ledger?probe=' + probe)).json();
const list = document.querySelector('#what-happened');
const say = (text) => list.append(Object.assign(document.createElement('li'), { textContent: text }));
const request = told.received?.[0];
if (!request) {
  say('The request never reached the bank' + (told.preflights ? ': the browser asked first (a preflight) and the bank said no.' : '.'));
} else {
  say('Sent: yes — the bank received ' + request.method + ' /transfer_to/555/1234/1' + (told.preflights ? ' after a preflight' : ', no preflight needed') + '.');
  say('Cookie: ' + (request.cookiesSent.length ? 'yes — ' + request.cookiesSent.map((v) => 'bank_session_' + v).join(', ') + ' rode along' : 'no — not one of your bank cookies came with it') + '.');
  say('Money moved: ' + (request.stateChanged ? 'YES — $1.00 left your account' : 'no — the bank answered ' + request.status + (request.refusedBy ? ', refused by ' + request.refusedBy : request.user ? '' : ': to the bank this was a stranger')) + '.');
}
say('Answer read by this page’s script: ' + (seen.readable ? 'yes' : 'no') + '.');
document.body.dataset.moneyMoved = String(Boolean(request?.stateChanged));
document.body.dataset.cookiesSent = request ? request.cookiesSent.join(',') : '';
document.body.dataset.probe = probe;
document.body.dataset.readable = String(seen.readable);
document.body.dataset.done = 'true';
