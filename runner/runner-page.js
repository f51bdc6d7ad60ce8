// @ts-check
// The runner's visible page: every attack's code, a button to run it, and what came back.
import { element } from './dom.js';
import { probeId, probeTime, publicPagesNeed } from './lab-catalog.js';
import { catalog, runAttack } from './runner.js';
import { runPicture } from './run-picture.js';
import { browserName, checkMyBrowser, explain, here, stepText } from './this-browser.js';

const policy = () => element('input[name=policy]:checked', HTMLInputElement).value;

element('#detect', HTMLButtonElement).addEventListener('click', async () => {
  const out = element('#detected', HTMLOutputElement);
  if (here.id === 'same-origin' || here.id === 'sibling') {
    out.textContent = 'This page is on the bank’s own site: its requests are first-party, so the third-party policy does not apply here.';
    return;
  }
  await checkMyBrowser(out);
});

element('#page-origin', HTMLElement).textContent = self.origin;
// A public page is public only to a browser started with the catalog's override (catalog/local-network-access.ts).
if (here.addressSpace === 'public') {
  const note = element('#address-space', HTMLParagraphElement);
  note.textContent =
    'This page plays a public website: under Local Network Access it needs the user’s permission to reach the bank on loopback. ' + publicPagesNeed();
  note.hidden = false;
}
const select = element('#config', HTMLSelectElement);
for (const c of catalog.configurations) select.append(new Option(c.id + ' — ' + c.title, c.id));

const list = element('#attacks', HTMLOListElement);
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
  const picture = document.createElement('div');
  button.addEventListener('click', async () => {
    output.textContent = 'running…';
    const probe = probeId('manual', { time: probeTime(), attack: attack.id });
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
      why.append(Object.assign(document.createElement('li'), { textContent: 'No explanation: ' + (error instanceof Error ? error.message : String(error)) }));
    }
    picture.replaceChildren(runPicture({ config: select.value, origin: here.id, attack: attack.id, policy: policy(), probe, seen }, 'manual'));
  });
  item.append(title, code, button, output, why, picture);
  list.append(item);
}
