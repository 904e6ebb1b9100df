/**
 * Authors named at the end: a newsletter's article or a policy paper prints no byline under its title; its
 * authors sign it over their telephone number and address ("Heinz-Herbert Noll und / Stefan Weick, ZUMA / Tel.:
 * 0621/1246-241"), or the imprint names them under a label ("Autorin: / Britta Leisering, Wissenschaftliche
 * Mitarbeiterin …"). Read only where the front matter names no one.
 */
import type { Line } from "../../layout/types.ts";
import { NAMES_LINE, ONE_NAME } from "./authors.ts";

/** The names of those who sign the paper (signatureNames), else of those its imprint names (imprintNames). */
export function namesAtEnd(lines: Line[]): string | undefined {
  return signatureNames(lines) ?? imprintNames(lines);
}

/** A line of contact details: a telephone number, or an address of email on its own. */
const CONTACT =
  /^(?:(?:Tel(?:efon)?|Phone|Fon)\.?\s*:?\s*[+(\d]|E-?Mail\s*:\s*\S+@|[\w.+-]+@[\w-]+(?:\.[\w-]+)+$)/iu;

/** Lines over the contact line that a signature takes at most: two names, an institution. */
const MAX_SIGNATURE_LINES = 3;

/** Contact lines looked at at most: a directory of contacts is no signature. */
const MAX_CONTACTS = 20;

/**
 * The names of the first signature in the lines (in reading order), as one line for splitAuthors; undefined
 * when none. A signature is a run of lines in one column right over a contact line that, without the
 * institution after its last comma, is only names.
 */
export function signatureNames(lines: Line[]): string | undefined {
  let contacts = 0;
  for (let i = 1; i < lines.length && contacts < MAX_CONTACTS; i++) {
    if (!CONTACT.test(lines[i].text.trim())) continue;
    contacts++;
    const over: Line[] = [];
    for (let j = i - 1; j >= 0 && over.length < MAX_SIGNATURE_LINES; j--) {
      const l = lines[j];
      if (l.page !== lines[i].page || l.column !== lines[i].column) break;
      over.unshift(l);
    }
    // The longest run that ends right over the contact line, or a line before it (the institution's own line).
    for (let from = 0; from < over.length; from++)
      for (let to = over.length; to > from; to--) {
        const names = namesWithoutInstitution(over.slice(from, to).map((l) => l.text.trim()));
        if (names) return names;
      }
  }
  return undefined;
}

/** An imprint's label for its authors, alone on its line or before the names. */
const AUTHORS_LABEL =
  /^(?:autor(?:in)?(?:nen)?|autoren|verfasser(?:in)?(?:nen)?|authors?|written by)\s*:\s*/iu;

/**
 * The names an imprint gives under its authors' label: the rest of the label's line, or the line after a label
 * alone, without what follows the last comma (their position: "Britta Leisering, Wissenschaftliche"); undefined
 * when none is only names.
 */
export function imprintNames(lines: Line[]): string | undefined {
  for (let i = 0; i < lines.length; i++) {
    const label = AUTHORS_LABEL.exec(lines[i].text.trim());
    if (!label) continue;
    const rest = lines[i].text.trim().slice(label[0].length);
    const text = rest || lines[i + 1]?.text.trim() || "";
    const names = namesWithoutInstitution([text]);
    if (names) return names;
  }
  return undefined;
}

/** The names the lines print, joined, without an institution after the last comma; undefined if not only names. */
function namesWithoutInstitution(texts: string[]): string | undefined {
  const text = texts.join(" ").replace(/\s+/g, " ").trim();
  const comma = text.lastIndexOf(",");
  for (const candidate of [text, comma > 0 ? text.slice(0, comma).trim() : ""])
    if (candidate && (NAMES_LINE.test(candidate) || ONE_NAME.test(candidate))) return candidate;
  return undefined;
}
