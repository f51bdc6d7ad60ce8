// GET /lab/ledger/stream: the ledger, live, as Server-Sent Events (@fastify/sse), one event
// per request the bank answers, each with `id: <seq>`. An EventSource that loses the stream
// reconnects by itself and sends the last id it saw as Last-Event-ID (HTML §9.2.4); the
// stream then first replays what that viewer missed, from the ledger, and goes on live.
import type { FastifyPluginAsync } from 'fastify';
import type { LedgerEntry } from '../../../catalog/index.js';
import { PREVIEW_PROBE } from './control-page.js';

/** A live-ledger client that falls this far behind is cut off (EventSource reconnects). */
export const STREAM_BACKLOG_BYTES = 1024 * 1024;

interface LedgerEvent {
  id: string;
  /** The entry as JSON, written as is: the route's serializer is the identity. */
  data: string;
}

// Every open stream is sent the same entry at once: serialize it once, not once per stream.
let lastSent: { entry: LedgerEntry; event: LedgerEvent } | undefined;
function eventOf(entry: LedgerEntry): LedgerEvent {
  if (lastSent?.entry !== entry) lastSent = { entry, event: { id: String(entry.seq), data: JSON.stringify(entry) } };
  return lastSent.event;
}

/**
 * Which entries a live ledger carries. A learner (the stream's request carries a session)
 * sees their own requests, and requests that authenticated nobody: the bank can't tell whose
 * browser sent a request without a valid session cookie, and seeing "a stranger, 401" is
 * the lesson when an attack arrives without cookies. Other learners' requests never show.
 * The trainer's view (no session) carries everyone's. The lab page's own asks never show.
 */
function visibleTo(viewer: string | null) {
  return (entry: LedgerEntry) => entry.probe !== PREVIEW_PROBE && (viewer === null || entry.user === null || entry.user === viewer);
}

/** The sequence number in a Last-Event-ID header, or undefined when there is none to resume from. */
function resumeAfter(lastEventId: string | null): number | undefined {
  return lastEventId !== null && /^[0-9]{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
}

const ledgerStream: FastifyPluginAsync = async (app) => {
  // `only`: the route serves nothing but events (a client that refuses text/event-stream gets
  // 406). No heartbeat here would be needed on loopback, but a shared lab may sit behind a proxy.
  app.get('/ledger/stream', { sse: { kind: 'only', serializer: (data: string) => data } }, async (req, reply) => {
    const sse = reply.sse;
    sse.keepAlive();
    sse.sendHeaders();
    // A comment (HTML §9.2.6): sends the headers now, so the EventSource opens at once.
    reply.raw.write(': the bank ledger, live\n\n');

    const visible = visibleTo(req.user);
    // What the viewer missed, taken in the same tick as the subscription: no entry is lost
    // between the two, and none comes twice.
    const after = resumeAfter(sse.lastEventId);
    const missed = after === undefined ? [] : app.lab.ledger.query({ afterSeq: after }).filter(visible);
    const queue: LedgerEvent[] = [];
    let queuedBytes = 0;
    const unsubscribe = app.lab.ledger.subscribe((entry) => {
      if (!visible(entry)) return;
      const event = eventOf(entry);
      queue.push(event);
      queuedBytes += event.data.length;
      // A reader that stopped reading would otherwise hold the whole ledger in memory.
      if (queuedBytes + reply.raw.writableLength > STREAM_BACKLOG_BYTES) {
        unsubscribe();
        reply.raw.destroy();
        return;
      }
      void drain();
    });
    sse.onClose(unsubscribe);

    // One send at a time, each awaiting the socket (send resolves on 'drain' when the socket's
    // buffer is full), so a slow reader's backlog is counted here rather than piled on the socket.
    let draining = false;
    async function drain() {
      if (draining) return;
      draining = true;
      try {
        for (const entry of missed.splice(0)) {
          if (!sse.isConnected) return;
          await sse.send({ id: String(entry.seq), data: JSON.stringify(entry) });
        }
        for (let event = queue.shift(); event && sse.isConnected; event = queue.shift()) {
          queuedBytes -= event.data.length;
          await sse.send(event);
        }
      } catch {
        // The stream closed while an event was on its way: nothing is left to send it to.
      } finally {
        draining = false;
      }
    }
    void drain();
  });
};

export default ledgerStream;
