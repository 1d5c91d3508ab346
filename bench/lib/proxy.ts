/**
 * A TCP proxy on loopback that counts the bytes each way and can delay every
 * chunk by a fixed one-way latency. Both sides of a comparison go through it,
 * so HTTP headers, WebSocket framing and compression are all counted alike.
 */
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';

/** Byte counters of a proxy. */
export interface Traffic {
  up: number;
  down: number;
}

/** A running proxy. */
export interface Proxy {
  port: number;
  traffic: Traffic;
  /** One-way delay in milliseconds applied to every chunk; may be changed between runs. */
  delayMs: number;
  reset(): void;
  close(): Promise<void>;
}

function pipe(from: Socket, to: Socket, count: (n: number) => void, delay: () => number): void {
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    const d = delay();
    if (d <= 0) to.write(chunk);
    // Timers of equal delay fire in order, so the stream stays ordered.
    else setTimeout(() => to.write(chunk), d);
  });
  from.on('end', () => {
    const d = delay();
    if (d <= 0) to.end();
    else setTimeout(() => to.end(), d);
  });
  from.on('error', () => to.destroy());
  from.on('close', () => {
    const d = delay();
    setTimeout(() => to.destroy(), d + 1);
  });
}

/** Starts a proxy on 127.0.0.1 forwarding to `targetPort`. */
export async function startProxy(targetPort: number, delayMs = 0): Promise<Proxy> {
  const sockets = new Set<Socket>();
  const proxy: Proxy = {
    port: 0,
    traffic: { up: 0, down: 0 },
    delayMs,
    reset() {
      proxy.traffic = { up: 0, down: 0 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer({ noDelay: true }, (client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    const delay = () => proxy.delayMs;
    pipe(client, upstream, (n) => (proxy.traffic.up += n), delay);
    pipe(upstream, client, (n) => (proxy.traffic.down += n), delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
