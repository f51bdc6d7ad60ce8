// Collects the cells every matrix test wrote, and writes reports/matrix.json and
// reports/matrix.html with its cells' pictures beside it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CELLS_DIR, REPORTS_DIR, type MatrixCell, type MatrixReport } from './matrix-data.js';
import { renderMatrixHtml } from './render-page.js';
import { writeSequences } from './sequences.js';

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

/** Writes reports/matrix.json, each cell's picture beside the page (report/sequences.ts), and reports/matrix.html. */
export async function writeReport(report: MatrixReport): Promise<{ json: string; html: string; sequencesStale: number }> {
  mkdirSync(REPORTS_DIR, { recursive: true });
  const json = `${REPORTS_DIR}/matrix.json`;
  const html = `${REPORTS_DIR}/matrix.html`;
  writeFileSync(json, JSON.stringify(report, null, 1));
  const { stale, ...sequences } = await writeSequences(report);
  writeFileSync(html, renderMatrixHtml(report, sequences));
  return { json, html, sequencesStale: stale };
}

/** Where the report went, as the terminal says it; and the cells left undrawn, if any. */
export function writtenText(written: Awaited<ReturnType<typeof writeReport>>): string {
  const stale = written.sequencesStale
    ? `\n${written.sequencesStale} cells have no picture: the rules predict otherwise today than when they ran (run the matrix again).`
    : '';
  return `Report: ${written.html} (data: ${written.json})${stale}`;
}
