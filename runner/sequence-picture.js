// @ts-check
// One cell's sequence, drawn: Mermaid turns the explainer's `sequenceDiagram` source
// (teaching/sequence-render.ts) into SVG in a <figure> with a caption, and the same sequence
// as numbered text steps stays beside it as the accessible alternative. A drawing that fails
// says so and opens the steps: a figure is never blank. The lab's pages import this file; the
// matrix report inlines it (report/render-page.ts), so it imports nothing itself.

/** What the lab's pages call of Mermaid's browser bundle, which defines `globalThis.mermaid`. @typedef {{ initialize(config: object): void; render(id: string, text: string): Promise<{ svg: string }> }} Mermaid */

/** @type {Promise<Mermaid> | null} */
let loading = null;

/**
 * Mermaid, loaded once from `url` as a classic script, which a page opened from file:// may load
 * too, and set up: nothing drawn on load, and `strict`: text is never HTML, no click handlers.
 * @param {string} url
 * @returns {Promise<Mermaid>}
 */
function loadMermaid(url) {
  loading ??= new Promise((loaded, failed) => {
    const script = Object.assign(document.createElement('script'), { src: url });
    script.addEventListener('load', () => {
      const mermaid = /** @type {Mermaid | undefined} */ (Reflect.get(globalThis, 'mermaid'));
      if (!mermaid) return failed(new Error(url + ' defined no mermaid'));
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        deterministicIds: true,
        theme: 'default',
        fontFamily: 'system-ui, sans-serif',
        // Each arrow's words on one line (the source asks for wrapping where it wants it: its prose notes),
        // and lanes far enough apart for a note of headers between two of them.
        sequence: { width: 280, actorMargin: 110, mirrorActors: false, noteAlign: 'left' },
      });
      loaded(mermaid);
    });
    script.addEventListener('error', () => failed(new Error('could not load ' + url)));
    document.head.append(script);
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * @typedef {object} Picture
 * @property {string} mermaid Mermaid `sequenceDiagram` source
 * @property {string} text the same sequence as numbered text steps
 * @property {string} caption what the picture shows
 * @property {string} id unique in the page and the same for the same cell on every draw
 * @property {string} mermaidUrl where Mermaid's bundle is (the catalog's `mermaidPath`, or the report's copy)
 */

/**
 * A figure for `picture`, already in the page once `place` has put it there, and the drawing:
 * true once the SVG is in, false if it failed (the figure then says so and shows the steps).
 * @param {Picture} picture
 * @param {(figure: HTMLElement) => void} place puts the figure where it belongs
 * @returns {Promise<boolean>}
 */
export async function drawSequence(picture, place) {
  const id = 'seq-' + picture.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const figure = document.createElement('figure');
  figure.className = 'sequence-picture';
  figure.dataset.state = 'drawing';
  const caption = Object.assign(document.createElement('figcaption'), { id: id + '-caption', textContent: picture.caption });
  const drawing = Object.assign(document.createElement('div'), { className: 'sequence-svg', textContent: 'Drawing…' });
  const steps = document.createElement('details');
  steps.className = 'sequence-steps';
  steps.append(
    Object.assign(document.createElement('summary'), { textContent: 'The same, as numbered steps' }),
    Object.assign(document.createElement('pre'), { id: id + '-steps', textContent: picture.text }),
  );
  figure.append(caption, drawing, steps);
  place(figure);
  try {
    const mermaid = await loadMermaid(picture.mermaidUrl);
    const { svg } = await mermaid.render(id, picture.mermaid);
    drawing.innerHTML = svg;
    const image = drawing.querySelector('svg');
    if (!image) throw new Error('Mermaid drew no SVG');
    // One image with a name; its numbered steps, the accessible alternative, are its description.
    image.setAttribute('role', 'img');
    image.removeAttribute('aria-roledescription');
    image.setAttribute('aria-labelledby', caption.id);
    image.setAttribute('aria-describedby', id + '-steps');
    figure.dataset.state = 'drawn';
    return true;
  } catch (error) {
    drawing.textContent =
      'The drawing failed (' + (error instanceof Error ? error.message : String(error)) + '): the numbered steps below say what it would show.';
    drawing.classList.add('sequence-failed');
    steps.open = true;
    figure.dataset.state = 'failed';
    return false;
  }
}
