/** Gold headers of the shared PDFs: science-parse's, CERMINE's JATS metadata, and our own labels. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface GoldHeader {
  title: string;
  /** Family names. */
  authors?: string[];
}

export function readHeaderGold(pdfs: string, ownLabels: string): Map<string, GoldHeader> {
  const gold = new Map<string, GoldHeader>();
  const sp = join(pdfs, "science-parse");
  if (existsSync(sp)) {
    const idTitles = new Map<string, string>();
    const idFile = join(sp, "id-titles.txt");
    if (existsSync(idFile))
      for (const line of readFileSync(idFile, "utf8").split("\n")) {
        const [id, title] = line.split("\t");
        if (id && title) idTitles.set(id, title.trim());
      }
    const truth = join(sp, "groundTruth.json");
    const truthById = new Map<string, { title: string; authors: string[] }>();
    if (existsSync(truth))
      for (const line of readFileSync(truth, "utf8").split("\n"))
        if (line.trim()) {
          const t = JSON.parse(line) as { id: string; title: string; authors: string[] };
          truthById.set(t.id, t);
        }
    for (const f of readdirSync(sp).sort()) {
      if (!f.endsWith(".pdf")) continue;
      const id = f.replace(/\.pdf$/, "");
      const path = join(sp, f);
      const ex = join(sp, `${id}.extraction.json`);
      const t = truthById.get(id);
      if (t) gold.set(path, { title: t.title, authors: t.authors.map((a) => a.split(",")[0].trim()) });
      else if (existsSync(ex)) {
        const rows = JSON.parse(readFileSync(ex, "utf8").replace(/^\uFEFF/, "")) as [string, unknown][];
        const title = rows.find((r) => r[0] === "title")?.[1];
        if (typeof title === "string") gold.set(path, { title });
      } else if (idTitles.has(id)) gold.set(path, { title: idTitles.get(id) as string });
    }
  }
  const cermine = join(pdfs, "cermine");
  for (const n of ["test1", "test3"]) {
    const meta = join(cermine, `${n}-metadata.xml`);
    if (!existsSync(meta)) continue;
    const xml = readFileSync(meta, "utf8");
    const title = /<article-title>([\s\S]*?)<\/article-title>/.exec(xml)?.[1];
    // JATS names: <surname> where given, else the last word of <string-name>.
    const authors = [...xml.matchAll(/<contrib[^>]*contrib-type="author"[^>]*>([\s\S]*?)<\/contrib>/g)].map(
      (m) => {
        const surname = /<surname>([^<]*)<\/surname>/.exec(m[1])?.[1];
        const name = /<string-name>([^<]*)<\/string-name>/.exec(m[1])?.[1] ?? "";
        return (surname ?? name.trim().split(/\s+/).pop() ?? "").trim();
      },
    );
    if (title)
      gold.set(join(cermine, `${n}.pdf`), {
        title: title
          .replace(/<[^>]+>/g, "")
          .replace(/\s+/g, " ")
          .trim(),
        authors,
      });
  }
  if (existsSync(ownLabels)) {
    const own = JSON.parse(readFileSync(ownLabels, "utf8")) as Record<string, GoldHeader>;
    // Our labels fill what the datasets' gold lacks; where both have a field, the datasets' gold stands.
    for (const [rel, h] of Object.entries(own)) {
      const path = join(pdfs, rel);
      const given = gold.get(path);
      gold.set(path, { title: given?.title ?? h.title, authors: given?.authors ?? h.authors });
    }
  }

  return gold;
}
