// @ts-check
// Predict-first mode: before the run the learner ticks "read?" and "write?" for each attack
// (an unticked box predicts "no"); after it, the score, and the rules' explanation for
// every miss, with the picture of the run that missed. Read = the attacker's script read the
// answer; write = money moved.
import { runPicture } from '/runner/run-picture.js';
import { stepText } from '/runner/this-browser.js';

export function lockPredictions(rows) {
  for (const box of rows.flatMap((tr) => [...tr.querySelectorAll('input[data-predict]')])) box.disabled = true;
}

/** `results`: per row, `{ tr, attack, outcome, explanation, run }`. Fills the score section. */
export function score(section, results) {
  const misses = [];
  let right = 0;
  for (const { tr, attack, outcome, explanation, run } of results) {
    const checks = [
      ['read', outcome.read, (yes) => (yes ? 'the script reads the answer' : 'the script reads nothing')],
      ['write', outcome.write === 'moved', (yes) => (yes ? 'money moves' : 'no money moves')],
    ];
    for (const [what, happened, words] of checks) {
      const box = tr.querySelector(`input[data-predict=${what}]`);
      const predicted = box.checked;
      box.parentElement.querySelector('.verdict')?.remove();
      box.parentElement.append(
        Object.assign(document.createElement('span'), {
          className: 'verdict ' + (predicted === happened ? 'right' : 'wrong'),
          textContent: predicted === happened ? ' ✓ right' : ' ✗ wrong',
        }),
      );
      if (predicted === happened) right += 1;
      else misses.push({ what, text: `${attack.title}: you said “${words(predicted)}”, but ${words(happened)}.`, explanation, run });
    }
  }
  const total = results.length * 2;
  section.querySelector('#score-text').textContent =
    `${right} of ${total} predictions right. ${misses.length ? 'Each miss, and the rules that decide it:' : 'No misses.'}`;
  const list = section.querySelector('#misses');
  list.replaceChildren();
  for (const miss of misses) {
    const item = Object.assign(document.createElement('li'), { className: 'miss' });
    item.append(Object.assign(document.createElement('strong'), { textContent: miss.text }));
    const steps = document.createElement('ol');
    for (const step of miss.explanation) steps.append(Object.assign(document.createElement('li'), { textContent: stepText(step) }));
    item.append(steps);
    if (miss.run) item.append(runPicture(miss.run, 'miss-' + miss.what));
    list.append(item);
  }
  section.hidden = false;
  section.dataset.right = String(right);
  section.dataset.total = String(total);
  return { right, total };
}
