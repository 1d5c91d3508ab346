import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { initDocMeta } from '../documents/layout.ts';
import {
  MAX_TRANSFER_FILE_BYTES,
  TRANSFER_HEADER_BYTES,
  TransferError,
  encodeTransferFile,
  encodeTransferPayload,
  readTransferFile,
  sealTransferPayload,
  sha256,
  type ByteStreamReader,
  type TransferDraft,
  type TransferInput,
} from './format.ts';
import { TRANSFER_FILE_ERRORS } from './messages.ts';
import { importTransfer } from './exchange.ts';
import { MemoryTransferStore } from './memory-store.ts';

const DOC = 'school:s1:questionnaire:risk:2026-entry';

function draft(): TransferDraft {
  const doc = new Y.Doc();
  initDocMeta(doc, 'questionnaire');
  for (let i = 0; i < 50; i++) doc.getMap('answers').set(`q${i}`, `ответ ${i}`);
  const update = Y.encodeStateAsUpdate(doc);
  return {
    createdAt: 1_773_000_000_000,
    sender: { userId: 'u1', userName: 'Мария Ивановна', deviceId: 'd1' },
    note: 'визит',
    documents: [
      {
        docId: DOC,
        base: 'full',
        baseVector: new Uint8Array(0),
        stateVector: Y.encodeStateVector(doc),
        update,
        pending: null,
      },
    ],
  };
}

async function refusal(input: TransferInput | Uint8Array): Promise<TransferError> {
  const e: unknown = await readTransferFile(input).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TransferError);
  return e as TransferError;
}

/** The platform's Blob, typed as the input it is (shared/ compiles without the DOM library). */
const { Blob } = globalThis as unknown as { Blob: new (parts: Uint8Array[]) => TransferInput };

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Writes the body's hash into a tampered file, as a forger would. */
async function reseal(file: Uint8Array): Promise<Uint8Array> {
  const out = file.slice();
  out.set(await sha256(file.subarray(TRANSFER_HEADER_BYTES)), 20);
  return out;
}

/** Seals a hand-made payload into a file with a correct header and hash, as a forger would. */
const seal = sealTransferPayload;

interface ForgedDoc {
  docId: string;
  updateBytes: number;
  record: Uint8Array;
}

/** A payload whose manifest says what `docs` claim, with `total` as the announced sum. */
function forgedPayload(docs: ForgedDoc[], total?: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1_773_000_000_000);
  for (const s of ['u1', 'Мария', 'd1', '']) encoding.writeVarString(e, s);
  encoding.writeVarUint(e, docs.length);
  for (const d of docs) {
    encoding.writeVarString(e, d.docId);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array(0));
    encoding.writeVarUint8Array(e, new Uint8Array(0));
    encoding.writeVarUint(e, d.updateBytes);
    encoding.writeVarUint(e, 0);
  }
  encoding.writeVarUint(e, total ?? docs.reduce((s, d) => s + d.updateBytes, 0));
  for (const d of docs) {
    encoding.writeVarUint8Array(e, d.record);
    encoding.writeVarUint8Array(e, new Uint8Array(0));
  }
  return encoding.toUint8Array(e);
}

/** A stream-only input of the given reported size whose reader yields `chunks` (or forever). */
function fakeInput(
  size: number,
  chunk: Uint8Array | null,
  opened: { count: number },
): TransferInput {
  return {
    size,
    stream: () => {
      opened.count++;
      const reader: ByteStreamReader = {
        read: () =>
          Promise.resolve(chunk ? { done: false, value: chunk } : { done: true, value: undefined }),
        cancel: () => Promise.resolve(),
      };
      return { getReader: () => reader };
    },
  };
}

