// `npm run pictures [-- <matrix.json>]`: the trainer guide's pictures (docs/pictures/, named in
// docs/TRAINING.md), drawn from the last matrix run (reports/matrix.json, which `npx playwright
// test --grep @matrix` writes) as the sequences that run observed, laid out by Mermaid in one
// headless browser. A run that lacks a picture's cell, or whose cell no longer shows what the
// guide says, stops it with the reason (teaching/trainer-pictures.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatrixReport } from '../report/matrix-data.js';
import { BankOracle } from '../rules/bank-oracle.js';
import { sequenceMermaid } from '../teaching/sequence-render.js';
import { drawingBrowser, renderSequencesToSvg } from '../teaching/sequence-svg.js';
import { cellText, matrixCellSequence, pictureCells, predictedAgain } from '../teaching/trainer-pictures.js';

const PICTURES_DIR = join('docs', 'pictures');

const from = process.argv[2] ?? join('reports', 'matrix.json');
const report = JSON.parse(readFileSync(from, 'utf8')) as MatrixReport;
const picked = pictureCells(report);
const oracle = await BankOracle.open();
const sequences = [];
try {
  for (const { cell } of picked) sequences.push(matrixCellSequence(cell, await predictedAgain(cell, oracle)));
} finally {
  await oracle.close();
}
const browser = drawingBrowser();
if (browser === null) throw new Error('no browser to draw in: neither Chromium nor Firefox can run here (npx cors-lab doctor says why)');
const started = Date.now();
const svgs = await renderSequencesToSvg(
  sequences.map((s) => sequenceMermaid(s)),
  browser,
  {
    labels: picked.map(({ picture, cell }) => `${cellText(cell)}, observed in the matrix run of ${report.generatedAt}: ${picture.shows}`),
    idPrefix: 'training-',
  },
);
mkdirSync(PICTURES_DIR, { recursive: true });
for (const [i, { picture, cell }] of picked.entries()) {
  writeFileSync(join(PICTURES_DIR, picture.file), `${svgs[i]}\n`);
  console.log(`${join(PICTURES_DIR, picture.file)}: ${cellText(cell)}${sequences[i]!.differs ? ' (differs from the rules: drawn as observed)' : ''}`);
}
console.log(
  `pictures: ${picked.length} drawn in ${browser.name} in ${((Date.now() - started) / 1000).toFixed(1)} s, from ${from} (run of ${report.generatedAt})`,
);
