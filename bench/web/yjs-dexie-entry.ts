// The storage stack alone, to set the first screen's JavaScript beside it.
export * as Y from 'yjs';
export { Dexie } from 'dexie';
export { DexieYProvider } from 'y-dexie';
