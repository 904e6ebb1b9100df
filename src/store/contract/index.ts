/**
 * The store contract: every test that speaks only through the Store interface (src/store/types.ts), run on each
 * implementation from its own test file — src/store/contract/sqlite.test.ts today, and postgres.test.ts beside it
 * once a PostgreSQL store exists. What needs one backend's internals (raw SQL, the file, two writers on one
 * file) stays in that backend's own tests (src/store/sqlite/*.test.ts).
 */
import { describe } from "node:test";
import { batchesContract } from "./batches.ts";
import { correctionsContract } from "./corrections.ts";
import { graphContract } from "./graph.ts";
import type { NewStore } from "./harness.ts";
import { identityContract } from "./identity.ts";
import { recordsContract } from "./records.ts";

export type { NewStore, StoreUnderTest } from "./harness.ts";

/**
 * Registers the whole contract for one store, as one suite named after it. `skip` (a reason) reports the suite
 * as skipped in one line, for a backend whose server is missing.
 */
export function storeContract(name: string, newStore: NewStore, options: { skip?: string } = {}): void {
  describe(`store contract: ${name}`, { skip: options.skip }, () => {
    recordsContract(newStore);
    graphContract(newStore);
    identityContract(newStore);
    correctionsContract(newStore);
    batchesContract(newStore);
  });
}
