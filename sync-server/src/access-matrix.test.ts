/**
 * The access matrix through the real relay: every demo user (every role, in
 * different schools and municipalities) pushes a new document of every kind,
 * in its own school, another school of its municipality, another municipality,
 * across a partnership, and to documents that do not exist; then pulls
 * everything. The expectations are written by hand from DESIGN.md ("Roles and
 * access") and the table in shared/src/access/access.ts, not computed from the
 * code under test.
 */
import { AckCode, parseDocId, type AckCode as AckCodeT } from '@opora/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from './app.ts';
import { DEMO_LOGINS } from './demo/seed.ts';
import { demoRelay, docUpdate, signIn, syncCall } from './testing/relay.ts';

/** The documents of the matrix, in column order. */
const DOCS = [
  'school:zar-sosh-3:questionnaire:risk_diagnostic:2026-entry', //  0 participant school, Zarechny
  'school:zar-sosh-3:roadmap:2026', //                   1
  'school:zar-sosh-3:visit:v1', //                       2
  'school:zar-sosh-2:questionnaire:risk_diagnostic:2026-entry', //  3 another school, same municipality
  'school:zar-sosh-1:roadmap:2026', //                   4 the Zarechny leader school
  'school:oz-sosh-5:questionnaire:risk_diagnostic:2026-entry', //   5 another municipality
  'school:oz-sosh-5:roadmap:2026', //                    6
  'school:oz-sosh-5:visit:v1', //                        7
  'school:sev-sosh-7:roadmap:2026', //                   8 the city
  'school:zar-sosh-pokrovskoe:roadmap:2026', //          9 tutored from the city
  'partnership:zar-sosh-1:zar-sosh-3:2026', //          10 within Zarechny
  'partnership:oz-gimn-1:oz-sosh-5:2026', //            11 within Ozerny
  'partnership:sev-lyceum-1:zar-sosh-pokrovskoe:2026', // 12 across municipalities
  'municipality:zarechny:calendar:2026', //             13
  'municipality:ozerny:calendar:2026', //               14
  'region:north:plan:2026', //                          15
  'school:nowhere:roadmap:2026', //                     16 no such school
  'partnership:zar-sosh-1:zar-sosh-2:2026', //          17 no such partnership
] as const;

/** w: reads and writes; r: reads only; -: neither; u: unknown document. */
const MATRIX: Record<string, string> = {
  region: '       w w w w w w w w w w w w w w w w u u',
  'mo-zarechny': '  r r w r r - - - - r r - r w - r u u',
  'mo-ozerny': '    - - - - - r r w - - - r - - w r u u',
  'mo-severograd': '- - - - - - - - r - - - r - - r u u',
  curator: '      w w w - - - - - - w w - w r - - u u',
  'curator-oz': '   - - - - - w w w - - - w - - r - u u',
  director: '     w w w - - - - - - - w - - r - - u u',
  'director-sev': ' - - - - - - - - w - - - - - - - u u',
  teacher: '      w w r - - - - - - - w - - r - - u u',
  'teacher-oz': '   - - - - - w w r - - - w - - r - u u',
  tutor: '        - - - - r - - - - - w - - r - - u u',
  'tutor-sev': '    - - - - - - - - - - - - w - - - u u',
};

function row(login: string): string[] {
  const cells = (MATRIX[login] ?? '').trim().split(/\s+/);
  expect(cells).toHaveLength(DOCS.length);
  return cells;
}

function expectedAck(cell: string): AckCodeT {
  if (cell === 'w') return AckCode.ok;
  if (cell === 'u') return AckCode.unknownDocument;
  return AckCode.forbidden;
}

function pushOf(docId: string) {
  const kind = parseDocId(docId)?.kind;
  if (!kind) throw new Error(`bad test id ${docId}`);
  return { docId, update: docUpdate(kind, 'by', docId) };
}

let relay: Relay;
beforeAll(() => {
  relay = demoRelay();
});
afterAll(() => relay.close());

const storedBy = (userId: string): Set<string> =>
  new Set(
    (
      relay.db.sqlite
        .prepare('select distinct doc_id as d from updates where user_id = ?')
        .all(userId) as { d: string }[]
    ).map((r) => r.d),
  );

describe('access matrix', () => {
  it('covers every role and every document kind', () => {
    const roles = new Set(DEMO_LOGINS.filter((u) => u.login in MATRIX).map((u) => u.role));
    expect(roles.size).toBe(6);
    expect(new Set(DOCS.map((d) => parseDocId(d)?.kind))).toEqual(
      new Set(['questionnaire', 'roadmap', 'visit', 'tutoring', 'calendar', 'plan']),
    );
  });

  // The regional coordinator goes first, so every document exists before the reads.
  describe.each(Object.keys(MATRIX))('%s', (login) => {
    it('writes exactly what its role allows; refusals store nothing', async () => {
      const cells = row(login);
      const user = DEMO_LOGINS.find((u) => u.login === login);
      const { token } = await signIn(relay, login);
      const res = await syncCall(relay, token, {
        pushes: [
          ...DOCS.map(pushOf),
          { docId: 'school:Bad Id:roadmap:2026', update: docUpdate('roadmap') },
        ],
      });
      expect(res.acks.map((a) => [a.docId, a.code])).toEqual([
        ...DOCS.map((d, i) => [d, expectedAck(cells[i] ?? '')]),
        ['school:Bad Id:roadmap:2026', AckCode.badDocumentId],
      ]);
      const written = DOCS.filter((_, i) => cells[i] === 'w');
      expect(storedBy(user?.userId ?? '')).toEqual(new Set(written));
    });

    it('pulls exactly the documents it may read, nothing more', async () => {
      const cells = row(login);
      // A second device of the same user: it has not sent anything itself.
      const { token } = await signIn(relay, login, 'второе устройство');
      const seen = new Set<string>();
      let cursor = '';
      for (let pages = 0; pages < 100; pages++) {
        const res = await syncCall(relay, token, { cursor, maxBytes: 2048 });
        for (const c of res.changes) seen.add(c.docId);
        cursor = res.cursor;
        if (!res.more) break;
      }
      const readable = DOCS.filter((_, i) => cells[i] === 'w' || cells[i] === 'r');
      expect([...seen].sort()).toEqual([...readable].sort());
    });
  });
});
