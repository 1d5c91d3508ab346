/**
 * The sync wire protocol (docs/sync-protocol.md is its prose twin; change both).
 *
 * One HTTP request syncs both ways: the device sends, per changed document, its
 * unacknowledged updates merged into one, plus the opaque cursor of its last
 * sync; the relay answers with a per-document verdict, the changes in the
 * device's scope since the cursor, and a new cursor. Bodies are lib0-encoded
 * binary frames: varUint/varString/varUint8Array as in lib0/encoding.
 *
 * Decoding is defensive: every length is bounded before anything is allocated,
 * trailing bytes are an error, and any failure becomes a ProtocolError, which
 * the relay maps to 400 without touching storage.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MAX_DOC_ID_LENGTH } from '../documents/ids.ts';

/** Version of the frame layout; the first varUint of every frame. */
export const PROTOCOL_VERSION = 1;

/** MIME type of request and response frames. */
export const SYNC_CONTENT_TYPE = 'application/vnd.opora.sync';

/** Path of the sync endpoint on the relay. */
export const SYNC_PATH = '/api/sync';

/**
 * Response header with about how many documents of the device's scope still
 * have changes after this page; sent only with `more`, for progress displays.
 * Advisory: older relays omit it, and a client must not rely on it.
 */
export const REMAINING_HEADER = 'Opora-Remaining';

/** Largest request body the relay reads, after decompression. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** Largest single document update accepted in a push. */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;

/** Most documents in one request (pushes or state vectors). */
export const MAX_DOCS_PER_REQUEST = 5000;

/** Response page budget the relay uses when the device asks for none, and its ceiling. */
export const DEFAULT_PAGE_BYTES = 1024 * 1024;
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Longest cursor string. */
export const MAX_CURSOR_LENGTH = 256;

/** Per-document verdict codes in a response. */
export const AckCode = {
  /** Stored (or already known): the device may drop the update from its outbox. */
  ok: 0,
  /** The document id is not a valid id. */
  badDocumentId: 1,
  /** The user may not write this document. */
  forbidden: 2,
  /** The update does not decode as a Yjs update. */
  malformedUpdate: 3,
  /** The update depends on changes the relay does not have. */
  missingDependencies: 4,
  /** Applying the update would break the document's layout. */
  invalidShape: 5,
  /** The update is larger than MAX_UPDATE_BYTES. */
  tooLarge: 6,
  /** The document's school, municipality or partnership does not exist. */
  unknownDocument: 7,
  /** The same document appears twice in one request. */
  duplicateDocument: 8,
} as const;

export type AckCode = (typeof AckCode)[keyof typeof AckCode];

/** True for a refusal the device should not retry unchanged (every non-ok code). */
export function isRefusal(code: AckCode): boolean {
  return code !== AckCode.ok;
}

/** One document's merged local updates. */
export interface Push {
  docId: string;
  update: Uint8Array;
}

/** A state vector the device offers so the relay can send a minimal diff of a compacted document. */
export interface VectorOffer {
  docId: string;
  stateVector: Uint8Array;
}

/** What a device sends. */
export interface SyncRequest {
  /** Opaque cursor from the last response; '' for a first sync. */
  cursor: string;
  /** Response budget in bytes; 0 lets the relay choose. */
  maxBytes: number;
  pushes: Push[];
  vectors: VectorOffer[];
}

/** The relay's verdict on one pushed document. */
export interface Ack {
  docId: string;
  code: AckCode;
  /** A short English explanation for logs; the device shows a Russian text by code. */
  message: string;
}

/** A change to apply: one Yjs update (merged) for one document. */
export interface Change {
  docId: string;
  update: Uint8Array;
}

/** What the relay answers. */
export interface SyncResponse {
  acks: Ack[];
  changes: Change[];
  /** Cursor to send next time; covers everything in this response. */
  cursor: string;
  /** True when more changes wait: send another request with the new cursor at once. */
  more: boolean;
  /**
   * True when the relay did not recognise the cursor's history (the database was
   * restored from a backup): the device must push the full state of every
   * document it holds, since updates the relay once acknowledged may be gone.
   */
  historyLost: boolean;
}

/** Bits of the response's flags field. */
export const ResponseFlag = { more: 1, historyLost: 2 } as const;

