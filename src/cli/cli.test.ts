import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = tempDir("citegraph-cli-");
const db = join(dir, "lib.db");
const data = join(dir, "papers.jsonl");
writeFileSync(
  data,
  [
    {
      id: "p1",
      title: "Virtual machines and their interpreters",
      author: ["Holloway, Grace"],
      year: 2001,
      "container-title": "PLDI",
      abstract: "We study virtual machine interpreters.",
      references: ["p2"],
    },
    {
      id: "p2",
      title: "Garbage collection in a virtual machine",
      author: ["Holloway, G.", "Brandt, Lena"],
      year: 1999,
      "container-title": "ISMM",
      abstract: "Collectors for heaps.",
      references: [],
    },
    {
      id: "p3",
      title: "Tracing compilers",
      author: ["Gal, Andreas"],
      year: 2009,
      "container-title": "PLDI",
      references: ["p2", "p1", { title: "A cited-only book", author: ["Aho, Alfred"] }],
    },
  ]
    .map((r) => JSON.stringify(r))
    .join("\n") + "\n{oops\n",
);

test("import reports malformed records with file and line, files the rest, and is idempotent", () => {
  const first = run(["--db", db, "import", data]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /papers\.jsonl:4 \(record 4\): syntax: not valid JSON/);
  assert.match(first.out, /3 added, 0 updated, 0 unchanged, 1 malformed/);
  const again = run(["import", data], { CITEGRAPH_DB: db });
  assert.equal(again.code, 0);
  assert.match(again.out, /0 added, 0 updated, 3 unchanged/);
  const failures = run(["--db", db, "failures"]);
  assert.match(failures.out, /papers\.jsonl:4/);
});

test("search prints a CiteSeerX-style list, and JSON with --json", () => {
  const text = run(["--db", db, "search", "virtual", "machine"]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Results 1 - 2 of 2$/m);
  assert.match(text.out, /Cited by 2 \(1 self\)/);
  const json = JSON.parse(run(["--db", db, "search", "--json", "--sort", "citations", "virtual"]).out);
  assert.equal(json.total, 2);
  assert.deepEqual(Object.keys(json.hits[0]).slice(0, 8), [
    "id",
    "title",
    "authors",
    "year",
    "venue",
    "doi",
    "snippet",
    "cited_by",
  ]);
  assert.equal(json.hits[0].title, "Garbage collection in a virtual machine");
  assert.equal(json.hits[0].cited_by, 2);
  assert.equal(json.hits[0].self_cited, 1);
  const withCited = JSON.parse(run(["--db", db, "search", "--json", "--include-citations", "book"]).out);
  assert.equal(withCited.total, 1);
  assert.equal(withCited.hits[0].in_library, false);
});

test("export writes JSON Lines with references and counts, and the other formats", () => {
  const jsonl = run(["--db", db, "export"]);
  assert.equal(jsonl.code, 0, jsonl.err);
  const works = jsonl.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(works.length, 3);
  const tracing = works.find((w) => w.title === "Tracing compilers");
  assert.equal(tracing.references.length, 3);
  assert.ok(tracing.references.every((r: { work: number | null }) => typeof r.work === "number"));
  const gc = works.find((w) => w.title.startsWith("Garbage"));
  assert.equal(gc.cited_by, 2);
  assert.equal(gc.self_cited, 1);
  const bib = run(["--db", db, "export", "--format", "bibtex", "title:garbage"]);
  assert.match(bib.out, /^@article\{Holloway1999Garbage,/m);
  assert.equal((bib.out.match(/^@/gm) ?? []).length, 1);
  const ris = run(["--db", db, "export", "--format", "ris"]);
  assert.equal((ris.out.match(/^TY {2}- /gm) ?? []).length, 3);
  const csl = JSON.parse(run(["--db", db, "export", "--format", "csl-json", "--include-citations"]).out);
  assert.equal(csl.length, 4);
});

test("stats counts the library", () => {
  const s = JSON.parse(run(["--db", db, "stats", "--json"]).out);
  assert.equal(s.worksInLibrary, 3);
  assert.equal(s.worksCitedOnly, 1);
  assert.equal(s.citations, 4);
  assert.equal(s.selfCitations, 1);
});

test("bad usage exits 2 with one clear line; runtime failures exit 1", () => {
  const noFile = run(["--db", db, "import", join(dir, "missing.bib")]);
  assert.equal(noFile.code, 2);
  assert.match(noFile.err, /missing\.bib: no such file/);
  const badFormat = run(["--db", db, "import", BIN]);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /unknown format/);
  const badQuery = run(["--db", db, "search", "year:abc"]);
  assert.equal(badQuery.code, 2);
  assert.equal(badQuery.err.trim().split("\n").length, 1);
  assert.match(badQuery.err, /year:/);
  assert.equal(run(["--db", db, "search", "x", "--sort", "sideways"]).code, 2);
  assert.equal(run(["--db", db, "search", "x", "--page", "0"]).code, 2);
  assert.equal(run(["--db", db, "frobnicate"]).code, 2);
  const unopenable = run(["--db", dir, "stats"]);
  assert.equal(unopenable.code, 1);
  assert.match(unopenable.err, /cannot open the library/);
  assert.doesNotMatch(unopenable.err, /\n\s+at /, "no stack trace");
});

