import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildPushes, syncOnce, type OutboxEntry, type SyncStore } from './client.ts';
import {
  AckCode,
  decodeRequest,
  encodeResponse,
  type Change,
  type SyncRequest,
  type SyncResponse,
} from './protocol.ts';

function update(key: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('answers').set(key, key);
  return Y.encodeStateAsUpdate(d);
}

/** A page of one change, `d<n>`, with cursor `c<n>`. */
function page(n: number, more: boolean): SyncResponse {
  return {
    acks: [],
    changes: [{ docId: `d${n}`, update: update(`d${n}`) }],
    cursor: `c${n}`,
    more,
    historyLost: false,
  };
}

/** A store that records the order of calls. */
class RecordingStore implements SyncStore {
  calls: string[] = [];
  cursor = '';
  outbox: (OutboxEntry & { refused?: AckCode })[] = [];
  applied: Change[] = [];
  async loadCursor() {
    return this.cursor;
  }
  async pendingUpdates() {
    return this.outbox.filter((e) => e.refused === undefined);
  }
  async applyChanges(changes: Change[], cursor: string) {
    this.calls.push(`apply:${changes.length}:${cursor}`);
    this.applied.push(...changes);
    this.cursor = cursor;
  }
  async acknowledge(ids: number[]) {
    this.calls.push(`ack:${ids.join(',')}`);
    this.outbox = this.outbox.filter((e) => !ids.includes(e.id));
  }
  async refuse(ids: number[], _docId: string, code: AckCode) {
    this.calls.push(`refuse:${ids.join(',')}`);
    for (const e of this.outbox) if (ids.includes(e.id)) e.refused = code;
  }
  async requeueAll() {
    this.calls.push('requeue');
  }
}

describe('buildPushes', () => {
  it('merges entries per document and cuts at the byte budget', () => {
    const entries: OutboxEntry[] = [
      { id: 1, docId: 'a', update: update('x') },
      { id: 2, docId: 'b', update: update('y') },
      { id: 3, docId: 'a', update: update('z') },
    ];
    const all = buildPushes(entries, 1 << 20);
    expect(all.pushes.map((p) => p.docId)).toEqual(['a', 'b']);
    expect(all.ids.get('a')).toEqual([1, 3]);
    expect(all.rest).toBe(false);
    const merged = new Y.Doc();
    Y.applyUpdate(merged, all.pushes[0]!.update);
    expect(merged.getMap('answers').toJSON()).toEqual({ x: 'x', z: 'z' });

    const cut = buildPushes(entries, 1);
    expect(cut.pushes.map((p) => p.docId)).toEqual(['a']);
    expect(cut.rest).toBe(true);
  });
});

describe('syncOnce', () => {
  it('acknowledges, refuses, pages, and saves the cursor only with the changes', async () => {
    const store = new RecordingStore();
    store.outbox = [
      { id: 1, docId: 'ok-doc', update: update('a') },
      { id: 2, docId: 'bad-doc', update: update('b') },
    ];
    const seen: SyncRequest[] = [];
    const pages: SyncResponse[] = [
      {
        acks: [
          { docId: 'ok-doc', code: AckCode.ok, message: '' },
          { docId: 'bad-doc', code: AckCode.forbidden, message: 'forbidden' },
        ],
        changes: [{ docId: 'r1', update: update('r1') }],
        cursor: 'c1',
        more: true,
        historyLost: false,
      },
      {
        acks: [],
        changes: [{ docId: 'r2', update: update('r2') }],
        cursor: 'c2',
        more: false,
        historyLost: false,
      },
    ];
    const report = await syncOnce(store, async (body) => {
      seen.push(decodeRequest(body));
      return encodeResponse(pages[seen.length - 1]!);
    });
    expect(seen.map((r) => [r.cursor, r.pushes.map((p) => p.docId)])).toEqual([
      ['', ['ok-doc', 'bad-doc']],
      ['c1', []],
    ]);
    expect(store.calls).toEqual(['refuse:2', 'ack:1', 'apply:1:c1', 'apply:1:c2']);
    expect(store.outbox.map((e) => [e.id, e.refused])).toEqual([[2, AckCode.forbidden]]);
    expect(report).toMatchObject({ rounds: 2, acknowledged: 1, receivedChanges: 2 });
    expect(report.refused).toEqual([
      { docId: 'bad-doc', code: AckCode.forbidden, message: 'forbidden' },
    ]);
  });

  it('asks for larger pages while catching up, and reports each stored page', async () => {
    const store = new RecordingStore();
    const pages = [page(1, true), page(2, true), page(3, false), page(4, false)];
    const seen: SyncRequest[] = [];
    const progress: string[] = [];
    const transport = async (body: Uint8Array) => {
      seen.push(decodeRequest(body));
      return encodeResponse(pages[seen.length - 1]!);
    };
    const options = {
      maxBytes: 2048,
      catchUpBytes: 4096,
      onPage: (p: { received: number; more: boolean }) => {
        // Reported after the page is stored.
        progress.push(`${p.received}:${p.more}:${store.cursor}`);
      },
    };
    await syncOnce(store, transport, options);
    expect(seen.map((r) => r.maxBytes)).toEqual([2048, 4096, 4096]);
    expect(progress).toEqual(['1:true:c1', '2:true:c2', '3:false:c3']);
    // The next sync starts with the usual budget again.
    await syncOnce(store, transport, options);
    expect(seen.at(-1)?.maxBytes).toBe(2048);
  });

  it('prefetches the next page while storing one, and drops it when edits were queued meanwhile', async () => {
    const store = new RecordingStore();
    const relay = new Map([
      ['', page(1, true)],
      ['c1', page(2, true)],
      ['c2', page(3, false)],
    ]);
    const log: string[] = [];
    const apply = store.applyChanges.bind(store);
    store.applyChanges = async (changes, cursor) => {
      log.push(`store:${cursor}`);
      // A local edit made while the second page is stored.
      if (cursor === 'c2') store.outbox.push({ id: 9, docId: 'mine', update: update('m') });
      await apply(changes, cursor);
    };
    const report = await syncOnce(
      store,
      async (body) => {
        const req = decodeRequest(body);
        log.push(`send:${req.cursor}:${req.pushes.map((p) => p.docId).join(',')}`);
        return encodeResponse(relay.get(req.cursor)!);
      },
      { prefetch: true },
    );
    expect(log).toEqual([
      'send::',
      'send:c1:', // asked for before the first page is stored
      'store:c1',
      'send:c2:',
      'store:c2',
      // The prefetched pull had no pushes: sent again, with the edit.
      'send:c2:mine',
      'store:c3',
    ]);
    expect(store.applied.map((c) => c.docId)).toEqual(['d1', 'd2', 'd3']);
    expect(report.rounds).toBe(3);
  });

  it('keeps everything when the transport fails', async () => {
    const store = new RecordingStore();
    store.outbox = [{ id: 7, docId: 'd', update: update('a') }];
    await expect(
      syncOnce(store, async () => {
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(store.outbox.map((e) => e.id)).toEqual([7]);
    expect(store.calls).toEqual([]);
  });

  it('requeues the full state before saving the cursor when the relay lost history', async () => {
    const store = new RecordingStore();
    store.cursor = 'old';
    let n = 0;
    const report = await syncOnce(store, async () => {
      n++;
      return encodeResponse({
        acks: [],
        changes: [],
        cursor: `c${n}`,
        more: false,
        historyLost: n === 1,
      });
    });
    expect(store.calls).toEqual(['requeue', 'apply:0:c1', 'apply:0:c2']);
    expect(report.historyLost).toBe(true);
  });
});
