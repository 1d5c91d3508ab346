import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import {
  AckCode,
  PROTOCOL_VERSION,
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type SyncRequest,
  type SyncResponse,
} from './protocol.ts';

describe('sync frames', () => {
  it('round-trips a request', () => {
    const req: SyncRequest = {
      cursor: 'abc.12.key',
      maxBytes: 4096,
      pushes: [
        { docId: 'school:s1:roadmap:2026', update: new Uint8Array([1, 2, 3]) },
        { docId: 'school:s2:visit:v1', update: new Uint8Array([]) },
      ],
      vectors: [{ docId: 'school:s1:roadmap:2026', stateVector: new Uint8Array([0]) }],
    };
    expect(decodeRequest(encodeRequest(req))).toEqual(req);
  });

  it('round-trips a response with both flags', () => {
    const res: SyncResponse = {
      acks: [{ docId: 'school:s1:roadmap:2026', code: AckCode.forbidden, message: 'forbidden' }],
      changes: [{ docId: 'school:s1:roadmap:2026', update: new Uint8Array([9, 9]) }],
      cursor: 'e.5.k',
      more: true,
      historyLost: true,
    };
    expect(decodeResponse(encodeResponse(res))).toEqual(res);
    const plain = { ...res, more: false, historyLost: false };
    expect(decodeResponse(encodeResponse(plain))).toEqual(plain);
  });

  it('refuses another protocol version', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, PROTOCOL_VERSION + 1);
    expect(() => decodeRequest(encoding.toUint8Array(e))).toThrow(/version/);
  });

  it('refuses every truncation of a valid frame and trailing bytes', () => {
    const frame = encodeRequest({
      cursor: 'x.1.y',
      maxBytes: 0,
      pushes: [{ docId: 'school:s1:roadmap:2026', update: new Uint8Array(40).fill(7) }],
      vectors: [],
    });
    for (let cut = 0; cut < frame.length; cut++)
      expect(() => decodeRequest(frame.subarray(0, cut))).toThrow(ProtocolError);
    const longer = new Uint8Array(frame.length + 1);
    longer.set(frame);
    expect(() => decodeRequest(longer)).toThrow(/trailing/);
  });

  it('refuses absurd lengths before allocating', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, PROTOCOL_VERSION);
    encoding.writeVarString(e, '');
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'school:s1:roadmap:2026');
    encoding.writeVarUint(e, 2 ** 40); // an update "of a terabyte"
    expect(() => decodeRequest(encoding.toUint8Array(e))).toThrow(ProtocolError);

    const many = encoding.createEncoder();
    encoding.writeVarUint(many, PROTOCOL_VERSION);
    encoding.writeVarString(many, '');
    encoding.writeVarUint(many, 0);
    encoding.writeVarUint(many, 10_000_000);
    expect(() => decodeRequest(encoding.toUint8Array(many))).toThrow(/too many/);
  });

  it('refuses an unknown ack code in a response', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, PROTOCOL_VERSION);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'school:s1:roadmap:2026');
    encoding.writeVarUint(e, 999);
    expect(() => decodeResponse(encoding.toUint8Array(e))).toThrow(ProtocolError);
  });
});
