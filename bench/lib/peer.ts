/**
 * The peer: Hocuspocus server and providers, in the configuration the issue
 * names as its best (server `flushDelay: false`, no awareness, the pending
 * documents limit raised), with permessage-deflate on so its bytes are
 * compressed as ours are.
 */
import { Database } from '@hocuspocus/extension-database';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Server, type Extension } from '@hocuspocus/server';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import type * as Y from 'yjs';

const require = createRequire(import.meta.url);

/** Installed version of a Hocuspocus package. */
export function peerVersion(pkg: string): string {
  const main = require.resolve(pkg);
  const root = main.slice(
    0,
    main.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}`.length,
  );
  const path = `${root}/package.json`;
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** A running Hocuspocus server. */
export interface PeerServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Starts Hocuspocus on 127.0.0.1:0 with the given storage extension. */
export async function startPeer(
  storage: Extension,
  extra: { debounce?: number; maxDebounce?: number } = {},
): Promise<PeerServer> {
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    flushDelay: false,
    maxPendingDocuments: 1_000_000,
    maxUnauthenticatedQueueMessages: 1_000_000,
    maxUnauthenticatedQueueSize: 1024 * 1024 * 1024,
    unloadImmediately: true,
    websocketOptions: { perMessageDeflate: true, maxPayload: 256 * 1024 * 1024 },
    extensions: [storage],
    ...extra,
    async onAuthenticate({ token }) {
      if (!token) throw new Error('no token');
      return { user: token };
    },
  });
  await server.listen();
  return {
    server,
    port: server.address.port,
    close: async () => {
      await server.destroy();
    },
  };
}

/** Hocuspocus storage over a Map (for bench:sync, where storage is not what is measured). */
export function mapStorage(states: Map<string, Uint8Array>): {
  extension: Database;
  stores: () => number;
} {
  let stores = 0;
  const extension = new Database({
    fetch: async ({ documentName }) => states.get(documentName) ?? null,
    store: async ({ documentName, state }) => {
      states.set(documentName, new Uint8Array(state));
      stores++;
    },
  });
  return { extension, stores: () => stores };
}

/** One device's socket and its providers. */
export interface PeerDevice {
  socket: HocuspocusProviderWebsocket;
  providers: HocuspocusProvider[];
  /** True when every provider is synced and has no unacknowledged change. */
  settled(): boolean;
  destroy(): void;
}

/** Opens one socket to `port` and attaches a provider per document. */
export function connectDevice(port: number, docs: Map<string, Y.Doc>, token: string): PeerDevice {
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}`,
    WebSocketPolyfill: WebSocket,
    messageReconnectTimeout: 600_000,
  });
  const providers: HocuspocusProvider[] = [];
  for (const [name, document] of docs) {
    const p = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document,
      token,
      awareness: null,
    });
    p.attach();
    providers.push(p);
  }
  return {
    socket,
    providers,
    settled: () => providers.every((p) => p.synced && p.unsyncedChanges === 0),
    destroy() {
      for (const p of providers) p.destroy();
      socket.destroy();
    },
  };
}

/** Resolves when `ready()` holds, checking every `everyMs`; rejects after `timeoutMs`. */
export async function until(ready: () => boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const start = performance.now();
  while (!ready()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
