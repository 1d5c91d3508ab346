/**
 * The offline transfer file («Передать без интернета» / «Принять файл»): the
 * bytes on disk, and nothing about devices or storage (that is exchange.ts).
 *
 * Layout (all integers little-endian):
 *
 * ```
 * header, 52 bytes, not compressed
 *   8   magic            "OPORATX" 0x1a
 *   1   format version   = 1
 *   1   compression      = 1 (deflate-raw, RFC 1951)
 *   2   reserved         = 0
 *   4   bodyBytes        length of the compressed body that follows
 *   4   payloadBytes     length of the body once decompressed
 *   32  SHA-256          of the compressed body
 * body: deflate-raw(payload)
 * payload (lib0 encoding, as the sync frames):
 *   varUint formatVersion, varUint createdAt (epoch ms)
 *   varString userId, userName, deviceId, note
 *   varUint docCount
 *   docCount × manifest entry:
 *     varString docId, varUint base (0 full, 1 diff),
 *     varUint8Array baseVector (the receiver's state vector a diff was cut
 *                               against; empty for full),
 *     varUint8Array stateVector (the sender's, after export),
 *     varUint updateBytes, varUint pendingBytes
 *   varUint totalBytes (sum of every updateBytes and pendingBytes)
 *   docCount × record: varUint8Array update, varUint8Array pending
 * ```
 *
 * Why this way: the header is read before anything else, so a file that is not
 * ours, of another version, truncated or corrupted is refused before it is
 * decompressed; the hash covers the body, the manifest's counts cover the
 * records, and the declared payload length bounds decompression (no zip bomb).
 * Reading is capped by size before the file is read whole, so a 200 MB file is
 * refused at once. Compression and hashing use the web platform
 * (DecompressionStream, crypto.subtle), present in browsers and in Node 20, so
 * the same code runs in the app and in the tests.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MAX_DOC_ID_LENGTH } from '../documents/ids.ts';
import { TRANSFER_FILE_ERRORS } from './messages.ts';
import { MAX_TRANSFER_FILE_BYTES } from './limits.ts';

export { MAX_TRANSFER_FILE_BYTES, TRANSFER_FILE_EXTENSION, TRANSFER_MIME_TYPE } from './limits.ts';

/** Version of the file layout; a reader refuses any other. */
export const TRANSFER_FORMAT_VERSION = 1;

/** The first eight bytes of every transfer file. */
export const TRANSFER_MAGIC = new Uint8Array([0x4f, 0x50, 0x4f, 0x52, 0x41, 0x54, 0x58, 0x1a]);

/** Length of the fixed header. */
export const TRANSFER_HEADER_BYTES = 52;

/** Largest decompressed payload accepted. */
export const MAX_TRANSFER_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** Most documents in one file. */
export const MAX_TRANSFER_DOCS = 20_000;

const COMPRESSION_DEFLATE_RAW = 1;
const MAX_NAME_LENGTH = 200;
const MAX_NOTE_LENGTH = 1000;
const MAX_VECTOR_BYTES = 64 * 1024;

/** Why a whole file was refused. */
export type TransferFileErrorCode = keyof typeof TRANSFER_FILE_ERRORS;

/** A file refused as a whole; `message` is the Russian text for the user, `detail` is for logs. */
export class TransferError extends Error {
  override name = 'TransferError';
  constructor(
    readonly code: TransferFileErrorCode,
    readonly detail = '',
  ) {
    super(TRANSFER_FILE_ERRORS[code]);
  }
}

/** Who made a file. */
export interface TransferSender {
  userId: string;
  /** The name shown to the receiver («от кого»). */
  userName: string;
  deviceId: string;
}

/** Whether a document's update is its full state or only what the receiver lacked. */
export type TransferBase = 'full' | 'diff';

