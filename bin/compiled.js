// Which code the `citegraph` command runs: the compiled JavaScript in dist/ (`npm run build`, which `npm install`
// runs through `prepare`) when it is complete and newer than every source file, else none — and then the
// TypeScript sources run through tsx, as in a checkout being edited. Plain JavaScript, so that it needs no build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Written last by the build: dist/ without it is partial (a build failed, or is running). */
export const BUILD_STAMP = "dist/.built";

/** The newest modification time (ms) of the files under `dir` that the build compiles or copies: tests are not. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The URL of the compiled command's module (dist/cli/main.js), or undefined when the sources must run instead:
 * no complete build, or a source file changed since it. CITEGRAPH_FROM_SOURCE=1 always runs the sources;
 * CITEGRAPH_FROM_SOURCE=0 always runs the build, stale or not (measuring it while the sources change), and
 * fails without one.
 */
export function compiledMain(root = new URL("../", import.meta.url), env = process.env) {
  if (env.CITEGRAPH_FROM_SOURCE === "1") return undefined;
  const main = new URL("dist/cli/main.js", root).href;
  const stamp = fileURLToPath(new URL(BUILD_STAMP, root));
  if (!existsSync(stamp)) {
    if (env.CITEGRAPH_FROM_SOURCE === "0")
      throw new Error("CITEGRAPH_FROM_SOURCE=0, but dist/ holds no build (npm run build)");
    return undefined;
  }
  if (env.CITEGRAPH_FROM_SOURCE === "0") return main;
  return newestSource(fileURLToPath(new URL("src", root))) <= statSync(stamp).mtimeMs ? main : undefined;
}
