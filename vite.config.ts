import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One config for the client build and for Vitest. The server is bundled by esbuild (server/build/bundle.ts).
export default defineConfig({
  root: here('./client'),
  plugins: [svelte()],
  resolve: { alias: { $shared: here('./shared') } },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    // The wall runs offline: every font and asset must end up in dist, never a CDN.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    proxy: { '/socket.io': { target: 'http://127.0.0.1:8080', ws: true }, '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    root: here('.'),
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    expect: { requireAssertions: true },
    // `npm run test:soak` writes its own report (TEST_REPORT), so CI counts both runs.
    reporters: ['default', ['json', { outputFile: process.env.TEST_REPORT ?? 'test-results/report.json' }]],
    globalSetup: [here('./test/setup/global.ts')],
    // End-to-end tests drive Chromium against a server process and watch the clock (freshness, scene
    // switches, frames): they run one file at a time, after the rest, so nothing competes for 2 cores.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Most of these wait on Redis, servers and sockets rather than compute: two files at a time
          // even on 2 cores (the default would be one).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Type-only tests (the Socket.IO contract): checked by tsc, reported like the others.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      // Long runs (a heap soak, a paired screen through a whole simulated day): `npm run test:soak`,
      // which CI runs after `npm test`, so the everyday command stays short.
      {
        extends: true,
        test: {
          name: 'soak',
          include: ['test/soak/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
