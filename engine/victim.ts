// A victim per worker and cookie policy: a fresh bank account, logged in through the bank's
// own form in that browser, and one attacker page per attacking origin, loaded and ready.
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { origins, runnerUrl, type OriginId } from '../../catalog/index.js';
import type { BankClient } from '../bank-client.js';
import { logInAtBank } from '../fixtures.js';

/** Log in again once the cookies are this old, so every cell sees cookies well under 2 minutes old. */
const RELOGIN_AFTER_MS = 60_000;

export class Victim {
  private loggedInAt = 0;

  /** The tab each navigation landed in, by probe id. */
  private landed = new Map<string, Page>();
  private waiting = new Map<string, (page: Page) => void>();
  /** The latest tab per origin and attack: a tab a sandboxed page can't find again is closed. */
  private tabs = new Map<string, Page>();

  private constructor(
    readonly context: BrowserContext,
    readonly username: string,
    private readonly password: string,
    readonly runners: Map<OriginId, Frame>,
    readonly browserVersion: string,
  ) {}

  static async create(context: BrowserContext, bank: BankClient, name: string): Promise<Victim> {
    const password = `pw-${name}-not-a-secret`;
    await bank.createAccount(name, password);
    const runners = new Map<OriginId, Frame>();
    let browserVersion = '';
    await Promise.all(
      origins.map(async (origin) => {
        const page = await context.newPage();
        await page.goto(runnerUrl(origin));
        const frame = origin.sandboxed ? await sandboxFrame(page) : page.mainFrame();
        // runner.js marks the page once its catalog is loaded (no rAF polling: background tabs get none).
        await frame.locator('html[data-lab-ready]').waitFor({ state: 'attached' });
        runners.set(origin.id, frame);
      }),
    );
    browserVersion = await runners.get('attacker')!.evaluate(() => navigator.userAgent);
    const victim = new Victim(context, name, password, runners, browserVersion);
    context.on('page', (page) => victim.watch(page));
    await victim.ensureFreshLogin();
    return victim;
  }

  private watch(page: Page): void {
    // A window opened with a URL may have committed before this listener exists: look now too.
    const seen = (frame: Frame) => {
      if (frame !== page.mainFrame()) return;
      const probe = new URL(frame.url()).searchParams.get('probe');
      if (!probe) return;
      const key = probe.split('.').slice(-2).join('.');
      const previous = this.tabs.get(key);
      if (previous && previous !== page && !previous.isClosed()) void previous.close();
      this.tabs.set(key, page);
      this.landed.set(probe, page);
      this.waiting.get(probe)?.(page);
    };
    page.on('framenavigated', seen);
    seen(page.mainFrame());
  }

  /** Waits until a navigation to `probe` has loaded in some tab; null if none came within the time. */
  async navigationLanded(probe: string, timeoutMs = 10_000): Promise<Page | null> {
    const page =
      this.landed.get(probe) ??
      (await new Promise<Page | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        this.waiting.set(probe, (landedIn) => {
          clearTimeout(timer);
          resolve(landedIn);
        });
      }));
    this.waiting.delete(probe);
    this.landed.delete(probe);
    if (page && !page.isClosed()) await page.waitForLoadState('load');
    return page;
  }

  /** Seconds since the bank set the session cookies. */
  cookieAgeSeconds(): number {
    return (Date.now() - this.loggedInAt) / 1000;
  }

  async ensureFreshLogin(): Promise<void> {
    if (Date.now() - this.loggedInAt < RELOGIN_AFTER_MS) return;
    // The account page streams the whole ledger live (Server-Sent Events): every request of
    // every worker would land in it. The cookies are all the matrix needs from it.
    await (await logInAtBank(this.context, this.username, this.password)).close();
    this.loggedInAt = Date.now();
  }
}

async function sandboxFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#sandbox').elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('the sandboxed iframe did not load');
  return frame;
}
