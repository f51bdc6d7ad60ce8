// One cell as a sequence picture, three lanes — the attacking page, the browser, the bank —
// and what passes between them, in order: the script's call; the preflight and its answer
// (Fetch §4.8); the request with every cookie the victim holds, each riding along or staying
// home (RFC 6265bis §5.8.3, CHIPS §2.1, the browser's third-party policy); the bank's answer
// and what it did; the browser's verdict on the script's read (Fetch §4.9); for a WebSocket,
// the handshake (Fetch §7.1) and the messages on the open socket (RFC 6455 §5.6).
// Each event is observed (the bank's ledger, the attacker's script) or predicted (the rules);
// where both exist and disagree, the event carries both. A reason is always the rules': no
// browser says why it kept a cookie home. The lab's pages and `cors-lab explain` draw from this.
import { cookieVariant, mediaTypeEssence, type Attack, type CookieVariantId, type LedgerEntry } from '../catalog/index.js';
import type { ScriptView } from '../engine/observe.js';
import type { BankAnswer } from '../rules/bank-oracle.js';
import { cookieStepOf } from '../rules/cookies.js';
import { PREFLIGHT_RULES, unsafeHeaders, type Headers } from '../rules/cors-check.js';
import type { Prediction } from '../rules/predict.js';
import { LOCAL_NETWORK_ACCESS_RULE } from '../rules/local-network-access.js';
import { ORIGIN_HEADER_RULE } from '../rules/relation.js';
import type { Step } from '../rules/types.js';

export type Lane = 'page' | 'browser' | 'bank';
export type Source = 'observed' | 'predicted';

/** One arrow between two lanes: what it carried, and where that is known from. */
export interface Event<Kind extends string, What> {
  kind: Kind;
  from: Lane;
  to: Lane;
  source: Source;
  /** What happened: as observed, or, with no observation, as predicted. */
  what: What;
  /** Observed and predicted disagree; `predicted` then holds the rules' value. */
  differs: boolean;
  predicted?: What;
  /** The rules' reasons: always predicted. */
  because: Step[];
}

/** The script's call, as the attack's code makes it. */
export interface Call {
  api: Attack['request']['api'];
  method: string;
  path: string;
  mode: Attack['request']['mode'];
  credentials: Attack['request']['credentials'];
  contentType: string | null;
}

export interface Preflight {
  sent: boolean;
  origin: string | null;
  /** Access-Control-Request-Method and -Headers (lower-cased, sorted). */
  requestMethod: string | null;
  requestHeaders: string[];
}

/** A status of null: no answer (nothing was sent to answer). */
export interface PreflightAnswer {
  status: number | null;
  /** The Access-Control-Allow-* headers, by lower-cased name. */
  allow: Record<string, string>;
  passed: boolean;
}

export interface Request {
  sent: boolean;
  method: string;
  /** The Content-Type's essence (Fetch §3.2.2 compares only it). */
  contentType: string | null;
  origin: string | null;
  secFetchSite: string | null;
  secFetchMode: string | null;
  secFetchDest: string | null;
  /** The held cookies that rode along, in the order the victim's cookies are listed. */
  cookies: CookieVariantId[];
}

/** What the bank did with a request or a socket message. */
export type BankDeed = 'refused' | 'moved money' | 'sent private data' | 'opened the socket' | 'nothing';

export interface Answer {
  status: number | null;
  /** The victim's session authenticated it. */
  victim: boolean;
  did: BankDeed;
  /** The defense that refused it. */
  refusedBy: string | null;
  allow: Record<string, string>;
}

/** What the browser hands the script: the body, an opaque response (Fetch §4.1), or nothing (a failed check). */
export type Read = 'handed over' | 'opaque' | 'withheld';

export interface SocketMessage {
  /** The message's type; null where this side has no such message. */
  type: string | null;
}

export interface SocketAnswer {
  did: BankDeed;
  refusedBy: string | null;
}

/** One cookie the victim holds, on one request. */
export interface CookieMark {
  variant: CookieVariantId;
  cookieName: string;
  /** It rode along: observed when the bank's record is there, else predicted. */
  rode: boolean;
  source: Source;
  differs: boolean;
  predicted?: boolean;
  /** The rules' reason (always predicted); null where the rules sent no request to carry it. */
  reason: Step | null;
}

