/** The header corpora in ../shared/datasets/headers: GROBID's TEI headers and the CiteSeer set. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TaggedHeader } from "../labels.ts";
import { readCiteseerHeaders } from "./citeseer.ts";
import { readGrobidHeaderTei } from "./grobid-tei.ts";

export interface HeaderCorpus {
  grobid: TaggedHeader[];
  citeseer: TaggedHeader[];
}

export function hasHeaderCorpus(datasets: string): boolean {
  return existsSync(join(datasets, "headers/grobid"));
}

export function readHeaderCorpus(datasets: string): HeaderCorpus {
  const dir = join(datasets, "headers/grobid");
  const grobid: TaggedHeader[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".xml")) continue;
    const h = readGrobidHeaderTei(readFileSync(join(dir, f), "utf8"), `grobid/${f}`);
    if (h) grobid.push(h);
  }
  const cs = join(datasets, "headers/parscit/tagged_headers.txt");
  const citeseer = existsSync(cs) ? readCiteseerHeaders(readFileSync(cs, "utf8"), "citeseer") : [];
  return { grobid, citeseer };
}
