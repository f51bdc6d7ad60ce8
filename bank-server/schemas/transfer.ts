// What a transfer may look like, in every shape the bank accepts it.
import { Type } from '@fastify/type-provider-typebox';
import { AMOUNT_PATTERN } from '../store/money.js';
import { Probe } from './probe.js';

const Routing = Type.String({ pattern: '^[0-9]{3,9}$', description: 'routing number, digits only' });
const AccountNumber = Type.String({ pattern: '^[0-9]{4,12}$', description: 'account number, digits only' });
const Amount = Type.String({ pattern: AMOUNT_PATTERN, description: 'amount like 12 or 12.50' });
const OptionalProbe = Type.Optional(Probe);
const CsrfToken = Type.Optional(Type.String({ maxLength: 200 }));

/** The seed's path: `/transfer_to/:routing/:account/:amount`. */
export const TransferParams = Type.Object({ routing: Routing, account: AccountNumber, amount: Amount });

/** The body of POST and PUT `/transfer`, whatever its content type. */
export const TransferBody = Type.Object(
  { routing: Routing, account: AccountNumber, amount: Amount, probe: OptionalProbe, _csrf: CsrfToken },
  { additionalProperties: false },
);

export const ProbeQuery = Type.Object({ probe: OptionalProbe, _csrf: CsrfToken }, { additionalProperties: false });
