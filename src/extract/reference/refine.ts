/**
 * refineFields: corrections to the labelled stretches of a reference that the CRF, which sees a few tokens
 * either side, cannot make but the whole reference shows — a book's title taken for a journal, a subtitle after
 * a question taken for the container, pages inside the volume, a place inside the publisher.
 *
 * The rules move stretches between labels and never change the text, so they work on spans: the parser builds
 * its CSL-JSON from the refined spans, and the evaluation scores the same refined spans — what is measured is
 * what the parser delivers.
 */
import { ARXIV_PATTERN, DOI_PATTERN, trimIdentifier, URL_PATTERN } from "./fields.ts";
import type { LabelledSpan, ReferenceLabel } from "./labels.ts";
import { INSTITUTION_WORDS, PLACES, PUBLISHER_WORDS } from "./lexicon.ts";

/** "In", "dans", "en" before a container: it is a book or proceedings the work is part of. */
const IN_CUE = /^\s*(?:in|dans|en)\b/i;

/** Pages printed inside what was labelled the volume: "459, 49", "27:97-111", "51(4): 2844-2855". */
const VOLUME_THEN_PAGES = /^(\s*\d+)(\s*\(\s*[\w-]+\s*\))?\s*[,:]\s*(\d+(?:\s*[-–]+\s*\d+)?)\s*[,.;]?\s*$/;

/** "Ithaca, Cornell University Press", "Paris: Seuil": a capitalised place of up to four words, then the rest. */
const PLACE_FIRST =
  /^(\p{Lu}[\p{L}.'-]+(?:[\s/-]+(?:an|am|upon|on|sur|de)?\s*\p{Lu}[\p{L}.'-]+){0,3})\s*[,:]\s+(\S.*)$/u;

const IDENTIFIERS = new Set<ReferenceLabel>(["doi", "url", "arxiv", "isbn"]);

/**
 * Where an identifier the labels missed is printed — [start of its cue, start of the id, end] — since the parser
 * reports it found by pattern, it is a field.
 */
function identifierAt(text: string, label: ReferenceLabel): [number, number, number] | undefined {
  if (label === "arxiv" && !/arxiv/i.test(text)) return undefined;
  const re = label === "doi" ? DOI_PATTERN : label === "url" ? URL_PATTERN : ARXIV_PATTERN;
  const m = re.exec(text);
  if (!m) return undefined;
  // A URL that is a DOI's resolver address is the DOI, reported once.
  if (label === "url" && DOI_PATTERN.test(m[0])) return undefined;
  const id = trimIdentifier(m[0]);
  // "doi:", "https://doi.org/" and "arXiv:" before an id are part of it as printed.
  const cue = /(?:https?:\/\/(?:dx\.)?doi\.org\/|doi\s*:?\s*|arxiv\s*:?\s*)$/i.exec(text.slice(0, m.index));
  return [m.index - (cue?.[0].length ?? 0), m.index, m.index + id.length];
}

/**
 * A journal's name as printed, not a book's title: numbers after it ("Phys. Rev. D93, 094507") or two or more
 * abbreviated words ("Proc. Natl. Acad. Sci.").
 */
