/** Worker threads running this project's TypeScript modules as they are. */
import { Worker, type WorkerOptions } from "node:worker_threads";

/** A worker cannot start from a .ts file: it registers tsx first, then imports the module. */
export function startTsWorker(moduleUrl: string, options: WorkerOptions = {}): Worker {
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return new Worker(
    `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`,
    { ...options, eval: true },
  );
}
