// One cell, judged: what the browser did (the bank's record and the attacker's script),
// the rules' prediction, the fields where they differ, and whether the request the browser
// sent is the one the attack's description claims. The matrix and `cors-lab check` judge
// their cells here; `cors-lab probe` still judges its own (engine/probe-run.ts).
import type { Attack } from '../catalog/index.js';
import type { Prediction } from '../rules/predict.js';
import { outcomeFields, type CellOutcome, type Step } from '../rules/types.js';
import { observedOutcome, type BankView, type ScriptView } from './observe.js';
import { sentRequestMismatches, type SentRequestContext, type SentRequestMismatch } from './sent-request-check.js';

export interface JudgedCell {
  observed: CellOutcome;
  predicted: CellOutcome;
  explanation: Step[];
  /** Observed equals predicted, and the browser sent the request the description claims. */
  agree: boolean;
  differingFields: (keyof CellOutcome)[];
  sentRequestMismatches: SentRequestMismatch[];
  bankSaw: BankView;
  scriptSaw: ScriptView;
}

export function judgeCell(input: {
  attack: Attack;
  received: BankView;
  script: ScriptView;
  /** The victim's user name: a request authenticated as them carried the session. */
  victim: string;
  prediction: Prediction;
  sent: SentRequestContext;
}): JudgedCell {
  const observed = observedOutcome(input.received, input.script, input.victim);
  const predicted = input.prediction.outcome;
  const differingFields = outcomeFields.filter((f) => JSON.stringify(observed[f]) !== JSON.stringify(predicted[f]));
  // The rules reasoned from the attack's description: it must be what the browser sent.
  const mismatches = sentRequestMismatches(input.attack, input.received, input.sent);
  return {
    observed,
    predicted,
    explanation: input.prediction.explanation,
    agree: differingFields.length === 0 && mismatches.length === 0,
    differingFields,
    sentRequestMismatches: mismatches,
    bankSaw: input.received,
    scriptSaw: input.script,
  };
}
