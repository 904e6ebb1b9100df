/** Test helper: a real SQLite library in a fresh temporary directory. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../store/sqlite/sqlite-store.ts";

// Records and searches through the Store interface alone live with the store contract, which every store runs.
export { doc, searchTitle } from "../store/contract/inputs.ts";

export function tempDir(prefix = "citegraph-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempStore(): { store: SqliteStore; path: string; cleanup: () => Promise<void> } {
  const dir = tempDir();
  const path = join(dir, "library.db");
  const store = new SqliteStore(path);
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
