// A cell of the lab's matrix as a sequence (./sequence.ts): the catalog's attacking page and
// bank in the lanes, and every session cookie variant, since one log-in sets them all
// (catalog/cookie-variants.ts); observed where a run recorded it, else the rules' alone.
import { attack, attackOrigin, bankOrigin, cookieVariants } from '../catalog/index.js';
import type { ScriptView } from '../engine/observe.js';
import type { CellKey, Prediction } from '../rules/predict.js';
import { sequenceOf, type SeenBank, type Sequence, type SequenceInput } from './sequence.js';

export function labSequenceInput(key: CellKey, prediction: Prediction, observed?: { bank: SeenBank; script: ScriptView }): SequenceInput {
  return {
    attack: attack(key.attack),
    pageOrigin: attackOrigin(key.origin).origin,
    bankOrigin,
    browser: key.browser,
    prediction,
    ...(observed && { observed }),
    cookies: cookieVariants.map((v) => v.id),
  };
}

export const labCellSequence = (...args: Parameters<typeof labSequenceInput>): Sequence => sequenceOf(labSequenceInput(...args));
