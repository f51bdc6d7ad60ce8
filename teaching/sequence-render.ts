// How a cell's sequence (teaching/sequence.ts) reads: as lines for a terminal, and as Mermaid
// `sequenceDiagram` source for a page. Both say each event in the same words; a predicted
// event is marked so, and one whose observation differs from the prediction shows both.
import { cookieVariant, type CookieVariantId } from '../catalog/index.js';
import type { Step } from '../rules/types.js';
import type { Answer, BankDeed, Call, CookieMark, Lane, Read, Sequence, SequenceEvent, SocketAnswer } from './sequence.js';

/** Words for a server that is not the lab's bank (`cors-lab probe`'s API): its lane's name, and what its deeds are called. */
export interface SequenceWords {
  bank?: string;
  deeds?: Partial<Record<BankDeed, string>>;
}

const laneName = (lane: Lane, names: SequenceWords) => (lane === 'bank' ? (names.bank ?? 'bank') : lane);

const HEADER_NAMES: Record<string, string> = {
  'access-control-allow-origin': 'Access-Control-Allow-Origin',
  'access-control-allow-credentials': 'Access-Control-Allow-Credentials',
  'access-control-allow-methods': 'Access-Control-Allow-Methods',
  'access-control-allow-headers': 'Access-Control-Allow-Headers',
};

function callWords(c: Call): string {
  const type = c.contentType ? `, Content-Type: ${c.contentType}` : '';
  switch (c.api) {
    case 'fetch':
      return `fetch ${c.method} ${c.path} (mode: ${c.mode}, credentials: ${c.credentials}${type})`;
    case 'xhr':
      return `XMLHttpRequest ${c.method} ${c.path} (withCredentials: ${c.credentials === 'include'})`;
    case 'form':
      return `form ${c.method} ${c.path} submitted into another tab (a top-level navigation${type})`;
    case 'window-open':
      return `window.open ${c.path} (a top-level ${c.method} navigation)`;
    case 'img':
      return `<img src="${c.path}"> (a no-cors ${c.method})`;
    case 'websocket':
      return `new WebSocket(ws://…${c.path})`;
  }
}

function deedWords(did: BankDeed, refusedBy: string | null, names: SequenceWords): string {
  const own = names.deeds?.[did];
  if (own) return own;
  if (did === 'refused') return `refused by ${refusedBy}`;
  if (did === 'sent private data') return 'sent the victim’s account';
  return did === 'nothing' ? 'nothing done' : did;
}

function answerWords(a: Answer, names: SequenceWords): string {
  if (a.status === null) return 'no answer';
  return `${a.status}, ${a.victim ? 'as the victim' : 'as a stranger'}: ${deedWords(a.did, a.refusedBy, names)}`;
}

const READ_WORDS: Record<Read, string> = {
  'handed over': 'the answer is handed to the script',
  opaque: 'an opaque response: status 0, no headers, no body',
  withheld: 'the answer is withheld from the script',
};

/** The arrow's words for one event's value (observed or predicted); `call` is the script's, which names the path. */
function words(e: SequenceEvent, what: SequenceEvent['what'], call: Call, names: SequenceWords): string {
  switch (e.kind) {
    case 'call':
      return callWords(what as Call);
    case 'preflight': {
      const w = what as typeof e.what;
      return w.sent ? `preflight OPTIONS ${call.path} (asks for ${w.requestMethod})` : 'no preflight';
    }
    case 'preflight-answer': {
      const w = what as typeof e.what;
      return w.status === null ? 'no answer to a preflight' : `${w.status} to the preflight: ${w.passed ? 'it passes' : 'it fails'}`;
    }
    case 'request': {
      const w = what as typeof e.what;
      const request = `${call.api === 'websocket' ? 'WebSocket handshake ' : ''}${w.method} ${call.path}`;
      return w.sent ? request : `${request}: never sent`;
    }
    case 'answer':
      return answerWords(what as Answer, names);
    case 'verdict': {
      const read = (what as typeof e.what).read;
      if (call.api !== 'websocket') return READ_WORDS[read];
      return read === 'handed over' ? 'the socket is open: every message goes to the script' : 'the socket closes: the script sees no answer';
    }
    case 'message': {
      const type = (what as typeof e.what).type;
      return type === null ? 'no message' : `socket message { type: ${type} }`;
    }
    case 'message-answer': {
      const answer = what as SocketAnswer;
      return deedWords(answer.did, answer.refusedBy, names);
    }
  }
}

