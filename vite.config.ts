import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One config for the client build and for Vitest. The server is run by tsx, not bundled.
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
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    expect: { requireAssertions: true },
    reporters: ['default', ['json', { outputFile: 'test-results/report.json' }]],
    globalSetup: [here('./test/setup/global.ts')],
  },
});
