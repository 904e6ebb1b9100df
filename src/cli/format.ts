/** How the command line shows a result list: as the web page does, in plain text. */
import { resultsLine, type SearchResult } from "../search/search.ts";
import { snippetText } from "../search/snippet.ts";
import type { FailureRecord, WorkSummary } from "../store/types.ts";

/** "Cited by 82 (8 self)". */
export function citedByLine(w: Pick<WorkSummary, "citedBy" | "selfCited">): string {
  return w.selfCited ? `Cited by ${w.citedBy} (${w.selfCited} self)` : `Cited by ${w.citedBy}`;
}

/** "Venue, 2004" or whichever of the two is known. */
export function venueYear(w: Pick<WorkSummary, "venue" | "year">): string {
  return [w.venue, w.year].filter((x) => x !== undefined && x !== "").join(", ");
}

/**
 * A file name or reason as one log line: a newline in a name would split the line (and could forge a line of
 * its own), a terminal escape could rewrite the screen. Control and bidi-override characters are written as
 * escapes (`\n`, `\u202e`), so the name stays recognisable and the line stays one.
 */
export function oneLine(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\\]/g,
    (c) => {
      if (c === "\\") return "\\\\";
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    },
  );
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

/** A failure as `citegraph failures --json` prints it: where, why (`code: detail`) and when. */
export function failureJson(f: FailureRecord) {
  return {
    source: f.source,
    location: f.location ?? null,
    reason: f.reason,
    at: f.at === undefined ? null : new Date(f.at).toISOString(),
  };
}
