/// <reference lib="webworker" />
/**
 * The service worker: precaches the shell (Workbox injectManifest) and answers
 * every navigation with the precached index.html, so each route opens offline.
 * API calls are never cached: data lives in IndexedDB, not in HTTP caches.
 * A new version waits until the user accepts «Доступна новая версия — обновить»
 * (the page posts SKIP_WAITING); unsynced edits are in IndexedDB and survive.
 * Files shared to the app from the phone's share sheet (manifest `share_target`)
 * arrive as a POST to /share-target: kept in Cache Storage, then the transfer
 * screen opens with them (web/src/lib/transfer/share-target.ts).
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SHARE_TARGET_PATH, receiveShare } from '../lib/transfer/share-target';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === SHARE_TARGET_PATH,
  async ({ request }) => {
    const path = await receiveShare(request, self.caches);
    return Response.redirect(new URL(path, self.location.origin).href, 303);
  },
  'POST',
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING')
    void self.skipWaiting();
});
