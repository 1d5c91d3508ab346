/** «Сохранить копию» and its import, as the settings screen drives them. */
import { appDb, type OporaDb } from '$lib/db/database';
import { t } from '$lib/i18n/ru';
import { BackupFormatError, exportBackup, importBackup, parseBackup } from './backup';

/** Export and import state. */
export class BackupManager {
  #busy = $state(false);
  #message = $state<string | null>(null);
  #failed = $state(false);

  constructor(private readonly db: OporaDb = appDb()) {}

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
      const backup = await exportBackup(this.db);
      const blob = new Blob([JSON.stringify(backup)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `opora-${backup.user?.login ?? 'copy'}-${backup.exportedAt.slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return t.settings.exported(backup.docs.length);
    });
  }

  /** Merges a chosen file into the device. */
  async importFile(file: File): Promise<void> {
    await this.guard(async () => {
      const changed = await importBackup(this.db, parseBackup(await file.text()));
      return t.settings.imported(changed);
    });
  }

  private async guard(work: () => Promise<string>): Promise<void> {
    this.#busy = true;
    this.#failed = false;
    try {
      this.#message = await work();
    } catch (e) {
      this.#failed = true;
      this.#message = e instanceof BackupFormatError ? t.settings.importError : String(e);
    } finally {
      this.#busy = false;
    }
  }
}
