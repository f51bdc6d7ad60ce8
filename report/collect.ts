// Collects the cells every matrix test wrote, and writes reports/matrix.json and
// reports/matrix.html.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CELLS_DIR, REPORTS_DIR, type MatrixCell, type MatrixReport } from './matrix-data.js';
import { renderMatrixHtml } from './render-page.js';

export function collectReport(): MatrixReport | null {
  if (!existsSync(CELLS_DIR)) return null;
  const files = readdirSync(CELLS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) return null;
  const browsers = new Map<string, MatrixReport['browsers'][number]>();
  const cells: MatrixCell[] = [];
  for (const file of files) {
    const part = JSON.parse(readFileSync(`${CELLS_DIR}/${file}`, 'utf8')) as { browser: MatrixReport['browsers'][number]; cells: MatrixCell[] };
    browsers.set(`${part.browser.name}/${part.browser.cookiePolicy}`, part.browser);
    cells.push(...part.cells);
  }
  return { generatedAt: new Date().toISOString(), browsers: [...browsers.values()], cells };
}

export function writeReport(report: MatrixReport): { json: string; html: string } {
  mkdirSync(REPORTS_DIR, { recursive: true });
  const json = `${REPORTS_DIR}/matrix.json`;
  const html = `${REPORTS_DIR}/matrix.html`;
  writeFileSync(json, JSON.stringify(report, null, 1));
  writeFileSync(html, renderMatrixHtml(report));
  return { json, html };
}
