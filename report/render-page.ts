// reports/matrix.html: one self-contained page. A grid per browser and cookie policy —
// configurations as rows, origin × attack as columns — where each cell shows a read symbol
// and a write symbol (symbol and text, never colour alone). Clicking a cell shows the
// explanation, the attack's code and the headers the bank saw and sent. Filters narrow it.
// The style (matrix.css) and the script (matrix.js, type-checked) are real files, read and
// inlined here so that the page opens from disk; only a cell's picture needs what lies beside it
// (report/sequences.ts), and the page says so when that is missing.
import { readFileSync } from 'node:fs';
import { readOutcomes, writeOutcomes } from '../catalog/index.js';
import type { MatrixReport } from './matrix-data.js';
import { pageData } from './page-data.js';
import type { SequenceFiles } from './sequences.js';
import { escapeHtml } from '../runtime/html.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const STYLE = read('./matrix.css') + read('../runner/sequence-picture.css');
// A page opened from disk can load no module file: the drawing helper's text stands in the
// place of matrix.js's import of it (the helper imports nothing itself).
const PICTURE_IMPORT = "import { drawSequence } from '../runner/sequence-picture.js';\n";
const MATRIX_SCRIPT = read('./matrix.js');
if (!MATRIX_SCRIPT.includes(PICTURE_IMPORT)) throw new Error(`report/matrix.js must import the drawing helper as: ${PICTURE_IMPORT}`);
const SCRIPT = MATRIX_SCRIPT.replace(PICTURE_IMPORT, () => read('../runner/sequence-picture.js'));

/** The legend, from the catalog's outcome tables (catalog/outcomes.ts). */
function legend(): string {
  const read = readOutcomes.map((r) => `<span><b class="${r.id === 'none' ? 'read-no' : 'read-yes'}">${r.symbol}</b> ${escapeHtml(r.legend)}</span>`);
  const write = writeOutcomes.map((w) => `<span><b class="write-${w.id}">&nbsp;${w.symbol}&nbsp;</b> ${escapeHtml(w.legend)}</span>`);
  return [...read, ...write, '<span><b class="disagree">≠</b> observed differs from predicted</span>'].join('\n');
}

export function renderMatrixHtml(report: MatrixReport, sequences?: SequenceFiles): string {
  const data = JSON.stringify(pageData(report, sequences)).replace(/</g, '\\u003c');
  const total = report.cells.length;
  const wrong = report.cells.filter((c) => !c.agree).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CORS Lab — the matrix</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>CORS Lab — the matrix</h1>
<p>${total} cells, observed in real browsers and predicted by the rules; ${wrong} disagreements. Generated ${report.generatedAt}.</p>
<div class="legend" aria-label="Legend">
${legend()}
</div>
<div class="filters" role="group" aria-label="Filters">
<label>Configuration <select id="f-config"><option value="">all</option></select></label>
<label>Origin <select id="f-origin"><option value="">all</option></select></label>
<label>Attack <select id="f-attack"><option value="">all</option></select></label>
<label>Outcome <select id="f-outcome"><option value="">all</option><option value="read">script read the answer</option><option value="stole">script read the victim’s private data</option><option value="write">money moved</option><option value="arrived">request arrived</option><option value="authenticated">authenticated as the victim</option><option value="disagree">disagreements</option></select></label>
<output id="shown" aria-live="polite"></output>
</div>
</header>
<main>
<section id="details" tabindex="-1" aria-live="polite"><p>Click a cell to see why.</p></section>
<div id="grids"></div>
</main>
<script type="application/json" id="matrix-data">${data}</script>
<script type="module">${SCRIPT}</script>
</body>
</html>
`;
}
