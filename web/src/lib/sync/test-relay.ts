/**
 * A minimal in-memory relay speaking the shared protocol, for unit tests of the
 * device side: an append-only log with the cursor as a position in it, and a
 * per-document refusal switch. Not the real relay: no access rules, no paging.
 */
import * as Y from 'yjs';
import {
  AckCode,
  decodeRequest,
  encodeResponse,
  type Ack,
  type Change,
  type Transport,
} from '@opora/shared';

/** The in-memory relay. */
export class TestRelay {
  readonly log: Change[] = [];
  readonly refuse = new Map<string, AckCode>();
  requests = 0;

  /** Handles one request frame. */
  handle(body: Uint8Array): Uint8Array {
    this.requests++;
    const req = decodeRequest(body);
    const acks: Ack[] = [];
    for (const push of req.pushes) {
      const code = this.refuse.get(push.docId) ?? AckCode.ok;
      if (code === AckCode.ok) this.log.push({ docId: push.docId, update: push.update });
      acks.push({ docId: push.docId, code, message: code === AckCode.ok ? '' : 'refused' });
    }
    const from = req.cursor === '' ? 0 : Number(req.cursor);
    const byDoc = new Map<string, Uint8Array[]>();
    for (const c of this.log.slice(from))
      byDoc.set(c.docId, [...(byDoc.get(c.docId) ?? []), c.update]);
    const changes = [...byDoc].map(([docId, us]) => ({ docId, update: Y.mergeUpdates(us) }));
    return encodeResponse({
      acks,
      changes,
      cursor: String(this.log.length),
      more: false,
      historyLost: false,
    });
  }

  /** A transport straight to this relay. */
  transport(): Transport {
    return async (body) => this.handle(body);
  }

  /** The relay's merged state of one document. */
  state(docId: string): Y.Doc {
    const doc = new Y.Doc();
    for (const c of this.log) if (c.docId === docId) Y.applyUpdate(doc, c.update);
    return doc;
  }
}
