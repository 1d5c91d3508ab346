/**
 * The relay's nudges: GET /api/events is a server-sent event stream whose
 * `changed` events mean "something in your scope changed". EventSource cannot
 * send an Authorization header, so the stream is read with fetch. Correctness
 * never depends on it: the timer syncs anyway.
 */
import { bearer } from '$lib/auth/api';
import { backoffDelay } from './backoff';

/** Starts listening; returns a function that stops. */
export function listenForNudges(token: string, onChanged: () => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    controller = new AbortController();
    try {
      const res = await fetch('/api/events', {
        headers: { ...bearer(token), accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (res.status === 401) return; // The sync engine reports the revoked token.
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      failures = 0;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          if (/^event:\s*changed\s*$/m.test(block)) onChanged();
        }
      }
    } catch {
      // Dropped or refused: reconnect below.
    }
    if (stopped) return;
    failures++;
    timer = setTimeout(() => void connect(), backoffDelay(failures, Math.random));
  };
  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}