/** One document in the manifest. */
export interface ManifestEntry {
  docId: string;
  base: TransferBase;
  /** The receiver's state vector a diff was cut against; empty for `full`. */
  baseVector: Uint8Array;
  /** The sender's state vector of the document when the file was made. */
  stateVector: Uint8Array;
  /** Bytes of the update record. */
  updateBytes: number;
  /** Bytes of the sender's unacknowledged outbox updates (merged), 0 when none were included. */
  pendingBytes: number;
}

/** What a file says about itself. */
export interface TransferManifest {
  formatVersion: number;
  /** When the file was made (epoch ms, the sender's clock). */
  createdAt: number;
  sender: TransferSender;
  /** Free text from the sender (e.g. «Школа №3, визит 12 марта»). */
  note: string;
  documents: ManifestEntry[];
  /** Sum of every updateBytes and pendingBytes. */
  totalBytes: number;
}

/** One document's bytes. */
export interface TransferRecord {
  /** A Yjs v1 update: the full state, or the part the receiver lacked. */
  update: Uint8Array;
  /** The sender's changes the relay had not acknowledged (v1, merged); null when not included. */
  pending: Uint8Array | null;
}

/** A decoded, verified file. */
export interface TransferContents {
  manifest: TransferManifest;
  /** One record per manifest entry, in manifest order. */
  records: TransferRecord[];
}

/** A reader of a byte stream, as `Blob.stream().getReader()` returns. */
export interface ByteStreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/**
 * A file to read: a `File` or `Blob`, or anything else that reports its size and
 * streams its bytes. The size is checked before a single byte is read.
 */
export interface TransferInput {
  readonly size: number;
  stream(): { getReader(): ByteStreamReader };
}

// ---- the web platform, typed locally so shared/ needs no DOM library ----------

interface ByteStreamWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface ByteTransform {
  readonly readable: { getReader(): ByteStreamReader };
  readonly writable: { getWriter(): ByteStreamWriter };
}
type ByteTransformConstructor = new (format: 'deflate-raw') => ByteTransform;
interface WebPlatform {
  CompressionStream: ByteTransformConstructor;
  DecompressionStream: ByteTransformConstructor;
  crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
}

function platform(): WebPlatform {
  const g = globalThis as unknown as Partial<WebPlatform>;
  if (!g.CompressionStream || !g.DecompressionStream || !g.crypto?.subtle)
    throw new Error('transfer: CompressionStream and crypto.subtle are required');
  return g as WebPlatform;
}

class OutputLimitError extends Error {
  override name = 'OutputLimitError';
}

/** Pushes bytes through a (de)compression stream, refusing output past `maxOut`. */
async function transform(
  pair: ByteTransform,
  input: Uint8Array,
  maxOut: number,
): Promise<Uint8Array> {
  const writer = pair.writable.getWriter();
  const reader = pair.readable.getReader();
  // Written while read: a transform stream holds back its writer until its output is read.
  const feeding = writer.write(input).then(() => writer.close());
  // Errors of the writing side surface on the reading side; keep this one from going unhandled.
  feeding.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      const chunk = r.value ?? new Uint8Array(0);
      total += chunk.length;
      if (total > maxOut) throw new OutputLimitError(`output over ${maxOut} bytes`);
      chunks.push(chunk);
    }
    await feeding;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === total) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** SHA-256 of bytes (crypto.subtle). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await platform().crypto.subtle.digest('SHA-256', bytes));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---- writing --------------------------------------------------------------------

/** Everything a file carries, before encoding. */
export interface TransferDraft {
  createdAt: number;
  sender: TransferSender;
  note: string;
  documents: (Omit<ManifestEntry, 'updateBytes' | 'pendingBytes'> & TransferRecord)[];
}

