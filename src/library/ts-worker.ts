/** Worker threads running this project's TypeScript modules as they are. */
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** A worker cannot start from a .ts file: it registers tsx first, then imports the module. */
export function startTsWorker(moduleUrl: string, options: WorkerOptions = {}): Worker {
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  // The project's tsconfig, wherever the process was started from.
  const tsconfig = JSON.stringify(fileURLToPath(new URL("../../tsconfig.json", import.meta.url)));
  return new Worker(
    `import(${tsx}).then((tsx) => { tsx.register({ tsconfig: ${tsconfig} }); return import(${JSON.stringify(moduleUrl)}); })`,
    { ...options, eval: true },
  );
}
