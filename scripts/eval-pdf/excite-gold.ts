/** EXCITE's gold references: references-raw/ID.csv (one printed reference a line) and references-tagged/ID.xml. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { authorWords, similarity, softKey } from "./score.ts";

export interface GoldReference {
  raw: string;
  fields: Record<string, string>;
}

function text(s: string): string {
  return s
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** One tagged line to fields: author family names joined, title, year, container, volume, issue, pages, publisher. */
export function tagFields(line: string): Record<string, string> {
  const f: Record<string, string> = {};
  const all = (tag: string) =>
    [...line.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => text(m[1]));
  const authors = [...line.matchAll(/<author>([\s\S]*?)<\/author>/g)].map((m) =>
    text(/<surname>([\s\S]*?)<\/surname>/.exec(m[1])?.[1] ?? m[1]),
  );
  if (authors.length) f.author = authorWords(authors.join(" "));
  const first = (tag: string) => all(tag)[0];
  if (first("title")) f.title = first("title");
  if (first("year")) f.year = first("year");
  if (first("source")) f["container-title"] = first("source");
  if (first("volume")) f.volume = first("volume");
  if (first("issue")) f.issue = first("issue");
  if (first("fpage")) f.page = first("lpage") ? `${first("fpage")}-${first("lpage")}` : first("fpage");
  if (first("publisher")) f.publisher = first("publisher");
  return f;
}

/**
 * Pairs each printed reference with its tagged line. The two files mostly agree line for line, but not always
 * (a reference missing from one): lines are paired in order when their texts agree, looking a few lines ahead.
 */
function align(raws: string[], tagged: string[]): GoldReference[] {
  let j = 0;
  return raws.map((raw) => {
    const key = softKey(raw);
    for (let k = j; k < Math.min(tagged.length, j + 4); k++) {
      if (similarity(key, softKey(text(tagged[k]))) >= 0.8) {
        j = k + 1;
        return { raw: raw.trim(), fields: tagFields(tagged[k]) };
      }
    }
    return { raw: raw.trim(), fields: {} };
  });
}

export function readExciteGold(dir: string): Map<string, GoldReference[]> {
  const out = new Map<string, GoldReference[]>();
  const rawDir = join(dir, "references-raw");
  if (!existsSync(rawDir)) return out;
  for (const f of readdirSync(rawDir).sort()) {
    // English sets use .csv, German ones .txt: both one printed reference a line.
    if (!/\.(csv|txt)$/.test(f)) continue;
    const id = f.replace(/\.(csv|txt)$/, "");
    // Gold whose paper is not among the PDFs (kept aside by the dataset) is left out.
    if (!existsSync(join(dir, "pdf", `${id}.pdf`))) continue;
    const raws = readFileSync(join(rawDir, f), "utf8")
      .split(/\r?\n/)
      .filter((l) => l.trim());
    const taggedFile = join(dir, "references-tagged", `${id}.xml`);
    const tagged = existsSync(taggedFile)
      ? readFileSync(taggedFile, "utf8")
          .split(/\r?\n/)
          .filter((l) => l.trim())
      : [];
    out.set(id, align(raws, tagged));
  }
  return out;
}
