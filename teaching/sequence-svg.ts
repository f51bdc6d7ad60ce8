// Sequences drawn as SVG: the Mermaid source teaching/sequence-render.ts writes, laid out by
// Mermaid itself in one headless page of a browser this machine has (Chromium, else Firefox),
// with Mermaid's bundle read from node_modules — no network, no server. Mermaid lays text out
// by measuring it (SVG getBBox), which needs a real layout engine: hence a browser, not Node.
// Every drawing of a call shares the page and the launch; each SVG is standalone (its styles and
// markers are scoped to its own id), named for assistive technology (WAI-ARIA 1.2, role "img"
// with aria-label) and stripped of the markers and symbols it never uses.
import { createRequire } from 'node:module';
import { chromium, firefox, type Browser } from 'playwright-core';
import { findBrowser, type InstalledBrowser } from '../engine/browsers/installed.js';
import { chromiumArgs } from '../engine/browsers/launch.js';

/** The browser to draw in: Chromium (it starts faster), else Firefox; null when neither can run here. */
export function drawingBrowser(env: NodeJS.ProcessEnv = process.env): InstalledBrowser | null {
  for (const name of ['chromium', 'firefox'] as const) {
    const found = findBrowser(name, env);
    if (!('missing' in found)) return found;
  }
  return null;
}

export interface DrawOptions {
  /** Each drawing's accessible name, in the order of the sources. */
  labels: readonly string[];
  /** Each SVG's id is this prefix and its index: unique within one page that holds them all. */
  idPrefix?: string;
  /** The whole call's bound: launch, load and every drawing. */
  timeoutMs?: number;
}

/** A plain headless browser, no profile or proxy: it only lays drawings out (or shows them). */
export function launchHeadless(browser: InstalledBrowser, timeout = 60_000): Promise<Browser> {
  return browser.name === 'firefox'
    ? firefox.launch({ headless: true, executablePath: browser.executablePath, channel: browser.channel, timeout })
    : chromium.launch({ headless: true, executablePath: browser.executablePath, args: chromiumArgs, timeout });
}

/** What the bundle's `window.mermaid` offers that is used here. */
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, source: string): Promise<{ svg: string }>;
}

/** Mermaid's self-contained browser bundle (it defines `window.mermaid`). */
const mermaidBundle = () => createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** Draws each Mermaid source as an SVG element (standalone, or inline in HTML), in order; rejects if any can't be drawn. */
export async function renderSequencesToSvg(sources: readonly string[], browser: InstalledBrowser, options: DrawOptions): Promise<string[]> {
  if (sources.length === 0) return [];
  const timeout = options.timeoutMs ?? 60_000;
  const launched = await launchHeadless(browser, timeout);
  const work = drawIn(launched, { sources: [...sources], labels: [...options.labels], prefix: options.idPrefix ?? 'sequence-' });
  // Closing the browser ends work that is late; its rejection is then no news.
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the drawings took longer than ${timeout / 1000} s`)), timeout);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    await launched.close();
  }
}

/** Every drawing, in one page of the launched browser. */
async function drawIn(launched: Browser, drawings: { sources: string[]; labels: string[]; prefix: string }): Promise<string[]> {
  const page = await launched.newPage();
  await page.addScriptTag({ path: mermaidBundle() });
  return page.evaluate(async ({ sources, labels, prefix }) => {
    const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
    // "strict": labels are text, never HTML or script (Mermaid's securityLevel). One generic
    // family for every text: Mermaid sizes each box by measuring its text in that family.
    const font = 'sans-serif';
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'default',
      fontFamily: font,
      sequence: { messageFontFamily: font, noteFontFamily: font, actorFontFamily: font },
    });
    const out: string[] = [];
    for (const [i, source] of sources.entries()) {
      const id = `${prefix}${i + 1}`;
      const { svg } = await mermaid.render(id, source);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      const root = holder.querySelector('svg')!;
      root.setAttribute('role', 'img');
      root.setAttribute('aria-label', labels[i] ?? id);
      root.removeAttribute('aria-roledescription');
      // Mermaid defines every marker and icon a sequence could use; keep those this one uses.
      const used = root.outerHTML;
      for (const def of root.querySelectorAll('defs > [id]')) {
        if (!used.includes(`#${def.id})`) && !used.includes(`href="#${def.id}"`)) def.remove();
      }
      for (const defs of root.querySelectorAll('defs')) if (defs.childElementCount === 0) defs.remove();
      // As XML: a file of its own must be well-formed, and an HTML page reads it as well.
      out.push(new XMLSerializer().serializeToString(root));
    }
    return out;
  }, drawings);
}
