/**
 * What the browser benches of single screens share: the real relay in this
 * process (temp database, the demo region, a copy of a web build), pushing
 * generated documents through its sync endpoint as a demo user, Debian's
 * Chromium with 4× CPU throttling, and timing "input → next frame painted".
 *
 * Frame timing: a task posted from a requestAnimationFrame callback runs after
 * that frame's style, layout and paint, so "event timestamp → that task" is the
 * time until the screen showed the result of the event.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  decodeResponse,
  encodeRequest,
  type Push,
} from '@opora/shared';
import { createRelay } from '../../sync-server/src/app.ts';
import { seedDemo } from '../../sync-server/src/demo/seed.ts';

/** Chromium flags of every browser bench. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Median (upper middle for an even count). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Rounds to `d` digits after the point. */
export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Prints a figure beside its target: `label: 12.3 ms (target ≤ 50 ms, ratio 0.25)`. */
export function printAgainstTarget(label: string, ms: number, target: number, note = ''): void {
  console.log(
    `${label}: ${round(ms)} ms (target ≤ ${target} ms, ratio ${round(ms / target, 2)})${note ? ` — ${note}` : ''}`,
  );
}

/** The relay serving a copy of a web build with the demo region. */
export interface DemoRelay {
  base: string;
  /** Stores documents on the relay as a demo user (through the sync endpoint). */
  push(login: string, password: string, pushes: Push[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts the relay on a random port with a temp database seeded with the demo region. */
export async function startDemoRelay(webBuild: string): Promise<DemoRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-app-'));
  // A copy of the build: another build may rewrite the folder during the run.
  cpSync(webBuild, join(dir, 'web'), { recursive: true });
  const relay = createRelay({ databasePath: join(dir, 'opora.db'), webRoot: join(dir, 'web') });
  seedDemo(relay.db, Date.now(), { N: 1024, r: 8, p: 1 });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: relay.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async push(login, password, pushes) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password, deviceName: 'bench generator' }),
      });
      if (!res.ok) throw new Error(`sign-in of ${login}: HTTP ${res.status}`);
      const { token } = (await res.json()) as { token: string };
      const sync = await fetch(`${base}${SYNC_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': SYNC_CONTENT_TYPE },
        body: encodeRequest({
          cursor: '',
          maxBytes: 1,
          pushes,
          vectors: [],
        }) as Uint8Array<ArrayBuffer>,
      });
      if (!sync.ok) throw new Error(`push: HTTP ${sync.status}`);
      const answer = decodeResponse(new Uint8Array(await sync.arrayBuffer()));
      const bad = answer.acks.find((a) => a.code !== 0);
      if (bad) throw new Error(`push refused ${bad.docId}: ${bad.message}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          relay.close();
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** Launches Debian's Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Signs in through the form and waits for the home screen. */
export async function signIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: /Здравствуйте/ }).waitFor({ timeout: 60_000 });
}

/** Waits until the device's IndexedDB holds every one of `docIds`. */
export async function waitForDocs(page: Page, docIds: readonly string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const held = await page.evaluate(
      (ids) =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('opora');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('docs')) {
              db.close();
              return resolve(0);
            }
            const store = db.transaction('docs').objectStore('docs');
            let n = 0;
            let left = ids.length;
            for (const id of ids) {
              const c = store.count(id);
              c.onsuccess = () => {
                n += c.result;
                if (--left === 0) {
                  db.close();
                  resolve(n);
                }
              };
            }
          };
        }),
      [...docIds],
    );
    if (held >= docIds.length) return;
    if (Date.now() > deadline) throw new Error(`only ${held} of ${docIds.length} documents synced`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Turns on 4× CPU throttling for a page. */
export async function throttle(context: BrowserContext, page: Page, rate = 4): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** The probes `installFrameProbes` puts in every page of a context. */
interface Probes {
  /** Calls back with performance.now() in the task after the next frame is painted. */
  afterPaint(cb: (now: number) => void): void;
  /** Calls back (at once or on a later DOM change) once `count` elements match `ready`. */
  whenSeen(ready: string, count: number, cb: () => void): void;
  /** The pending measurement of `armFrameTimer` / `armRenderTimer`. */
  pending?: Promise<FrameTiming>;
}

/** What a timer measured: milliseconds, and the probed text at that frame. */
export interface FrameTiming {
  ms: number;
  probe: string | null;
}

/** Adds the timing probes to every page of a context (call before opening pages). */
export async function installFrameProbes(context: BrowserContext): Promise<void> {
  // tsx compiles with esbuild's keepNames: functions sent to the page call its `__name` helper.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(() => {
    const probes: Probes = {
      afterPaint(cb) {
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => cb(performance.now());
          ch.port2.postMessage(0);
        });
      },
      whenSeen(ready, count, cb) {
        const seen = () => document.querySelectorAll(ready).length >= count;
        if (seen()) return cb();
        const mo = new MutationObserver(() => {
          if (!seen()) return;
          mo.disconnect();
          cb();
        });
        mo.observe(document, { childList: true, subtree: true });
      },
    };
    (window as unknown as { __probes: Probes }).__probes = probes;
  });
}

/**
 * Arms a one-shot timer in the page: the next `type` event (capture phase,
 * anywhere) starts it at the event's timestamp; it stops in the task after the
 * first frame painted once `count` elements match `ready` (at once when empty),
 * reading the text of `probe` (a selector) there. `measured(page)` returns it.
 */
export async function armTimer(
  page: Page,
  type: string,
  opts: { ready?: string; count?: number; probe?: string } = {},
): Promise<void> {
  await page.evaluate(
    ([type, ready, count, probe]) => {
      const p = (window as unknown as { __probes: Probes }).__probes;
      p.pending = new Promise((resolve) => {
        const onEvent = (e: Event) => {
          document.removeEventListener(type, onEvent, true);
          const start = e.timeStamp;
          const stop = () =>
            p.afterPaint((now) =>
              resolve({
                ms: now - start,
                probe: probe ? (document.querySelector(probe)?.textContent ?? null) : null,
              }),
            );
          if (ready) p.whenSeen(ready, count, stop);
          else stop();
        };
        document.addEventListener(type, onEvent, true);
      });
    },
    [type, opts.ready ?? '', opts.count ?? 1, opts.probe ?? ''] as const,
  );
}

/** What the timer `armTimer` set measured. */
export function measured(page: Page): Promise<FrameTiming> {
  return page.evaluate(
    () => (window as unknown as { __probes: Probes }).__probes.pending as Promise<FrameTiming>,
  );
}

/**
 * A cold load: milliseconds from the page's navigation to the first frame
 * painted with `count` elements matching `ready`. Call it once the navigation
 * has committed.
 */
export function loadedAt(page: Page, ready: string, count = 1): Promise<number> {
  return page.evaluate(
    ([ready, count]) =>
      new Promise<number>((resolve) => {
        const p = (window as unknown as { __probes: Probes }).__probes;
        p.whenSeen(ready, count, () => p.afterPaint(resolve));
      }),
    [ready, count] as const,
  );
}
