/**
 * Starts the relay: settings, database (seeding the demo region on a first
 * start), HTTP server, and a clean shutdown on SIGINT/SIGTERM.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createRelay, type Relay } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { demoTable } from './demo/print.ts';
import { storeDemoDocuments } from './demo/documents.ts';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemo } from './demo/seed.ts';
import { holdLock } from './relay-lock.ts';
import { UserRepo } from './repo/user-repo.ts';
import { hasWebBuild } from './routes/web.ts';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function urlOf(config: Config, info: AddressInfo): string {
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
}

function start(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(`Неверная настройка / invalid setting: ${e.message}`);
    throw e;
  }

  let relay: Relay;
  try {
    relay = createRelay({
      databasePath: config.databasePath,
      webRoot: config.webRoot,
      trustProxy: config.trustProxy,
    });
  } catch (e) {
    fail(
      `Не удалось открыть базу данных ${config.databasePath} (cannot open the database): ${
        e instanceof Error ? e.message : String(e)
      }`,
    );
  }
  let seeded = false;
  if (config.demo && isDatabaseEmpty(relay.db)) {
    seedDemo(relay.db);
    if (config.demoDocuments) storeDemoDocuments(relay.db);
    seeded = true;
  }
  const demoPresent =
    config.demo && new UserRepo(relay.db).byId(DEMO_LOGINS[0]!.userId) !== undefined;
  const releaseLock = holdLock(config.databasePath);

  const server: ServerType = serve(
    { fetch: relay.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      const url = urlOf(config, info);
      console.log(`\nОпора: сервер синхронизации запущен — ${url}`);
      console.log(`  база данных: ${config.databasePath}`);
      console.log(
        hasWebBuild(config.webRoot)
          ? `  веб-приложение: ${config.webRoot}`
          : `  веб-приложение не собрано (${config.webRoot}): выполните npm run build`,
      );
      if (seeded) console.log('  создан демонстрационный регион «Северная область»');
      if (demoPresent) console.log(`\nДемонстрационные входы:\n${demoTable(DEMO_LOGINS)}\n`);
    },
  );

  server.on('error', (e: NodeJS.ErrnoException) => {
    releaseLock();
    relay.close();
    if (e.code === 'EADDRINUSE')
      fail(
        `Порт ${config.port} уже занят (port in use). Остановите другой процесс или задайте PORT, например PORT=8081 npm start.`,
      );
    if (e.code === 'EACCES')
      fail(`Нет прав открыть порт ${config.port} (permission denied). Задайте PORT больше 1024.`);
    fail(`Сервер не запустился (server failed): ${e.message}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: останавливаю сервер…`);
    relay.events.close();
    server.close(() => {
      relay.close();
      releaseLock();
      console.log('Сервер остановлен.');
      process.exit(0);
    });
    // Event streams end cleanly first; connections still busy after a grace period are cut.
    if ('closeAllConnections' in server) {
      setTimeout(() => server.closeIdleConnections(), 100).unref();
      setTimeout(() => server.closeAllConnections(), 3000).unref();
    }
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

start();
