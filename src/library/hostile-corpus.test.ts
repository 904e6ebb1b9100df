/**
 * A hostile corpus, generated here, small and bounded: every good file goes in, every bad one is in `failures`
 * with a code of the catalogue, nothing crashes, and memory stays bounded (a PDF inflating to 1 GiB included).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { FAILURE_CODES, failureCode } from "../errors.ts";
import { encryptedPdf, inflateBombPdf, NUMBERED_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { tempStore } from "../testing/temp-store.ts";
import { importFiles } from "./import.ts";
import { ingestPaths } from "./ingest.ts";
import { FolderPdfCopies } from "./pdf-copies.ts";

/** Writes `size` characters of one JSON line without holding them (the file is as large as the line). */
async function writeLongLine(path: string, size: number, after: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk = "x".repeat(1 << 20);
  out.write('{"title":"');
  for (let left = size; left > 0; left -= chunk.length)
    if (!out.write(left >= chunk.length ? chunk : chunk.slice(0, left)))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  out.end(`"}\n${after}\n`);
  await new Promise<void>((resolve) => out.on("finish", () => resolve()));
}

test("a hostile corpus: good files in, bad files failed with a documented code, memory bounded", async () => {
  const { store, path, cleanup } = tempStore();
  const dir = join(path, "..", "corpus");
  const pdfs = join(dir, "pdf");
  mkdirSync(pdfs, { recursive: true });
  const at = (name: string) => join(dir, name);
  try {
    // Metadata: what each file should give — records in, or the code it fails with.
    const meta: [string, string | Buffer, number, string[]][] = [
      [
        "good.bib",
        "@article{a, title={Good one}, year=2001}\n@book{b, title={Good two}, year=2002}\n",
        2,
        [],
      ],
      ["good.json", JSON.stringify([{ title: "G3" }, { title: "G4" }]), 2, []],
      ["good.ris", "TY  - JOUR\nTI  - G5\nER  - \n", 1, []],
      ["latin1.bib", Buffer.from("@misc{c, title={M\u00fcller}}\n", "latin1"), 1, []],
      [
        "utf16.ris",
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("TY  - JOUR\nTI  - G7\nER  - \n", "utf16le")]),
        1,
        [],
      ],
      ["empty.bib", "", 0, ["empty"]],
      ["empty.json", "", 0, ["empty"]],
      ["empty.jsonl", "\n\n", 0, ["empty"]],
      ["empty.ris", "", 0, ["empty"]],
      ["number.json", "42", 0, ["syntax"]],
      ["null.json", "null", 0, ["syntax"]],
      ["no-ty.ris", "TI  - no type line\nER  - \n", 0, ["syntax"]],
      ["text.bib", "this is not bibtex at all\n", 0, ["empty"]],
      ["noise.ris", randomBytes(4096), 0, ["encoding"]],
      ["noise.bib", randomBytes(4096), 0, ["encoding"]],
      [
        "controls.json",
        JSON.stringify([{ title: "\u0001\u0002\u0003" }, { title: 5 }]),
        0,
        ["invalid-field", "invalid-field"],
      ],
    ];
    for (const [name, content] of meta) writeFileSync(at(name), content);
    // A line of 64 MiB, then a good record: the line is refused without being held, the record goes in.
    await writeLongLine(at("long-line.jsonl"), 64 << 20, '{"title":"After the long line"}');

    // PDFs: one good paper, and the files ingest must survive.
    writeFileSync(join(pdfs, "good.pdf"), await paperPdf(NUMBERED_PAPER));
    writeFileSync(join(pdfs, "bomb.pdf"), await inflateBombPdf(1 << 30));
    writeFileSync(join(pdfs, "encrypted.pdf"), await encryptedPdf());
    writeFileSync(join(pdfs, "empty.pdf"), "");
    writeFileSync(join(pdfs, "text.pdf"), "not a pdf at all\n");
    writeFileSync(
      join(pdfs, "broken.pdf.gz"),
      Buffer.concat([gzipSync("%PDF-1.4").subarray(0, 12), randomBytes(64)]),
    );
    execFileSync("mkfifo", [join(pdfs, "fifo.pdf")]);
    symlinkSync("/dev/zero", join(pdfs, "zero.pdf"));
    symlinkSync(join(pdfs, "nowhere"), join(pdfs, "dangling.pdf"));
    // A copy left half-written by a process killed mid-write (pid 2^22+1 runs nowhere: above Linux's pid_max).
    const files = `${path}.files`;
    mkdirSync(join(files, "ab"), { recursive: true });
    const stale = join(files, "ab", `ab${"0".repeat(38)}.pdf.4194305.tmp`);
    writeFileSync(stale, "");

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    let imported: Awaited<ReturnType<typeof importFiles>>;
    let ingested: Awaited<ReturnType<typeof ingestPaths>>;
    try {
      imported = await importFiles(store, [...meta.map(([n]) => at(n)), at("long-line.jsonl")]);
      ingested = await ingestPaths(store, [pdfs], { jobs: 2, copies: new FolderPdfCopies(files) });
    } finally {
      clearInterval(sampler);
    }

    // Every good record and PDF is in.
    assert.equal(imported.records, meta.reduce((n, m) => n + m[2], 0) + 1);
    assert.equal(ingested.added, 1);
    const titles = new Set(
      (await store.getWorks(Array.from({ length: 20 }, (_, i) => i + 1))).map((w) => w.title),
    );
    for (const t of ["Good one", "Good two", "G3", "G4", "G5", "Müller", "G7", "After the long line"])
      assert.ok(titles.has(t), `"${t}" was imported`);

    // Every bad file is a failure with a documented code.
    const failures = await store.failures(1000);
    for (const f of failures)
      assert.ok(failureCode(f.reason) && failureCode(f.reason)! in FAILURE_CODES, `a code: ${f.reason}`);
    const codesOf = (file: string) =>
      failures
        .filter((f) => f.source === file)
        .map((f) => failureCode(f.reason))
        .sort();
    for (const [name, , , codes] of meta) assert.deepEqual(codesOf(at(name)), codes, name);
    assert.deepEqual(codesOf(at("long-line.jsonl")), ["too-large"]);
    const expectPdf: Record<string, string> = {
      "bomb.pdf": "too-large",
      "encrypted.pdf": "encrypted",
      "empty.pdf": "corrupt",
      "text.pdf": "corrupt",
      "broken.pdf.gz": "corrupt",
      "fifo.pdf": "not-a-file",
      "zero.pdf": "not-a-file",
      "dangling.pdf": "not-a-file",
    };
    for (const [name, code] of Object.entries(expectPdf))
      assert.deepEqual(codesOf(join(pdfs, name)), [code], name);
    assert.equal(ingested.failed, Object.keys(expectPdf).length);

    // Memory: the 1 GiB bomb and the 64 MiB line cost far less than themselves (before: 1.4 GB for the bomb).
    const grew = (peak - baseline) / 2 ** 20;
    assert.ok(grew < 600, `memory grew by ${grew.toFixed(0)} MiB`);
    assert.ok(!existsSync(stale), "the stale temporary copy is removed");
  } finally {
    await cleanup();
  }
});
