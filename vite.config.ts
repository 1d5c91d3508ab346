import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One Vitest run covers the three packages; each is a project with its own environment.
export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of .ci/run.
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    // A test that asserts nothing fails (CONVENTIONS.md, "Tests").
    expect: { requireAssertions: true },
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          expect: { requireAssertions: true },
        },
      },
      {
        test: {
          name: 'sync-server',
          root: './sync-server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { requireAssertions: true },
        },
      },
      {
        test: {
          name: 'web',
          root: './web',
          alias: { $lib: fileURLToPath(new URL('./web/src/lib', import.meta.url)) },
          include: ['src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          expect: { requireAssertions: true },
        },
      },
    ],
  },
});
