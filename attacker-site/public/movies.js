// @ts-check
// The seed story: Alice, still logged in at her bank, opens this page, and it fires the
// blog's XMLHttpRequest at the bank's /transfer_to (catalog/transfer.ts). `?config=<id>` aims
// it at one configuration; without it, the bank's active configuration answers.
import { element } from '/runner/dom.js';
import { probeId, probeNonce, probeTime } from '/runner/lab-catalog.js';
import { catalog, runAttack } from '/runner/runner.js';

const ATTACK = 'xhr-get-transfer';
const config = new URLSearchParams(location.search).get('config') ?? '';
const probe = probeId('movies', { time: probeTime(), nonce: probeNonce() });
element('#attack-code', HTMLElement).textContent = catalog.attacks.find((a) => a.id === ATTACK)?.code ?? '';
element('#probe', HTMLElement).textContent = probe;

const seen = await runAttack(ATTACK, { config, probe });
element('#verdict', HTMLElement).textContent = seen.readable
  ? 'The script READ the bank’s answer (status ' + seen.status + ').'
  : 'The script could NOT read the bank’s answer — but the request was still sent.';
element('#seen', HTMLElement).textContent = JSON.stringify(seen, null, 2);

// The narrator (the lab, not the attacker) asks the bank what it received.
/** @type {{ received?: { method: string; cookiesSent: string[]; user: string | null; stateChanged: boolean; refusedBy: string | null; status: number }[]; preflights?: number }} */
const told = await (await fetch('/narrator/ledger?probe=' + probe)).json();
const list = element('#what-happened', HTMLUListElement);
/** @param {string} id */
const cookieName = (id) => catalog.cookieVariants.find((v) => v.id === id)?.cookieName ?? id;
/** @param {string} text */
const say = (text) => list.append(Object.assign(document.createElement('li'), { textContent: text }));
const request = told.received?.[0];
if (!request) {
  say('The request never reached the bank' + (told.preflights ? ': the browser asked first (a preflight) and the bank said no.' : '.'));
} else {
  say(
    'Sent: yes — the bank received ' + request.method + ' ' + catalog.transfer.path + (told.preflights ? ' after a preflight' : ', no preflight needed') + '.',
  );
  say(
    'Cookie: ' +
      (request.cookiesSent.length
        ? 'yes — ' + request.cookiesSent.map(cookieName).join(', ') + ' rode along'
        : 'no — not one of your bank cookies came with it') +
      '.',
  );
  say(
    'Money moved: ' +
      (request.stateChanged
        ? 'YES — ' + catalog.transfer.amountText + ' left your account'
        : 'no — the bank answered ' +
          request.status +
          (request.refusedBy ? ', refused by ' + request.refusedBy : request.user ? '' : ': to the bank this was a stranger')) +
      '.',
  );
}
say('Answer read by this page’s script: ' + (seen.readable ? 'yes' : 'no') + '.');
document.body.dataset.moneyMoved = String(Boolean(request?.stateChanged));
document.body.dataset.cookiesSent = request ? request.cookiesSent.join(',') : '';
document.body.dataset.probe = probe;
document.body.dataset.readable = String(seen.readable);
document.body.dataset.done = 'true';