describe('transfer file', () => {
  it('seals exactly what encodeTransferFile makes', async () => {
    const d = draft();
    expect(await sealTransferPayload(encodeTransferPayload(d))).toEqual(
      await encodeTransferFile(d),
    );
  });

  it('round-trips a draft through a Blob, compressed and sealed', async () => {
    const d = draft();
    const file = await encodeTransferFile(d);
    const raw = d.documents[0]!.update.length;
    expect(file.length).toBeLessThan(raw + TRANSFER_HEADER_BYTES);
    const read = await readTransferFile(new Blob([file]));
    expect(read.manifest.sender).toEqual(d.sender);
    expect(read.manifest.documents.map((e) => [e.docId, e.base, e.updateBytes])).toEqual([
      [DOC, 'full', raw],
    ]);
    expect(read.records[0]!.update).toEqual(d.documents[0]!.update);
    expect(read.records[0]!.pending).toBeNull();
  });

  it('refuses truncated files at every length', async () => {
    const file = await encodeTransferFile(draft());
    for (const len of [1, 7, 8, 30, TRANSFER_HEADER_BYTES, file.length - 1]) {
      const e = await refusal(file.subarray(0, len));
      expect(e.code, `length ${len}`).toBe('truncated');
      expect(e.message).toBe(TRANSFER_FILE_ERRORS.truncated);
    }
  });

  it('refuses random bytes, an empty file, another version, and a flipped bit', async () => {
    let seed = 7;
    const random = new Uint8Array(4096).map(
      () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
    );
    expect((await refusal(random)).code).toBe('notTransferFile');
    expect((await refusal(new Uint8Array(0))).code).toBe('empty');
    expect((await refusal(ascii('{"docs": []}'))).code).toBe('notTransferFile');

    const file = await encodeTransferFile(draft());
    const v2 = file.slice();
    v2[8] = 2;
    expect((await refusal(v2)).code).toBe('unsupportedVersion');
    const flipped = file.slice();
    flipped[file.length - 5]! ^= 0x10;
    const e = await refusal(flipped);
    expect(e.code).toBe('corrupted');
    expect(e.message).toMatch(/контрольная сумма/);
    const junk = new Uint8Array(file.length + 3);
    junk.set(file);
    expect((await refusal(junk)).code).toBe('malformed');
  });

  it('refuses a forged manifest even with a recomputed hash', async () => {
    // The forger edits the body (here: garbage body), recomputes the hash: counts no longer match.
    const file = await encodeTransferFile(draft());
    const garbage = file.slice();
    for (let i = TRANSFER_HEADER_BYTES; i < garbage.length; i++) garbage[i] = (i * 31) & 0xff;
    expect((await refusal(await reseal(garbage))).code).toBe('malformed');

    const update = draft().documents[0]!.update;
    const ok: ForgedDoc = { docId: DOC, updateBytes: update.length, record: update };
    // Sanity: the hand-made file is accepted when it tells the truth.
    expect((await readTransferFile(await seal(forgedPayload([ok])))).records).toHaveLength(1);
    const forgeries: [string, Uint8Array][] = [
      ['count too small', forgedPayload([{ ...ok, updateBytes: update.length - 1 }])],
      ['count too large', forgedPayload([{ ...ok, updateBytes: update.length + 1 }])],
      ['total differs', forgedPayload([ok], update.length + 5)],
      ['listed twice', forgedPayload([ok, ok])],
      ['record missing', forgedPayload([ok]).subarray(0, 40)],
    ];
    for (const [what, payload] of forgeries) {
      const e = await refusal(await seal(payload));
      expect(e.code, what).toBe('malformed');
      expect(e.message).toBe(TRANSFER_FILE_ERRORS.malformed);
    }

    // A valid compressed body whose header announces more bytes than the records hold.
    const lying = draft();
    const real = await encodeTransferFile(lying);
    const view = new DataView(real.buffer);
    view.setUint32(16, view.getUint32(16, true) + 10, true); // payload length +10
    expect((await refusal(real)).code).toBe('malformed');
  });

  it('refuses a 200 MB file by its size without reading it', async () => {
    const opened = { count: 0 };
    const huge = fakeInput(200 * 1024 * 1024, new Uint8Array(1), opened);
    const e = await refusal(huge);
    expect(e.code).toBe('tooLarge');
    expect(e.message).toBe(TRANSFER_FILE_ERRORS.tooLarge);
    expect(opened.count).toBe(0);
  });

  it('stops reading a stream that yields more than it claimed', async () => {
    // Claims 1 KiB, then streams 1 MiB chunks forever: refused once it passes the limit.
    const opened = { count: 0 };
    const chunk = new Uint8Array(1024 * 1024);
    const started = Date.now();
    const e = await refusal(fakeInput(1024, chunk, opened));
    expect(e.code).toBe('tooLarge');
    expect(opened.count).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(MAX_TRANSFER_FILE_BYTES).toBe(100 * 1024 * 1024);
  });

  it('changes nothing on the device when a file is refused', async () => {
    const device = new MemoryTransferStore();
    device.localDoc(DOC).getMap('answers').set('q1', 'да');
    const before = Y.encodeStateAsUpdate(device.doc(DOC));
    const outbox = device.outbox.length;
    const file = await encodeTransferFile(draft());
    for (const bad of [
      file.subarray(0, file.length - 1),
      await reseal(file.map((b, i) => (i > 60 ? b ^ 1 : b))),
    ]) {
      await expect(importTransfer(bad, device)).rejects.toBeInstanceOf(TransferError);
    }
    await expect(
      importTransfer(fakeInput(200 * 1024 * 1024, null, { count: 0 }), device),
    ).rejects.toMatchObject({ code: 'tooLarge' });
    expect(Y.encodeStateAsUpdate(device.doc(DOC))).toEqual(before);
    expect(device.outbox.length).toBe(outbox);
  });
});
