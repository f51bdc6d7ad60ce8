// The runner's visible page: every attack's code, a button to run it, and what came back.
import { runAttack } from './runner.js';

const { catalog } = window.lab;
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
  button.addEventListener('click', async () => {
    output.textContent = 'running…';
    const probe = 'manual-' + Date.now().toString(36) + '-' + attack.id;
    const seen = await runAttack(attack.id, { config: select.value, probe });
    output.textContent = (seen.readable ? 'READ: the script read the answer. ' : 'NOT READ: the script got nothing back. ') + JSON.stringify(seen);
  });
  item.append(title, code, button, output);
  list.append(item);
}
