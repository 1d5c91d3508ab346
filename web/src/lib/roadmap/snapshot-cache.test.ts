import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { RoadmapEditor, readRoadmap, type RoadmapSnapshot } from '@opora/shared';
import { kvGet, openDb, type OporaDb } from '$lib/db/database';
import { RoadmapCacheWriter, readCachedRoadmap, writeCachedRoadmap } from './snapshot-cache';

const DOC = 'school:s1:roadmap:2031';
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function freshDb(name = `snapshot-cache-${Math.random()}`): OporaDb {
  const db = openDb(name);
  dbs.push(db);
  return db;
}

/** A real roadmap read: one problem with a measure and an indicator value. */
function roadmapRead(title: string): RoadmapSnapshot {
  const doc = new Y.Doc();
  const ed = new RoadmapEditor(doc, { actor: { userId: 'u1', name: 'Директор' } });
  ed.init();
  const p = ed.addProblem({ title });
  ed.addMeasure(p, { title: 'Семинар', start: '2031-01-01', end: '2031-01-31' });
  const ind = ed.addIndicator(p, { name: 'Доля', unit: '%', baseline: 30, target: 55 });
  ed.addIndicatorValue(ind, { date: '2031-02-01', value: 40, note: '' });
  const snap = readRoadmap(doc);
  doc.destroy();
  return snap;
}

describe('roadmap snapshot cache', () => {
  it('reads back what was stored, and nothing for a roadmap never stored', async () => {
    const db = freshDb();
    const snap = roadmapRead('Низкая успеваемость');
    expect(await readCachedRoadmap(db, DOC)).toBeNull();
    await writeCachedRoadmap(db, DOC, snap);
    const back = await readCachedRoadmap(db, DOC);
    expect(snap.history.length).toBeGreaterThan(0);
    expect(back).toEqual({ ...snap, history: [] });
    expect(back?.problems[0]?.title).toBe('Низкая успеваемость');
    await writeCachedRoadmap(db, DOC, roadmapRead('Другая'));
    expect((await readCachedRoadmap(db, DOC))?.problems[0]?.title).toBe('Другая');
    expect(await db.views.count()).toBe(1);
  });

  it('a device with the version-1 database keeps its rows when the cache table arrives', async () => {
    const name = `snapshot-cache-${Math.random()}`;
    const old = new Dexie(name);
    old
      .version(1)
      .stores({ docs: 'id, schoolId, kind, updatedAt', outbox: '++id, docId, status', kv: 'key' });
    await old
      .table('kv')
      .put({ key: 'sync', value: { cursor: 'c7', lastSuccessAt: 1, lastError: null } });
    old.close();
    const db = freshDb(name);
    expect((await kvGet(db, 'sync'))?.cursor).toBe('c7');
    await writeCachedRoadmap(db, DOC, roadmapRead('После обновления'));
    expect(await readCachedRoadmap(db, DOC)).not.toBeNull();
  });

  it('the writer stores at most once per interval, and what is pending on close', async () => {
    const db = freshDb();
    let reads = 0;
    const snap = roadmapRead('Черновик');
    const writer = new RoadmapCacheWriter(db, DOC, () => (reads++, snap), 60_000);
    writer.changed();
    writer.changed();
    writer.changed();
    expect(reads).toBe(0);
    expect(await readCachedRoadmap(db, DOC)).toBeNull();
    await writer.close();
    expect(reads).toBe(1);
    expect((await readCachedRoadmap(db, DOC))?.problems).toEqual(snap.problems);
    // Closed: the document behind `read` is gone, so nothing more is read or written.
    writer.changed();
    await writer.flush();
    expect(reads).toBe(1);
  });

  it('the writer writes by itself once the interval has passed', async () => {
    const db = freshDb();
    const snap = roadmapRead('Сама запишется');
    const writer = new RoadmapCacheWriter(db, DOC, () => snap, 0);
    writer.changed();
    await vi.waitFor(async () =>
      expect((await readCachedRoadmap(db, DOC))?.problems).toEqual(snap.problems),
    );
    await writer.close();
  });
});
