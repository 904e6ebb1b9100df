/**
 * How long a command takes to start, from the TypeScript sources (tsx, what every command did before the build)
 * and from the compiled JavaScript in dist/ (npm run build), in the same run, alternating: `citegraph --help`
 * and `citegraph stats` on the demo library. Median and spread of RUNS wall-clock times per case.
 * Usage: npm run bench:startup [-- RUNS]   (needs a build: npm run build)
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "../src/testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../bin/citegraph.js", import.meta.url));
const RUNS = Number(process.argv[2] ?? 10);
const MODES = { source: "1", compiled: "0" } as const;

/** One run of the command as a user starts it (no tsx inherited from this process), in ms. */
function run(args: string[], fromSource: string): number {
  const env = { ...process.env, NODE_OPTIONS: "", CITEGRAPH_FROM_SOURCE: fromSource };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`citegraph ${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

const dir = tempDir("citegraph-startup-");
const db = join(dir, "demo.db");
run(["--db", db, "demo", "--no-serve"], MODES.compiled);
const cases: Record<string, string[]> = { "--help": ["--help"], stats: ["--db", db, "stats"] };
const times = new Map<string, number[]>();
for (let i = 0; i < RUNS; i++)
  for (const [name, args] of Object.entries(cases))
    for (const [mode, flag] of Object.entries(MODES)) {
      const key = `${name} ${mode}`;
      times.set(key, [...(times.get(key) ?? []), run(args, flag)]);
    }
rmSync(dir, { recursive: true, force: true });

console.log(`Command startup, ${RUNS} runs each (wall clock, ms; node ${process.version})\n`);
console.log(
  "| command | from source (tsx): median (min–max) | compiled (dist/): median (min–max) | speed-up |",
);
console.log("|---|---|---|---|");
for (const name of Object.keys(cases)) {
  const [s, c] = [times.get(`${name} source`)!, times.get(`${name} compiled`)!];
  const cell = (xs: number[]) =>
    `${quantile(xs, 0.5).toFixed(0)} (${quantile(xs, 0).toFixed(0)}–${quantile(xs, 1).toFixed(0)})`;
  console.log(
    `| \`citegraph ${name}\` | ${cell(s)} | ${cell(c)} | ${(quantile(s, 0.5) / quantile(c, 0.5)).toFixed(1)}× |`,
  );
}
