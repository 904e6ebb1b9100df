/**
 * A repository's cover page (SSOAR, EconStor and the like) as a metadata source of its own: it prints the
 * catalogue's record of the paper — the title, the authors as "Family, Given", and a citation with the year and
 * the venue — more cleanly than the paper's own first page. Its fields are preferred where it has them.
 */
import type { CslName } from "../../formats/csl.ts";
import { parseNameString } from "../../formats/record.ts";
import { joinLines } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { words } from "../../text/normalize.ts";
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
  const read = citation ? readCitation(citation) : undefined;
  cover.year = read?.year;
  cover.venue = read?.venue;
  const own = lines.filter((l) => !REPOSITORY_LINE.test(l.text.trim()) && /\p{L}{3}/u.test(l.text));
  if (own.length === 0) return cover;
  const cited = new Set(citation ? words(citation) : []);
  const inCitation = (text: string) => {
    const ws = words(text);
    return ws.length > 0 && ws.filter((w) => cited.has(w)).length >= 0.9 * ws.length;
  };
  const largest = Math.max(...own.map((l) => l.fontSize));
  const display = lines.indexOf(own.find((l) => l.fontSize >= largest - 0.5)!);
  const displayBlock = sameTypeBlock(lines, display);
  // The authors: the catalogue's name line — right under the title in display type (SSOAR), or anywhere on the
  // cover when the cover's citation names the same people (EconStor prints it above the title).
  const namesAt = lines.findIndex(
    (l, i) =>
      CATALOGUE_NAMES.test(l.text.trim()) &&
      ((i >= display + displayBlock.length && i < display + displayBlock.length + 3) || inCitation(l.text)),
  );
  if (namesAt >= 0)
    cover.author = lines[namesAt].text
      .trim()
      .split(/\s*;\s*/)
      .map(parseNameString);
  // The title: the largest type on the cover that is not the repository's own, or the block after the names,
  // whichever the cover's citation of the paper contains (a repository's logo can be the largest type there is).
  const candidates = [displayBlock];
  if (namesAt >= 0) {
    let at = namesAt + 1;
    while (at < lines.length && REPOSITORY_LINE.test(lines[at].text.trim())) at++;
    if (at < lines.length) candidates.push(sameTypeBlock(lines, at));
  }
  const chosen = citation
    ? candidates.find((c) => inCitation(c.map((l) => l.text).join(" ")))
    : largest > Math.min(...lines.map((l) => l.fontSize)) + 1
      ? candidates[0]
      : undefined;
  if (chosen && chosen.length <= 6)
    cover.title = joinLines(chosen.map((l) => l.text))
      .replace(/\s+:\s*/g, ": ")
      .trim();
  return cover;
}

/** The lines from `from` on that are set in its type (a title of several lines). */
function sameTypeBlock(lines: Line[], from: number): Line[] {
  const block: Line[] = [];
  for (let i = from; i < lines.length && Math.abs(lines[i].fontSize - lines[from].fontSize) <= 0.5; i++)
    block.push(lines[i]);
  return block;
}
