/**
 * What the contract suite asks of a store implementation (Hono's `runTest({ newRouter })` habit): a factory of
 * fresh, empty libraries, one per test, so that every implementation is held to the same tests.
 */
import type { Store } from "../types.ts";

/** One fresh library for one test. */
export interface StoreUnderTest {
  store: Store;
  /**
   * The same library opened a second time, as another process would open it: what one process writes, the
   * other must see (caches included). The test closes it.
   */
  openAgain(): Promise<Store>;
  /** Closes `store` and deletes the library (its file, its database). */
  cleanup(): Promise<void>;
}

export type NewStore = () => Promise<StoreUnderTest>;
