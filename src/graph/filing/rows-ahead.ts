/**
 * The rows of one transaction of a store that reads ahead (FilingStore.readAhead): what prefetch.ts reads for a
 * batch in bulk — documents by source id, works by DOI (and the works rows it writes), the targets references wait for — kept for the
 * transaction and written through, so that filing's one-at-a-time questions are answered without a round trip.
 */
import { withDocumentsAhead } from "./documents-ahead.ts";
import type { GraphRows } from "./rows.ts";
import { withWaitingAhead } from "./waiting-ahead.ts";
import { withWorksAhead } from "./works-ahead.ts";

export function rowsAhead(rows: GraphRows): GraphRows {
  return withWorksAhead(withWaitingAhead(withDocumentsAhead(rows)));
}
