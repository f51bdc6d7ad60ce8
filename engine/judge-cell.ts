// One cell, judged: what the browser did (observed from the server's record and the attacker's
// script), the rules' prediction, the fields where they differ, and, where the lab's own bank
// recorded the request, whether the request the browser sent is the one the attack's
// description claims. Only engine/cell-pipeline.ts judges cells (and the naive benchmark
// sample, naive on purpose).
import type { Attack } from '../catalog/index.js';
import type { Prediction } from '../rules/predict.js';
import { outcomeFields, type CellOutcome, type Step } from '../rules/types.js';
import type { BankView, ScriptView } from './observe.js';
import { sentRequestMismatches, type SentRequestContext, type SentRequestMismatch } from './sent-request-check.js';

/** What the lab's bank recorded of a cell, and what the sent-request check needs to know of it. */
export interface SentRequestEvidence {
  view: BankView;
  context: SentRequestContext;
}

export interface JudgedCell {
  observed: CellOutcome;
  predicted: CellOutcome;
  explanation: Step[];
  /** Observed equals predicted (on the fields the rules predict), and the browser sent the request the description claims. */
  agree: boolean;
  differingFields: (keyof CellOutcome)[];
  /** Fields the rules can't predict here, left out of `agree`. */
  unpredicted: (keyof CellOutcome)[];
  sentRequestMismatches: SentRequestMismatch[];
  scriptSaw: ScriptView;
}

/** A cell the lab's own bank answered (the matrix, `cors-lab check`): with the bank's record of it. */
export interface LabJudgedCell extends JudgedCell {
  bankSaw: BankView;
}

export function judgeCell(input: {
  attack: Attack;
  observed: CellOutcome;
  prediction: Prediction;
  sent: SentRequestEvidence | null;
  unpredicted: readonly (keyof CellOutcome)[];
  script: ScriptView;
}): JudgedCell {
  const { observed } = input;
  const predicted = input.prediction.outcome;
  const differingFields = outcomeFields.filter((f) => !input.unpredicted.includes(f) && JSON.stringify(observed[f]) !== JSON.stringify(predicted[f]));
  // The rules reasoned from the attack's description: it must be what the browser sent.
  const mismatches = input.sent ? sentRequestMismatches(input.attack, input.sent.view, input.sent.context) : [];
  return {
    observed,
    predicted,
    explanation: input.prediction.explanation,
    agree: differingFields.length === 0 && mismatches.length === 0,
    differingFields,
    unpredicted: [...input.unpredicted],
    sentRequestMismatches: mismatches,
    scriptSaw: input.script,
  };
}
