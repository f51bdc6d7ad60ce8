// The runner's visible page: every attack's code, a button to run it, and what came back.
import { runAttack } from './runner.js';
import { browserName, checkMyBrowser, explain, here, stepText } from './this-browser.js';

const { catalog } = window.lab;
const policy = () => document.querySelector('input[name=policy]:checked').value;

document.querySelector('#detect').addEventListener('click', async () => {
  const out = document.querySelector('#detected');
  if (here.id === 'same-origin' || here.id === 'sibling') {
    out.textContent = 'This page is on the bank’s own site: its requests are first-party, so the third-party policy does not apply here.';
    return;
  }
  await checkMyBrowser(out);
});

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
      const { config, explanation } = await explain({ config: select.value, origin: here.id, attack: attack.id, policy: policy() });
      why.setAttribute('aria-label', 'Why, by the rules (' + config + ', ' + browserName + ', ' + policy() + ')');
      for (const step of explanation) {
        why.append(Object.assign(document.createElement('li'), { textContent: stepText(step) }));
      }
    } catch (error) {
      why.append(Object.assign(document.createElement('li'), { textContent: 'No explanation: ' + error.message }));
    }
  });
  item.append(title, code, button, output, why);
  list.append(item);
}