test("demo --no-serve builds the demo library, and a second run adds nothing", () => {
  const demoDb = join(dir, "demo.db");
  const first = run(["--db", demoDb, "demo", "--no-serve"]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /\(\d+ new\)/);
  assert.match(run(["--db", demoDb, "demo", "--no-serve"]).out, /\(0 new\)/);
  const r = run(["--db", demoDb, "search", "virtual", "machine"]);
  assert.match(r.out, /^Results 1 - 10 of \d+$/m);
  assert.match(r.out, /Cited by \d+ \(\d+ self\)/);
});

test("demo honours CITEGRAPH_DB, but never files the demo into a library of other papers", () => {
  const own = join(dir, "own-demo.db");
  const built = run(["demo", "--no-serve"], { CITEGRAPH_DB: own });
  assert.equal(built.code, 0, built.err);
  assert.match(built.out, /^Demo library .*own-demo\.db: \d+ records \(\d+ new\)/);
  assert.match(run(["demo", "--no-serve"], { CITEGRAPH_DB: own }).out, /\(0 new\)/);
  const papers = join(dir, "papers-only.db");
  assert.equal(run(["--db", papers, "import", data]).code, 0);
  const refused = run(["demo", "--no-serve"], { CITEGRAPH_DB: papers });
  assert.equal(refused.code, 2);
  assert.match(refused.err, /CITEGRAPH_DB names a library that holds other papers .*papers-only\.db.*--db/);
  const stats = run(["--db", papers, "stats", "--json"]);
  assert.equal(JSON.parse(stats.out).documents, 3, "nothing of the demo was filed");
});