/** A frame that could not be decoded; the relay answers 400. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

function readBoundedString(d: decoding.Decoder, max: number, what: string): string {
  const len = decoding.peekVarUint(d);
  if (len > max * 4) throw new ProtocolError(`${what} too long`);
  const s = decoding.readVarString(d);
  if (s.length > max) throw new ProtocolError(`${what} too long`);
  return s;
}

function readBoundedBytes(d: decoding.Decoder, max: number, what: string): Uint8Array {
  const len = decoding.peekVarUint(d);
  if (len > max) throw new ProtocolError(`${what} larger than ${max} bytes`);
  if (len > d.arr.length - d.pos) throw new ProtocolError(`${what} truncated`);
  return decoding.readVarUint8Array(d);
}

function readCount(d: decoding.Decoder, max: number, what: string): number {
  const n = decoding.readVarUint(d);
  if (n > max) throw new ProtocolError(`too many ${what}`);
  return n;
}

function readVersion(d: decoding.Decoder): void {
  const v = decoding.readVarUint(d);
  if (v !== PROTOCOL_VERSION) throw new ProtocolError(`unsupported protocol version ${v}`);
}

function guard<T>(bytes: Uint8Array, read: (d: decoding.Decoder) => T): T {
  const d = decoding.createDecoder(bytes);
  let out: T;
  try {
    out = read(d);
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`malformed frame: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (d.pos !== bytes.length) throw new ProtocolError('trailing bytes after frame');
  return out;
}

/** Encodes a device's request. */
export function encodeRequest(req: SyncRequest): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, PROTOCOL_VERSION);
  encoding.writeVarString(e, req.cursor);
  encoding.writeVarUint(e, req.maxBytes);
  encoding.writeVarUint(e, req.pushes.length);
  for (const p of req.pushes) {
    encoding.writeVarString(e, p.docId);
    encoding.writeVarUint8Array(e, p.update);
  }
  encoding.writeVarUint(e, req.vectors.length);
  for (const v of req.vectors) {
    encoding.writeVarString(e, v.docId);
    encoding.writeVarUint8Array(e, v.stateVector);
  }
  return encoding.toUint8Array(e);
}

/**
 * Decodes a device's request. Updates larger than MAX_UPDATE_BYTES are not an
 * error of the frame: they are returned and refused per document with tooLarge.
 */
export function decodeRequest(bytes: Uint8Array): SyncRequest {
  return guard(bytes, (d) => {
    readVersion(d);
    const cursor = readBoundedString(d, MAX_CURSOR_LENGTH, 'cursor');
    const maxBytes = decoding.readVarUint(d);
    const pushes: Push[] = [];
    const np = readCount(d, MAX_DOCS_PER_REQUEST, 'pushes');
    for (let i = 0; i < np; i++) {
      const docId = readBoundedString(d, MAX_DOC_ID_LENGTH, 'document id');
      const update = readBoundedBytes(d, MAX_REQUEST_BYTES, 'update');
      pushes.push({ docId, update });
    }
    const vectors: VectorOffer[] = [];
    const nv = readCount(d, MAX_DOCS_PER_REQUEST, 'state vectors');
    for (let i = 0; i < nv; i++) {
      const docId = readBoundedString(d, MAX_DOC_ID_LENGTH, 'document id');
      const stateVector = readBoundedBytes(d, 64 * 1024, 'state vector');
      vectors.push({ docId, stateVector });
    }
    return { cursor, maxBytes, pushes, vectors };
  });
}

/** Encodes the relay's response. */
export function encodeResponse(res: SyncResponse): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, PROTOCOL_VERSION);
  encoding.writeVarUint(e, res.acks.length);
  for (const a of res.acks) {
    encoding.writeVarString(e, a.docId);
    encoding.writeVarUint(e, a.code);
    encoding.writeVarString(e, a.message);
  }
  encoding.writeVarUint(e, res.changes.length);
  for (const c of res.changes) {
    encoding.writeVarString(e, c.docId);
    encoding.writeVarUint8Array(e, c.update);
  }
  encoding.writeVarString(e, res.cursor);
  encoding.writeVarUint(
    e,
    (res.more ? ResponseFlag.more : 0) | (res.historyLost ? ResponseFlag.historyLost : 0),
  );
  return encoding.toUint8Array(e);
}

const ACK_CODES = new Set<number>(Object.values(AckCode));

/** Decodes the relay's response (the device side). */
export function decodeResponse(bytes: Uint8Array): SyncResponse {
  return guard(bytes, (d) => {
    readVersion(d);
    const acks: Ack[] = [];
    const na = readCount(d, MAX_DOCS_PER_REQUEST, 'acks');
    for (let i = 0; i < na; i++) {
      const docId = readBoundedString(d, MAX_DOC_ID_LENGTH, 'document id');
      const code = decoding.readVarUint(d);
      if (!ACK_CODES.has(code)) throw new ProtocolError(`unknown ack code ${code}`);
      const message = readBoundedString(d, 1024, 'message');
      acks.push({ docId, code: code as AckCode, message });
    }
    const changes: Change[] = [];
    const nc = decoding.readVarUint(d);
    for (let i = 0; i < nc; i++) {
      const docId = readBoundedString(d, MAX_DOC_ID_LENGTH, 'document id');
      const update = readBoundedBytes(d, Number.MAX_SAFE_INTEGER, 'update');
      changes.push({ docId, update });
    }
    const cursor = readBoundedString(d, MAX_CURSOR_LENGTH, 'cursor');
    const flags = decoding.readVarUint(d);
    return {
      acks,
      changes,
      cursor,
      more: (flags & ResponseFlag.more) !== 0,
      historyLost: (flags & ResponseFlag.historyLost) !== 0,
    };
  });
}

/** Error body of every non-200 JSON answer of the relay. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Request-level error codes (HTTP status in brackets). */
export const ERROR_CODES = [
  'bad_request', // 400: malformed frame or JSON
  'unsupported_version', // 400
  'unauthorized', // 401: no token, unknown or revoked token
  'invalid_credentials', // 401: wrong login or password
  'forbidden', // 403
  'not_found', // 404
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rate_limited', // 429
  'internal', // 500
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
