/**
 * The candidates of eval/pdf-lookalikes.json, for judging by hand: in a library (by default one built by
 * `citegraph ingest ../shared/datasets/pdfs --db /tmp/pdfs.db`), pairs of works kept apart that share a first
 * surname and have similar titles (word dice ≥ 0.5 or trigram similarity ≥ 0.6; at least one cited only), and
 * works whose references are printed in two or more ways. Prints JSON.
 *
 *   node --import tsx scripts/eval-matching/pdf-lookalikes.ts LIBRARY.db > candidates.json
 */
import Database from "better-sqlite3";
import { toMatchRecord } from "../../src/graph/record.ts";
import { titleOverlap, trigramSimilarity } from "../../src/graph/similarity.ts";

const db = new Database(process.argv[2] ?? "/tmp/pdfs.db", { readonly: true });
const works = db.prepare("SELECT id, in_library, csl FROM works").all() as {
  id: number;
  in_library: number;
  csl: string;
}[];
const refsOf = db.prepare("SELECT raw FROM refs WHERE work_id = ? ORDER BY id LIMIT 6").pluck();
const recs = works.map((w) => ({
  ...w,
  r: toMatchRecord(JSON.parse(w.csl), w.in_library ? "record" : "reference"),
}));
const bySurname = new Map<string, typeof recs>();
for (const w of recs) {
  const s = w.r.authors[0]?.surname;
  if (!s) continue;
  bySurname.set(s, [...(bySurname.get(s) ?? []), w]);
}
const apart: object[] = [];
for (const ws of bySurname.values())
  for (let i = 0; i < ws.length; i++)
    for (let j = i + 1; j < ws.length; j++) {
      const a = ws[i].r,
        b = ws[j].r;
      if (!a.title.length || !b.title.length) continue;
      const t = titleOverlap(a.title, b.title);
      const dice = (2 * t.common) / (t.totalA + t.totalB);
      const tri = trigramSimilarity(a.title, b.title);
      if (dice < 0.5 && tri < 0.6) continue;
      if (ws[i].in_library && ws[j].in_library) continue;
      apart.push({
        kind: "left-apart",
        a: {
          id: ws[i].id,
          library: !!ws[i].in_library,
          refs: refsOf.all(ws[i].id),
          title: JSON.parse(ws[i].csl).title,
        },
        b: {
          id: ws[j].id,
          library: !!ws[j].in_library,
          refs: refsOf.all(ws[j].id),
          title: JSON.parse(ws[j].csl).title,
        },
      });
    }
// Works whose references are printed differently (joined by the matcher): their distinct strings.
const joined: object[] = [];
for (const w of recs) {
  const raws = db
    .prepare("SELECT raw FROM refs WHERE work_id = ? ORDER BY id LIMIT 20")
    .pluck()
    .all(w.id) as string[];
  const distinct = [...new Set(raws.map((x) => (x ?? "").trim()))].filter(Boolean);
  if (distinct.length >= 2)
    joined.push({
      kind: "joined",
      id: w.id,
      library: !!w.in_library,
      title: JSON.parse(w.csl).title,
      refs: distinct,
    });
}
console.log(JSON.stringify({ apart, joined }, null, 1));
console.error(`left apart candidates ${apart.length}, joined works with distinct printings ${joined.length}`);
