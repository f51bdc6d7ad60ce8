// Predicts one cell of the matrix, with no browser: the request the browser would send
// (relation, Origin, preflight, cookies), the bank's answer to it, and what the script may
// read. Every step names its rule; the explanation is what a learner reads.
import {
  attack as attackById,
  attackOrigin,
  configuration as configurationById,
  cookiePolicy as cookiePolicyById,
  cookieVariant,
  type Attack,
  type AttackId,
  type CookiePolicyId,
  type CookieVariantId,
  type LabBrowserName,
  type LabConfiguration,
  type OriginId,
} from '../catalog/index.js';
import type { BankAnswer, ServerOracle } from './bank-oracle.js';
import { browserProfiles } from './browser-profiles.js';
import { cookiesSent, includesCredentials } from './cookies.js';
import { corsCheck, needsPreflight, preflightPasses, unsafeHeaders } from './cors-check.js';
import { localNetworkAccessCheck } from './local-network-access.js';
import {
  cookieRelationOf,
  explainRelation,
  labBank,
  labPage,
  originHeaderOf,
  relationOf,
  schemefulSite,
  topLevelSiteOf,
  type AttackPage,
  type BankPlace,
  type Relation,
} from './relation.js';
import type { CellOutcome, Step } from './types.js';

export interface CellKey {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  config: string;
  origin: OriginId;
  attack: AttackId;
}

export interface Prediction {
  outcome: CellOutcome;
  /**
   * The steps in the order they happen; the last one always decides what the script may read
   * (the read check, the preflight that failed, or the Local Network Access check that kept the
   * request from being sent).
   */
  explanation: Step[];
  /** What the bank would answer, for the report: the actual request, or the preflight that failed. */
  bankAnswer: BankAnswer | null;
  /** What the bank would answer the preflight, when the browser sends one (Fetch §4.8). */
  preflightAnswer: BankAnswer | null;
}

/**
 * Referrer policy strict-origin-when-cross-origin (Referrer Policy §3, the default). A
 * WebSocket handshake has none: Fetch §7.1 sets its referrer to "no-referrer".
 */
function refererOf(attack: Attack, relation: Relation, pageUrl: string): string | null {
  if (attack.request.mode === 'websocket') return null;
  return relation === 'same-origin' ? pageUrl : `${new URL(pageUrl).origin}/`;
}

function serverSteps(answer: BankAnswer, sessionCookie: CookieVariantId, endpoint: string): Step[] {
  const cookieName = cookieVariant(sessionCookie).cookieName;
  const steps: Step[] = [
    answer.user
      ? { rule: 'The bank’s session check', enforcer: 'server', says: `The bank finds a valid ${cookieName} and treats the request as the victim’s.` }
      : { rule: 'The bank’s session check', enforcer: 'server', says: `No valid ${cookieName} arrived: to the bank this is a stranger.` },
  ];
  if (answer.refusedBy) {
    steps.push({ rule: `Defense: ${answer.refusedBy}`, enforcer: 'server', says: `The bank refuses it (${answer.status}): ${answer.message}.` });
  } else if (answer.stateChanged) {
    steps.push({
      rule: 'Only the server can refuse a write',
      enforcer: 'server',
      says: 'The bank moves the money: nothing on the server side stopped the write.',
    });
  } else if (endpoint === 'transfer') {
    steps.push({
      rule: 'The bank’s transfer handler',
      enforcer: 'server',
      says: `No money moves: the bank answered ${answer.status}${answer.message ? ` (${answer.message})` : ''}.`,
    });
  } else {
    steps.push({ rule: 'The bank’s handler', enforcer: 'server', says: `The bank answers ${answer.status}; reading changes nothing.` });
  }
  return steps;
}

