/**
 * A work's blocking keys as the integers a store's key index holds: a 53-bit hash of each key (two 32-bit
 * FNV-1a hashes with different offsets, which JavaScript numbers hold exactly), so that the index stays small
 * whatever the keys' length. A collision only adds a candidate, which the match score then turns down. Every
 * store hashes the same way, so the same works are candidates wherever the library lives.
 */
import type { CslItem } from "../formats/csl.ts";
import { blockingKeys } from "./blocking.ts";
import { type MatchRecord, toMatchRecord } from "./record.ts";

export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (b >>> 11) * 2 ** 32 + (a >>> 0);
}

/** How the matcher sees a work of the library: a record when the library holds it, else what references say. */
export function workMatchRecord(item: CslItem, inLibrary: boolean): MatchRecord {
  return toMatchRecord(item, inLibrary ? "record" : "reference");
}

export function matchRecordKeyHashes(record: MatchRecord): number[] {
  return blockingKeys(record).map(keyHash);
}

export function workKeyHashes(item: CslItem, inLibrary: boolean): number[] {
  return matchRecordKeyHashes(workMatchRecord(item, inLibrary));
}