function journalLike(container: string): boolean {
  return (
    /\d+\s*[,:(]\s*\d/.test(container) || (container.match(/\b\p{Lu}\p{Ll}*\.(?=\s|$)/gu)?.length ?? 0) >= 2
  );
}

/** Cuts `span` into pieces at offsets relative to its text; each piece [from, to) gets its label. */
function cut<S extends LabelledSpan>(span: S, pieces: [ReferenceLabel, number, number][]): S[] {
  return pieces.map(([label, from, to]) => ({
    ...span,
    label,
    start: span.start + from,
    end: span.start + to,
  }));
}

/**
 * The spans with the corrections applied, in text order. The rules look at the first span of a label (and the
 * second title), as only the first becomes a field of the parsed reference (notes excepted).
 */
export function refineFields<S extends LabelledSpan>(text: string, spans: readonly S[]): S[] {
  let out = [...spans];
  const first = (label: ReferenceLabel) => out.find((s) => s.label === label);
  const has = (label: ReferenceLabel) => first(label) !== undefined;
  const body = (s: S) => text.slice(s.start, s.end);
  const replace = (old: S, next: S[]) => {
    const i = out.indexOf(old);
    out = [...out.slice(0, i), ...next, ...out.slice(i + 1)];
  };
  const numbered = () => has("volume") || has("issue") || has("pages");

  let container = first("container-title");
  if (!has("title") && container) {
    // A short title taken for the start of the journal's name ("Literate programming. The Computer Journal"):
    // a first sentence of two or more words in sentence case (a lower-case word of 4+ letters) is the title.
    const m = /^(.+?)\.\s+(?=\p{Lu})(.+)$/u.exec(body(container));
    if (
      m &&
      m[1].split(/\s+/).length >= 2 &&
      /(?:^|\s)\p{Ll}{4,}(?:\s|$)/u.test(m[1]) &&
      /\p{L}{3}/u.test(m[2])
    ) {
      const rest = m[0].length - m[2].length;
      replace(
        container,
        cut(container, [
          ["title", 0, m[1].length],
          ["container-title", rest, m[0].length],
        ]),
      );
    } else if (!numbered() && !IN_CUE.test(body(container)) && !journalLike(body(container))) {
      // A book has a title and no container: a "container" with no title beside it, no volume, issue or
      // pages, and no "In" before it is the work's own title ("Lazarus, S. (1996). Anthropologie du Nom.").
      replace(container, [{ ...container, label: "title" }]);
    }
  }

  // "Title. In J. Smith (Ed.), Book title": a second title after "In" or after the editors, with no container
  // labelled, is the book the work is part of.
  const titles = out.filter((s) => s.label === "title");
  if (titles.length >= 2 && !has("container-title")) {
    const second = titles[1];
    const editor = first("editor");
    const before = text.slice(titles[0].end, second.start);
    if (
      (editor && editor.start > titles[0].start && editor.end <= second.start) ||
      /\bin\s*[:.]?\s*$/i.test(before)
    )
      replace(second, [{ ...second, label: "container-title" }]);
  }

  // A question or exclamation ends a title, not a book's: what was taken for a container right after it, with
  // no volume, issue, pages or "In" to make it one, is the subtitle.
  const title = first("title");
  container = first("container-title");
  if (
    title &&
    container &&
    container.start >= title.end &&
    container.start - title.end <= 3 &&
    /[?!][’'"”]?\s*$/.test(body(title)) &&
    !numbered() &&
    !IN_CUE.test(body(container))
  ) {
    const between = out.filter((s) => s.start >= title.end && s.end <= container!.start);
    if (between.every((s) => s.label === "other")) {
      out = out.filter((s) => s !== container && !between.includes(s));
      replace(title, [{ ...title, end: container.end }]);
    }
  }

  const volume = first("volume");
  const withPages = VOLUME_THEN_PAGES.exec(volume ? body(volume) : "");
  if (volume && withPages && !has("pages")) {
    // The pages printed with the volume ("10, 265", "51(4): 2844-2855") are the pages the parser reports; an
    // issue stays with the volume, which gives it (parseVolume).
    const at = withPages[0].lastIndexOf(withPages[3]);
    replace(
      volume,
      cut(volume, [
        ["volume", 0, withPages[2] ? withPages[0].indexOf(")") + 1 : withPages[1].length],
        ["pages", at, at + withPages[3].length],
      ]),
    );
  }

  const publisher = first("publisher");
  const place = PLACE_FIRST.exec(publisher ? body(publisher) : "");
  if (publisher && place && !has("location")) {
    const [, where, rest] = place;
    const publisherLike = (s: string) =>
      s
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .some((w) => PUBLISHER_WORDS.has(w) || INSTITUTION_WORDS.has(w));
    const known = PLACES.has(where.toLowerCase().split(/\s+/)[0]);
    // "Computer Science Department, Duke University" is one institution, not a place and a publisher.
    if ((publisherLike(rest) || known) && (known || !publisherLike(where))) {
      const at = place[0].length - rest.length;
      replace(
        publisher,
        cut(publisher, [
          ["location", 0, where.length],
          ["publisher", at, place[0].length],
        ]),
      );
    }
  }
  for (const label of ["doi", "arxiv", "url"] as const) {
    if (has(label)) continue;
    const at = identifierAt(text, label);
    const host = at && out.find((s) => s.start <= at[1] && at[2] <= s.end);
    if (!at || !host || IDENTIFIERS.has(host.label)) continue;
    // The cue goes with the id when the same stretch holds both.
    const from = Math.max(at[0], host.start) - host.start;
    const to = at[2] - host.start;
    const hostText = body(host);
    const pieces: [ReferenceLabel, number, number][] = [];
    const words = /[\p{L}\p{N}]/u;
    if (words.test(hostText.slice(0, from))) pieces.push([host.label, 0, from]);
    pieces.push([label, from, to]);
    if (words.test(hostText.slice(to))) pieces.push([host.label, to, hostText.length]);
    replace(host, cut(host, pieces));
  }
  return out;
}
