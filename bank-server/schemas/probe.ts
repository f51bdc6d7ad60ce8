// The probe id a caller attaches (query string or form field) so it can find exactly its own
// requests in the ledger. URL-safe characters only: it travels unescaped in URLs.
import { Type } from '@fastify/type-provider-typebox';

export const PROBE_PATTERN = '^[A-Za-z0-9._~-]{1,200}$';

export const Probe = Type.String({ pattern: PROBE_PATTERN });
