/**
 * Reads the record-pair benchmarks of ../shared/datasets/matching (DBLP–ACM, DBLP–Scholar, as packaged by the
 * Ditto project): one pair a line, `COL title VAL … COL authors VAL … COL venue VAL … COL year VAL …`, a tab,
 * the other record, a tab, 1 when both are the same work and 0 when not.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CslItem } from "../../formats/csl.ts";
import { parseNameString } from "../../formats/record.ts";

export interface RecordPair {
  a: CslItem;
  b: CslItem;
  same: boolean;
  /**
   * What each side is: a catalogue record (the default) or a printed reference, whose year confirms but does not
   * refute (src/graph/record.ts). Google Scholar's records are built from the references that cite a work, and
   * read as such.
   */
  sources?: ["record" | "reference", "record" | "reference"];
}

/**
 * The packaging tokenised the records, HTML character references included: "sch &#246; ning" is "schöning",
 * "& hellip ;" an ellipsis.
 */
function decodeEntities(text: string): string {
  return text
    .replace(/\s?&#(\d{1,6});\s?/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&\s?hellip\s?;/g, "…")
    .replace(/&\s?amp\s?;/g, "&");
}

/** One side of a line: its COL/VAL fields as a CSL item. Authors come as "first last , first last". */
export function pairRecord(text: string): CslItem {
  const fields = new Map<string, string>();
  for (const m of decodeEntities(text).matchAll(/COL (\w+) VAL ((?:(?!COL \w+ VAL).)*)/g))
    fields.set(m[1], m[2].trim());
  const item: CslItem = { type: "article" };
  const title = fields.get("title");
  if (title) item.title = title;
  const authors = (fields.get("authors") ?? "")
    .split(" , ")
    .map((n) => n.trim())
    .filter(Boolean);
  if (authors.length) item.author = authors.map(parseNameString);
  const venue = fields.get("venue")?.replace(/[\s,(]+$/, "");
  if (venue) item["container-title"] = venue;
  const year = Number.parseInt(fields.get("year") ?? "", 10);
  if (Number.isInteger(year) && year > 1000) item.issued = { "date-parts": [[year]] };
  return item;
}

export function readPairs(file: string): RecordPair[] {
  const scholar = file.includes("dblp-scholar");
  const pairs: RecordPair[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const parts = line.split("\t");
    if (parts.length < 3) continue;
    pairs.push({
      a: pairRecord(parts[0]),
      b: pairRecord(parts[1]),
      same: parts[2].trim() === "1",
      ...(scholar ? { sources: ["record", "reference"] as RecordPair["sources"] } : {}),
    });
  }
  return pairs;
}

/**
 * DBLP–Scholar has one file: half of it (by a hash of the DBLP record, so that all the pairs of one record fall
 * in one half) trains the model, the other half is held out and reported.
 */
export function scholarHalf(pairs: RecordPair[], half: "train" | "held-out"): RecordPair[] {
  return pairs.filter((p) => {
    const even = createHash("sha1").update(JSON.stringify(p.a)).digest()[0] % 2 === 0;
    return even === (half === "train");
  });
}

export const PAIR_SETS = {
  "dblp-acm/train": "dblp-acm/train.txt",
  "dblp-acm/valid": "dblp-acm/valid.txt",
  "dblp-acm/test": "dblp-acm/test.txt",
  "dblp-scholar/valid": "dblp-scholar/valid.txt",
} as const;

export type PairSet = keyof typeof PAIR_SETS;

export function pairSetPath(datasets: string, set: PairSet): string {
  return join(datasets, "matching", PAIR_SETS[set]);
}

export function hasPairSet(datasets: string, set: PairSet): boolean {
  return existsSync(pairSetPath(datasets, set));
}
