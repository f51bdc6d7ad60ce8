// The seed story: Alice, still logged in at her bank, opens this page, and it fires the
// blog's XMLHttpRequest at /transfer_to/555/1234/... . `?config=<id>` aims it at one
// configuration; without it, the bank's active configuration answers.
import { runAttack } from '/runner/runner.js';

const ATTACK = 'xhr-get-transfer';
const config = new URLSearchParams(location.search).get('config') ?? '';
const probe = 'movies-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
document.querySelector('#attack-code').textContent = window.lab.catalog.attacks.find((a) => a.id === ATTACK).code;
document.querySelector('#probe').textContent = probe;

const seen = await runAttack(ATTACK, { config, probe });
document.querySelector('#verdict').textContent = seen.readable
  ? 'The script READ the bank’s answer (status ' + seen.status + ').'
  : 'The script could NOT read the bank’s answer — but the request was still sent.';
document.querySelector('#seen').textContent = JSON.stringify(seen, null, 2);
document.body.dataset.probe = probe;
document.body.dataset.readable = String(seen.readable);
document.body.dataset.done = 'true';