/** Encodes a draft into the payload (before compression). */
export function encodeTransferPayload(draft: TransferDraft): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, TRANSFER_FORMAT_VERSION);
  encoding.writeVarUint(e, draft.createdAt);
  encoding.writeVarString(e, draft.sender.userId.slice(0, MAX_NAME_LENGTH));
  encoding.writeVarString(e, draft.sender.userName.slice(0, MAX_NAME_LENGTH));
  encoding.writeVarString(e, draft.sender.deviceId.slice(0, MAX_NAME_LENGTH));
  encoding.writeVarString(e, draft.note.slice(0, MAX_NOTE_LENGTH));
  if (draft.documents.length > MAX_TRANSFER_DOCS)
    throw new TransferError('tooLarge', `${draft.documents.length} documents`);
  encoding.writeVarUint(e, draft.documents.length);
  let totalBytes = 0;
  for (const d of draft.documents) {
    const pendingBytes = d.pending?.length ?? 0;
    encoding.writeVarString(e, d.docId);
    encoding.writeVarUint(e, d.base === 'full' ? 0 : 1);
    encoding.writeVarUint8Array(e, d.base === 'full' ? new Uint8Array(0) : d.baseVector);
    encoding.writeVarUint8Array(e, d.stateVector);
    encoding.writeVarUint(e, d.update.length);
    encoding.writeVarUint(e, pendingBytes);
    totalBytes += d.update.length + pendingBytes;
  }
  encoding.writeVarUint(e, totalBytes);
  for (const d of draft.documents) {
    encoding.writeVarUint8Array(e, d.update);
    encoding.writeVarUint8Array(e, d.pending ?? new Uint8Array(0));
  }
  return encoding.toUint8Array(e);
}

/** Compresses a payload and puts the header (lengths, SHA-256) in front of it. */
export async function sealTransferPayload(payload: Uint8Array): Promise<Uint8Array> {
  if (payload.length > MAX_TRANSFER_PAYLOAD_BYTES)
    throw new TransferError('tooLarge', `payload of ${payload.length} bytes`);
  const web = platform();
  const body = await transform(
    new web.CompressionStream('deflate-raw'),
    payload,
    MAX_TRANSFER_FILE_BYTES,
  ).catch((err: unknown) => {
    if (err instanceof OutputLimitError) throw new TransferError('tooLarge', err.message);
    throw err;
  });
  if (body.length + TRANSFER_HEADER_BYTES > MAX_TRANSFER_FILE_BYTES)
    throw new TransferError('tooLarge', `file of ${body.length} bytes`);
  const file = new Uint8Array(TRANSFER_HEADER_BYTES + body.length);
  const view = new DataView(file.buffer);
  file.set(TRANSFER_MAGIC, 0);
  file[8] = TRANSFER_FORMAT_VERSION;
  file[9] = COMPRESSION_DEFLATE_RAW;
  view.setUint16(10, 0, true);
  view.setUint32(12, body.length, true);
  view.setUint32(16, payload.length, true);
  file.set(await sha256(body), 20);
  file.set(body, TRANSFER_HEADER_BYTES);
  return file;
}

/** Encodes, compresses and seals a file. Throws TransferError('tooLarge') past the limits. */
export function encodeTransferFile(draft: TransferDraft): Promise<Uint8Array> {
  return sealTransferPayload(encodeTransferPayload(draft));
}

// ---- reading --------------------------------------------------------------------

/** Options of reading a file. */
export interface ReadTransferOptions {
  /** Refuse files larger than this (default MAX_TRANSFER_FILE_BYTES). */
  maxFileBytes?: number;
}

