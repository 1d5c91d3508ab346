/**
 * The web app from the same origin: the static build with an SPA fallback to
 * index.html. The shell (index.html, the service worker, the manifest) must be
 * revalidated on every load so an update reaches devices; hashed assets under
 * /_app/immutable/ never change and are cached for a year.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFound } from '../errors.ts';

const NO_CACHE =
  /^\/(index\.html|sw\.js|service-worker\.js|manifest\.webmanifest|manifest\.json)?$/;

/** True when `webRoot` holds a web build. */
export function hasWebBuild(webRoot: string | null | undefined): webRoot is string {
  return !!webRoot && existsSync(join(webRoot, 'index.html'));
}

const NOT_BUILT = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Опора</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Опора: сервер работает</h1>
<p>Веб-приложение ещё не собрано. Выполните <code>npm run build</code> (или <code>npm start</code>)
и обновите страницу.</p>
<p>Сервер синхронизации доступен по адресу <code>/api</code>.</p>
</body></html>`;

/** Static routes for the web build, or a short page saying it is not built. */
export function webRoutes(webRoot: string | null | undefined): Hono {
  const app = new Hono();
  if (!hasWebBuild(webRoot)) {
    app.get('/', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(NOT_BUILT);
    });
    return app;
  }
  const index = join(webRoot, 'index.html');
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/_app/immutable/'))
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    else if (NO_CACHE.test(c.req.path)) c.header('Cache-Control', 'no-cache');
  });
  // The share sheet's POST (manifest share_target) is the service worker's; one that reaches the
  // relay came before the worker was installed: the transfer screen says the file did not arrive.
  app.post('/share-target', (c) => c.redirect('/transfer?shared=none', 303));
  app.use('*', serveStatic({ root: webRoot }));
  app.get('*', async (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) throw new NotFound();
    // A missing hashed asset is a real 404: answering the shell would poison caches.
    if (c.req.path.startsWith('/_app/')) throw new NotFound();
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  });
  return app;
}
