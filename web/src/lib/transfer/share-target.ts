/**
 * Receiving a transfer file from the phone's share sheet (Web Share Target,
 * the manifest's `share_target` in vite.config.ts): Android POSTs the shared
 * file as multipart form data to SHARE_TARGET_PATH. The service worker keeps
 * the file in Cache Storage (one at a time) and redirects to the transfer
 * screen with `?shared=…`; the screen takes the file from there and shows its
 * manifest as for a picked file. A file over the size limit is not kept: the
 * screen says so by its name alone. Nothing here touches IndexedDB.
 */
import { MAX_TRANSFER_FILE_BYTES } from '@opora/shared/transfer/limits';

/** Where the share sheet POSTs (`share_target.action`). */
export const SHARE_TARGET_PATH = '/share-target';
/** The form field of the shared files (`share_target.params.files[0].name`). */
export const SHARE_FILE_FIELD = 'file';
/** The query parameter the transfer screen reads after a share. */
export const SHARED_PARAM = 'shared';
/** …and the shared file's name, when it was too large to keep. */
export const SHARED_NAME_PARAM = 'name';

const CACHE_NAME = 'opora-shared-file';
const CACHE_KEY = '/share-target/file';
const NAME_HEADER = 'X-Opora-File-Name';
/** Room for the multipart boundaries and headers around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** What the share brought: a kept file, a file too large to keep, or nothing usable. */
export type ShareArrival = 'file' | 'too-large' | 'none';

/** The transfer screen's address after a share. */
export function sharedScreenPath(arrival: ShareArrival, fileName = ''): string {
  const q = new URLSearchParams({ [SHARED_PARAM]: arrival });
  if (fileName) q.set(SHARED_NAME_PARAM, fileName);
  return `/transfer?${q.toString()}`;
}

/**
 * Service worker side: keeps the first file of a share POST and answers with
 * the transfer screen's address. A body declared larger than the limit is not
 * read at all.
 */
export async function receiveShare(request: Request, storage: CacheStorage): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_TRANSFER_FILE_BYTES + FORM_OVERHEAD_BYTES)
    return sharedScreenPath('too-large');
  let file: File | undefined;
  try {
    const form = await request.formData();
    // A form with no file chosen still sends an empty part without a name: not a file.
    file = form
      .getAll(SHARE_FILE_FIELD)
      .find((v): v is File => typeof v !== 'string' && (v.name !== '' || v.size > 0));
  } catch {
    return sharedScreenPath('none');
  }
  if (!file) return sharedScreenPath('none');
  if (file.size > MAX_TRANSFER_FILE_BYTES) return sharedScreenPath('too-large', file.name);
  const cache = await storage.open(CACHE_NAME);
  await cache.put(
    CACHE_KEY,
    new Response(file, {
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        [NAME_HEADER]: encodeURIComponent(file.name),
      },
    }),
  );
  return sharedScreenPath('file');
}

/** Page side: takes (and forgets) the file the service worker kept; null when there is none. */
export async function takeSharedFile(storage: CacheStorage): Promise<File | null> {
  const cache = await storage.open(CACHE_NAME);
  const response = await cache.match(CACHE_KEY);
  if (!response) return null;
  const blob = await response.blob();
  await cache.delete(CACHE_KEY);
  const name = decodeURIComponent(response.headers.get(NAME_HEADER) ?? '') || 'shared.opora';
  return new File([blob], name, { type: blob.type });
}
