// Drives a dashboard run the way a trainer does: press Run, and whenever the attack window
// waits for a click (the browser's pop-up blocker stopped a navigation attack's new tab),
// click it. Returns how many clicks the run needed.
import type { BrowserContext, Page } from '@playwright/test';

export async function runDashboard(
  context: BrowserContext,
  dashboard: Page,
  runButton: string,
  onFirstClick?: (attackWindow: Page) => Promise<unknown>,
): Promise<number> {
  await dashboard.getByRole('button', { name: runButton }).click();
  let clicks = 0;
  for (const deadline = Date.now() + 120_000; (await dashboard.locator('html').getAttribute('data-run-state')) !== 'done'; ) {
    if (Date.now() > deadline) throw new Error('the dashboard run did not finish in 120 s');
    for (const page of context.pages()) {
      for (const frame of page.frames()) {
        const button = frame.locator('button.needs-click');
        // Tabs open and close during the run: a frame gone between listing and clicking is fine.
        if ((await button.count().catch(() => 0)) === 0) continue;
        if (clicks === 0 && onFirstClick) await onFirstClick(page);
        await button.click({ timeout: 5_000 }).then(
          () => (clicks += 1),
          () => undefined,
        );
      }
    }
    await dashboard.waitForTimeout(200);
  }
  return clicks;
}
