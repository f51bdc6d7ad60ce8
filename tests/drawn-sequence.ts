// A cell's picture as a person reads it: the DRAWN SVG (runner/sequence-picture.js), not the
// numbered steps beside it and not the Mermaid source — the words on its arrows (Mermaid's
// `.messageText`), the lines of its notes (`.noteText`), and the red bands that mark where the
// observation differs from the prediction (a `rect` block, teaching/sequence-render.ts). The
// report's and the trainer's browser tests hold a picture to the cell's evidence with it.
import { expect, type Locator } from '@playwright/test';
import { cookieVariants, type CookieVariantId, type LedgerEntry } from '../catalog/index.js';
import type { ScriptView } from '../engine/observe.js';

export interface Drawn {
  /** Each arrow's words, top to bottom. */
  messages: string[];
  /** Each line of each note. */
  notes: string[];
  /** The cookies whose mark says "rode along", as the victim's variants. */
  rode: CookieVariantId[];
  /** The cookies whose mark says "stayed home". */
  home: CookieVariantId[];
  /** The highlighted blocks: one per event whose observation differs from its prediction. */
  redBands: number;
}

const variantOf = (cookieName: string) => cookieVariants.find((v) => v.cookieName === cookieName)?.id;

/** Reads the picture in `figure` once it is drawn. */
export async function readDrawn(figure: Locator): Promise<Drawn> {
  await expect(figure).toHaveAttribute('data-state', 'drawn', { timeout: 60_000 });
  const svg = figure.locator('svg');
  await expect(svg).toHaveAttribute('role', 'img');
  const messages = (await svg.locator('.messageText').allTextContents()).map((t) => t.trim());
  const notes = (await svg.locator('.noteText').allTextContents()).map((t) => t.trim());
  const marks = (said: string) =>
    notes.flatMap((line) => {
      const mark = /^cookie (\S+): (rode along|stayed home)/.exec(line);
      const variant = mark?.[2] === said ? variantOf(mark[1]!) : undefined;
      return variant ? [variant] : [];
    });
  const redBands = await svg.locator('rect').evaluateAll((rects) => rects.filter((r) => /255,\s*221,\s*221/.test(r.getAttribute('fill') ?? '')).length);
  return { messages, notes, rode: marks('rode along'), home: marks('stayed home'), redBands };
}

/** What the script was handed, as the verdict arrow says it (teaching/sequence-render.ts). */
const HANDED_OVER = ['the answer is handed to the script', 'the socket is open: every message goes to the script'];

/**
 * The picture says what the evidence says: a preflight arrow exactly when the ledger has a
 * preflight, cookie marks equal to the cookies the bank received, the read verdict the page
 * reported, and a red band exactly when observation and prediction differ, showing both.
 */
export function expectDrawnEvidence(
  drawn: Drawn,
  evidence: { preflight: LedgerEntry | null; actual: LedgerEntry | null; readable: ScriptView['readable']; differs: boolean },
): void {
  expect(
    drawn.messages.filter((m) => m.startsWith('preflight OPTIONS ')),
    'one preflight arrow iff the ledger has a preflight',
  ).toHaveLength(evidence.preflight ? 1 : 0);
  expect(drawn.rode, 'the cookies drawn riding along are the ones the bank received').toEqual(evidence.actual?.cookiesSent ?? []);
  if (evidence.actual) expect(drawn.rode.length + drawn.home.length, 'every cookie the victim holds has a mark').toBe(cookieVariants.length);
  const verdict = drawn.messages.filter((m) => HANDED_OVER.includes(m) || /withheld|opaque|closes/.test(m));
  expect(verdict, 'one read verdict, the one the page reported').toEqual([
    expect.stringMatching(evidence.readable ? /handed to the script|every message/ : /withheld|opaque|closes/),
  ]);
  if (evidence.differs) {
    expect(drawn.redBands, 'a difference is marked').toBeGreaterThan(0);
    // And it shows both: what was observed, and what the rules predicted.
    expect(drawn.notes.join(' '), 'a difference shows the observation and the prediction').toMatch(/differs: observed [\s\S]*predicted /);
  } else expect(drawn.redBands, 'nothing differs, nothing is marked').toBe(0);
}
