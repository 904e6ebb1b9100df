/**
 * Worker threads running this project's modules, from either form the code runs in: compiled JavaScript
 * (dist/, the installed command) starts as it is; TypeScript sources (tests, a checkout) through tsx.
 */
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * The URL of the module `name` beside the module at `base` (the caller's import.meta.url), in the caller's own
 * form: `name.ts` beside a source, `name.js` beside compiled code. A URL is not an import, so the build's
 * rewriting of `.ts` specifiers does not reach it.
 * @example siblingModule("ingest-worker", import.meta.url) // ".../src/library/ingest-worker.ts" under tsx
 */
export function siblingModule(name: string, base: string): string {
  return new URL(`./${name}${/\.tsx?$/.test(new URL(base).pathname) ? ".ts" : ".js"}`, base).href;
}

/** A worker running the module at `moduleUrl`: a .ts module is started by registering tsx first. */
export function startModuleWorker(moduleUrl: string, options: WorkerOptions = {}): Worker {
  if (!/\.tsx?$/.test(new URL(moduleUrl).pathname)) return new Worker(new URL(moduleUrl), options);
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  // The project's tsconfig, wherever the process was started from.
  const tsconfig = JSON.stringify(fileURLToPath(new URL("../../tsconfig.json", import.meta.url)));
  return new Worker(
    `import(${tsx}).then((tsx) => { tsx.register({ tsconfig: ${tsconfig} }); return import(${JSON.stringify(moduleUrl)}); })`,
    { ...options, eval: true },
  );
}
