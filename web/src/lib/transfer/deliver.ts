/**
 * Handing a made file to the person: the browser's download, and the Web Share
 * API (Android's share sheet: Bluetooth, USB, messengers) where the browser
 * says it can share such a file (`navigator.canShare({ files })`).
 */
import { TRANSFER_MIME_TYPE } from '@opora/shared/transfer/format';

/** The bytes as a File with the transfer MIME type. */
export function transferFile(bytes: Uint8Array, name: string): File {
  return new File([bytes as BlobPart], name, { type: TRANSFER_MIME_TYPE });
}

/** Starts the browser's download of a file. */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** True when the browser can offer this file to its share sheet. */
export function canShareFile(file: File): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.canShare !== 'function') return false;
  try {
    return navigator.canShare({ files: [file] });
  } catch {
    return false;
  }
}

/** Opens the share sheet; false when the person closed it without sharing. */
export async function shareFile(file: File, title: string): Promise<boolean> {
  try {
    await navigator.share({ files: [file], title });
    return true;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return false;
    throw e;
  }
}
