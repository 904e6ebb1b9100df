/**
 * Lossless import and export through a real library: each file is imported into a SQLite library, exported in
 * its own format, the export imported into a second library and exported again. Both times the records are the
 * same — as many, the same keys, entry types and fields (BibTeX), tags (RIS, EndNote) or fields (CSL-JSON).
 * Over small files of every corner case, biblatex's own examples (every entry type; skipped where
 * texlive-bibtex-extra is not installed) and the shared ACL Anthology and S2ORC records (skipped when absent).
 * The export of biblatex's examples is then compiled with bibtex and with biber.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseBibtexText } from "../formats/bibtex.ts";
import { ENDNOTE_TAG } from "../formats/endnote.ts";
import { RIS_TAG } from "../formats/ris.ts";
import { assertSameEntries, taggedRecords } from "../testing/same-records.ts";
import { tempDir, tempStore } from "../testing/temp-store.ts";
import { exportWorks, type RecordFormat } from "./export.ts";
import { type ImportReport, importFiles } from "./import.ts";

const BIBLATEX_EXAMPLES = "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib";
const DATASETS = fileURLToPath(new URL("../../../shared/datasets/corpora/", import.meta.url));
const ACL = ["P98.xml", "W09.xml"].map((f) => join(DATASETS, "acl-anthology-2019/xml", f));
const S2ORC = join(DATASETS, "s2orc-sample/metadata_sample.jsonl");
const fixture = (name: string) => fileURLToPath(new URL(`../formats/fixtures/${name}`, import.meta.url));

const dir = tempDir("citegraph-roundtrip-");
after(() => rmSync(dir, { recursive: true, force: true }));

interface Pass {
  report: ImportReport;
  text: string;
  works: number;
}

/** Imports the files into a new library and exports all of it. */
async function importExport(files: string[], format: RecordFormat): Promise<Pass> {
  const { store, cleanup } = tempStore();
  try {
    const report = await importFiles(store, files);
    let text = "";
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += chunk;
        done();
      },
    });
    const works = await exportWorks(store, out, { format });
    return { report, text, works };
  } finally {
    await cleanup();
  }
}

let n = 0;
/** The first pass over the files, and a second over what the first exported. */
async function twice(files: string[], format: RecordFormat, extension: string): Promise<[Pass, Pass]> {
  const first = await importExport(files, format);
  const exported = join(dir, `export-${++n}.${extension}`);
  writeFileSync(exported, first.text);
  const second = await importExport([exported], format);
  assert.equal(second.report.failed, 0, JSON.stringify(second.report.errors));
  assert.equal(second.works, first.works, "as many works");
  return [first, second];
}

test("BibTeX corner cases: keys, types and fields survive the library, twice", async () => {
  const file = fixture("corner-cases.bib");
  const [first, second] = await twice([file], "bibtex", "bib");
  assert.equal(first.report.failed, 0, JSON.stringify(first.report.errors));
  assert.equal(first.report.records, 8);
  assert.equal(second.report.records, 8);
  const given = await parseBibtexText(readFileSync(file, "utf8"));
  assertSameEntries(given, await parseBibtexText(first.text), "first export");
  assertSameEntries(given, await parseBibtexText(second.text), "second export");
});

const noExamples = existsSync(BIBLATEX_EXAMPLES)
  ? false
  : "no biblatex-examples.bib (apt-get install texlive-bibtex-extra)";
/** biblatex-examples.bib as the library exports it, once the test below has made it. */
let examplesExport = "";

test("biblatex-examples.bib: every entry type and field survives the library", {
  skip: noExamples,
}, async () => {
  const [first, second] = await twice([BIBLATEX_EXAMPLES], "bibtex", "bib");
  examplesExport = first.text;
  // The two @set entries only group other entries: refused, with the reason, and nothing else is.
  assert.deepEqual(
    first.report.errors.map((e) => e.reason),
    [
      "invalid-field: @set{set} is not a work: it groups other entries",
      "invalid-field: @set{stdmodel} is not a work: it groups other entries",
    ],
  );
  const given = (await parseBibtexText(readFileSync(BIBLATEX_EXAMPLES, "utf8"))).filter(
    (e) => e.type !== "set",
  );
  assert.equal(given.length, 90);
  assert.equal(first.report.records, 90);
  assert.equal(second.report.records, 90);
  assertSameEntries(given, await parseBibtexText(first.text), "first export");
  assertSameEntries(given, await parseBibtexText(second.text), "second export");
});

