// One cell of the lab's own matrix as a sequence (teaching/sequence.ts) and its two drawings:
// the lanes are the attacking page's origin, the browser and the lab's bank, and the victim
// holds every session cookie, since one login sets each variant (catalog/cookie-variants.ts).
// The explainer draws a cell the dashboard just ran; the matrix report draws each of its cells.
import { attack, attackOrigin, bankOrigin, cookieVariants, type AttackId, type OriginId } from '../catalog/index.js';
import type { BankView, ScriptView } from '../engine/observe.js';
import type { Prediction } from '../rules/predict.js';
import { sequenceMermaid, sequenceText } from './sequence-render.js';
import { sequenceOf, type Sequence } from './sequence.js';

export interface LabCell {
  origin: OriginId;
  attack: AttackId;
  browser: string;
}

/** The cell's sequence: the rules' prediction, and what the bank recorded and the script held, if observed. */
export function labSequence(cell: LabCell, prediction: Prediction, observed?: { bank: BankView; script: ScriptView }): Sequence {
  return sequenceOf({
    attack: attack(cell.attack),
    pageOrigin: attackOrigin(cell.origin).origin,
    bankOrigin,
    browser: cell.browser,
    prediction,
    ...(observed && { observed }),
    cookies: cookieVariants.map((v) => v.id),
  });
}

/** A sequence with what a page draws of it: Mermaid source for the picture, numbered text for its accessible alternative. */
export interface SequencePicture {
  sequence: Sequence;
  mermaid: string;
  text: string;
}

export function pictureOf(sequence: Sequence): SequencePicture {
  return { sequence, mermaid: sequenceMermaid(sequence), text: sequenceText(sequence) };
}
