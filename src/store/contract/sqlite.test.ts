/** The store contract on SQLite: a library file in a fresh temporary folder for each test. */
import { tempStore } from "../../testing/temp-store.ts";
import { SqliteStore } from "../sqlite/sqlite-store.ts";
import { storeContract } from "./index.ts";

storeContract("sqlite", async () => {
  const { store, path, cleanup } = tempStore();
  return { store, openAgain: async () => new SqliteStore(path), cleanup };
});
