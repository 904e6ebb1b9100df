import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir, tempStore } from "../testing/temp-store.ts";
import { ImportError, importFiles } from "./import.ts";

test("records from several formats meet in one library; references cross files", async () => {
  const dir = tempDir();
  const { store, cleanup } = tempStore();
  try {
    const bib = join(dir, "a.bib");
    writeFileSync(
      bib,
      "@article{knuth84, title={Literate Programming}, author={Knuth, Donald E.}, journal={The Computer Journal}, year=1984, doi={10.1093/comjnl/27.2.97}}\n",
    );
    const jsonl = join(dir, "b.jsonl");
    writeFileSync(
      jsonl,
      `${JSON.stringify({ id: "x", title: "Notes on literate programs", author: ["Lee, Ann"], references: ["knuth84", "10.1093/COMJNL/27.2.97"] })}\n`,
    );
    const report = await importFiles(store, [bib, jsonl]);
    assert.deepEqual([report.files, report.records, report.added, report.failed], [2, 2, 2, 0]);
    const knuth = (await store.getWorks([1]))[0];
    assert.equal(knuth.title, "Literate Programming");
    assert.equal(knuth.citedBy, 1, "two references of one work to it count once");
    const list = await store.citedBy(1, { sort: "citations", offset: 0, limit: 10 });
    assert.equal(list.total, 1);
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a file that cannot be read is recorded as failed and the next file goes on", async () => {
  const dir = tempDir();
  const { store, cleanup } = tempStore();
  try {
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    const c = join(dir, "c.jsonl");
    for (const [f, t] of [
      [a, "One"],
      [b, "Two"],
      [c, "Three"],
    ]) {
      writeFileSync(f, `${JSON.stringify({ title: t })}\n`);
    }
    const report = await importFiles(store, [a, b, c], {
      // b disappears after the files were checked and before it is read.
      onProgress: (p) => {
        if (p.file === a && p.done) rmSync(b);
      },
    });
    assert.equal(report.records, 2);
    assert.equal(report.failed, 1);
    assert.match(report.errors[0].reason, /^unreadable: ENOENT/);
    assert.equal((await store.failures())[0].source, b);
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("missing files and unknown formats stop the import before anything is written", async () => {
  const dir = tempDir();
  const { store, cleanup } = tempStore();
  try {
    const ok = join(dir, "ok.jsonl");
    writeFileSync(ok, `${JSON.stringify({ title: "Fine" })}\n`);
    await assert.rejects(
      importFiles(store, [ok, join(dir, "nope.bib")]),
      (e) => e instanceof ImportError && /nope\.bib: no such file/.test(e.message),
    );
    const txt = join(dir, "notes.txt");
    writeFileSync(txt, "hello");
    await assert.rejects(importFiles(store, [ok, txt]), /unknown format/);
    assert.equal((await store.stats()).works, 0);
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("references given as printed are parsed: they resolve to library works or become cited-only works", async () => {
  const dir = tempDir();
  const { store, cleanup } = tempStore();
  try {
    const jsonl = join(dir, "printed.jsonl");
    const records = [
      {
        id: "knuth",
        title: "Literate Programming",
        author: ["Knuth, Donald E."],
        year: 1984,
        "container-title": "The Computer Journal",
      },
      {
        id: "citing",
        title: "Programs as literature",
        author: ["Lee, Ann"],
        year: 2001,
        references: [
          "D. E. Knuth. Literate programming. The Computer Journal, 27(2):97-111, 1984.",
          "Dijkstra, E. W. (1968). Go to statement considered harmful. Communications of the ACM, 11(3), 147-148.",
          "?? --",
        ],
      },
    ];
    writeFileSync(jsonl, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const report = await importFiles(store, [jsonl]);
    assert.equal(report.failed, 0);
    const citing = await store.getWork(2);
    assert.ok(citing);
    const [knuth, dijkstra, junk] = citing.references;
    assert.equal(knuth.work?.id, 1, "the printed reference to a library work resolves to it");
    assert.equal(knuth.raw, records[1].references![0]);
    assert.equal(knuth.item?.title, "Literate programming");
    assert.equal(dijkstra.work?.inLibrary, false, "an unknown work becomes cited only");
    assert.equal(dijkstra.work?.title, "Go to statement considered harmful");
    const cited = await store.getWork(dijkstra.work!.id);
    assert.equal(cited?.csl.volume, "11");
    assert.deepEqual(
      cited?.csl.author?.map((a) => a.family),
      ["Dijkstra"],
    );
    assert.equal(junk.work, undefined, "a string that names no work creates none");
    assert.equal(junk.raw, "?? --");
    assert.equal((await store.getWork(1))?.citedBy, 1);
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
