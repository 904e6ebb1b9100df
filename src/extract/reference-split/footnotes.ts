/**
 * References in footnotes, the humanities' way of citing: each footnote that names a work ("Vgl. Müller, Hans:
 * Titel, Berlin 1999, S. 12.") is a reference, its footnote number the label the body's superscript mark points
 * to. Used for papers without a reference list of their own.
 */
import { hyphenatedWords, joinLine } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { MAX_REFERENCES, type SplitReference } from "./split.ts";

const MARK = /^(\d{1,3})\s*(?=\S)/;
const CUE =
  /^(?:vgl\.|siehe|s\.|see|cf\.|compare|zit\. nach|zitiert nach|ebd\.|ibid\.?|(?:erstmals |zuerst |first )?(?:erschienen|veröffentlicht|abgedruckt|published) in:?)\s*(?:(?:auch|dazu|etwa|hierzu|u\.\s?a\.|z\.\s?b\.|also|e\.\s?g\.)\s+)?/i;
/**
 * A cue after a note's own remark: "Mary Noonan unterscheidet … Vgl. Mary C. Noonan, The impact …", "Für einen
 * Überblick der Ursachen vgl. Johannes Huinink, …".
 */
const LATER_CUE = /(?:[.;:]\s+(?:Vgl\.|Siehe|See|Cf\.)|\s(?:vgl\.|cf\.))\s+/;
/** A name and, somewhere after it, a year: what a footnote that cites a work has. */
const CITES = /\p{Lu}[\p{L}'’-]+[,:/]?\s.*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\b/u;

/** The pages a note points to at its end: ", S. 170ff.", ", S. 85 und 102.", ", p. 12-14.", " S. 146/ 147." */
const PINPOINT = /[,.]?\s*(?:S\.|pp?\.|Sp\.|Spalten?)\s*\d[\d\s,/–-]*(?:f{1,2}\.?|und\s+\d+)?\.?\s*$/;

export function footnoteReferences(lines: Line[]): SplitReference[] {
  const notes: Array<{ label: string; lines: Line[] }> = [];
  for (const l of lines) {
    const text = l.text.trim();
    const first = l.words[0];
    const m = MARK.exec(text);
    // A footnote opens with its mark: in superscript, set apart, or the number after the last note's (a page's
    // notes set solid, one under the other).
    const next = m !== null && Number(m[1]) === Number(notes.at(-1)?.label) + 1;
    if (m && (first?.superscript || l.blockStart || notes.length === 0 || next))
      notes.push({ label: m[1], lines: [l] });
    else if (notes.length > 0 && notes[notes.length - 1].lines.length < 20)
      notes[notes.length - 1].lines.push(l);
  }
  const keep = hyphenatedWords(lines.map((l) => l.text));
  const out: SplitReference[] = [];
  const cited = new Set<string>();
  for (const note of notes) {
    let raw = "";
    for (const l of note.lines) raw = joinLine(raw, l.text.trim(), keep);
    raw = raw.replace(MARK, "").replace(CUE, "").trim();
    const later = LATER_CUE.exec(raw);
    if (later && !CITES.test(raw.slice(0, later.index)))
      raw = raw.slice(later.index + later[0].length).replace(CUE, "");
    for (const part of citedWorks(raw)) {
      if (out.length >= MAX_REFERENCES) break;
      // A work cited again in a later note, at another page, is the same reference.
      const work = part.replace(PINPOINT, "").toLowerCase().replace(/\s+/g, " ");
      if (cited.has(work)) continue;
      cited.add(work);
      out.push({ raw: part.slice(0, 1000), label: note.label, lines: note.lines });
    }
  }
  return out;
}

/**
 * Where a note goes on to cite another work: "…, Potsdam 1998; Daniel Piazolo, Gaining Credibility …", "…, S.
 * 289-317; sowie Dirk J. Van de Kaa, Europe’s …" (the joining word dropped).
 */
const NEXT_WORK =
  /;\s+(?:(?:sowie|und|ferner|and|also)\s+)?(?=\p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]+|van|von|de|der|den|du|la|le|ter)){0,4}(?:\/\p{Lu}[\p{L}.'’ -]+)*,\s)/u;

/** The works a note cites: the note, or its parts when each part names a work of its own. */
function citedWorks(raw: string): string[] {
  if (raw.length < 20 || !CITES.test(raw)) return [];
  const parts = raw.split(NEXT_WORK).map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => p.length >= 20 && CITES.test(p)) ? parts : [raw];
}