test("RIS and EndNote corner cases: every tag survives the library", async () => {
  for (const [name, format, tag, start] of [
    ["corner-cases.ris", "ris", RIS_TAG, "TY"],
    ["corner-cases.enw", "endnote", ENDNOTE_TAG, "0"],
  ] as const) {
    const file = fixture(name);
    const [first, second] = await twice([file], format, name.split(".")[1]);
    const given = taggedRecords(readFileSync(file, "utf8"), tag, start);
    assert.equal(first.report.records, given.length);
    assert.deepEqual(taggedRecords(first.text, tag, start), given, `${name}: first export`);
    assert.deepEqual(taggedRecords(second.text, tag, start), given, `${name}: second export`);
  }
});

test("CSL-JSON corner cases: every field survives the library (ids are the library's)", async () => {
  const file = fixture("corner-cases.json");
  const [first, second] = await twice([file], "csl-json", "json");
  const withoutId = (text: string) =>
    (JSON.parse(text) as Record<string, unknown>[]).map(({ id: _id, ...item }) => item);
  const given = withoutId(readFileSync(file, "utf8"));
  assert.deepEqual(withoutId(first.text), given);
  assert.deepEqual(withoutId(second.text), given);
});

test("ACL Anthology and S2ORC records: exported as BibTeX and imported again, the same", {
  skip: existsSync(ACL[0]) && existsSync(S2ORC) ? false : "no shared datasets (../shared/datasets)",
}, async () => {
  const s2orc = join(dir, "s2orc.jsonl");
  writeFileSync(s2orc, readFileSync(S2ORC, "utf8").split("\n").slice(0, 300).join("\n"));
  for (const files of [ACL, [s2orc]]) {
    const [first, second] = await twice(files, "bibtex", "bib");
    assert.equal(first.report.failed, 0, JSON.stringify(first.report.errors.slice(0, 3)));
    const written = await parseBibtexText(first.text);
    assert.equal(written.length, first.works, "one entry a work");
    assert.equal(second.report.records, first.works, "every entry imported again");
    assertSameEntries(written, await parseBibtexText(second.text), files.join(", "));
  }
});

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const noTex = (...tools: string[]) =>
  noExamples ||
  (tools.every(has) ? false : `no ${tools.join("/")} (apt-get install texlive-latex-base biber)`);

/** Runs pdflatex, the bibliography tool, pdflatex again over `tex` citing every entry of the export. */
function compile(tex: string, tool: "bibtex" | "biber"): { blg: string; bbl: string; out: string } {
  assert.ok(examplesExport, "the round trip above made the export");
  const work = tempDir("citegraph-examples-tex-");
  try {
    writeFileSync(join(work, "refs.bib"), examplesExport);
    writeFileSync(join(work, "main.tex"), tex);
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: work, encoding: "utf8", timeout: 180_000, input: "" });
      return { status: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const latex = ["-interaction=nonstopmode", "-halt-on-error", "main.tex"];
    assert.equal(run("pdflatex", latex).status, 0);
    const bib = run(tool, ["main"]);
    assert.ok((bib.status ?? 2) <= (tool === "bibtex" ? 1 : 0), `${tool} exit ${bib.status}: ${bib.out}`);
    const second = run("pdflatex", latex);
    assert.equal(second.status, 0, second.out.slice(-3000));
    return {
      blg: readFileSync(join(work, "main.blg"), "utf8"),
      bbl: readFileSync(join(work, "main.bbl"), "utf8"),
      out: bib.out,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test("the export of biblatex-examples.bib compiles with biblatex and biber", {
  skip: noTex("pdflatex", "biber"),
}, () => {
  const { blg, bbl } = compile(
    String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
`,
    "biber",
  );
  assert.doesNotMatch(blg, /\bERROR\b|\bWARN\b/, blg);
  for (const key of keysOf(examplesExport))
    assert.ok(bbl.includes(`\\entry{${key}}`), `${key} in the bibliography`);
});

/** The keys of the entries of a .bib text. */
const keysOf = (bib: string) => [...bib.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]);

test("the export of biblatex-examples.bib compiles with classic bibtex", {
  skip: noTex("pdflatex", "bibtex"),
}, () => {
  // biblatex's own text macros, which the examples use in titles, as a classic document would define them.
  const { blg, bbl } = compile(
    String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\providecommand{\mkbibquote}[1]{\textquotedblleft#1\textquotedblright}
\providecommand{\enquote}[1]{\textquotedblleft#1\textquotedblright}
\providecommand{\autocap}[1]{#1}
\providecommand{\hyphen}{-}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
`,
    "bibtex",
  );
  assert.doesNotMatch(blg, /error message|I was expecting|I'm skipping/i, blg);
  assert.equal(keysOf(examplesExport).length, 90);
  for (const key of keysOf(examplesExport))
    assert.ok(bbl.includes(`\\bibitem{${key}}`), `${key} in the bibliography`);
});