/** The fields of an event that differ, as `observed …, predicted …`. */
function differenceWords(e: SequenceEvent): string | null {
  if (!e.differs || e.predicted === undefined) return null;
  const observed = e.what as Record<string, unknown>;
  const predicted = e.predicted as Record<string, unknown>;
  const keys = Object.keys(observed).filter((k) => JSON.stringify(observed[k]) !== JSON.stringify(predicted[k]));
  // Cookies by name: one variant's id is `none`, which would read as "no cookie".
  const named = (k: string, v: unknown[]) => (k === 'cookies' ? v.map((id) => cookieVariant(id as CookieVariantId).cookieName) : v);
  const show = (k: string, v: unknown) => (Array.isArray(v) ? (v.length ? named(k, v).join(', ') : 'none') : v === null ? 'none' : String(v));
  const side = (values: Record<string, unknown>) => keys.map((k) => `${k} ${show(k, values[k])}`).join(', ');
  return `observed ${side(observed)}; predicted ${side(predicted)}`;
}

/** The header lines under an arrow. */
function detailLines(e: SequenceEvent): string[] {
  if (e.kind === 'preflight' && e.what.sent) {
    const w = e.what;
    return [
      `Origin: ${w.origin ?? '(none)'}`,
      `Access-Control-Request-Method: ${w.requestMethod}`,
      ...(w.requestHeaders.length ? [`Access-Control-Request-Headers: ${w.requestHeaders.join(', ')}`] : []),
    ];
  }
  if (e.kind === 'preflight-answer' || e.kind === 'answer') {
    const allow = Object.entries(e.what.allow).map(([k, v]) => `${HEADER_NAMES[k] ?? k}: ${v}`);
    return e.what.status === null ? [] : allow.length ? allow : ['no Access-Control-Allow-* header'];
  }
  if (e.kind === 'request' && e.what.sent) {
    const w = e.what;
    const metadata =
      w.secFetchSite === null ? ['no Sec-Fetch-* headers'] : [`Sec-Fetch-Site: ${w.secFetchSite}, -Mode: ${w.secFetchMode}, -Dest: ${w.secFetchDest}`];
    return [...(w.contentType ? [`Content-Type: ${w.contentType}`] : []), `Origin: ${w.origin ?? '(none)'}`, ...metadata];
  }
  return [];
}

function cookieWords(c: CookieMark): string {
  const said = (rode: boolean) => (rode ? 'rode along' : 'stayed home');
  const mark = c.differs ? ` [differs: observed ${said(c.rode)}, predicted ${said(c.predicted!)}]` : c.source === 'predicted' ? ' [predicted]' : '';
  return `cookie ${c.cookieName}: ${said(c.rode)}${mark}`;
}

/** A request's cookie lines, each with the rules' reason under it if asked; one line for a request never sent. */
function cookieLines(e: SequenceEvent, reasons: boolean): string[] {
  if (e.kind !== 'request') return [];
  if (!e.what.sent && !e.cookies.some((c) => c.differs)) return ['no cookie goes anywhere: the request was never sent'];
  return e.cookies.flatMap((c) => [cookieWords(c), ...(reasons && c.reason ? [`  ${why(c.reason)}`] : [])]);
}

/** Who enforces a step, in words (rules/types.ts `Step`). */
const enforcedBy: Record<Step['enforcer'], string> = {
  browser: 'the browser',
  server: 'the server',
  'cookie policy': 'the cookie policy',
  'local network access': 'the browser’s Local Network Access check',
};

const why = (s: Step) => `why [predicted]: ${s.says} (${s.rule}; enforced by ${enforcedBy[s.enforcer]})`;

