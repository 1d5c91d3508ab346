/**
 * End-to-end tests: Debian's Chromium (never a downloaded browser), the real
 * relay on a free port with a fresh database, serving a copy of the web build
 * (the update test "deploys" a new service worker into that copy).
 */
import { defineConfig } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

// Evaluated in the runner and again in each worker; the runner's values reach workers by env.
if (!process.env.OPORA_E2E_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'opora-e2e-'));
  cpSync(join(repoRoot, 'web/build'), join(dir, 'web'), { recursive: true });
  process.env.OPORA_E2E_DIR = dir;
  process.env.OPORA_E2E_PORT = String(20_000 + Math.floor(Math.random() * 20_000));
}
const dir = process.env.OPORA_E2E_DIR;
const port = Number(process.env.OPORA_E2E_PORT);

/** Where the relay serves the web build from (the update test writes into it). */
export const E2E_WEB_ROOT = join(dir, 'web');

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.e2e.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The JSON report feeds the "N passed, N failed" line of .ci/run.
  reporter: [['list'], ['json', { outputFile: join(repoRoot, '.reports/playwright.json') }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    serviceWorkers: 'allow',
    locale: 'ru-RU',
    viewport: { width: 360, height: 740 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'npx tsx sync-server/src/main.ts',
    cwd: repoRoot,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'opora.db'),
      WEB_ROOT: E2E_WEB_ROOT,
      DEMO: '1',
    },
  },
});
