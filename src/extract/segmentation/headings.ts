/**
 * What section headings look like, and which ones open the zones the segmenter looks for: the reference list,
 * acknowledgements, appendices, the introduction. In English and German (the shared papers' languages) and the
 * commonest French, Spanish and Italian forms.
 */
import type { FontStats, Line } from "../../layout/types.ts";

const NUMBERING = String.raw`^(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5}|[A-H])[.)]?\s+)?`;

export const REFERENCES_HEADING = new RegExp(
  `${NUMBERING}(?:references?(?: and notes| cited)?|bibliography|literature(?: cited)?|works cited|cited literature|sources|literatur(?:verzeichnis|angaben|liste)?|quellen(?:verzeichnis)?|(?:quellen- und )?literatur(?:verzeichnis|hinweise|angaben|liste)|(?:verzeichnis der )?(?:verwendeten |verwendete |zitierten |zitierte |benutzten |benutzte )literatur|bibliographie|références(?: bibliographiques)?|bibliografía|bibliografia|referencias|referências(?: bibliográficas)?|riferimenti bibliografici)\\s*:?$`,
  "i",
);
export const ACKNOWLEDGEMENTS_HEADING = new RegExp(
  `${NUMBERING}(?:acknowledge?ments?|acknowledgement|danksagung|dank|remerciements|agradecimientos)\\s*:?$`,
  "i",
);
export const APPENDIX_HEADING = new RegExp(`${NUMBERING}(?:appendix|appendices|anhang|annexe?)\\b`, "i");
export const INTRODUCTION_HEADING = new RegExp(
  `${NUMBERING}(?:introduction|einleitung|einführung|introducción|introduzione|background|overview|motivation)\\s*:?$`,
  "i",
);
/** A table of contents' heading on its own line: the front matter has ended where the contents begin. */
export const CONTENTS_HEADING =
  /^(?:(?:table\s+of\s+)?contents|inhalt|inhaltsverzeichnis|sommaire|table\s+des\s+matières|índice)\s*:?$/i;
export const ABSTRACT_HEADING = /^(?:abstract|summary|zusammenfassung|résumé|resumen|sommario)\b/i;
/** A report's summary's heading on a page after its front matter (a heading there, not a word in a list). */
export const SUMMARY_HEADING =
  /^(?:abstract|summary|executive summary|zusammenfassung|kurzfassung|résumé|resumen|sommario)\b/i;
const NOTES_HEADING = /^(?:notes|endnotes|anmerkungen|fußnoten|about the authors?|author biograph)/i;

/** A references heading, also when the text layer spaced its letters out ("Literatu r", "R E F E R E N C E S"). */
export function isReferencesHeading(text: string): boolean {
  const t = text.trim();
  return (
    REFERENCES_HEADING.test(t) ||
    (t.length < 40 && REFERENCES_HEADING.test(t.replace(/(?<=\p{L})\s+(?=\p{L})/gu, "")))
  );
}

/** A short line set apart as a heading: bold or larger than body text, or numbered and title-cased. */
export function looksLikeHeading(line: Line, fonts: FontStats): boolean {
  // A heading starts its block: asked first, it spares most lines the patterns below.
  if (!line.blockStart) return false;
  const text = line.text.trim();
  if (!/\p{L}{2}/u.test(text) || text.length > 90 || (/[.,;]$/.test(text) && !/^\d+\.$/.test(text)))
    return false;
  // An address is no heading, numbered as an affiliation may be ("1 Independent Researcher, Prague; E-Mail: …").
  if (/@|https?:\/\/|www\./.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words > 12) return false;
  const larger = line.fontSize > fonts.bodySize * 1.08;
  const numbered = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+\p{Lu}/u.test(text);
  // Capitals alone make a heading only of words ("RESULTS"), not of a running head ("HSR 41 (2016) 4 │ 236").
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const capitals = text === text.toUpperCase() && letters >= text.replace(/\s/g, "").length * 0.7;
  return line.bold || larger || (numbered && words <= 8) || capitals;
}

/**
 * What follows a reference list at a paper's end without a heading: the authors' biographies ("GERALDINE HEALY
 * is Professor of…", "ADDRESS: …", "Autorennotiz: …", "Dr. phil. Jörg Zirfas, Jahnstrasse 8"), the abstract in
 * another language ("Zusammenfassung: …"), the editor's dates ("Received on: 05/08/2014", "( Received 01 November
 * 2013; accepted …", "Manuskriptendfassung eingegangen am …") and the publisher's rights ("© Stiftung …").
 */
const AFTER_REFERENCES = new RegExp(
  `^(?:${[
    String.raw`\p{Lu}[\p{Lu}'’.-]+(?:\s+\p{Lu}[\p{Lu}'’.-]*)+\s+(?:is|was|has|received|holds|teaches|works)\b`,
    String.raw`(?:[Aa]ddress|[Cc]orrespondence|[Cc]ontact|ADDRESS|Autorennotiz|Anschrift|Korrespondenz\p{L}*)\b[^:]{0,40}:`,
    String.raw`Dr\.\s?(?:phil|rer\.?\s?\p{Ll}+|med|habil|jur)\.\s+\p{Lu}`,
    String.raw`(?:[Zz]usammenfassung|[Aa]bstract|[Rr]ésumé|[Rr]esumen|[Ss]ummary|ZUSAMMENFASSUNG|ABSTRACT|SUMMARY)\s*:`,
    String.raw`\(?\s*(?:[Rr]eceived|[Ss]ubmitted|[Aa]ccepted)(?:\s+on)?\s*:?\s*\d`,
    String.raw`Manuskript\p{Ll}*\s+eingegangen`,
    String.raw`(?:©|\([Cc]\)\s|[Cc]opyright\b)`,
  ].join("|")})`,
  "u",
);

/**
 * A biography's first line in mixed case, after a journal's list (SPIE's, IEEE's: "Patrick Egan received his BEng
 * degree in", under his photograph's caption): a person's name, then what they are or did — not a sentence
 * ("The Internet is a …").
 */
const BIOGRAPHY =
  /^(?!(?:The|A|An|This|That|These|Those|It|Its|Our|We|In|On)\s)\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)*(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}\s+(?:is|was|received|holds|joined|has been)\s+(?:a|an|the|his|her|their|currently|now|professor)\b/u;

/**
 * What ends the reference list: an appendix, notes, acknowledgements, or the back matter above — each set apart
 * (a new block), as a biography is.
 */
export function endsReferences(line: Line, fonts: FontStats): boolean {
  const text = line.text.trim();
  if (line.blockStart && AFTER_REFERENCES.test(text)) return true;
  if (line.blockStart && BIOGRAPHY.test(text)) return true;
  return (
    looksLikeHeading(line, fonts) &&
    (APPENDIX_HEADING.test(text) || NOTES_HEADING.test(text) || ACKNOWLEDGEMENTS_HEADING.test(text))
  );
}
