/** What the store tests write and ask through the Store interface alone: records from loose fields, a title search. */
import type { CslItem } from "../../formats/csl.ts";
import type { ReferenceInput } from "../../formats/record.ts";
import { toCslItem } from "../../formats/record.ts";
import { recordSha1 } from "../../library/import.ts";
import type { DocumentInput, SearchIds, Store } from "../types.ts";

/** A document input as the importer would make it, from loose fields. */
export function doc(
  id: string | undefined,
  fields: Record<string, unknown>,
  references: ReferenceInput[] = [],
): DocumentInput {
  const item: CslItem = toCslItem(fields);
  const location = { file: "test", record: 1 };
  return {
    sourceId: id,
    sha1: recordSha1({ id, item, references, location }),
    kind: "record",
    source: "test",
    item,
    references,
  };
}

/** Ids of the works whose title has `word`, most relevant first (cited-only works too, when asked). */
export async function searchTitle(store: Store, word: string, includeCitations = true): Promise<SearchIds> {
  return store.search({
    query: { kind: "term", field: "title", word },
    sort: "relevance",
    offset: 0,
    limit: 10,
    includeCitations,
    citationBoost: false,
    facets: false,
  });
}
