/**
 * A repository's cover page (SSOAR, EconStor and the like) as a metadata source of its own: it prints the
 * catalogue's record of the paper — the title, the authors as "Family, Given", and a citation with the year and
 * the venue — more cleanly than the paper's own first page. Its fields are preferred where it has them.
 */
import type { CslName } from "../../formats/csl.ts";
import { parseNameString } from "../../formats/record.ts";
import { joinLines } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { citationText, readCitation } from "./publication.ts";

export interface CoverMetadata {
  title?: string;
  author: CslName[];
  year?: number;
  venue?: string;
}

/** Lines of a cover that are the repository's, not the paper's. */
const REPOSITORY_LINE =
  /^(?:www\.|https?:|ssoar|econstor|open access|veröffentlichungsversion|published version|postprint|preprint|zeitschriftenartikel|journal article|sammelwerksbeitrag|arbeitspapier|working paper|forschungsbericht|research report|konferenzbeitrag|conference paper|monographie|monograph|rezension|review|empfohlene zitierung|suggested citation|zitierhinweis)/i;
/** An author line of a catalogue: "Leistner, Alexander" or "Fetzer, Anita; Mischau, Anina". */
const CATALOGUE_NAMES =
  /^\p{Lu}[\p{L}'’ -]+,\s*\p{L}[\p{L}.'’ -]*(?:\s*;\s*\p{Lu}[\p{L}'’ -]+,\s*\p{L}[\p{L}.'’ -]*)*$/u;

export function readCover(lines: Line[]): CoverMetadata {
  const cover: CoverMetadata = { author: [] };
  const citation = citationText(lines);
  const cited = citation ? readCitation(citation) : undefined;
  cover.year = cited?.year;
  cover.venue = cited?.venue;
  // The title: the largest type on the cover that is not the repository's own.
  const own = lines.filter((l) => !REPOSITORY_LINE.test(l.text.trim()) && /\p{L}{3}/u.test(l.text));
  if (own.length === 0) return cover;
  const largest = Math.max(...own.map((l) => l.fontSize));
  const first = own.findIndex((l) => l.fontSize >= largest - 0.5);
  const titleLines: Line[] = [];
  let i = lines.indexOf(own[first]);
  for (; i < lines.length && Math.abs(lines[i].fontSize - largest) <= 0.5; i++) titleLines.push(lines[i]);
  if (largest > Math.min(...lines.map((l) => l.fontSize)) + 1 && titleLines.length <= 6)
    cover.title = joinLines(titleLines.map((l) => l.text))
      .replace(/\s+:\s*/g, ": ")
      .trim();
  // The authors: the catalogue's name line right under the title.
  for (let j = i; j < lines.length && j < i + 3; j++) {
    const t = lines[j].text.trim();
    if (CATALOGUE_NAMES.test(t)) {
      cover.author = t.split(/\s*;\s*/).map(parseNameString);
      break;
    }
  }
  return cover;
}
