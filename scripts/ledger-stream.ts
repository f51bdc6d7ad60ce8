// Reads the bank's live ledger (/lab/ledger/stream, Server-Sent Events) from Node, as the
// bank's own page does with EventSource. Used by the load bench and the server tests.

export interface LedgerStreamOptions {
  /** Sent as Last-Event-ID, as a reconnecting EventSource does: the stream resumes after it. */
  lastEventId?: string;
}

/**
 * Opens the stream (with `cookie`, as a learner; without, as the trainer) and passes each
 * entry on, with the event's id. Events are parsed as the HTML standard's event-stream
 * format (§9.2.6): `field: value` lines, a blank line ends an event, `:` starts a comment.
 */
export async function openLedgerStream<T>(
  baseUrl: string,
  cookie: string | undefined,
  onEntry: (entry: T, id: string | undefined) => void,
  options: LedgerStreamOptions = {},
) {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (cookie) headers.cookie = cookie;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const res = await fetch(`${baseUrl}/lab/ledger/stream`, { headers, signal: controller.signal });
  if (!res.ok) throw new Error(`the live ledger answered ${res.status}: ${await res.text()}`);
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | undefined;
          const data: string[] = [];
          for (const line of event.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) onEntry(JSON.parse(data.join('\n')) as T, id);
        }
      }
    } catch {
      // closed by `close`
    }
  })();
  /** Stops reading; resolves once the reader has let go. */
  return async () => {
    controller.abort();
    await reading;
  };
}
