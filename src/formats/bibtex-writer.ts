/**
 * BibTeX output: each item as an entry of its own record's key, type and fields where it came from a .bib
 * (bibtex-record.ts), else with a key made from its first author, year and title word ("Muller2004Cafe", then
 * "Muller2004Cafeb"…), unique in the file. Text is written as LaTeX that bibtex and biber both read (latex.ts
 * says how).
 */
import { words } from "../text/normalize.ts";
import { romanize } from "../text/romanize.ts";
import { cslToEntry, formatBibtexEntry } from "./bibtex-record.ts";
import { type CslItem, familyName, itemYear } from "./csl.ts";

/** What bibtex and biber take in a key: no spaces, braces, commas, quotes, `#`, `%`, `=` or backslashes. */
const KEY = /^[^\s,{}()"#%'=\\~]+$/;

/** Keeps the keys of one export unique: a record's own key where it has one, else one made from it. */
export class BibtexKeys {
  private readonly used = new Set<string>();

  keyFor(item: CslItem): string {
    const own = typeof item["citation-key"] === "string" ? item["citation-key"].trim() : "";
    const base = own && own.length <= 200 && KEY.test(own) ? own : generatedKey(item);
    let key = base;
    for (let i = 1; this.used.has(key); i++)
      key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ""}`;
    this.used.add(key);
    return key;
  }
}

function generatedKey(item: CslItem): string {
  const first = item.author?.[0];
  const surname = first ? ascii(words(romanize(familyName(first))).join("")) : "";
  const title = ascii(words(romanize(item.title ?? "")).find((w) => w.length > 3 && !STOP.has(w)) ?? "");
  return (cap(surname) || "Anon") + (itemYear(item) ?? "") + cap(title);
}

const STOP = new Set([
  "with",
  "from",
  "that",
  "this",
  "their",
  "about",
  "into",
  "using",
  "towards",
  "toward",
]);

/** Keys stay ASCII: some bibtex builds and styles choke on others. */
function ascii(w: string): string {
  return w
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/gi, "");
}

function cap(w: string): string {
  return w ? w[0].toUpperCase() + w.slice(1) : "";
}

export function toBibtex(item: CslItem, keys: BibtexKeys): string {
  return formatBibtexEntry(cslToEntry(item, keys.keyFor(item)));
}
