// One cell of the lab's own matrix as a sequence (./sequence.ts) and its two drawings: the
// lanes are the catalog's attacking page, the browser and the lab's bank, and the victim holds
// every session cookie, since one login sets each variant (catalog/cookie-variants.ts);
// observed where a run recorded it, else the rules' alone. The explainer draws a cell the
// dashboard just ran; the matrix report and the trainer guide's pictures draw cells of a run.
import { attack, attackOrigin, bankOrigin, cookieVariants, type AttackId, type OriginId } from '../catalog/index.js';
import type { ScriptView } from '../engine/observe.js';
import type { Prediction } from '../rules/predict.js';
import { sequenceMermaid, sequenceText } from './sequence-render.js';
import { sequenceOf, type SeenBank, type Sequence, type SequenceInput } from './sequence.js';

export interface LabCell {
  origin: OriginId;
  attack: AttackId;
  browser: string;
}

/** The sequence's input for a lab cell: the rules' prediction, and what the bank recorded and the script held, if observed. */
export function labSequenceInput(cell: LabCell, prediction: Prediction, observed?: { bank: SeenBank; script: ScriptView }): SequenceInput {
  return {
    attack: attack(cell.attack),
    pageOrigin: attackOrigin(cell.origin).origin,
    bankOrigin,
    browser: cell.browser,
    prediction,
    ...(observed && { observed }),
    cookies: cookieVariants.map((v) => v.id),
  };
}

/** The cell's sequence. */
export const labSequence = (...args: Parameters<typeof labSequenceInput>): Sequence => sequenceOf(labSequenceInput(...args));

/** A sequence with what a page draws of it: Mermaid source for the picture, numbered text for its accessible alternative. */
export interface SequencePicture {
  sequence: Sequence;
  mermaid: string;
  text: string;
}

export function pictureOf(sequence: Sequence): SequencePicture {
  return { sequence, mermaid: sequenceMermaid(sequence), text: sequenceText(sequence) };
}
