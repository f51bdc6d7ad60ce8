// A `probe` cell as the sequence it was observed to be (teaching/sequence.ts). The server is the
// user's API, not the lab's bank: what it saw is the origin world's proxy log (secrets already
// redacted there, world/evidence-log.ts) read as the sequence reads a ledger; whether a request
// carried the session, and whether a write went through, are the cell's own observed facts
// (engine/probe-run.ts); no refusal is named, since the API says none. The rules' words stay the
// rules': their reasons for the browser's part, and what the API answered when asked directly.
import { cookieVariants, type CookieVariantId } from '../catalog/index.js';
import type { ProbeAttack } from '../engine/probe-attacks.js';
import type { ProbeCell } from '../engine/probe-run.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { Prediction } from '../rules/predict.js';
import type { Step } from '../rules/types.js';
import type { SequenceWords } from '../teaching/sequence-render.js';
import { sequenceOf, type SeenBank, type SeenRequest, type Sequence, type SequenceInput } from '../teaching/sequence.js';
import { preflightAndRequest, type EvidenceEntry } from '../world/evidence-log.js';

/** The server's lane and deeds, in the probe report's own words. */
export const PROBE_WORDS: SequenceWords = {
  bank: 'your API',
  deeds: { 'moved money': 'the write went through', 'sent private data': 'sent the victim’s data' },
};

/** The Access-Control-* headers of an answer the proxy saw. */
const corsHeaders = (e: EvidenceEntry) => Object.fromEntries(Object.entries(e.responseHeaders).filter(([name]) => name.startsWith('access-control-')));

/** One request the proxy saw, as a sequence reads it; `facts` are what the cell observed of it. */
function seen(e: EvidenceEntry, facts: Pick<SeenRequest, 'cookiesSent' | 'user' | 'stateChanged'>): SeenRequest {
  const header = (name: string) => e.requestHeaders[name] ?? null;
  return {
    method: e.method,
    origin: header('origin'),
    secFetchSite: header('sec-fetch-site'),
    secFetchMode: header('sec-fetch-mode'),
    secFetchDest: header('sec-fetch-dest'),
    contentType: header('content-type'),
    requestedMethod: header('access-control-request-method'),
    requestedHeaders: header('access-control-request-headers'),
    ...facts,
    refusedBy: null,
    status: e.status,
    corsHeaders: corsHeaders(e),
    socketMessage: null,
  };
}

/** What the user's API saw of one cell: the proxy's preflight and request, with the session and the write as the cell observed them. */
export function probeSeenBank(cell: Pick<ProbeCell, 'evidence' | 'observed' | 'wrote'>): SeenBank {
  const { preflight, actual } = preflightAndRequest(cell.evidence);
  return {
    preflight: preflight && seen(preflight, { cookiesSent: [], user: null, stateChanged: false }),
    actual:
      actual &&
      seen(actual, {
        cookiesSent: cell.observed.cookiesSent,
        // The probe knows the session was honoured, not whose it was: the victim's, if any.
        user: cell.observed.authenticated ? 'victim' : null,
        stateChanged: cell.wrote,
      }),
    messages: [],
  };
}

/**
 * The rules' steps for the drawing: the browser's, as predicted (their cookie steps open with
 * the variant, as the drawing looks them up), and the server's as the report says them (what
 * the API answered when asked); the read's deciding step stays last (rules/predict.ts).
 */
export function probeSteps(predicted: readonly Step[], reported: readonly Step[]): Step[] {
  const browser = predicted.filter((s) => s.enforcer !== 'server');
  return [...browser.slice(0, -1), ...reported.filter((s) => s.enforcer === 'server'), ...browser.slice(-1)];
}

/** The session's cookies, by the variant their SameSite makes them (the report names each cookie with that variant's title). */
function heldCookies(session: readonly { name: string; sameSite: string }[]): { ids: CookieVariantId[]; names: Partial<Record<CookieVariantId, string>> } {
  const names: Partial<Record<CookieVariantId, string>> = {};
  for (const cookie of session) {
    const variant = cookieVariants.find((v) => v.title === cookie.sameSite);
    if (variant) names[variant.id] = names[variant.id] ? `${names[variant.id]}, ${cookie.name}` : cookie.name;
  }
  return { ids: cookieVariants.map((v) => v.id).filter((id) => names[id] !== undefined), names };
}

export interface ProbePictureContext {
  api: string;
  origins: readonly DerivedOrigin[];
  session: { cookies: readonly { name: string; sameSite: string }[] };
  /** The attacks as the browsers ran them, re-aimed at --read and --write. */
  attacks: readonly ProbeAttack[];
}

export function probeCellSequence(report: ProbePictureContext, cell: ProbeCell, prediction: Prediction): Sequence {
  const origin = report.origins.find((o) => o.id === cell.origin);
  const attack = report.attacks.find((a) => a.id === cell.attack);
  if (!origin || !attack) throw new Error(`the report has no origin ${cell.origin} or attack ${cell.attack}`);
  const held = heldCookies(report.session.cookies);
  // A write's answer is never predicted (the tool never sends one), nor, where the judge left it out, the read.
  const unpredicted: SequenceInput['unpredicted'] = [
    ...(cell.target === 'write' ? (['answer'] as const) : []),
    ...(cell.unpredicted.includes('responseReadable') ? (['verdict'] as const) : []),
  ];
  return sequenceOf({
    attack,
    pageOrigin: origin.origin,
    bankOrigin: report.api,
    browser: cell.browser,
    prediction: { ...prediction, explanation: probeSteps(prediction.explanation, cell.explanation) },
    observed: { bank: probeSeenBank(cell), script: cell.scriptSaw },
    cookies: held.ids,
    cookieNames: held.names,
    unpredicted,
  });
}
