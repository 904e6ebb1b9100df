/**
 * Files as the world writes them: arrays whose elements span the reader's chunks, lines longer than any
 * record, Latin-1 and UTF-16 exports, files of no format at all. Nothing is lost, nothing is held whole, every
 * refusal names its code.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { failureCode } from "../errors.ts";
import { tempDir } from "../testing/temp-store.ts";
import { readBibtex } from "./bibtex.ts";
import { readCslJson } from "./csl-json.ts";
import { readJsonl } from "./jsonl.ts";
import { readLines } from "./lines.ts";
import type { ReadItem } from "./record.ts";
import { readRis } from "./ris.ts";
import { Utf8OrWindows1252Decoder } from "./text-decoding.ts";

const dir = tempDir();
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function all(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}
const codes = (items: ReadItem[]) => items.filter((i) => i.error).map((i) => failureCode(i.error!.reason));

function records(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    type: "article-journal",
    title: `Record number ${i} on "quoted" things, \\ and {braces} [brackets], commas`,
    author: [{ family: `Author${i}`, given: "A." }],
    issued: { "date-parts": [[1990 + (i % 30)]] },
    abstract: "x".repeat(i % 7 === 0 ? 3000 : 40),
  }));
}

test("CSL-JSON arrays of every size and indentation lose no element at any chunk boundary", async () => {
  for (const n of [1, 2000, 3000]) {
    const recs = records(n);
    const layouts: Record<string, string> = {
      minified: JSON.stringify(recs),
      indented: JSON.stringify(recs, null, 2),
      tabs: JSON.stringify(recs, null, "\t"),
      crlf: JSON.stringify(recs, null, 1).replace(/\n/g, "\r\n"),
    };
    for (const [layout, text] of Object.entries(layouts)) {
      const p = file(`array-${n}-${layout}.json`, text);
      const items = await all(readCslJson(p));
      assert.deepEqual(codes(items), [], `${n} ${layout}: no errors`);
      assert.equal(items.length, n, `${n} ${layout}: every element`);
      assert.deepEqual(
        items.map((i) => i.record?.id),
        recs.map((r) => r.id),
        `${n} ${layout}: in order`,
      );
      assert.equal(items.at(-1)?.record?.item.title, recs.at(-1)?.title);
      if (n === 3000) assert.ok(statSync(p).size > 10 * 65_536, "the file spans many chunks");
    }
  }
});

test("a CSL-JSON element longer than many chunks is read whole; one above the limit is refused alone", async () => {
  const long = { id: "long", title: "Long", abstract: "word ".repeat(100_000) };
  const huge = { id: "huge", title: "Huge", abstract: "y".repeat(10_500_000) };
  const p = file("big.json", JSON.stringify([long, huge, { id: "after", title: "After" }]));
  const items = await all(readCslJson(p));
  assert.equal(items[0].record?.item.abstract?.length, "word ".repeat(100_000).trim().length);
  assert.equal(failureCode(items[1].error?.reason ?? ""), "too-large");
  assert.equal(items[2].record?.id, "after");
});

test("a CSL-JSON file that is not an array or object says so, with a code", async () => {
  assert.deepEqual(codes(await all(readCslJson(file("n.json", "42")))), ["syntax"]);
  assert.deepEqual(codes(await all(readCslJson(file("null.json", "null\n")))), ["syntax"]);
  const mixed = await all(readCslJson(file("mixed.json", '[1, "a", null, {"title": "ok"}]')));
  assert.deepEqual(codes(mixed), ["invalid-field", "invalid-field", "invalid-field"]);
  assert.equal(mixed[3].record?.item.title, "ok");
  const bad = await all(readCslJson(file("types.json", '[{"title": 5}, {"title": "\\u0001\\u0002"}]')));
  assert.deepEqual(codes(bad), ["invalid-field", "invalid-field"]);
});

test("a line longer than the limit is refused without being held, and the next line is read", async () => {
  const p = file(
    "long.jsonl",
    `{"title":"${"z".repeat(300_000)}"}\n{"title":"next"}\r\n\r\n{"title":"last"}`,
  );
  const lines = [];
  for await (const l of readLines(p, 100_000)) lines.push(l);
  assert.deepEqual(
    lines.map((l) => [l.number, l.tooLong ?? false, l.line.length]),
    [
      [1, true, 0],
      [2, false, 16],
      [3, false, 0],
      [4, false, 16],
    ],
  );
  const big = file("huge-line.jsonl", `{"title":"${"q".repeat(10_100_000)}"}\n{"id":"b","title":"after"}\n`);
  const items = await all(readJsonl(big));
  assert.deepEqual(codes(items), ["too-large"]);
  assert.equal(items[1].record?.id, "b");
});

test("Latin-1, Windows-1252, UTF-16 and byte-order-marked files are read as the characters meant", async () => {
  const latin1 = Buffer.from(
    "@article{k, title={M\u00fcller und Stra\u00dfe}, author={G\u00f6del, K.}, year=1931}\n",
    "latin1",
  );
  const bib = await all(readBibtex(file("latin1.bib", latin1)));
  assert.equal(bib[0].record?.item.title, "Müller und Straße");
  const cp1252 = Buffer.concat([
    Buffer.from('[{"title": "Costs in '),
    Buffer.from([0x80, 0x20, 0x93]),
    Buffer.from("quoted"),
    Buffer.from([0x94]),
    Buffer.from('"}]'),
  ]);
  assert.equal(
    (await all(readCslJson(file("cp1252.json", cp1252))))[0].record?.item.title,
    "Costs in € “quoted”",
  );
  const ris = "TY  - JOUR\r\nTI  - Écoles et société\r\nAU  - Durkheim, Émile\r\nPY  - 1922\r\nER  - \r\n";
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ris, "utf16le")]);
  assert.equal((await all(readRis(file("utf16le.ris", le))))[0].record?.item.title, "Écoles et société");
  const be = Buffer.from(ris, "utf16le").swap16();
  const beBom = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  assert.equal((await all(readRis(file("utf16be.ris", beBom))))[0].record?.item.title, "Écoles et société");
  const noBom = Buffer.from(ris, "utf16le");
  assert.equal(
    (await all(readRis(file("utf16-nobom.ris", noBom))))[0].record?.item.title,
    "Écoles et société",
  );
  const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title": "Ünïcode"}')]);
  assert.equal((await all(readCslJson(file("bom.json", bom8))))[0].record?.item.title, "Ünïcode");
});

test("random bytes are refused as not text, naming the encoding problem", async () => {
  const noise = randomBytes(20_000);
  // The readers throw it (the importer records it against the file); a CSL-JSON reader yields it.
  for (const read of [readRis, readBibtex, readJsonl])
    await assert.rejects(all(read(file("noise.txt", noise))), (e: Error & { code?: string }) => {
      assert.equal(e.code, "encoding");
      assert.match(e.message, /binary data/);
      return true;
    });
  assert.deepEqual(codes(await all(readCslJson(file("noise.json", noise)))), ["encoding"]);
});

test("RIS without a TY line is reported, not passed over", async () => {
  const items = await all(readRis(file("no-ty.ris", "TI  - A title\nAU  - Someone\nER  - \n")));
  assert.deepEqual(codes(items), ["syntax"]);
  assert.match(items[0].error!.reason, /TY {2}- /);
});

test("the decoder keeps UTF-8 sequences cut between chunks, and reads stray bytes as Windows-1252", () => {
  const text = "Grüße — 東京 🎓 naïve";
  const bytes = Buffer.from(text);
  const d = new Utf8OrWindows1252Decoder();
  let out = "";
  for (const b of bytes) out += d.decode(Uint8Array.of(b));
  out += d.decode(new Uint8Array(0), true);
  assert.equal(out, text);
  assert.equal(d.fallbackBytes, 0);
  const mixed = new Utf8OrWindows1252Decoder();
  const s = mixed.decode(Buffer.concat([Buffer.from("Grüße "), Buffer.from([0xe9, 0x20, 0xc3])]), true);
  assert.equal(s, "Grüße é Ã");
  assert.equal(mixed.fallbackBytes, 2);
});
