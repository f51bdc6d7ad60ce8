// Check's HTML, read as a person reads it: each drawn SVG's arrows (Mermaid's `.messageText`),
// in a real browser, against the very cell of the JSON report the figure names. A preflight
// arrow is drawn exactly when the bank's ledger holds a preflight (Fetch §4.8), and the last
// arrow, the browser's verdict to the script, says the read the script saw (Fetch §4.9; an
// opaque response, Fetch §4.1). The words are the ones the drawing uses, written out here.
import { basename } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import type { CheckReport } from '../../cli/check-output.js';
import { reasonGroups } from '../../cli/report-text.js';
import { writeReason } from '../../cli/verdicts.js';
import type { CheckCell } from '../../engine/check-run.js';
import { findBrowser } from '../../engine/browsers/installed.js';
import type { LabBrowserName } from '../../catalog/index.js';
import { launchHeadless } from '../../teaching/sequence-svg.js';

/** The verdict arrow's words for what the script saw. */
function readWords(cell: CheckCell): string {
  if (cell.scriptSaw.readable) return 'the answer is handed to the script';
  return cell.scriptSaw.responseType === 'opaque' ? 'an opaque response: status 0, no headers, no body' : 'the answer is withheld from the script';
}

/** Opens the HTML in `browserName` and checks every figure's SVG against its cell; with `axe`, the pictures' accessibility too. */
export async function expectPicturesOfCells(htmlFile: string, report: CheckReport, browserName: LabBrowserName, axe: boolean): Promise<void> {
  await onReportPage(htmlFile, browserName, async (page) => {
    await expect(page.locator('.no-pictures'), 'the pictures were drawn').toHaveCount(0);
    // One figure per example cell behind the summary's reasons.
    const examples = reasonGroups(report, writeReason).flatMap((g) => [g.read, g.write].filter((c) => c !== undefined));
    const figures = page.locator('figure');
    await expect(figures).toHaveCount(examples.length);
    for (const figure of await figures.all()) {
      const key = {
        origin: await figure.getAttribute('data-origin'),
        attack: await figure.getAttribute('data-attack'),
        browser: await figure.getAttribute('data-browser'),
        cookiePolicy: await figure.getAttribute('data-cookie-policy'),
      };
      const cell = report.cells.find(
        (c) => c.origin === key.origin && c.attack === key.attack && c.browser === key.browser && c.cookiePolicy === key.cookiePolicy,
      );
      expect(cell, `a cell of the report for ${JSON.stringify(key)}`).toBeDefined();
      const svg = figure.locator('svg[role="img"]');
      await expect(svg).toHaveCount(1);
      await expect(svg).toHaveAttribute('aria-label', /^Sequence of (READ|WRITE): /);
      const arrows = await svg.locator('.messageText').allTextContents();
      const said = `${JSON.stringify(key)}: ${arrows.join(' | ')}`;
      expect(arrows.filter((a) => a.startsWith('preflight OPTIONS ')).length, said).toBe(cell!.bankSaw.preflight ? 1 : 0);
      expect(arrows.at(-1), said).toBe(readWords(cell!));
    }
    if (axe) await figuresReviewedAndAccessible(page, htmlFile, browserName);
  });
}

/** The first picture saved for review, as the report's and the dashboard's are; axe finds nothing on the pictures. */
async function figuresReviewedAndAccessible(page: Page, htmlFile: string, browserName: LabBrowserName): Promise<void> {
  await page
    .locator('figure')
    .first()
    .screenshot({ path: `reports/screens/report-file-picture-${basename(htmlFile, '.html')}-${browserName}.png` });
  const { violations } = await new AxeBuilder({ page }).include('figure').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

/** Opens a report's HTML (check's or probe's) in `browserName`: its pictures are drawn, the first is saved for review, and axe finds nothing on them. */
export async function expectFiguresAccessible(htmlFile: string, browserName: LabBrowserName): Promise<void> {
  await onReportPage(htmlFile, browserName, async (page) => {
    await expect(page.locator('figure svg[role="img"]').first()).toBeVisible();
    await figuresReviewedAndAccessible(page, htmlFile, browserName);
  });
}

/** Opens a report's HTML file in a headless `browserName`, found as check finds it, for `use`; the browser is closed after. */
async function onReportPage(htmlFile: string, browserName: LabBrowserName, use: (page: Page) => Promise<void>): Promise<void> {
  const found = findBrowser(browserName);
  if ('missing' in found) throw new Error(found.missing);
  const browser = await launchHeadless(found);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    await use(page);
  } finally {
    await browser.close();
  }
}
