// The matrix report: its JSON contract (reports/matrix.json), the self-contained page
// (reports/matrix.html) and the terminal summary.
export * from './matrix-data.js';
export * from './collect.js';
export * from './phase-times.js';
export * from './summary.js';
export { renderMatrixHtml } from './render-page.js';
