// The one transfer every money-moving attack attempts: $1.00 from the victim to the
// attacker's account, as in the seed story's `/transfer_to/555/1234/1`. Attacks, the rules'
// bank oracle, the bank's error messages and the bait page all take it from here.

/** The routing number the bank answers to. */
export const BANK_ROUTING = '555';

/** The attacker's (mallory's) own account at the bank, where the money goes. */
export const ATTACKER_ACCOUNT = '1234';

/** The transfer's fields, as a form or JSON body carries them (all strings, as in a URL). */
export const TRANSFER = { routing: BANK_ROUTING, account: ATTACKER_ACCOUNT, amount: '1' } as const;

/** The GET that moves money, under the bank's base for one configuration. */
export const TRANSFER_PATH = `/transfer_to/${TRANSFER.routing}/${TRANSFER.account}/${TRANSFER.amount}`;

/** The body as a JavaScript object literal, the way an attack's code (read on screen) writes it. */
export const TRANSFER_LITERAL = `{ ${Object.entries(TRANSFER)
  .map(([k, v]) => `${k}: '${v}'`)
  .join(', ')} }`;

/** The amount as a learner reads it, e.g. `$1.00`. */
export const TRANSFER_AMOUNT_TEXT = `$${Number(TRANSFER.amount).toFixed(2)}`;
