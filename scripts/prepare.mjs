// npm runs this at install time (`prepare`): it builds dist/ (`npm run build`) when the TypeScript compiler is
// installed, as in a clone set up with `npm install` or `npm ci`. An install without development dependencies
// (`npm install --omit=dev`) has no compiler; it then says so and succeeds, and the command runs from source
// through tsx (bin/compiled.js), slower to start but the same.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
try {
  require.resolve("typescript");
} catch {
  console.error(
    "citegraph: no TypeScript compiler installed; the command will run from source (slower to start)",
  );
  process.exit(0);
}
const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
process.exit(build.status ?? 1);
