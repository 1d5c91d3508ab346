/**
 * The transfer screen's state: which documents to put in a file, the made file
 * and how to hand it over; a chosen file's manifest before anything changes,
 * then what the import brought. Talks to the device through DexieTransferStore.
 */
import {
  applyTransfer,
  exportTransfer,
  openTransferFile,
  type ExportResult,
  type ImportReport,
  type TransferAccess,
} from '@opora/shared/transfer/exchange';
import { TransferError, type TransferContents } from '@opora/shared/transfer/format';
import type { DirectorySnapshot } from '@opora/shared';
import type { DocSummary, OporaDb, TransferPeer } from '$lib/db/database';
import { TransferTitles } from './titles';
import { LiveValue } from '$lib/db/live.svelte';
import { tt } from '$lib/i18n/transfer';
import { deviceSender } from '$lib/storage/backup';
import { DexieTransferStore } from './dexie-transfer';
import { transferChoices, type TransferChoice } from './choices';
import { loadPeers, peerVectors, rememberPeer } from './peers';
import { canShareFile, downloadFile, shareFile, transferFile } from './deliver';
import { takeSharedFile } from './share-target';

/** Export progress. */
export type ExportState =
  | { step: 'idle' }
  | { step: 'busy' }
  | { step: 'ready'; made: ExportResult; file: File; canShare: boolean; shared: boolean }
  | { step: 'failed'; message: string };

/** Import progress. */
export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; contents: TransferContents }
  | { step: 'applying'; fileName: string; contents: TransferContents }
  | { step: 'done'; fileName: string; report: ImportReport }
  | { step: 'failed'; fileName: string; message: string };

function errorMessage(e: unknown): string {
  return e instanceof TransferError
    ? e.message
    : tt.unexpected(e instanceof Error ? e.message : String(e));
}

/** State of «Передать без интернета» and «Принять файл». */
export class TransferManager {
  #choice = $state('all');
  #note = $state('');
  #peer = $state('');
  #export = $state<ExportState>({ step: 'idle' });
  #import = $state<ImportState>({ step: 'idle' });
  private readonly rows: LiveValue<{ id: string; schoolId: string; summary: DocSummary }[]>;
  private readonly titles = new TransferTitles();
  private readonly store: DexieTransferStore;
  private readonly peersLive: LiveValue<TransferPeer[]>;

  constructor(
    private readonly db: OporaDb,
    private readonly directory: () => DirectorySnapshot,
    private readonly access: () => TransferAccess,
    initialChoice: string | null = null,
  ) {
    this.store = new DexieTransferStore(db);
    this.rows = new LiveValue(
      async () =>
        (await db.docs.toArray()).map((r) => ({
          id: r.id,
          schoolId: r.schoolId,
          summary: r.summary,
        })),
      [],
    );
    this.peersLive = new LiveValue(() => loadPeers(db), []);
    if (initialChoice) this.#choice = initialChoice;
  }

  get loaded(): boolean {
    return this.rows.loaded;
  }

  /** Everything, then each school with documents on the device, by name. */
  get choices(): TransferChoice[] {
    return transferChoices(this.rows.value, this.directory());
  }

  /** A document's title for the file's lists: a visit's kind and day from the file or the device. */
  titleOf(docId: string): string {
    return this.titles.titleOf(docId, this.rows.value);
  }

  get choice(): string {
    return this.#choice;
  }

  set choice(key: string) {
    this.#choice = key;
    this.#export = { step: 'idle' };
  }

  /** Devices that sent this one a file: a file back to one of them can carry only what it lacks. */
  get peers(): TransferPeer[] {
    return this.peersLive.value;
  }

  /** The receiving device ('' for any device: full state). */
  get peer(): string {
    return this.#peer;
  }

  set peer(deviceId: string) {
    this.#peer = deviceId;
    this.#export = { step: 'idle' };
  }

  get note(): string {
    return this.#note;
  }

  set note(text: string) {
    this.#note = text;
  }

  get exportState(): ExportState {
    return this.#export;
  }

  get importState(): ImportState {
    return this.#import;
  }

  /** Makes the file of the chosen documents. */
  async prepare(): Promise<void> {
    const chosen = this.choices.find((c) => c.key === this.#choice) ?? this.choices[0];
    if (!chosen || chosen.docIds.length === 0) {
      this.#export = { step: 'failed', message: tt.export.noDocs };
      return;
    }
    this.#export = { step: 'busy' };
    const known = this.peers.find((p) => p.deviceId === this.#peer);
    try {
      const made = await exportTransfer(this.store, {
        docIds: chosen.docIds,
        sender: await deviceSender(this.db),
        includeUnacknowledged: true,
        knownVectors: known ? peerVectors(known) : undefined,
        note: this.#note.trim(),
      });
      const file = transferFile(made.bytes, made.fileName);
      this.#export = { step: 'ready', made, file, canShare: canShareFile(file), shared: false };
    } catch (e) {
      this.#export = {
        step: 'failed',
        message: e instanceof TransferError ? e.message : tt.export.failed,
      };
    }
  }

  /** Downloads the made file. */
  download(): void {
    if (this.#export.step === 'ready') downloadFile(this.#export.file);
  }

  /** Offers the made file to the share sheet. */
  async share(): Promise<void> {
    const state = this.#export;
    if (state.step !== 'ready') return;
    try {
      const shared = await shareFile(state.file, tt.title);
      this.#export = { ...state, shared };
    } catch (e) {
      this.#export = { step: 'failed', message: errorMessage(e) };
    }
  }

  /** Reads and verifies a chosen or dropped file; nothing on the device changes yet. */
  async open(file: File): Promise<void> {
    const fileName = file.name;
    this.#import = { step: 'reading', fileName };
    try {
      const contents = await openTransferFile(file);
      this.titles.readFile(contents);
      this.#import = { step: 'preview', fileName, contents };
    } catch (e) {
      this.#import = { step: 'failed', fileName, message: errorMessage(e) };
    }
  }

  /**
   * A file from the phone's share sheet, kept by the service worker
   * (share-target.ts): `arrival` is the screen's `?shared=` value.
   */
  async openShared(arrival: string, fileName: string): Promise<void> {
    const name = fileName || tt.import.sharedFile;
    if (arrival === 'too-large') {
      this.#import = {
        step: 'failed',
        fileName: name,
        message: new TransferError('tooLarge').message,
      };
      return;
    }
    const file =
      arrival === 'file' && typeof caches !== 'undefined'
        ? await takeSharedFile(caches).catch(() => null)
        : null;
    if (file) await this.open(file);
    else this.#import = { step: 'failed', fileName: name, message: tt.import.shareLost };
  }

  /** Merges the previewed file into the device. */
  async accept(): Promise<void> {
    const state = this.#import;
    if (state.step !== 'preview') return;
    this.#import = { ...state, step: 'applying' };
    try {
      // Every readable change goes on to the relay, which judges rights (issue 6): what it
      // refuses is shown with its reason on the sync page and stays on this device.
      const report = await applyTransfer(state.contents, this.store, {
        access: this.access(),
        forward: 'all',
      });
      await rememberPeer(this.db, state.contents.manifest).catch(() => undefined);
      this.#import = { step: 'done', fileName: state.fileName, report };
    } catch (e) {
      this.#import = { step: 'failed', fileName: state.fileName, message: errorMessage(e) };
    }
  }

  /** Back to choosing a file. */
  resetImport(): void {
    this.#import = { step: 'idle' };
  }

  stop(): void {
    this.rows.stop();
    this.peersLive.stop();
  }
}