/** Reads at most `limit` bytes of an input; refuses larger ones before or while reading. */
async function readCapped(input: TransferInput | Uint8Array, limit: number): Promise<Uint8Array> {
  if (input instanceof Uint8Array) {
    if (input.length > limit) throw new TransferError('tooLarge', `${input.length} bytes`);
    return input;
  }
  // Decided on the reported size alone: a huge file is never opened.
  if (!Number.isFinite(input.size) || input.size > limit)
    throw new TransferError('tooLarge', `size ${input.size}`);
  let reader: ByteStreamReader;
  try {
    reader = input.stream().getReader();
  } catch (e) {
    throw new TransferError('unreadable', e instanceof Error ? e.message : String(e));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let r: { done: boolean; value?: Uint8Array };
    try {
      r = await reader.read();
    } catch (e) {
      throw new TransferError('unreadable', e instanceof Error ? e.message : String(e));
    }
    if (r.done) break;
    const chunk = r.value;
    if (!(chunk instanceof Uint8Array)) {
      await reader.cancel().catch(() => undefined);
      throw new TransferError('unreadable', 'stream yielded something other than bytes');
    }
    total += chunk.length;
    // The reported size may lie (a stream, a growing file): the cap holds while reading too.
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TransferError('tooLarge', `more than ${limit} bytes while reading`);
    }
    chunks.push(chunk);
  }
  return concat(chunks, total);
}

function checkHeader(file: Uint8Array): { bodyBytes: number; payloadBytes: number } {
  if (file.length === 0) throw new TransferError('empty');
  const magicPart = file.subarray(0, Math.min(file.length, TRANSFER_MAGIC.length));
  if (!sameBytes(magicPart, TRANSFER_MAGIC.subarray(0, magicPart.length)))
    throw new TransferError('notTransferFile');
  if (file.length < TRANSFER_HEADER_BYTES)
    throw new TransferError('truncated', `${file.length} bytes, shorter than the header`);
  if (file[8] !== TRANSFER_FORMAT_VERSION)
    throw new TransferError('unsupportedVersion', `format version ${file[8]}`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file[9] !== COMPRESSION_DEFLATE_RAW || view.getUint16(10, true) !== 0)
    throw new TransferError('malformed', `compression ${file[9]}, reserved bits set`);
  const bodyBytes = view.getUint32(12, true);
  const payloadBytes = view.getUint32(16, true);
  const actual = file.length - TRANSFER_HEADER_BYTES;
  if (actual < bodyBytes)
    throw new TransferError('truncated', `body of ${actual} bytes, header says ${bodyBytes}`);
  if (actual > bodyBytes) throw new TransferError('malformed', 'bytes after the body');
  if (payloadBytes > MAX_TRANSFER_PAYLOAD_BYTES)
    throw new TransferError('malformed', `declared payload of ${payloadBytes} bytes`);
  return { bodyBytes, payloadBytes };
}

class PayloadError extends Error {
  override name = 'PayloadError';
}

function readString(d: decoding.Decoder, max: number, what: string): string {
  const len = decoding.peekVarUint(d);
  if (len > max * 4 || len > d.arr.length - d.pos) throw new PayloadError(`${what} too long`);
  const s = decoding.readVarString(d);
  if (s.length > max) throw new PayloadError(`${what} too long`);
  return s;
}

function readBytes(d: decoding.Decoder, max: number, what: string): Uint8Array {
  const len = decoding.peekVarUint(d);
  if (len > max || len > d.arr.length - d.pos) throw new PayloadError(`${what} too long`);
  return decoding.readVarUint8Array(d);
}

function readNumber(d: decoding.Decoder, max: number, what: string): number {
  const n = decoding.readVarUint(d);
  if (!Number.isSafeInteger(n) || n > max) throw new PayloadError(`${what} out of range`);
  return n;
}

function readVector(d: decoding.Decoder, what: string): Uint8Array {
  const v = readBytes(d, MAX_VECTOR_BYTES, what);
  if (v.length > 0) Y.decodeStateVector(v); // throws on garbage
  return v;
}

