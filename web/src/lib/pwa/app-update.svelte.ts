/**
 * The service worker's lifecycle as the screens see it: «Доступна новая
 * версия — обновить» when a new build waits, and the update on request.
 * Nothing unsynced is at risk: edits live in IndexedDB, not in the page.
 */
import { registerSW } from 'virtual:pwa-register';

/** Update prompt state. */
export class AppUpdate {
  #needRefresh = $state(false);
  #offlineReady = $state(false);
  private update: ((reload?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (once). */
  register(): void {
    if (this.update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    this.update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.#needRefresh = true),
      onOfflineReady: () => (this.#offlineReady = true),
      onRegisteredSW: (_url, registration) => {
        // Look for a new version now and then; the check is a tiny request.
        if (registration)
          setInterval(() => void registration.update().catch(() => undefined), 30 * 60_000);
      },
    });
  }

  get needRefresh(): boolean {
    return this.#needRefresh;
  }

  get offlineReady(): boolean {
    return this.#offlineReady;
  }

  dismissOfflineReady(): void {
    this.#offlineReady = false;
  }

  dismiss(): void {
    this.#needRefresh = false;
  }

  /** Activates the waiting version and reloads. */
  async apply(): Promise<void> {
    await this.update?.(true);
  }
}

let shared: AppUpdate | undefined;

/** The app's one instance. */
export function appUpdate(): AppUpdate {
  shared ??= new AppUpdate();
  return shared;
}
