/**
 * The CiteSeer header set (Seymore, McCallum and Rosenfeld): one header a line,
 * `<title> … +L+ … </title> <author> … </author> …`, `+L+` a line break, `+PAGE+` a page break.
 */
import type { HeaderLabel, TaggedHeader } from "../labels.ts";
import { HeaderBuilder } from "./builder.ts";

const TAGS: Record<string, HeaderLabel> = {
  title: "title",
  author: "author",
  affiliation: "affiliation",
  address: "affiliation",
  email: "email",
  abstract: "abstract",
  keyword: "keyword",
  date: "date",
  pubnum: "identifier",
  note: "other",
  intro: "other",
  phone: "other",
  degree: "other",
  web: "other",
  page: "other",
};

export function readCiteseerHeaders(text: string, source: string): TaggedHeader[] {
  const out: TaggedHeader[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const b = new HeaderBuilder();
    for (const m of line.matchAll(/<(\w+)>(.*?)<\/\1>/g)) {
      const label = TAGS[m[1]] ?? "other";
      const pieces = m[2].replace(/\+PAGE\+/g, " ").split("+L+");
      pieces.forEach((p, k) => {
        if (k > 0) b.lineBreak();
        b.add(p, label);
      });
      b.lineBreak();
    }
    const h = b.build(`${source}#${i + 1}`);
    if (h) out.push(h);
  });
  return out;
}