test("parse-references: one JSON line per input line, in order, from stdin or files; BibTeX on request", () => {
  const refs = join(dir, "refs.txt");
  writeFileSync(
    refs,
    "Knuth, D. E. (1984). Literate programming. The Computer Journal, 27(2), 97-111.\n\nJ. Smith and K. Jones. Tracing compilers. In Proc. PLDI, pages 1-10, 2009.\n",
  );
  const r = run(["parse-references", refs]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 3, "an empty line gives an empty record, so that the order is kept");
  assert.equal(
    lines[0].raw,
    "Knuth, D. E. (1984). Literate programming. The Computer Journal, 27(2), 97-111.",
  );
  assert.equal(lines[0].author[0].family, "Knuth");
  assert.equal(lines[0].volume, "27");
  assert.ok(lines[0].confidence.title > 0.5);
  assert.deepEqual(lines[1], { raw: "" });
  assert.equal(lines[2].author.length, 2);
  const stdin = spawnSync(process.execPath, [BIN, "parse-references", "--format", "bibtex"], {
    input: "Knuth, D. E. (1984). Literate programming. The Computer Journal, 27(2), 97-111.\n",
    encoding: "utf8",
  });
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.match(stdin.stdout, /^@article\{Knuth1984Literate,/m);
  assert.match(stdin.stdout, /volume = \{27\}/);
  assert.equal(run(["parse-references", join(dir, "none.txt")]).code, 2);
});

test("match-references: same work, same id; unreadable lines say why; order kept", () => {
  const input = [
    { id: "a", raw: "Downs, Anthony (1957): An Economic Theory of Democracy. New York: Harper & Row." },
    { id: "b", raw: "14. Downs, A. (1957) An economic theory of democracy. New York, Harper & Row." },
    {
      id: "c",
      title: "Inside bureaucracy",
      author: [{ family: "Downs", given: "Anthony" }],
      issued: { "date-parts": [[1967]] },
    },
    "{broken",
    { id: "d", title: "An economic theory of democracy", author: "Downs, A." },
    { id: "e", author: 42 },
  ]
    .map((l) => (typeof l === "string" ? l : JSON.stringify(l)))
    .join("\n");
  const r = spawnSync(process.execPath, [BIN, "match-references"], { input, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.id, l.work]),
    [
      ["a", "a"],
      ["b", "a"],
      ["c", "c"],
      [null, null],
      ["d", "a"],
      ["e", null],
    ],
  );
  assert.match(lines[3].error, /stdin:4: not JSON/);
  assert.match(lines[5].error, /stdin:6: field "author" must be a list of names/);
  assert.match(r.stderr, /6 records, 2 works, 0 ambiguous, 2 unreadable/);
});

test("rebuild-graph recounts the library; ambiguous lists what the matcher left open", () => {
  const r = run(["--db", db, "rebuild-graph"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\d+ references: \d+ resolved, 0 ambiguous; 1 works cited only$/m);
  const a = run(["--db", db, "ambiguous"]);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /^0 ambiguous references$/m);
});

