// Collects the cells every matrix test wrote and writes reports/matrix.json and
// reports/matrix.html; also summarizes them for the terminal.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CELLS_DIR, REPORTS_DIR, type MatrixCell, type MatrixReport } from './report-data.js';
import { renderMatrixHtml } from './report-html.js';

export function collectReport(): MatrixReport | null {
  if (!existsSync(CELLS_DIR)) return null;
  const files = readdirSync(CELLS_DIR).filter((f) => f.endsWith('.json')).sort();
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

export interface Tally {
  browser: string;
  cookiePolicy: string;
  cells: number;
  reads: number;
  writes: number;
  disagreements: number;
}

/** Per browser and policy: cells, successful reads, successful writes (money moved), disagreements. */
export function tally(report: MatrixReport): Tally[] {
  const rows = new Map<string, Tally>();
  for (const c of report.cells) {
    const key = `${c.browser}/${c.cookiePolicy}`;
    const row = rows.get(key) ?? { browser: c.browser, cookiePolicy: c.cookiePolicy, cells: 0, reads: 0, writes: 0, disagreements: 0 };
    row.cells++;
    if (c.observed.responseReadable && c.origin !== 'same-origin') row.reads++;
    if (c.observed.effect === 'transfer' && c.origin !== 'same-origin') row.writes++;
    if (!c.agree) row.disagreements++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

export function summaryText(report: MatrixReport): string {
  const rows = tally(report);
  const lines = [
    'CORS Lab matrix — cross-origin reads and writes that succeeded (same-origin control excluded)',
    `${'browser'.padEnd(10)} ${'cookie policy'.padEnd(20)} ${'cells'.padStart(6)} ${'reads'.padStart(6)} ${'writes'.padStart(7)} ${'disagree'.padStart(9)}`,
    ...rows.map((r) => `${r.browser.padEnd(10)} ${r.cookiePolicy.padEnd(20)} ${String(r.cells).padStart(6)} ${String(r.reads).padStart(6)} ${String(r.writes).padStart(7)} ${String(r.disagreements).padStart(9)}`),
  ];
  const total = rows.reduce((n, r) => n + r.cells, 0);
  const wrong = rows.reduce((n, r) => n + r.disagreements, 0);
  lines.push(`${total} cells, ${wrong} disagreements between observed and predicted.`);
  return lines.join('\n');
}
