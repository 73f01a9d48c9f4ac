import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The production server: our TypeScript bundled into plain ES modules under dist/server, so
 * `npm run start:prod` needs neither tsx nor vite. Packages stay imports of node_modules (the production
 * install provides them, and native or JSON-heavy ones load as their authors meant). Each entry is a
 * file of its own beside index.js: the worker threads are started from `./past-worker.js`,
 * `./ingest-worker.js` and `./aggregator-worker.js` (server/worker-thread.ts), and the two
 * command-line tools are run with `node dist/server/…`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}dist/server`;

const ENTRIES = {
  index: 'server/index.ts',
  'past-worker': 'server/simulator/past-worker.ts',
  'ingest-worker': 'server/ingest/ingest-worker.ts',
  'aggregator-worker': 'server/aggregate/aggregator-worker.ts',
  'user-add': 'server/cli/user-add.ts',
  import: 'server/cli/import.ts',
};

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  // Stack traces in the logs name our functions, not minified ones.
  minify: false,
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, out]) => sum + out.bytes, 0);
console.log(
  `dist/server: ${Object.keys(ENTRIES).length} entries, ${(bytes / 1024).toFixed(0)} KiB ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
