/**
 * Runs in Chromium for `npm run bench:web`: the same questionnaire-sized
 * documents stored with y-indexeddb (one database per document) and with
 * y-dexie (one updates table for all), then the times to open the store and
 * list documents, and to load one document, and the storage each uses.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Dexie, type EntityTable } from 'dexie';
import yDexie, { DexieYProvider } from 'y-dexie';
import { sampleQuestionnaireId } from '../lib/questionnaire-sample.ts';

interface Row {
  id: string;
  readonly content: Y.Doc;
}
type Db = Dexie & { docs: EntityTable<Row, 'id'> };

function openDexie(): Db {
  const db = new Dexie('bench-ydexie', { addons: [yDexie] }) as Db;
  db.version(1).stores({ docs: 'id, content: Y.Doc' });
  return db;
}

/** A questionnaire-sized document: 40 answers and a paragraph of notes. */
function fill(doc: Y.Doc, i: number): void {
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('kind', 'questionnaire');
    meta.set('schemaVersion', 1);
    const answers = doc.getMap('answers');
    for (let q = 0; q < 40; q++)
      answers.set(`q${q}`, q % 3 === 0 ? q * i : `ответ ${q} документа ${i}`);
    const notes = new Y.Text();
    answers.set('notes', notes);
    notes.insert(0, 'Заметки куратора о школе. '.repeat(12));
  });
}

// Ids of real forms and waves (the content is opaque to the storage layers compared here).
const name = (i: number) => sampleQuestionnaireId(`s${i % 30}`, Math.floor(i / 30));

async function populateYIndexeddb(n: number): Promise<void> {
  const batch = 25;
  for (let start = 0; start < n; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - start) }, async (_, k) => {
        const doc = new Y.Doc();
        const p = new IndexeddbPersistence(name(start + k), doc);
        await p.whenSynced;
        fill(doc, start + k);
        await new Promise((r) => setTimeout(r, 0));
        await p.destroy();
        doc.destroy();
      }),
    );
  }
}

async function populateYDexie(n: number): Promise<void> {
  const db = openDexie();
  const rows: { id: string; content: Y.Doc }[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    fill(doc, i);
    rows.push({ id: name(i), content: doc });
    if (rows.length === 250 || i === n - 1) {
      await db.docs.bulkAdd(rows.splice(0) as never);
    }
  }
  db.close();
}

/** ms to open the store and list every document's name. */
async function openYIndexeddb(): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const dbs = await indexedDB.databases();
  return { ms: performance.now() - t0, count: dbs.length };
}

async function openYDexie(): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const db = openDexie();
  const keys = await db.docs.toCollection().primaryKeys();
  const ms = performance.now() - t0;
  db.close();
  return { ms, count: keys.length };
}

/** ms to load document i and read it. */
async function loadYIndexeddb(i: number): Promise<number> {
  const t0 = performance.now();
  const doc = new Y.Doc();
  const p = new IndexeddbPersistence(name(i), doc);
  await p.whenSynced;
  if (doc.getMap('answers').size < 41) throw new Error('y-indexeddb: document not loaded');
  const ms = performance.now() - t0;
  await p.destroy();
  return ms;
}

let shared: Db | null = null;
async function loadYDexie(i: number): Promise<number> {
  const t0 = performance.now();
  shared ??= openDexie();
  const row = await shared.docs.get(name(i));
  if (!row) throw new Error('y-dexie: no row');
  const provider = DexieYProvider.load(row.content);
  await provider.whenLoaded;
  if (row.content.getMap('answers').size < 41) throw new Error('y-dexie: document not loaded');
  const ms = performance.now() - t0;
  DexieYProvider.release(row.content);
  return ms;
}

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

Object.assign(globalThis, {
  bench: {
    populateYIndexeddb,
    populateYDexie,
    openYIndexeddb,
    openYDexie,
    loadYIndexeddb,
    loadYDexie,
    usage,
  },
});
