// The pictures in `check`'s and `probe`'s HTML: for each group of the summary's reasons (the
// origins whose reasons read the same), its example read and write drawn as what was observed —
// the call, the preflight, the request with each cookie, the server's answer, the read — with
// the same sequence as numbered steps beside each drawing, the drawing's text alternative. All
// of a report's drawings are made in one headless page at the time the report is written; where
// no browser can draw, the steps stand alone and one line says so: the report is never lost.
import { cookiePolicy } from '../catalog/index.js';
import { escapeHtml } from '../runtime/html.js';
import type { Sequence } from '../teaching/sequence.js';
import { sequenceMermaid, sequenceText, type SequenceWords } from '../teaching/sequence-render.js';
import type { ReasonGroup, ReportCell } from './report-text.js';
import { stateSuffix } from './verdicts.js';

/** One drawing: which example it is, and its sequence. */
export interface ExamplePicture {
  /** The cell drawn (the figure carries it as data-* attributes, to find the cell in the JSON report). */
  cell: Pick<ReportCell, 'origin' | 'attack' | 'browser' | 'cookiePolicy' | 'localNetworkAccess'>;
  /**
   * What the example shows, e.g. `READ: https://evil.test (cross-site) · fetch-read-account in chromium, third-party cookies allowed`,
   * then `, local network access granted` where the cell has a state.
   */
  title: string;
  /** The other origins it stands for: their reasons read the same. */
  alsoFrom: string[];
  sequence: Sequence;
}

/** Draws Mermaid sources as SVG, each with its accessible name; rejects when it can't. */
export type Draw = (sources: readonly string[], labels: readonly string[]) => Promise<string[]>;

/** The example cells of every group, read first, each with its observed sequence; cells with no sequence (no prediction kept) are left out. */
export function examplePictures<C extends ReportCell>(groups: readonly ReasonGroup<C>[], sequenceOf: (cell: C) => Sequence | null): ExamplePicture[] {
  const pictures: ExamplePicture[] = [];
  for (const group of groups) {
    const [first, ...others] = group.origins;
    for (const [what, cell] of [
      ['READ', group.read],
      ['WRITE', group.write],
    ] as const) {
      const sequence = cell && sequenceOf(cell);
      if (!cell || !first || !sequence) continue;
      const where = `${cell.attack} in ${cell.browser}, ${cookiePolicy(cell.cookiePolicy).title.toLowerCase()}${stateSuffix(cell)}`;
      pictures.push({
        cell: {
          origin: cell.origin,
          attack: cell.attack,
          browser: cell.browser,
          cookiePolicy: cell.cookiePolicy,
          ...(cell.localNetworkAccess !== undefined && { localNetworkAccess: cell.localNetworkAccess }),
        },
        title: `${what}: ${first.id} (${first.relation}) · ${where}`,
        alsoFrom: others.map((o) => o.id),
        sequence,
      });
    }
  }
  return pictures;
}

/** The browser the lab finds, drawing in one page; loaded only when a report is written. */
export const drawInBrowser: Draw = async (sources, labels) => {
  const { drawingBrowser, renderSequencesToSvg } = await import('../teaching/sequence-svg.js');
  const browser = drawingBrowser();
  if (browser === null) throw new Error('neither Chromium nor Firefox can run here (cors-lab doctor says why)');
  return renderSequencesToSvg(sources, browser, { labels, idPrefix: 'example-' });
};

/** The section of the HTML page: each picture as an SVG with its steps, or the steps alone and the reason there is no drawing. */
export async function picturesHtml(pictures: readonly ExamplePicture[], names: SequenceWords = {}, draw: Draw = drawInBrowser): Promise<string> {
  if (pictures.length === 0) return '';
  const labels = pictures.map((p) => `Sequence of ${p.title}, as observed`);
  let svgs: string[] | null = null;
  let why = '';
  try {
    svgs = await draw(
      pictures.map((p) => sequenceMermaid(p.sequence, names)),
      labels,
    );
  } catch (error) {
    why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  const figures = pictures.map((p, i) => {
    const also = p.alsoFrom.length > 0 ? `<p>The same from ${p.alsoFrom.map(escapeHtml).join(', ')}.</p>` : '';
    const steps = `<pre>${escapeHtml(sequenceText(p.sequence, names))}</pre>`;
    const drawing = svgs?.[i];
    const body = drawing ? `${drawing}\n<details><summary>The same, as steps</summary>${steps}</details>` : steps;
    const { origin, attack, browser } = p.cell;
    const state = p.cell.localNetworkAccess === undefined ? '' : ` data-local-network-access="${p.cell.localNetworkAccess}"`;
    const data = `data-origin="${escapeHtml(origin)}" data-attack="${attack}" data-browser="${browser}" data-cookie-policy="${p.cell.cookiePolicy}"${state}`;
    return `<figure ${data}>\n<figcaption>${escapeHtml(p.title)}</figcaption>${also}\n${body}\n</figure>`;
  });
  const lead =
    'Each example above, drawn from what was observed: the script’s call, the preflight, the request with each cookie, what came back, and what the script could read. ' +
    'A red block marks where the browser did not do what the rules predicted.';
  const missing = svgs ? '' : `\n<p class="no-pictures">The pictures could not be drawn (${escapeHtml(why)}): each example is given as steps.</p>`;
  return `<h2>How each example happened</h2>\n<p>${lead}</p>${missing}\n${figures.join('\n')}`;
}
