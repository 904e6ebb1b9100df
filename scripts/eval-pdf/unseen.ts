/**
 * The unseen set: real papers from outside ../shared/datasets, labelled by us after the header rules were written
 * (eval/pdf-headers-unseen/*.json) and scored by `npm run eval:pdf` in two halves split by the hash of their path:
 * unseen-dev, whose misses rules may be built on, and unseen-test, only scored — the number that says how the
 * header extraction does on papers it has never met, beside the shared PDFs' test split (scored after every change
 * of seven sessions, and so no longer quite unseen).
 *
 * The PDFs are not in the repository: each gold record names the Debian package that ships it (`deb`, the exact
 * file name), its path inside the package and its sha1. `npm run fetch:unseen` downloads the packages with
 * apt-get and extracts the PDFs into the cache folder (CITEGRAPH_UNSEEN_PDFS, by default
 * ~/.cache/citegraph/unseen-pdfs); the eval reads them from there, and only those whose sha1 is the gold's.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { HeaderGold } from "./headers.ts";

/** A labelled paper of the unseen set: its gold, and where it comes from. */
export interface UnseenGold extends HeaderGold {
  /** The Debian package file that ships it, e.g. "r-cran-zoo_1.8-11-1_amd64.deb". */
  deb: string;
  /** Its path inside the package. */
  path: string;
  sha1: string;
}

/** Where the fetched PDFs are kept: `<dir>/<set>/<key>` (the gold's key, e.g. "zoo/zoo.pdf"). */
export function unseenDir(): string {
  return process.env.CITEGRAPH_UNSEEN_PDFS ?? join(homedir(), ".cache/citegraph/unseen-pdfs");
}

/** Every set of the unseen gold (a file of eval/pdf-headers-unseen/ each), its papers by key. */
export function readUnseenGold(dir: string): Map<string, Map<string, UnseenGold>> {
  const sets = new Map<string, Map<string, UnseenGold>>();
  if (!existsSync(dir)) return sets;
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, UnseenGold>;
    const papers = new Map<string, UnseenGold>();
    for (const [key, gold] of Object.entries(file)) if (!key.startsWith("_")) papers.set(key, gold);
    sets.set(f.replace(/\.json$/, ""), papers);
  }
  return sets;
}

/** The file a paper is fetched to. */
export function unseenFile(set: string, key: string): string {
  return join(unseenDir(), set, key);
}

export function sha1Of(path: string): string {
  return createHash("sha1").update(readFileSync(path)).digest("hex");
}

/** Whether a paper's PDF is fetched and is the one labelled. */
export function isFetched(set: string, key: string, gold: UnseenGold): boolean {
  const file = unseenFile(set, key);
  return existsSync(file) && sha1Of(file) === gold.sha1;
}

/**
 * The unseen set's reference gold (eval/pdf-references-unseen/*.json): each paper's references as printed, one
 * string an entry, by set (each file's `_set`; a set may span several files, each labelled by one person) and key.
 */
export function readUnseenReferences(dir: string): Map<string, Map<string, string[]>> {
  const sets = new Map<string, Map<string, string[]>>();
  if (!existsSync(dir)) return sets;
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>;
    const set = file._set;
    if (typeof set !== "string") throw new Error(`${join(dir, f)}: no "_set"`);
    const papers = sets.get(set) ?? new Map<string, string[]>();
    for (const [key, refs] of Object.entries(file)) {
      if (key.startsWith("_")) continue;
      if (!Array.isArray(refs) || refs.some((r) => typeof r !== "string"))
        throw new Error(`${join(dir, f)}: "${key}" is not a list of strings`);
      if (papers.has(key)) throw new Error(`${join(dir, f)}: "${key}" is labelled twice`);
      papers.set(key, refs as string[]);
    }
    sets.set(set, papers);
  }
  return sets;
}
