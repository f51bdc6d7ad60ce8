// @ts-check
// The picture of one run a lab page just made: a closed disclosure that, once opened, asks the
// lab's explainer to draw the run (teaching/explainer.ts) and draws it (sequence-picture.js).
// Drawn on demand: a dashboard run has a row per attack and attacking host name.
import { catalog } from './runner.js';
import { drawSequence } from './sequence-picture.js';
import { browserName, drawnRun } from './this-browser.js';

/**
 * @param {Parameters<typeof drawnRun>[0]} run the cell, the run's probe and what its script held
 * @param {string} place the part of the page it stands in, which makes its id unique there
 * @returns {HTMLDetailsElement}
 */
export function runPicture(run, place) {
  const details = document.createElement('details');
  details.className = 'run-picture';
  // The run it draws: its probe finds the run in the bank's ledger.
  details.dataset.probe = run.probe;
  details.append(Object.assign(document.createElement('summary'), { textContent: 'The picture: who enforces what' }));
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.state) return;
    details.dataset.state = 'asking';
    const note = Object.assign(document.createElement('p'), { textContent: 'Asking the lab’s explainer…' });
    details.append(note);
    try {
      const drawn = await drawnRun(run);
      const policy = catalog.cookiePolicies.find((p) => p.id === run.policy)?.title ?? run.policy;
      const caption =
        `${run.attack} from ${run.origin} against ${drawn.config}, in ${browserName} (${policy.toLowerCase()}): ` +
        'what the bank recorded and the script held, beside the rules’ prediction' +
        (drawn.sequence.differs ? ' — a red band marks where they differ' : '');
      note.remove();
      const ok = await drawSequence(
        { mermaid: drawn.mermaid, text: drawn.text, caption, id: [place, run.origin, run.attack].join('-'), mermaidUrl: catalog.mermaidPath },
        (figure) => details.append(figure),
      );
      details.dataset.state = ok ? 'drawn' : 'failed';
    } catch (error) {
      note.textContent = 'No picture: ' + (error instanceof Error ? error.message : String(error));
      details.dataset.state = 'failed';
    }
  });
  return details;
}
