/**
 * BibTeX output through citation-js (which escapes LaTeX specials and accents), with citation keys made
 * unique across one export: "Muller2004Cafe", then "Muller2004Cafeb"…
 */
import { createRequire } from "node:module";
import { words } from "../text/normalize.ts";
import { type CslItem, familyName, itemYear } from "./csl.ts";

const require = createRequire(import.meta.url);
const core = require("@citation-js/core") as {
  plugins: { output: { format(name: string, data: unknown[]): string } };
};
require("@citation-js/plugin-bibtex");

/** Keeps the keys of one export unique. */
export class BibtexKeys {
  private readonly used = new Set<string>();

  keyFor(item: CslItem): string {
    const first = item.author?.[0];
    const surname = first ? words(familyName(first)).join("") : "";
    const title = words(item.title ?? "").find((w) => w.length > 3 && !STOP.has(w)) ?? "";
    const base = (cap(surname) || "Anon") + (itemYear(item) ?? "") + cap(title);
    let key = base;
    for (let i = 1; this.used.has(key); i++)
      key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ""}`;
    this.used.add(key);
    return key;
  }
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

function cap(w: string): string {
  return w ? w[0].toUpperCase() + w.slice(1) : "";
}

export function toBibtex(item: CslItem, keys: BibtexKeys): string {
  const key = keys.keyFor(item);
  const withKey = { ...item, id: key, "citation-key": key };
  return core.plugins.output.format("bibtex", [withKey]).trim() + "\n";
}
