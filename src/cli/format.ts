/** How the command line shows a result list: as the web page does, in plain text. */
import { resultsLine, type SearchResult } from "../search/search.ts";
import { snippetText } from "../search/snippet.ts";
import type { WorkSummary } from "../store/types.ts";

/** "Cited by 82 (8 self)". */
export function citedByLine(w: Pick<WorkSummary, "citedBy" | "selfCited">): string {
  return w.selfCited ? `Cited by ${w.citedBy} (${w.selfCited} self)` : `Cited by ${w.citedBy}`;
}

/** "Venue, 2004" or whichever of the two is known. */
export function venueYear(w: Pick<WorkSummary, "venue" | "year">): string {
  return [w.venue, w.year].filter((x) => x !== undefined && x !== "").join(", ");
}

/** Terminal control characters in stored text could rewrite the screen: shown as spaces instead. */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

export function formatResults(r: SearchResult): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  lines.push(resultsLine(r), "");
  r.hits.forEach((h, i) => {
    lines.push(`${r.first + i}. ${plain(h.title)}${h.inLibrary ? "" : "  [cited only]"}`);
    const who = h.authors.map((a) => a.name).join(", ");
    if (who) lines.push(`   ${plain(who)}`);
    const vy = venueYear(h);
    if (vy) lines.push(`   ${plain(vy)}`);
    const snip = snippetText(h.snippet);
    if (snip) lines.push(`   ${plain(snip)}`);
    lines.push(`   ${citedByLine(h)}   id ${h.id}`, "");
  });
  return lines.join("\n");
}
