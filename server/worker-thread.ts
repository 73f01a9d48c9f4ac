import { Worker } from 'node:worker_threads';

/**
 * The worker's entry is a TypeScript module when the server runs under tsx: the worker registers tsx's
 * loader (which a worker does not inherit) before importing it.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})();
`;

/**
 * Starts the worker thread `name` (a module beside `base`, the caller's import.meta.url): `name.ts`
 * under tsx, `name.js` in the production bundle, where every entry is a file of its own beside index.js.
 */
export function startWorker(base: string, name: string, data: object): Worker {
  const typescript = base.endsWith('.ts');
  const workerData = {
    ...data,
    entry: new URL(`./${name}.${typescript ? 'ts' : 'js'}`, base).href,
    loader: typescript ? import.meta.resolve('tsx/esm/api') : null,
  };
  return new Worker(BOOT, { eval: true, workerData });
}
