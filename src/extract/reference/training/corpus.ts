/**
 * The gold-labelled references under ../shared/datasets/references, read from all four corpora with their
 * tags mapped onto REFERENCE_LABELS. Sources are named so that evaluation can hold one out.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TaggedReference } from "../labels.ts";
import { readAnystyleFile } from "./anystyle.ts";
import { readGrobidTeiFile } from "./grobid-tei.ts";
import { readLinkedbooksFile } from "./linkedbooks.ts";
import { readParscitFile } from "./parscit.ts";

export interface ReferenceCorpus {
  anystyle: TaggedReference[];
  grobid: TaggedReference[];
  /** ParsCit's Cora set: the held-out test the literature reports. */
  cora: TaggedReference[];
  /** ParsCit's other sets (flux-cim-cs, humanities, iconip). */
  parscit: TaggedReference[];
  linkedbooks: TaggedReference[];
}

/** The shared datasets: $CITEGRAPH_DATASETS, else ../shared/datasets beside the project. */
export function datasetsDir(): string {
  return (
    process.env.CITEGRAPH_DATASETS ??
    fileURLToPath(new URL("../../../../../shared/datasets", import.meta.url))
  );
}

export function referencesDir(datasets: string): string {
  return join(datasets, "references");
}

export function hasReferenceCorpus(datasets: string): boolean {
  return existsSync(join(referencesDir(datasets), "grobid"));
}

/** Reads every corpus, in a fixed order (files sorted by name), so that training is reproducible. */
export function readReferenceCorpus(datasets: string): ReferenceCorpus {
  const dir = referencesDir(datasets);
  const files = (sub: string) =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith(".xml") || f.endsWith(".txt"))
      .sort();
  const anystyle = ["core", "gold", "good", "bad", "ugly"].flatMap((set) =>
    readAnystyleFile(join(dir, "anystyle", `${set}.xml`), `anystyle-${set}`),
  );
  const grobid = files("grobid").flatMap((f) => readGrobidTeiFile(join(dir, "grobid", f), "grobid"));
  const cora = readParscitFile(join(dir, "parscit", "cora.tagged.txt"), "parscit-cora");
  const parscit = files("parscit")
    .filter((f) => f !== "cora.tagged.txt")
    .flatMap((f) => readParscitFile(join(dir, "parscit", f), `parscit-${f.split(".")[0]}`));
  const linkedbooks = ["train", "valid", "test"].flatMap((s) =>
    readLinkedbooksFile(join(dir, "linkedbooks", `clean_${s}.txt`), `linkedbooks-${s}`),
  );
  return { anystyle, grobid, cora, parscit, linkedbooks };
}
