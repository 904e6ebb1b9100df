#!/usr/bin/env node
// Entry point of the `citegraph` command: registers tsx so the TypeScript sources run as they are.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// The tsconfig beside the sources (JSX for hono/jsx), wherever the command is run from.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
