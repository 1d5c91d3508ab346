/** «Сохранить копию» and its import, as the settings screen drives them. */
import { TransferError } from '@opora/shared/transfer/format';
import { appDb, type OporaDb } from '$lib/db/database';
import { t } from '$lib/i18n/ru';
import { tt } from '$lib/i18n/transfer';
import { downloadFile, transferFile } from '$lib/transfer/deliver';
import { exportBackup, importBackup } from './backup';
import type { TransferAccess } from '@opora/shared/transfer/exchange';

/** Export and import state. */
export class BackupManager {
  #busy = $state(false);
  #message = $state<string | null>(null);
  #failed = $state(false);

  constructor(
    private readonly access: () => TransferAccess | undefined = () => undefined,
    private readonly db: OporaDb = appDb(),
  ) {}

  get busy(): boolean {
    return this.#busy;
  }

  get message(): string | null {
    return this.#message;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** Builds the file and hands it to the browser's download. */
  async exportFile(): Promise<void> {
    await this.guard(async () => {
      const made = await exportBackup(this.db);
      downloadFile(transferFile(made.bytes, made.fileName));
      return t.settings.exported(made.manifest.documents.length);
    });
  }

  /** Merges a chosen file into the device. */
  async importFile(file: File): Promise<void> {
    await this.guard(async () => {
      const report = await importBackup(this.db, file, this.access());
      return tt.result.counts(report.counts);
    });
  }

  private async guard(work: () => Promise<string>): Promise<void> {
    this.#busy = true;
    this.#failed = false;
    try {
      this.#message = await work();
    } catch (e) {
      this.#failed = true;
      this.#message = e instanceof TransferError ? e.message : tt.unexpected(String(e));
    } finally {
      this.#busy = false;
    }
  }
}