export type SequenceEvent =
  | Event<'call', Call>
  | Event<'preflight', Preflight>
  | Event<'preflight-answer', PreflightAnswer>
  | (Event<'request', Request> & { cookies: CookieMark[] })
  | Event<'answer', Answer>
  | (Event<'verdict', { read: Read }> & { script: ScriptView | null })
  | Event<'message', SocketMessage>
  | Event<'message-answer', SocketAnswer>;

export interface Sequence {
  /** Who each lane is: the page's origin, the browser's name, the bank's origin. */
  lanes: Record<Lane, string>;
  observed: boolean;
  events: SequenceEvent[];
  /** Some event's observation differs from its prediction. */
  differs: boolean;
}

/**
 * What a sequence reads of one request the server recorded: the lab bank's ledger entry
 * (engine/observe.ts) has all of it; another record (a proxy's log) is adapted to it. A status
 * of null: no answer came.
 */
export type SeenRequest = Pick<
  LedgerEntry,
  | 'method'
  | 'origin'
  | 'secFetchSite'
  | 'secFetchMode'
  | 'secFetchDest'
  | 'contentType'
  | 'requestedMethod'
  | 'requestedHeaders'
  | 'cookiesSent'
  | 'user'
  | 'stateChanged'
  | 'refusedBy'
  | 'corsHeaders'
  | 'socketMessage'
> & { status: number | null };

/** What the server saw of one cell: the preflight, the request (a WebSocket's handshake), the socket's messages. */
export interface SeenBank {
  preflight: SeenRequest | null;
  actual: SeenRequest | null;
  messages: SeenRequest[];
}

export interface SequenceInput {
  attack: Attack;
  /** The serialized origin of the attacking page (`null` when opaque). */
  pageOrigin: string;
  bankOrigin: string;
  browser: string;
  prediction: Prediction;
  observed?: { bank: SeenBank; script: ScriptView };
  /** The session cookies the victim holds: each is drawn riding along or staying home. */
  cookies: readonly CookieVariantId[];
  /** The name each held cookie goes by, where it is not the lab's (`cors-lab probe`: the user's own cookies). */
  cookieNames?: Partial<Record<CookieVariantId, string>>;
  /**
   * Events the rules did not predict here, drawn as observed with nothing to differ from — as
   * a judged cell leaves fields out of its comparison (engine/judge-cell.ts `unpredicted`).
   */
  unpredicted?: readonly ('answer' | 'verdict')[];
}

function event<Kind extends string, What>(
  kind: Kind,
  lanes: [Lane, Lane],
  observed: What | undefined,
  predicted: What,
  because: Step[],
  compared = true,
): Event<Kind, What> {
  const [from, to] = lanes;
  if (observed === undefined) return { kind, from, to, source: 'predicted', what: predicted, differs: false, because };
  const differs = compared && JSON.stringify(observed) !== JSON.stringify(predicted);
  return { kind, from, to, source: 'observed', what: observed, differs, ...(differs && { predicted }), because };
}

/** The Access-Control-Allow-* headers of an answer, sorted by name. */
function allowHeaders(headers: Headers): Record<string, string> {
  const allow = Object.entries(headers).filter((e): e is [string, string] => e[0].startsWith('access-control-allow-') && e[1] !== undefined);
  return Object.fromEntries(allow.sort(([a], [b]) => a.localeCompare(b)));
}

function headerList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

/** What the bank did, from what it recorded or would answer. A WebSocket's handshake only opens the socket: the messages act. */
function deedOf(
  e: { status: number | null; user: string | null; stateChanged: boolean; refusedBy: string | null },
  endpoint: string,
  handshake: boolean,
): BankDeed {
  if (e.refusedBy) return 'refused';
  if (handshake && e.status === 101) return 'opened the socket';
  if (e.stateChanged) return 'moved money';
  return endpoint === 'account' && e.user !== null && e.status === 200 ? 'sent private data' : 'nothing';
}

const NO_ANSWER: Answer = { status: null, victim: false, did: 'nothing', refusedBy: null, allow: {} };

function answerOf(e: SeenRequest | BankAnswer, allow: Headers, endpoint: string, handshake: boolean): Answer {
  const did = deedOf(e, endpoint, handshake);
  // An accepted handshake's refusal, if any, is a message's (rules/bank-oracle.ts sums them up).
  const refusedBy = did === 'opened the socket' ? null : e.refusedBy;
  return { status: e.status, victim: e.user !== null, did, refusedBy, allow: allowHeaders(allow) };
}