test("merge, merges and split: a merge is recorded and undone; bad ids are usage errors", () => {
  const m = run(["--db", db, "merge", "1", "2", "--note", "test merge"]);
  assert.equal(m.code, 0, m.err);
  const id = /\(merge (\d+);/.exec(m.out)?.[1];
  assert.ok(id, m.out);
  assert.match(
    run(["--db", db, "merges"]).out,
    new RegExp(`^merge ${id} .*into work 1 .* — test merge$`, "m"),
  );
  const s = run(["--db", db, "split", id]);
  assert.equal(s.code, 0, s.err);
  assert.match(s.out, /the work is back as work \d+/);
  const again = run(["--db", db, "split", id]);
  assert.equal(again.code, 2);
  assert.match(again.err, /was split already/);
  assert.equal(run(["--db", db, "merge", "1", "x"]).code, 2);
  assert.match(run(["--db", db, "merge", "1", "99999"]).err, /no work 99999/);
});

test("extract prints what ingest would store; ingest files PDFs, lists failures, and skips what it has", async () => {
  const { NUMBERED_PAPER, corruptPdf, paperPdf } = await import("../testing/pdf-fixtures.ts");
  const papers = join(dir, "pdfs");
  mkdirSync(papers, { recursive: true });
  writeFileSync(join(papers, "paper.pdf"), await paperPdf(NUMBERED_PAPER));
  writeFileSync(join(papers, "broken.pdf"), await corruptPdf());

  const ex = run(["extract", join(papers, "paper.pdf")]);
  assert.equal(ex.code, 0, ex.err);
  const doc = JSON.parse(ex.out);
  assert.equal(doc.title, NUMBERED_PAPER.title);
  assert.equal(doc.author[0].family, "Keller");
  assert.deepEqual(doc.emails, [NUMBERED_PAPER.email]);
  assert.equal(doc.references.length, 5);
  assert.equal(doc.references[0].raw, NUMBERED_PAPER.references[0]);
  assert.equal(doc.references[0].title, "Citation indexes for science");
  assert.equal(doc.references[0].contexts.length, 1);
  assert.equal(typeof doc.timings.pdf, "number");
  const bad = run(["extract", join(papers, "broken.pdf")]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /broken\.pdf: not a PDF, or a corrupt one/);
  assert.equal(run(["extract", join(papers, "none.pdf")]).code, 2);

  const pdfDb = join(dir, "pdfs.db");
  const ing = run(["--db", pdfDb, "ingest", "--jobs", "1", papers]);
  assert.equal(ing.code, 0, ing.err);
  assert.match(
    ing.out,
    /Ingested 2 PDF\(s\) in [\d.]+ s: 1 added, 0 updated, 0 unchanged, 0 skipped \(already in the library\), 1 failed/,
  );
  assert.match(ing.err, /broken\.pdf: failed — corrupt: /, "plain log lines when not on a terminal");
  assert.match(run(["--db", pdfDb, "failures"]).out, /broken\.pdf: corrupt: /);
  assert.match(
    run(["--db", pdfDb, "search", "scholarly citation graphs"]).out,
    /Adaptive Indexing of Scholarly Citation Graphs/,
  );
  assert.match(run(["--db", pdfDb, "ingest", papers]).out, /1 skipped/);
  assert.ok(existsSync(`${pdfDb}.files`), "the PDFs are kept beside the library");
  assert.equal(run(["--db", pdfDb, "ingest", join(dir, "missing")]).code, 2);
});

test("ingest killed midway and started again loses nothing and doubles nothing", async () => {
  const { spawn } = await import("node:child_process");
  const { AUTHOR_YEAR_PAPER, CITING_PAPER, NUMBERED_PAPER, paperPdf } = await import(
    "../testing/pdf-fixtures.ts"
  );
  const papers = join(dir, "resume");
  mkdirSync(papers, { recursive: true });
  const specs = [NUMBERED_PAPER, AUTHOR_YEAR_PAPER, CITING_PAPER];
  for (const [i, spec] of specs.entries()) writeFileSync(join(papers, `p${i}.pdf`), await paperPdf(spec));
  const resumeDb = join(dir, "resume.db");
  const child = spawn(process.execPath, [BIN, "--db", resumeDb, "ingest", "--jobs", "1", papers], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Killed as soon as the first document is reported stored.
  await new Promise<void>((resolve) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("[1/3]")) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", () => resolve());
  });
  await new Promise((r) => child.once("close", r));
  const first = JSON.parse(run(["--db", resumeDb, "stats", "--json"]).out);
  assert.ok(first.documents >= 1 && first.documents <= 3, `${first.documents} documents after the kill`);
  const again = run(["--db", resumeDb, "ingest", "--jobs", "1", papers]);
  assert.equal(again.code, 0, again.err);
  assert.match(
    again.out,
    new RegExp(`${3 - first.documents} added, 0 updated, 0 unchanged, ${first.documents} skipped`),
  );
  const stats = JSON.parse(run(["--db", resumeDb, "stats", "--json"]).out);
  assert.equal(stats.documents, 3);
  assert.equal(stats.worksInLibrary, 3);
});

test("citegraph serve works from any folder: its pages render (JSX set up from the project's tsconfig)", async () => {
  const { spawn } = await import("node:child_process");
  const elsewhere = tempDir("citegraph-cwd-");
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, [BIN, "--db", db, "serve", "--port", String(port)], {
    cwd: elsewhere,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => String(d).includes("Serving citegraph on") && resolve());
      child.once("exit", (code) => reject(new Error(`serve exited (${code})`)));
    });
    for (const path of ["/", "/search?q=virtual", "/works/1"]) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(await r.text(), /^<!DOCTYPE html>/);
    }
  } finally {
    child.kill("SIGTERM");
  }
});

test("a newline in a file name does not split the log line, and failures name their code", () => {
  const odd = join(dir, "evil\nname.json");
  writeFileSync(odd, "42");
  const lib = join(dir, "odd.db");
  const r = run(["--db", lib, "import", odd]);
  assert.equal(r.code, 0, r.err);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 2, r.err);
  assert.match(lines[0], /evil\\nname\.json \(record 1\): syntax: not CSL-JSON/);
  const failures = run(["--db", lib, "failures"]);
  assert.equal(failures.out.trim().split("\n").length, 1);
  assert.match(failures.out, /evil\\nname\.json \(record 1\): syntax: /);
});
