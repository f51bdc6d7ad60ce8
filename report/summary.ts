// The matrix in a few terminal lines: per browser and cookie policy, the cells, the
// cross-origin reads and writes that succeeded, and the disagreements.
import type { MatrixReport } from './matrix-data.js';

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
    ...rows.map(
      (r) =>
        `${r.browser.padEnd(10)} ${r.cookiePolicy.padEnd(20)} ${String(r.cells).padStart(6)} ${String(r.reads).padStart(6)} ${String(r.writes).padStart(7)} ${String(r.disagreements).padStart(9)}`,
    ),
  ];
  const total = rows.reduce((n, r) => n + r.cells, 0);
  const wrong = rows.reduce((n, r) => n + r.disagreements, 0);
  lines.push(`${total} cells, ${wrong} disagreements between observed and predicted.`);
  return lines.join('\n');
}
