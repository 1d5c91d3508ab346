/** The sync engine's Transport over fetch: one POST of a binary frame to the relay. */
import { REMAINING_HEADER, SYNC_CONTENT_TYPE, SYNC_PATH, type Transport } from '@opora/shared';
import { bearer, failOnError, request } from '$lib/auth/api';

/** How long one sync request may take before it counts as cut off (slow rural links). */
export const SYNC_TIMEOUT_MS = 90_000;

/**
 * A transport that posts frames with the given token; `onRemaining` hears the
 * relay's estimate of documents still to come (null when it sent none).
 */
export function fetchTransport(
  token: string,
  onRemaining?: (remaining: number | null) => void,
): Transport {
  return async (body) => {
    const res = await request(SYNC_PATH, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': SYNC_CONTENT_TYPE, accept: SYNC_CONTENT_TYPE },
      body: body as Uint8Array<ArrayBuffer>,
      signal: AbortSignal.timeout(SYNC_TIMEOUT_MS),
    });
    await failOnError(res);
    const frame = new Uint8Array(await res.arrayBuffer());
    const remaining = Number.parseInt(res.headers.get(REMAINING_HEADER) ?? '', 10);
    onRemaining?.(Number.isSafeInteger(remaining) && remaining >= 0 ? remaining : null);
    return frame;
  };
}