/** What the bank learns from a WebSocket handshake's Fetch Metadata, for its resource-isolation policy. */
function fetchMetadataStep(browser: string, sends: boolean, relation: Relation): Step {
  const rule = 'Fetch Metadata §2; rules/browser-profiles.ts (fetchMetadataOnWebSocket)';
  return sends
    ? { rule, enforcer: 'browser', says: `${browser} labels the handshake Sec-Fetch-Site: ${relation}, Sec-Fetch-Mode: websocket.` }
    : {
        rule,
        enforcer: 'browser',
        says: `${browser} sends no Sec-Fetch-* header on a WebSocket handshake: a Fetch Metadata policy can’t tell it is ${relation}, and lets it through as from a client that sends none.`,
      };
}

/** One cell of the lab's own matrix: the catalog's configuration, page and attack, against the lab's bank. */
export async function predictCell(key: CellKey, oracle: ServerOracle, cookieAgeSeconds: number): Promise<Prediction> {
  return predict(
    {
      browser: key.browser,
      cookiePolicy: key.cookiePolicy,
      config: configurationById(key.config),
      page: labPage(attackOrigin(key.origin)),
      attack: attackById(key.attack),
      bank: labBank,
    },
    oracle,
    cookieAgeSeconds,
  );
}

/** Everything a prediction depends on: the lab's matrix and `cors-lab check` both come here. */
export interface PredictionInput {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  config: LabConfiguration;
  page: AttackPage;
  attack: Attack;
  bank: BankPlace;
}

