/** The blocking keys' hashes the work_keys table holds (src/graph/key-hash.ts: every store hashes the same way). */
export { keyHash, matchRecordKeyHashes, workKeyHashes, workMatchRecord } from "../../graph/key-hash.ts";
