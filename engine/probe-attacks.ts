// The catalog's attacks, re-aimed at the user's own endpoints for `cors-lab probe`. Each keeps
// its kind: its API (fetch, XHR, img, a window, a form), method, mode, credentials and body
// type; only the path and the body change. Attacks on the lab's /account read --read; the
// public read (no credentials) also goes to --read, as the control that public answers are
// no finding; every attack on /transfer goes to --write, GETs included, because that is what
// an attacker would send. The code is generated from the request's description, and it is
// the exact text the runner runs and the report shows.
import { mediaTypeEssence, attacks, NAVIGATION_WINDOW, type Attack, type AttackRequest } from '../catalog/index.js';

export interface Endpoint {
  method: string;
  /** Path and optional query, e.g. `/me` or `/search?q=1`. */
  path: string;
}

export type ProbeTarget = 'read' | 'write';

export interface ProbeAttack extends Attack {
  /** Which of the user's endpoints it aims at. */
  target: ProbeTarget;
}

export interface ProbeAttackInput {
  read: Endpoint;
  write: Endpoint;
  /** The --write-body, as JSON. */
  writeBody: Record<string, unknown>;
}

/** Header values a script sets besides Content-Type (the catalog names only the header). */
const EXTRA_HEADER_VALUES: Record<string, string> = { 'x-requested-with': 'XMLHttpRequest' };

/**
 * A form (and `URLSearchParams`) carries only flat string fields. Nested values are flattened
 * one level in the bracket style Express's `qs` and PHP read back (`meta[a]=1`, `tags[0]=x`);
 * anything deeper is sent as its JSON text. `flattened` names the fields that were nested.
 */
export function flattenForForm(body: Record<string, unknown>): { fields: Record<string, string>; flattened: string[] } {
  const fields: Record<string, string> = {};
  const flattened: string[] = [];
  const scalar = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && typeof value === 'object') {
      flattened.push(key);
      for (const [inner, v] of Object.entries(value)) fields[`${key}[${inner}]`] = scalar(v);
    } else {
      fields[key] = scalar(value);
    }
  }
  return { fields, flattened };
}

function urlExpression(path: string): string {
  return `api + '${path}${path.includes('?') ? '&' : '?'}probe=' + probe`;
}

/** The body expression for a content type, and whether the script must set Content-Type itself. */
function bodyExpression(request: AttackRequest, input: ProbeAttackInput): { body: string | null; comment: string; setsContentType: boolean } {
  if (request.contentType === null) return { body: null, comment: '', setsContentType: false };
  const json = JSON.stringify(input.writeBody);
  switch (mediaTypeEssence(request.contentType)) {
    case 'application/x-www-form-urlencoded': {
      const { fields, flattened } = flattenForForm(input.writeBody);
      return {
        body: `new URLSearchParams(${JSON.stringify(fields)})`,
        comment: flattened.length > 0 ? ' // --write-body flattened one level' : '',
        setsContentType: false,
      };
    }
    case 'text/plain':
      return { body: `JSON.stringify(${json})`, comment: ' // a string body is sent as text/plain', setsContentType: false };
    default:
      return { body: `JSON.stringify(${json})`, comment: '', setsContentType: true };
  }
}

function fetchCode(request: AttackRequest, path: string, input: ProbeAttackInput): string {
  const { body, comment, setsContentType } = bodyExpression(request, input);
  const headers = [
    ...(setsContentType ? [`'Content-Type': '${request.contentType}'`] : []),
    ...request.extraHeaders.map(
      (h) => `'${h.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}': '${EXTRA_HEADER_VALUES[h] ?? 'cors-lab'}'`,
    ),
  ];
  const options = [
    ...(request.method !== 'GET' ? [`method: '${request.method}',`] : []),
    ...(request.mode === 'no-cors' ? ["mode: 'no-cors',"] : []),
    ...(request.credentials === 'include' ? ["credentials: 'include',"] : []),
    ...(headers.length > 0 ? [`headers: { ${headers.join(', ')} },`] : []),
    ...(body !== null ? [`body: ${body},${comment}`] : []),
  ];
  if (options.length === 0) return `async ({ bank: api, probe }) => {\n  return fetch(${urlExpression(path)});\n}`;
  return `async ({ bank: api, probe }) => {\n  return fetch(${urlExpression(path)}, {\n${options.map((o) => `    ${o}`).join('\n')}\n  });\n}`;
}

function xhrCode(request: AttackRequest, path: string): string {
  return [
    'async ({ bank: api, probe }) => {',
    '  const xhr = new XMLHttpRequest();',
    `  xhr.open('${request.method}', ${urlExpression(path)});`,
    ...(request.credentials === 'include' ? ['  xhr.withCredentials = true;'] : []),
    '  xhr.send();',
    '  await new Promise((done) => { xhr.onloadend = done; });',
    '  return xhr;',
    '}',
  ].join('\n');
}

function formCode(request: AttackRequest, path: string, input: ProbeAttackInput): string {
  const { fields } = flattenForForm(input.writeBody);
  return `async ({ bank: api, probe }) => {
  // The form opens in another tab of the victim's, so this page stays to report.
  const tab = window.open('', '${NAVIGATION_WINDOW}');
  const form = document.createElement('form');
  form.method = '${request.method}';
  form.action = ${urlExpression(path)};
  form.target = '${NAVIGATION_WINDOW}';
  // --write-body, flattened one level: a form carries flat string fields only.
  for (const [name, value] of Object.entries(${JSON.stringify(fields)})) {
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
}`;
}

function codeOf(request: AttackRequest, path: string, input: ProbeAttackInput): string {
  switch (request.api) {
    case 'fetch':
      return fetchCode(request, path, input);
    case 'xhr':
      return xhrCode(request, path);
    case 'form':
      return formCode(request, path, input);
    case 'window-open':
      return `async ({ bank: api, probe }) => {\n  // As a link with target="${NAVIGATION_WINDOW}" would: a top-level navigation in another tab.\n  return window.open(${urlExpression(path)}, '${NAVIGATION_WINDOW}');\n}`;
    case 'img':
      return `async ({ bank: api, probe }) => {\n  const img = new Image();\n  img.src = ${urlExpression(path)};\n  await new Promise((done) => { img.onload = img.onerror = done; });\n  return img;\n}`;
    default:
      throw new Error(`no probe code for ${request.api} attacks`);
  }
}

/**
 * The kinds of request a probe re-aims: HTTP requests to --read and --write. Others (a
 * WebSocket, say) would need an endpoint of their own kind, which the probe doesn't ask for.
 */
const PROBED_APIS: readonly string[] = ['fetch', 'xhr', 'img', 'window-open', 'form'];

/** Every catalog attack, aimed at the user's --read or --write endpoint. */
export function probeAttacks(input: ProbeAttackInput): ProbeAttack[] {
  return attacks
    .filter((attack) => PROBED_APIS.includes(attack.request.api))
    .map((attack) => {
      const target: ProbeTarget = attack.request.endpoint === 'transfer' ? 'write' : 'read';
      const path = (target === 'read' ? input.read : input.write).path;
      const request: AttackRequest = { ...attack.request, path };
      return { ...attack, target, request, code: codeOf(request, path, input) };
    });
}
