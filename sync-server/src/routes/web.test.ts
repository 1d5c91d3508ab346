import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from '../app.ts';

let root: string;
let relay: Relay;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opora-web-'));
  mkdirSync(join(root, '_app/immutable/chunks'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>Опора</title><div id="app"></div>',
  );
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Опора"}');
  writeFileSync(join(root, 'favicon.png'), 'png');
  writeFileSync(join(root, '_app/immutable/chunks/app.abc123.js'), 'export {};');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => relay.close());

describe('web build', () => {
  it('serves the shell with no-cache and hashed assets for a year', async () => {
    relay = createRelay({ databasePath: ':memory:', webRoot: root });
    const index = await relay.app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('id="app"');
    for (const path of ['/sw.js', '/manifest.webmanifest', '/index.html']) {
      const res = await relay.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await relay.app.request('/_app/immutable/chunks/app.abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('falls back to index.html for app routes, not for /api or missing assets', async () => {
    relay = createRelay({ databasePath: ':memory:', webRoot: root });
    const route = await relay.app.request('/school/zar-sosh-3/roadmap');
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('id="app"');
    expect((await relay.app.request('/_app/immutable/missing.js')).status).toBe(404);
    const api = await relay.app.request('/api/health');
    expect(await api.json()).toEqual({ ok: true });
    expect((await relay.app.request('/api/auth/login')).status).toBe(404);
    expect((await relay.app.request('/../../etc/passwd')).status).not.toBe(500);
  });

  it('sends a share-sheet POST that missed the service worker to the transfer screen', async () => {
    relay = createRelay({ databasePath: ':memory:', webRoot: root });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'a.opora');
    const res = await relay.app.request('/share-target', { method: 'POST', body: form });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/transfer?shared=none');
  });

  it('answers a Russian page when the app is not built', async () => {
    relay = createRelay({ databasePath: ':memory:', webRoot: join(root, 'nothing') });
    const res = await relay.app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Веб-приложение ещё не собрано');
    expect((await relay.app.request('/some/route')).status).toBe(404);
  });
});