const stepsWith = (steps: readonly Step[], ...rules: string[]) => steps.filter((s) => rules.some((r) => s.rule.startsWith(r)));

export function sequenceOf(input: SequenceInput): Sequence {
  const { attack, prediction, observed } = input;
  const { outcome, explanation } = prediction;
  const request = attack.request;
  const websocket = request.mode === 'websocket';
  const seen = observed?.bank;
  const events: SequenceEvent[] = [];
  const push = (e: SequenceEvent) => events.push(e);

  const call: Call = {
    api: request.api,
    method: request.method,
    path: request.path,
    mode: request.mode,
    credentials: request.credentials,
    contentType: request.contentType,
  };
  // The script ran the attack's code: with an observation, its call happened.
  push(event('call', ['page', 'browser'], observed && call, call, []));

  const predictedPreflight: Preflight = outcome.preflightSent
    ? { sent: true, origin: outcome.originHeader, requestMethod: request.method, requestHeaders: unsafeHeaders(attack) }
    : { sent: false, origin: null, requestMethod: null, requestHeaders: [] };
  const observedPreflight: Preflight | undefined = seen && {
    sent: seen.preflight !== null,
    origin: seen.preflight?.origin ?? null,
    requestMethod: seen.preflight?.requestedMethod ?? null,
    requestHeaders: headerList(seen.preflight?.requestedHeaders ?? null),
  };
  const preflight = event(
    'preflight',
    ['browser', 'bank'],
    observedPreflight,
    predictedPreflight,
    stepsWith(explanation, PREFLIGHT_RULES.flag, PREFLIGHT_RULES.websocket),
  );
  push(preflight);
  if (preflight.what.sent) {
    const predictedAnswer: PreflightAnswer = prediction.preflightAnswer
      ? { status: prediction.preflightAnswer.status, allow: allowHeaders(prediction.preflightAnswer.headers), passed: outcome.preflightPassed === true }
      : { status: null, allow: {}, passed: false };
    const observedAnswer: PreflightAnswer | undefined = seen?.preflight
      ? { status: seen.preflight.status, allow: allowHeaders(seen.preflight.corsHeaders), passed: seen.actual !== null }
      : undefined;
    push(event('preflight-answer', ['bank', 'browser'], observedAnswer, predictedAnswer, stepsWith(explanation, PREFLIGHT_RULES.fetch)));
  }

  const held = (ids: readonly CookieVariantId[]) => input.cookies.filter((id) => ids.includes(id));
  const notSent: Request = {
    sent: false,
    method: request.method,
    contentType: null,
    origin: null,
    secFetchSite: null,
    secFetchMode: null,
    secFetchDest: null,
    cookies: [],
  };
  // The rules predict Sec-Fetch-Site; Mode and Dest come with it, or not at all (rules/browser-profiles.ts).
  const metadata = outcome.secFetchSite !== null;
  const predictedRequest: Request = outcome.requestReached
    ? {
        sent: true,
        method: request.method,
        contentType: request.contentType && mediaTypeEssence(request.contentType),
        origin: outcome.originHeader,
        secFetchSite: outcome.secFetchSite,
        secFetchMode: metadata ? request.mode : null,
        secFetchDest: metadata ? request.destination : null,
        cookies: held(outcome.cookiesSent),
      }
    : notSent;
  const actual = seen?.actual ?? null;
  const observedRequest: Request | undefined =
    seen &&
    (actual
      ? {
          sent: true,
          method: actual.method,
          contentType: actual.contentType && mediaTypeEssence(actual.contentType),
          origin: actual.origin,
          secFetchSite: actual.secFetchSite,
          secFetchMode: actual.secFetchMode,
          secFetchDest: actual.secFetchDest,
          cookies: held(actual.cookiesSent),
        }
      : notSent);
  // Why it carries the Origin it does; a request never sent carries nothing, and Local Network
  // Access says why, where it kept the request back (rules/local-network-access.ts).
  const originSteps = (observedRequest ?? predictedRequest).sent
    ? stepsWith(explanation, ORIGIN_HEADER_RULE)
    : stepsWith(explanation, LOCAL_NETWORK_ACCESS_RULE).filter((s) => s === explanation.at(-1));
  const sent = event('request', ['browser', 'bank'], observedRequest, predictedRequest, originSteps);
  const cookies = input.cookies.map((id): CookieMark => {
    const variant = cookieVariant(id);
    const predicted = predictedRequest.cookies.includes(id);
    const rode = observedRequest ? observedRequest.cookies.includes(id) : predicted;
    const differs = rode !== predicted;
    return {
      variant: id,
      cookieName: input.cookieNames?.[id] ?? variant.cookieName,
      rode,
      source: observedRequest ? 'observed' : 'predicted',
      differs,
      ...(differs && { predicted }),
      reason: cookieStepOf(explanation, variant),
    };
  });
  push({ ...sent, cookies });

  // The bank's answer, then the browser's verdict on the read; on an open socket, the messages.
  const serverSteps = explanation.filter((s) => s.enforcer === 'server');
  let opened = false;
  if (sent.what.sent) {
    const predictedAnswer =
      prediction.bankAnswer && outcome.requestReached ? answerOf(prediction.bankAnswer, prediction.bankAnswer.headers, request.endpoint, websocket) : NO_ANSWER;
    const observedAnswer = seen && (actual ? answerOf(actual, actual.corsHeaders, request.endpoint, websocket) : NO_ANSWER);
    opened = (observedAnswer ?? predictedAnswer).did === 'opened the socket';
    // On an open socket the messages act: the handshake's answer has the session check alone.
    const because = opened ? serverSteps.slice(0, 1) : serverSteps;
    push(event('answer', ['bank', 'browser'], observedAnswer, predictedAnswer, because, !input.unpredicted?.includes('answer')));
  }
  push(verdict(input));
  if (opened) pushMessages(input, serverSteps.slice(1), push);
  return {
    lanes: { page: input.pageOrigin, browser: input.browser, bank: input.bankOrigin },
    observed: observed !== undefined,
    events,
    differs: events.some((e) => e.differs || (e.kind === 'request' && e.cookies.some((c) => c.differs))),
  };
}

