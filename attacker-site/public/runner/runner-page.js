// The runner's visible page: every attack's code, a button to run it, and what came back.
import { bankFor, runAttack } from './runner.js';

const { catalog } = window.lab;
// The lab's explainer lives on the attacker server, and shares with every origin (CORS: *).
const EXPLAINER = 'http://attacker.localhost:4100/narrator/explain';
const here = catalog.origins.find((o) => o.origin === self.origin) ?? catalog.origins.find((o) => o.id === 'attacker');
const browser = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrom(e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';
const policy = () => document.querySelector('input[name=policy]:checked').value;

// Which policy did this browser apply? Ask the bank who we are, with credentials, under a
// configuration that lets any origin read: the SameSite=None cookie arrives only if this
// browser sends third-party cookies (and the learner is logged in at the bank).
document.querySelector('#detect').addEventListener('click', async () => {
  const out = document.querySelector('#detected');
  if (here.id === 'same-origin' || here.id === 'sibling') {
    out.textContent = 'This page is on the bank’s own site: its requests are first-party, so the third-party policy does not apply here.';
    return;
  }
  const { cookiesSent } = await (await fetch(bankFor('reflect-any-origin') + '/whoami?probe=policy-check', { credentials: 'include' })).json();
  const allowed = cookiesSent.includes('none');
  out.textContent = allowed
    ? 'Your browser sent the bank’s SameSite=None cookie from this cross-site page: third-party cookies are allowed.'
    : 'No bank cookie came with a credentialed cross-site request: third-party cookies are blocked — or you are not logged in at the bank.';
  if (allowed || cookiesSent.length === 0) document.querySelector(`input[name=policy][value=${allowed ? 'third-party-allowed' : 'third-party-blocked'}]`).checked = true;
});

async function explain(attackId) {
  const query = new URLSearchParams({
    config: select.value || 'active',
    origin: here.id,
    attack: attackId,
    browser,
    policy: policy(),
    // Assumed: the learner logged in more than 2 minutes ago (Chromium's Lax + POST window).
    cookieAgeSeconds: '3600',
  });
  const res = await fetch(EXPLAINER + '?' + query);
  if (!res.ok) throw new Error((await res.json()).message);
  return res.json();
}
document.querySelector('#page-origin').textContent = self.origin;
const select = document.querySelector('#config');
for (const c of catalog.configurations) select.append(new Option(c.id + ' — ' + c.title, c.id));

const list = document.querySelector('#attacks');
for (const attack of catalog.attacks) {
  const item = document.createElement('li');
  const title = document.createElement('h2');
  title.textContent = attack.title;
  const code = document.createElement('pre');
  code.textContent = attack.code;
  const button = document.createElement('button');
  button.textContent = 'Run ' + attack.id;
  const output = document.createElement('output');
  const why = document.createElement('ol');
  why.className = 'why';
  button.addEventListener('click', async () => {
    output.textContent = 'running…';
    const probe = 'manual-' + Date.now().toString(36) + '-' + attack.id;
    const seen = await runAttack(attack.id, { config: select.value, probe });
    output.textContent = (seen.readable ? 'READ: the script read the answer. ' : 'NOT READ: the script got nothing back. ') + JSON.stringify(seen);
    why.replaceChildren();
    try {
      const { config, explanation } = await explain(attack.id);
      why.setAttribute('aria-label', 'Why, by the rules (' + config + ', ' + browser + ', ' + policy() + ')');
      for (const step of explanation) {
        why.append(Object.assign(document.createElement('li'), { textContent: '[' + step.enforcer + '] ' + step.says + ' — ' + step.rule }));
      }
    } catch (error) {
      why.append(Object.assign(document.createElement('li'), { textContent: 'No explanation: ' + error.message }));
    }
  });
  item.append(title, code, button, output, why);
  list.append(item);
}
