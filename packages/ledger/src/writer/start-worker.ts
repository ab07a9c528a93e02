// Starts a worker thread on a module of this package. Built (dist/*.js) the module runs as it
// is. From a checkout this package is TypeScript run through tsx (tests, benches, the CLI's
// bin in the repository), and a worker inherits neither its parent's loader nor its export
// conditions, so the worker first registers tsx and resolves @chaperone/* to their sources,
// as packages/cli/bin/chaperone.js does for the main thread.
import { Worker } from 'node:worker_threads';

/** `name` without extension, beside this file: `.ts` from the sources, `.js` when built. */
export function siblingModule(name: string, from: string): URL {
  const extension = from.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, from);
}

export function startWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData });
  // tsx as this package finds it (the worker's own code is evaluated, so it would look from the cwd).
  const tsx = import.meta.resolve('tsx/esm/api');
  // A failed import rejects unhandled, which ends the worker with an 'error' event.
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv: ['--conditions=source'] });
}
