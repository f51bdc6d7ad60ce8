// The probe id a caller attaches (query string or form field) so it can find exactly its own
// requests in the ledger; its pattern lives in catalog/probe-ids.ts.
import { Type } from '@fastify/type-provider-typebox';
import { PROBE_PATTERN } from '../../catalog/index.js';

export const Probe = Type.String({ pattern: PROBE_PATTERN });