function mark(e: SequenceEvent): string {
  const differs = differenceWords(e);
  if (differs) return ` [differs: ${differs}]`;
  return e.source === 'predicted' ? ' [predicted]' : '';
}

/** The script's call: every sequence opens with it. */
function callOf(s: Sequence): Call {
  const first = s.events[0];
  if (first?.kind !== 'call') throw new Error('a sequence opens with the script’s call');
  return first.what;
}

/** The sequence as terminal lines: one numbered arrow per event, its headers, cookies and reasons indented under it. */
export function sequenceText(s: Sequence, names: SequenceWords = {}): string {
  const lines = [`lanes: page ${s.lanes.page} · browser ${s.lanes.browser} · ${laneName('bank', names)} ${s.lanes.bank}`];
  const call = callOf(s);
  s.events.forEach((e, i) => {
    const from = laneName(e.from, names);
    const arrow = e.kind === 'preflight' && !e.what.sent ? from : `${from} → ${laneName(e.to, names)}`;
    lines.push(`${String(i + 1).padStart(2)}. ${arrow}: ${words(e, e.what, call, names)}${mark(e)}`);
    const indent = '      ';
    for (const line of detailLines(e)) lines.push(indent + line);
    for (const line of cookieLines(e, true)) lines.push(indent + line);
    for (const step of e.because) lines.push(indent + why(step));
  });
  return lines.join('\n');
}

/**
 * Text Mermaid reads literally: `#` opens an entity code and `;` ends a statement in a
 * sequenceDiagram, `%%` a comment, and `<`/`>` would be taken for HTML; each is written as its
 * entity code (`#35;` …), and a line break as `<br/>`.
 */
export function mermaidText(text: string): string {
  return text.replace(/[#;%<>]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\r?\n/g, '<br/>');
}

/**
 * The sequence as Mermaid `sequenceDiagram` source: requests as solid arrows, answers dashed, a
 * difference inside a red `rect`. Arrows and header notes keep their lines; a note of prose (a
 * rule's reason, a difference) says `wrap:`, so that Mermaid wraps it to the lanes it spans.
 */
export function sequenceMermaid(s: Sequence, names: SequenceWords = {}): string {
  const out = ['sequenceDiagram'];
  const call = callOf(s);
  for (const lane of ['page', 'browser', 'bank'] as const) out.push(`  participant ${lane} as ${mermaidText(`${laneName(lane, names)}: ${s.lanes[lane]}`)}`);
  const note = (over: string, lines: string[], prose = false) => {
    if (lines.length) out.push(`  Note over ${over}: ${prose ? 'wrap:' : ''}${lines.map(mermaidText).join('<br/>')}`);
  };
  for (const e of s.events) {
    const differs = differenceWords(e);
    const cookiesDiffer = e.kind === 'request' && e.cookies.some((c) => c.differs);
    if (differs || cookiesDiffer) out.push('  rect rgb(255, 221, 221)');
    const label = `${words(e, e.what, call, names)}${e.source === 'predicted' ? ' [predicted]' : ''}`;
    const drawn = !((e.kind === 'preflight' || e.kind === 'request') && !e.what.sent);
    if (drawn) {
      const answer = e.kind.endsWith('answer') || e.kind === 'verdict';
      out.push(`  ${e.from}${answer ? '-->>' : '->>'}${e.to}: ${mermaidText(label)}`);
    } else {
      note(e.kind === 'preflight' ? 'browser' : 'browser,bank', [label]);
    }
    const details = [...detailLines(e), ...cookieLines(e, false)];
    note(`${e.from},${e.to}`, details);
    if (e.kind === 'verdict' || e.kind === 'preflight-answer')
      note(
        'browser',
        e.because.map((b) => `${b.says} (${b.rule}) [predicted]`),
        true,
      );
    if (differs) note(`${e.from},${e.to}`, [`differs: ${differs}`], true);
    if (differs || cookiesDiffer) out.push('  end');
  }
  return out.join('\n');
}
