/**
 * A work's blocking keys as the integers the work_keys table holds: the first 8 bytes of each key's sha1, so
 * that the index stays small whatever the keys' length. A collision only adds a candidate, which the match
 * score then turns down.
 */
import { createHash } from "node:crypto";
import type { CslItem } from "../../formats/csl.ts";
import { blockingKeys } from "../../graph/blocking.ts";
import { type MatchRecord, toMatchRecord } from "../../graph/record.ts";

export function keyHash(key: string): bigint {
  return createHash("sha1").update(key).digest().readBigInt64BE(0);
}

/** How the matcher sees a work of the library: a record when the library holds it, else what references say. */
export function workMatchRecord(item: CslItem, inLibrary: boolean): MatchRecord {
  return toMatchRecord(item, inLibrary ? "record" : "reference");
}

export function matchRecordKeyHashes(record: MatchRecord): bigint[] {
  return blockingKeys(record).map(keyHash);
}

export function workKeyHashes(item: CslItem, inLibrary: boolean): bigint[] {
  return matchRecordKeyHashes(workMatchRecord(item, inLibrary));
}