function decodePayload(payload: Uint8Array): TransferContents {
  const d = decoding.createDecoder(payload);
  const version = readNumber(d, 1 << 20, 'format version');
  if (version !== TRANSFER_FORMAT_VERSION)
    throw new PayloadError(`payload version ${version} differs from the header's`);
  const createdAt = readNumber(d, Number.MAX_SAFE_INTEGER, 'createdAt');
  const sender: TransferSender = {
    userId: readString(d, MAX_NAME_LENGTH, 'user id'),
    userName: readString(d, MAX_NAME_LENGTH, 'user name'),
    deviceId: readString(d, MAX_NAME_LENGTH, 'device id'),
  };
  const note = readString(d, MAX_NOTE_LENGTH, 'note');
  const count = readNumber(d, MAX_TRANSFER_DOCS, 'document count');
  const documents: ManifestEntry[] = [];
  const seen = new Set<string>();
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const docId = readString(d, MAX_DOC_ID_LENGTH, 'document id');
    if (seen.has(docId)) throw new PayloadError(`document ${docId} listed twice`);
    seen.add(docId);
    const baseCode = readNumber(d, 1, 'base');
    const base: TransferBase = baseCode === 0 ? 'full' : 'diff';
    const baseVector = readVector(d, 'base vector');
    if (base === 'full' && baseVector.length > 0)
      throw new PayloadError('a full record with a base vector');
    const stateVector = readVector(d, 'state vector');
    const updateBytes = readNumber(d, MAX_TRANSFER_PAYLOAD_BYTES, 'update bytes');
    const pendingBytes = readNumber(d, MAX_TRANSFER_PAYLOAD_BYTES, 'pending bytes');
    sum += updateBytes + pendingBytes;
    documents.push({ docId, base, baseVector, stateVector, updateBytes, pendingBytes });
  }
  const totalBytes = readNumber(d, MAX_TRANSFER_PAYLOAD_BYTES, 'total bytes');
  if (totalBytes !== sum)
    throw new PayloadError(`total ${totalBytes} differs from the entries' ${sum}`);
  if (totalBytes > d.arr.length - d.pos)
    throw new PayloadError(`manifest announces ${totalBytes} bytes, fewer remain`);
  const records: TransferRecord[] = [];
  for (const entry of documents) {
    const update = readBytes(d, entry.updateBytes, 'update');
    if (update.length !== entry.updateBytes)
      throw new PayloadError(
        `${entry.docId}: update of ${update.length} bytes, manifest says ${entry.updateBytes}`,
      );
    const pending = readBytes(d, entry.pendingBytes, 'pending');
    if (pending.length !== entry.pendingBytes)
      throw new PayloadError(
        `${entry.docId}: pending of ${pending.length} bytes, manifest says ${entry.pendingBytes}`,
      );
    records.push({ update, pending: pending.length > 0 ? pending : null });
  }
  if (d.pos !== payload.length) throw new PayloadError('bytes after the last record');
  return {
    manifest: { formatVersion: version, createdAt, sender, note, documents, totalBytes },
    records,
  };
}

/**
 * Reads and verifies a file: size, magic, version, length, hash, decompression
 * within the declared length, and a manifest whose counts match the records.
 * Throws TransferError; changes nothing anywhere.
 */
export async function readTransferFile(
  input: TransferInput | Uint8Array,
  options: ReadTransferOptions = {},
): Promise<TransferContents> {
  const limit = Math.min(options.maxFileBytes ?? MAX_TRANSFER_FILE_BYTES, MAX_TRANSFER_FILE_BYTES);
  const file = await readCapped(input, limit);
  const { payloadBytes } = checkHeader(file);
  const body = file.subarray(TRANSFER_HEADER_BYTES);
  if (!sameBytes(await sha256(body), file.subarray(20, 52)))
    throw new TransferError('corrupted', 'SHA-256 of the body differs from the header');
  let payload: Uint8Array;
  try {
    payload = await transform(
      new (platform().DecompressionStream)('deflate-raw'),
      body,
      payloadBytes,
    );
  } catch (e) {
    throw new TransferError(
      'malformed',
      `decompression: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (payload.length !== payloadBytes)
    throw new TransferError(
      'malformed',
      `payload of ${payload.length} bytes, header says ${payloadBytes}`,
    );
  try {
    return decodePayload(payload);
  } catch (e) {
    throw new TransferError('malformed', e instanceof Error ? e.message : String(e));
  }
}
