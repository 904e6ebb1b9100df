#!/usr/bin/env node
// Entry point of the `citegraph` command: the compiled JavaScript when an up-to-date build is there (fast to
// start), else the TypeScript sources through tsx (compiled at run time, some seconds; see compiled.js).
import { fileURLToPath } from "node:url";
import { compiledMain } from "./compiled.js";

const compiled = compiledMain();
let main;
if (compiled) ({ main } = await import(compiled));
else {
  const { register } = await import("tsx/esm/api");
  // The tsconfig beside the sources (JSX for hono/jsx), wherever the command is run from.
  register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv);
