// Starts a worker thread on a module given by URL. A TypeScript module (tests and tsx runs)
// is loaded through tsx's loader inside the worker; compiled JavaScript is loaded directly.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  if (moduleUrl.pathname.endsWith('.ts')) {
    const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(moduleUrl, options);
}
