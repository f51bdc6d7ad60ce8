// A victim in one browser with one cookie policy: logged in at the bank, with one attacker
// page per attacking origin loaded and ready. The lab's matrix and `cors-lab check` both use it.
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { parseProbe, type ProbeKind } from '../catalog/index.js';

/** Log in again once the cookies are this old, so every cell sees cookies well under 2 minutes old. */
const RELOGIN_AFTER_MS = 60_000;

/** A page that runs attacks: the runner under one attacker origin, or its sandboxed wrapper. */
export interface RunnerPage {
  id: string;
  url: string;
  /** The runner lives in the page's sandboxed iframe (`#sandbox`): an opaque origin. */
  sandboxed: boolean;
}

/** The probe formats of the cells a victim runs: the lab's matrix, `cors-lab check` and `cors-lab probe`. */
const CELL_PROBES: readonly ProbeKind[] = ['matrix', 'check', 'probe'];

/**
 * Which attacking page and attack a navigation's probe names, parsed with its own format
 * (catalog/probe-ids.ts): a later tab for the same pair replaces the earlier one. Null for a
 * probe of no cell format; such a tab is not replaced.
 */
export function tabKeyOf(probe: string): string | null {
  for (const kind of CELL_PROBES) {
    const parts = parseProbe(kind, probe);
    if (parts) return `${kind} ${parts.origin ?? parts.n} ${parts.attack}`;
  }
  return null;
}

/** Logs the victim in; a page it returns is the victim's to reuse or close. */
export type LogIn = (context: BrowserContext, username: string, password: string) => Promise<Page | undefined>;

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
    readonly runners: Map<string, Frame>,
    readonly browserVersion: string,
    private readonly logIn: LogIn,
  ) {}

  /**
   * `createAccount` makes the victim's account at the bank; `logIn` logs in through the
   * bank's own form in this browser, so the bank's own Set-Cookie decides the cookies.
   */
  static async create(options: {
    context: BrowserContext;
    name: string;
    pages: readonly RunnerPage[];
    createAccount: (username: string, password: string) => Promise<void>;
    logIn: LogIn;
  }): Promise<Victim> {
    const { context, name } = options;
    const password = `pw-${name}-not-a-secret`;
    await options.createAccount(name, password);
    // Logged in first: the log-in's tab then becomes the first attacker page (a new tab is
    // the costliest thing a browser does here: about 0.7 s of Firefox CPU on 2 cores).
    const loggedInAt = Date.now();
    const logInTab = await options.logIn(context, name, password);
    const runners = new Map<string, Frame>();
    let browserVersion = '';
    await Promise.all(
      options.pages.map(async (origin, n) => {
        const page = n === 0 && logInTab ? logInTab : await context.newPage();
        await gotoRunner(page, origin.url);
        const frame = origin.sandboxed ? await sandboxFrame(page) : page.mainFrame();
        // runner.js marks the page once its catalog is loaded (no rAF polling: background tabs get none).
        await frame.locator('html[data-lab-ready]').waitFor({ state: 'attached' });
        runners.set(origin.id, frame);
      }),
    );
    browserVersion = await runners.get(options.pages[0]!.id)!.evaluate(() => navigator.userAgent);
    const victim = new Victim(context, name, password, runners, browserVersion, options.logIn);
    victim.loggedInAt = loggedInAt;
    context.on('page', (page) => victim.watch(page));
    return victim;
  }

  private watch(page: Page): void {
    // A window opened with a URL may have committed before this listener exists: look now too.
    const seen = (frame: Frame) => {
      if (frame !== page.mainFrame()) return;
      const probe = new URL(frame.url()).searchParams.get('probe');
      if (!probe) return;
      const key = tabKeyOf(probe);
      if (key !== null) {
        const previous = this.tabs.get(key);
        if (previous && previous !== page && !previous.isClosed()) void previous.close();
        this.tabs.set(key, page);
      }
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
    const loggedInAt = Date.now();
    await (await this.logIn(this.context, this.username, this.password))?.close();
    this.loggedInAt = loggedInAt;
  }
}

/**
 * Opens the runner page. Firefox over BiDi can report a navigation as "interrupted by another
 * navigation" to the very same URL (seen once in a loaded run); the page is then on its way
 * there all the same, so that one case waits for it instead of failing the run.
 */
async function gotoRunner(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.includes(`is interrupted by another navigation to "${url}"`)) throw error;
    await page.waitForURL(url);
  }
}

async function sandboxFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#sandbox').elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('the sandboxed iframe did not load');
  return frame;
}
