// The browser's side of CORS: whether a request needs a preflight, whether the preflight
// passes, and whether the script may read the response (Fetch §3.2 and §4.8–4.9).
import type { Attack } from '../catalog/index.js';
import type { Step } from './types.js';
import { mediaTypeEssence } from '../catalog/index.js';

export type Headers = Record<string, string | undefined>;

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
// Fetch §3.2.2, CORS-safelisted request-header: Content-Type only with one of these essences.
const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const essence = mediaTypeEssence;

/** The request headers that are not CORS-safelisted, lower-cased (what Access-Control-Request-Headers lists). */
export function unsafeHeaders(attack: Attack): string[] {
  const { contentType, extraHeaders } = attack.request;
  const names = extraHeaders.map((h) => h.toLowerCase());
  if (contentType !== null && !SAFELISTED_CONTENT_TYPES.includes(essence(contentType))) names.push('content-type');
  return names.sort();
}

/** The rules of the steps that say whether a preflight is sent, and whether it passed: a reader of an explanation finds them by these. */
export const PREFLIGHT_RULES = {
  flag: 'Fetch §4.1, main fetch (CORS-preflight flag)',
  websocket: 'Fetch §7.1, WebSocket connection',
  fetch: 'Fetch §4.8, CORS-preflight fetch',
} as const;

/**
 * Fetch §4.1 main fetch: a cross-origin request in cors mode needs a CORS-preflight fetch
 * when its method is not CORS-safelisted or it has a header that is not.
 */
export function needsPreflight(attack: Attack, crossOrigin: boolean): { needed: boolean; step: Step } {
  const rule = PREFLIGHT_RULES.flag;
  const { mode, method, contentType } = attack.request;
  if (mode === 'websocket') {
    return {
      needed: false,
      step: {
        rule: PREFLIGHT_RULES.websocket,
        says: 'A WebSocket handshake is fetched in mode "websocket": no preflight, and no CORS check of the answer — no CORS setting changes what happens next.',
        enforcer: 'browser',
      },
    };
  }
  if (mode !== 'cors') {
    return {
      needed: false,
      step: { rule, says: `A ${mode === 'navigate' ? 'navigation' : 'no-cors request'} never has a preflight: CORS does not govern it.`, enforcer: 'browser' },
    };
  }
  if (!crossOrigin) return { needed: false, step: { rule, says: 'A same-origin request never has a preflight.', enforcer: 'browser' } };
  const reasons: string[] = [];
  if (!SAFELISTED_METHODS.includes(method)) reasons.push(`${method} is not a CORS-safelisted method`);
  const unsafe = unsafeHeaders(attack);
  if (unsafe.length > 0) reasons.push(`${unsafe.join(', ')} ${unsafe.length === 1 ? 'is' : 'are'} not CORS-safelisted request headers`);
  if (reasons.length > 0)
    return { needed: true, step: { rule, says: `The browser asks first with an OPTIONS preflight: ${reasons.join('; ')}.`, enforcer: 'browser' } };
  const body = contentType ? ` with Content-Type ${essence(contentType)}` : '';
  return { needed: false, step: { rule, says: `${method}${body} is a simple request: no preflight, it is sent straight away.`, enforcer: 'browser' } };
}

/**
 * Fetch §4.9, CORS check: Access-Control-Allow-Origin must be the request's origin, or `*`
 * when credentials mode is not "include"; with "include", Access-Control-Allow-Credentials
 * must be `true`.
 */
export function corsCheck(headers: Headers, requestOrigin: string, includeCredentials: boolean): { passes: boolean; why: string } {
  const allowOrigin = headers['access-control-allow-origin'];
  if (allowOrigin === undefined) return { passes: false, why: 'the bank sent no Access-Control-Allow-Origin' };
  if (allowOrigin === '*') {
    if (includeCredentials) return { passes: false, why: 'Access-Control-Allow-Origin: * never covers a request with credentials' };
    return { passes: true, why: 'Access-Control-Allow-Origin: * covers a request without credentials' };
  }
  if (allowOrigin !== requestOrigin) {
    return { passes: false, why: `Access-Control-Allow-Origin: ${allowOrigin} is not this page’s origin ${requestOrigin}` };
  }
  if (includeCredentials && headers['access-control-allow-credentials'] !== 'true') {
    return { passes: false, why: `Access-Control-Allow-Origin matches, but a credentialed request also needs Access-Control-Allow-Credentials: true` };
  }
  return {
    passes: true,
    why: `Access-Control-Allow-Origin: ${allowOrigin}${includeCredentials ? ' with Access-Control-Allow-Credentials: true' : ''} matches this page`,
  };
}

function listed(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Fetch §4.8, CORS-preflight fetch: the response must have an ok status, pass the CORS
 * check, and list the method and every unsafe header (`*` counts only without credentials).
 */
export function preflightPasses(
  status: number,
  headers: Headers,
  attack: Attack,
  requestOrigin: string,
  includeCredentials: boolean,
): { passes: boolean; step: Step } {
  const rule = PREFLIGHT_RULES.fetch;
  const fail = (why: string) => ({
    passes: false,
    step: { rule, says: `The preflight fails: ${why}. The actual request is never sent.`, enforcer: 'browser' as const },
  });
  if (status < 200 || status > 299) return fail(`the bank answered ${status}, not an ok status`);
  const check = corsCheck(headers, requestOrigin, includeCredentials);
  if (!check.passes) return fail(check.why);
  const methods = listed(headers['access-control-allow-methods']);
  const { method } = attack.request;
  const methodAllowed = SAFELISTED_METHODS.includes(method) || methods.includes(method.toLowerCase()) || (methods.includes('*') && !includeCredentials);
  if (!methodAllowed) return fail(`Access-Control-Allow-Methods (${headers['access-control-allow-methods'] ?? 'absent'}) does not list ${method}`);
  const allowedHeaders = listed(headers['access-control-allow-headers']);
  const missing = unsafeHeaders(attack).filter((h) => !allowedHeaders.includes(h) && !(allowedHeaders.includes('*') && !includeCredentials));
  if (missing.length > 0) return fail(`Access-Control-Allow-Headers does not list ${missing.join(', ')}`);
  return { passes: true, step: { rule, says: `The preflight passes: ${check.why}, and the method and headers are allowed.`, enforcer: 'browser' } };
}
