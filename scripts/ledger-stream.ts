// Reads the bank's live ledger (/lab/ledger/stream, Server-Sent Events) from Node, as the
// bank's own page does with EventSource. Used by the load bench and the server tests.

/** Opens the stream (with `cookie`, as a learner; without, as the trainer) and passes each entry on. */
export async function openLedgerStream<T>(baseUrl: string, cookie: string | undefined, onEntry: (entry: T) => void) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/lab/ledger/stream`, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith('data: ')) onEntry(JSON.parse(event.slice(6)) as T);
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
