/**
 * BibTeX output through citation-js (which escapes LaTeX specials and accents), with citation keys made
 * unique across one export: "Muller2004Cafe", then "Muller2004Cafeb"… citation-js writes ASCII only and drops
 * any character it has no LaTeX command for — a Cyrillic name, a Chinese title would vanish — so such runs are
 * set aside before it runs and put back after, as UTF-8 in braces (bibtex and biber pass them through; the
 * document's engine or fonts print them).
 */
import { createRequire } from "node:module";
import { words } from "../text/normalize.ts";
import { romanize } from "../text/romanize.ts";
import { type CslItem, familyName, itemYear } from "./csl.ts";

const require = createRequire(import.meta.url);
const core = require("@citation-js/core") as {
  plugins: {
    output: { format(name: string, data: unknown[]): string };
    config: { get(plugin: string): { constants: Record<string, Record<string, string>> } };
  };
};
require("@citation-js/plugin-bibtex");

/** Characters citation-js writes as they are, or as LaTeX (its tables); after NFKD, with its accents. */
const ASCII_SAFE = /[a-zA-Z0-9\s!"'()*+,\-./:;=?@[\]&%$#_{}~^\\<>|`]/;
const COMBINING = /[\u0300-\u0308\u030a-\u030c\u0332\u0323\u0327\u0328\u0361\u0326]/;
const MAPPED = (() => {
  const c = core.plugins.config.get("@bibtex").constants;
  return new Set([
    ...Object.values(c.commands),
    ...Object.values(c.ligatures),
    ...Object.values(c.mathCommands),
  ]);
})();

function writable(char: string): boolean {
  if (MAPPED.has(char)) return true;
  return [...char.normalize("NFKD")].every((c) => ASCII_SAFE.test(c) || COMBINING.test(c) || MAPPED.has(c));
}

/** A marker citation-js leaves alone (lower-case letters and digits), and no text contains. */
const marker = (i: number) => `zqcgx${i}xgcqz`;
const MARKER = /zqcgx(\d+)xgcqz/g;

/** Sets aside runs of characters citation-js would drop, in every string of the item; returns them in order. */
function setAside(value: unknown, runs: string[]): unknown {
  if (typeof value === "string")
    return value.replace(/[^\x00-\x7f]+/g, (run) => {
      // Letters it can write stay with it; a run of others becomes one marker.
      let out = "";
      let pending = "";
      for (const ch of run) {
        if (writable(ch)) {
          if (pending) out += marker(runs.push(pending) - 1);
          pending = "";
          out += ch;
        } else pending += ch;
      }
      if (pending) out += marker(runs.push(pending) - 1);
      return out;
    });
  if (Array.isArray(value)) return value.map((v) => setAside(v, runs));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, setAside(v, runs)]));
  return value;
}

/** Keeps the keys of one export unique. */
export class BibtexKeys {
  private readonly used = new Set<string>();

  keyFor(item: CslItem): string {
    const first = item.author?.[0];
    const surname = first ? ascii(words(romanize(familyName(first))).join("")) : "";
    const title = ascii(words(romanize(item.title ?? "")).find((w) => w.length > 3 && !STOP.has(w)) ?? "");
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
  const key = keys.keyFor(item);
  // A generic article with no journal is @misc, not an @article that bibtex warns has no journal.
  const type = item.type === "article" && !item["container-title"] ? "document" : item.type;
  const runs: string[] = [];
  const safe = setAside({ ...item, type }, runs) as CslItem;
  const out = core.plugins.output.format("bibtex", [{ ...safe, id: key, "citation-key": key }]).trim();
  return `${out.replace(MARKER, (_m, i: string) => `{${runs[Number(i)] ?? ""}}`)}\n`;
}