export async function predict(input: PredictionInput, oracle: ServerOracle, cookieAgeSeconds: number): Promise<Prediction> {
  const { attack, config, bank, page: origin } = input;
  const browser = browserProfiles[input.browser];
  const policy = cookiePolicyById(input.cookiePolicy);

  const relation = relationOf(origin, bank);
  const crossOrigin = relation !== 'same-origin';
  const websocket = attack.request.mode === 'websocket';
  // Sec-Fetch-Site as the bank sees it: absent on a handshake from a browser that sends no
  // Fetch Metadata on WebSockets (rules/browser-profiles.ts).
  const fetchMetadata = !websocket || browser.fetchMetadataOnWebSocket;
  const secFetchSite = fetchMetadata ? relation : null;
  const steps: Step[] = [explainRelation(origin, relation, bank)];

  // Local Network Access comes before anything is sent, the preflight included: a request the
  // browser gates and the user didn't allow never leaves it (rules/local-network-access.ts).
  const localNetwork = localNetworkAccessCheck(origin, bank, attack, browser);
  if (localNetwork) steps.push(localNetwork.step);
  if (localNetwork && !localNetwork.sent) {
    return {
      outcome: {
        preflightSent: false,
        preflightPassed: null,
        requestReached: false,
        cookiesSent: [],
        authenticated: false,
        effect: 'none',
        responseReadable: false,
        originHeader: null,
        secFetchSite: null,
      },
      explanation: steps,
      bankAnswer: null,
      preflightAnswer: null,
    };
  }

  const originHeader = originHeaderOf(attack, origin, relation, bank, browser.nullsNoCorsFetchOriginOnDowngrade);
  steps.push(originHeader.step);
  const credentials = includesCredentials(attack, relation);

  const preflight = needsPreflight(attack, crossOrigin);
  steps.push(preflight.step);
  let preflightPassed: boolean | null = null;
  let preflightAnswer: BankAnswer | null = null;
  if (preflight.needed) {
    const answer = await oracle.preflight(config, attack, origin.origin, unsafeHeaders(attack));
    preflightAnswer = answer;
    const verdict = preflightPasses(answer.status, answer.headers, attack, origin.origin, credentials.included);
    steps.push(verdict.step);
    preflightPassed = verdict.passes;
    if (!verdict.passes) {
      return {
        outcome: {
          preflightSent: true,
          preflightPassed: false,
          requestReached: false,
          cookiesSent: [],
          authenticated: false,
          effect: 'none',
          responseReadable: false,
          // The preflight itself carries Origin (Fetch §4.8 step 2 copies the request's headers it needs).
          originHeader: origin.origin,
          secFetchSite,
        },
        explanation: steps,
        bankAnswer: answer,
        preflightAnswer,
      };
    }
  }

  steps.push(credentials.step);
  let sent: ReturnType<typeof cookiesSent>['sent'] = [];
  if (credentials.included) {
    const cookieRelation = cookieRelationOf(origin, bank, browser.schemefulSameSite);
    const bankPartition = schemefulSite(bank.origin, bank.site);
    const partition = { request: attack.request.mode === 'navigate' ? bankPartition : topLevelSiteOf(origin), cookie: bankPartition };
    const cookies = cookiesSent({ attack, relation: cookieRelation, browser, policy, cookieAgeSeconds, partition });
    sent = cookies.sent;
    steps.push(...cookies.steps);
  }

  const pageUrl = origin.pageUrl;
  const answer = await oracle.actual(config, attack, {
    originHeader: originHeader.value,
    referer: refererOf(attack, relation, pageUrl),
    secFetchSite,
    secFetchMode: fetchMetadata ? attack.request.mode : null,
    secFetchDest: fetchMetadata ? attack.request.destination : null,
    cookies: sent,
  });
  if (websocket) steps.push(fetchMetadataStep(browser.name, browser.fetchMetadataOnWebSocket, relation));
  steps.push(...serverSteps(answer, config.sessionCookie, attack.request.endpoint));

  let readable: boolean;
  const readRule = 'Fetch §4.9, CORS check';
  if (websocket) {
    // The WebSockets Standard hands every message to the page once the server accepted the
    // handshake (101): there is no CORS check on the way in (Fetch §7.1).
    readable = answer.status === 101;
    steps.push({
      rule: 'WebSockets Standard, “feedback from the protocol”; Fetch §7.1',
      enforcer: 'browser',
      says: readable
        ? 'The bank accepted the handshake: the script reads every message the socket sends — whatever Access-Control-Allow-Origin says, or doesn’t.'
        : `The bank refused the handshake (${answer.status}): the script sees only the socket close, never the answer.`,
    });
  } else if (attack.request.mode === 'navigate') {
    readable = !crossOrigin;
    steps.push({
      rule: 'HTML §7.2.3 (cross-origin objects)',
      enforcer: 'browser',
      says: readable
        ? 'The new window holds a same-origin document: the opener’s script reads it.'
        : 'The new window holds a document from another origin: the script can’t look inside it.',
    });
  } else if (attack.request.api === 'img') {
    readable = false;
    steps.push({ rule: 'HTML §4.8.4 (the img element)', enforcer: 'browser', says: 'An image load tells the script only “load” or “error”, never the body.' });
  } else if (attack.request.mode === 'no-cors' && crossOrigin) {
    readable = false;
    steps.push({
      rule: 'Fetch §4.1 main fetch (opaque filtered response)',
      enforcer: 'browser',
      says: 'A cross-origin no-cors response is opaque: status 0, no headers, no body.',
    });
  } else if (!crossOrigin) {
    readable = true;
    // Fetch §4.1 main fetch: a same-origin request gets a basic response, whatever its mode.
    steps.push({
      rule: 'Fetch §4.1 main fetch (basic response)',
      enforcer: 'browser',
      says: 'Same-origin: the script reads the answer, in any mode — CORS only governs cross-origin reads.',
    });
  } else {
    const check = corsCheck(answer.headers, origin.origin, credentials.included);
    readable = check.passes;
    steps.push({
      rule: readRule,
      enforcer: 'browser',
      says: check.passes ? `The script reads the answer: ${check.why}.` : `The script can’t read the answer: ${check.why}. The request was still sent.`,
    });
  }

  return {
    outcome: {
      preflightSent: preflight.needed,
      preflightPassed,
      requestReached: true,
      cookiesSent: sent.map((v) => v.id),
      authenticated: answer.user !== null,
      effect: answer.stateChanged ? 'transfer' : 'none',
      responseReadable: readable,
      originHeader: preflight.needed ? origin.origin : originHeader.value,
      secFetchSite,
    },
    explanation: steps,
    bankAnswer: answer,
    preflightAnswer,
  };
}
