import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createVisit } from '@opora/shared/visits/model';
import { summarizeVisit } from '@opora/shared/visits/summary';
import type { TransferContents } from '@opora/shared/transfer/format';
import type { DocSummary } from '$lib/db/database';
import { docTitleOf, visitTitle } from '$lib/documents/catalogue';
import { TransferTitles } from './titles';

const VISIT = 'school:s1:visit:20390312-k3x9q2';
const INTERVIEW = 'school:s1:visit:20390415-z8y7x6';

function visitDoc(kind: 'visit' | 'interview', date: string): Y.Doc {
  const doc = new Y.Doc();
  createVisit(doc, { kind, date, curatorId: 'u1' }, { by: 'u1' });
  return doc;
}

function fileOf(docs: Record<string, Y.Doc>): TransferContents {
  const ids = Object.keys(docs);
  return {
    manifest: {
      formatVersion: 1,
      createdAt: 0,
      sender: { userId: 'u1', userName: 'К', deviceId: 'd1' },
      note: '',
      totalBytes: 0,
      documents: ids.map((docId) => ({
        docId,
        base: 'full' as const,
        baseVector: new Uint8Array(0),
        stateVector: new Uint8Array(0),
        updateBytes: 0,
        pendingBytes: 0,
      })),
    },
    records: ids.map((id) => ({ update: Y.encodeStateAsUpdate(docs[id]!), pending: null })),
  };
}

describe('visit titles', () => {
  it('name a visit by its day and kind, never by its raw id', () => {
    expect(docTitleOf(VISIT)).toBe('Посещение куратора 12 марта 2039 г.');
    expect(visitTitle('visit-abc')).toBe('Посещение куратора');
    expect(visitTitle('20390312-k3x9q2', { kind: 'interview', date: '2039-03-14' })).toBe(
      'Собеседование с директором 14 марта 2039 г.',
    );
    const summary: DocSummary = {
      filled: 3,
      textLength: 0,
      detail: {
        dv: 1,
        kind: 'visit',
        data: summarizeVisit(INTERVIEW, visitDoc('interview', '2039-04-16')),
      },
    };
    expect(docTitleOf(INTERVIEW, summary)).toBe('Собеседование с директором 16 апреля 2039 г.');
  });

  it('in a transfer file: from the file, else the device’s summary, else the id', () => {
    const titles = new TransferTitles();
    titles.readFile(fileOf({ [INTERVIEW]: visitDoc('interview', '2039-04-15') }));
    const rows = [
      {
        id: VISIT,
        summary: {
          filled: 3,
          textLength: 0,
          detail: {
            dv: 1,
            kind: 'visit' as const,
            data: summarizeVisit(VISIT, visitDoc('visit', '2039-03-13')),
          },
        },
      },
    ];
    expect(titles.titleOf(INTERVIEW, rows)).toBe('Собеседование с директором 15 апреля 2039 г.');
    expect(titles.titleOf(VISIT, rows)).toBe('Посещение школы 13 марта 2039 г.');
    expect(titles.titleOf('school:s1:visit:20390501-aaaaaa', rows)).toBe(
      'Посещение куратора 1 мая 2039 г.',
    );
    expect(titles.titleOf('school:s1:roadmap:2039', rows)).toBe('Дорожная карта на 2039 год');
  });
});
