/** The region's monitoring waves on a screen: read live, written as local changes. */
import { readWaves, writeWave, type StoredWave, type WaveDescriptor } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveDoc } from '$lib/dashboard/live-doc.svelte';
import { LOCAL_ORIGIN } from '$lib/documents/origins';

/** One region's waves document, open. */
export class RegionWaves {
  private readonly live: LiveDoc;

  constructor(db: OporaDb, docId: string) {
    this.live = new LiveDoc(db, docId);
  }

  get ready(): boolean {
    return this.live.ready;
  }

  get failed(): boolean {
    return this.live.failed;
  }

  /** Stored waves, chronologically. */
  get waves(): StoredWave[] {
    return this.live.read(readWaves, []);
  }

  /** Opens or changes a wave (supersedes concurrent versions of it). */
  save(wave: WaveDescriptor, by: string): void {
    this.live.write((doc) => writeWave(doc, wave, by, { origin: LOCAL_ORIGIN }));
  }

  /** Resolves once the changes are stored on the device. */
  flushed(): Promise<void> {
    return this.live.flushed();
  }

  close(): void {
    this.live.close();
  }
}
