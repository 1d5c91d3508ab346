import {
  AckCode,
  REMAINING_HEADER,
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  decodeResponse,
  encodeRequest,
} from '@opora/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../app.ts';
import { bearer, demoRelay, docUpdate, signIn, syncCall } from '../testing/relay.ts';

let relay: Relay;
afterEach(() => relay.close());

const roadmap = (year: number) => `school:zar-sosh-3:roadmap:${year}`;

describe(`POST /api/sync: the ${REMAINING_HEADER} header`, () => {
  it.each(['region', 'curator'])(
    'tells %s, page by page, how many documents still have changes',
    async (login) => {
      relay = demoRelay();
      const { token: director } = await signIn(relay, 'director');
      const years = Array.from({ length: 24 }, (_, i) => 2040 + i);
      // About 400 bytes each: a page of 1 KiB holds a few.
      const pushes = years.map((y) => ({
        docId: roadmap(y),
        update: docUpdate('roadmap', 'note', 'x'.repeat(400)),
      }));
      const first = await syncCall(relay, director, { pushes });
      expect(first.acks.every((a) => a.code === AckCode.ok)).toBe(true);
      // Later changes to a few documents: they are in an early page and again in the last.
      await syncCall(relay, director, {
        cursor: first.cursor,
        pushes: years
          .slice(0, 3)
          .map((y) => ({ docId: roadmap(y), update: docUpdate('roadmap', 'later', 'yes') })),
      });

      const { token } = await signIn(relay, login);
      const pages: { docIds: string[]; remaining: string | null; more: boolean }[] = [];
      let cursor = '';
      for (let more = true; more;) {
        const res = await relay.app.request(SYNC_PATH, {
          method: 'POST',
          headers: { ...bearer(token), 'content-type': SYNC_CONTENT_TYPE },
          body: encodeRequest({ cursor, maxBytes: 1024, pushes: [], vectors: [] }),
        });
        expect(res.status).toBe(200);
        const answer = decodeResponse(new Uint8Array(await res.arrayBuffer()));
        cursor = answer.cursor;
        more = answer.more;
        pages.push({
          docIds: answer.changes.map((c) => c.docId),
          remaining: res.headers.get(REMAINING_HEADER),
          more,
        });
      }
      expect(pages.length).toBeGreaterThan(3);
      expect(new Set(pages.flatMap((p) => p.docIds))).toEqual(new Set(years.map(roadmap)));
      // After each page: exactly the documents the later pages bring; no header on the last page.
      pages.forEach((page, i) => {
        if (!page.more) return expect(page.remaining).toBeNull();
        const later = new Set(pages.slice(i + 1).flatMap((p) => p.docIds));
        expect(Number(page.remaining)).toBe(later.size);
      });
    },
  );
});