/** The browser's verdict on the read: the prediction's last step says why (rules/predict.ts). */
function verdict(input: SequenceInput): SequenceEvent {
  const { attack, prediction } = input;
  const { outcome } = prediction;
  const opaque = outcome.requestReached && attack.request.mode === 'no-cors' && attack.request.api === 'fetch' && input.pageOrigin !== input.bankOrigin;
  const predicted: Read = outcome.responseReadable ? 'handed over' : opaque ? 'opaque' : 'withheld';
  const script = input.observed?.script;
  const observed: Read | undefined = script && (script.readable ? 'handed over' : script.responseType === 'opaque' ? 'opaque' : 'withheld');
  const why = prediction.explanation.at(-1);
  const compared = !input.unpredicted?.includes('verdict');
  const e = event('verdict', ['browser', 'page'], observed && { read: observed }, { read: predicted }, why ? [why] : [], compared);
  return { ...e, script: script ?? null };
}

/** A WebSocket's messages: the script's, then the bank's answer to each (RFC 6455 §5.6). */
function pushMessages(input: SequenceInput, because: Step[], push: (e: SequenceEvent) => void): void {
  const { attack, prediction, observed } = input;
  const answer = prediction.bankAnswer;
  const predicted =
    answer && answer.status === 101
      ? [
          {
            message: { type: attack.request.endpoint },
            answer: { did: deedOf({ ...answer, status: 200 }, attack.request.endpoint, false), refusedBy: answer.refusedBy },
          },
        ]
      : [];
  const seen = observed?.bank.messages.map((m) => ({
    message: { type: m.socketMessage },
    answer: { did: deedOf(m, m.socketMessage ?? '', false), refusedBy: m.refusedBy },
  }));
  const none = { message: { type: null }, answer: { did: 'nothing' as const, refusedBy: null } };
  for (let i = 0; i < Math.max(predicted.length, seen?.length ?? 0); i++) {
    const p = predicted[i] ?? none;
    const o = seen && (seen[i] ?? none);
    push(event('message', ['page', 'bank'], o?.message, p.message, []));
    push(event('message-answer', ['bank', 'page'], o?.answer, p.answer, because));
  }
}
