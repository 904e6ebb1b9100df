/**
 * The BibTeX we export compiles: an export of awkward records (LaTeX specials, accents, braces, "and" in a
 * title, a corporate author, a hundred authors) is cited whole in a LaTeX document and run through Debian's
 * texlive, with bibtex and with biblatex/biber. Titles and names in other scripts (Cyrillic, Chinese) are kept
 * as UTF-8: bibtex and biber must pass them through intact; printing them is the document's business (fonts,
 * xelatex), so they are checked in the processed bibliography, not in pdflatex's output. Skipped where texlive
 * is missing (.ci/run installs it).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempDir, tempStore } from "../testing/temp-store.ts";
import { exportIds } from "./export.ts";

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const skipBibtex =
  has("pdflatex") && has("bibtex") ? false : "no pdflatex/bibtex (apt-get install texlive-latex-base)";
const skipBiber =
  has("pdflatex") && has("biber") && spawnSync("kpsewhich", ["biblatex.sty"]).stdout?.toString().trim()
    ? false
    : "no biber/biblatex (apt-get install biber texlive-bibtex-extra)";

const RECORDS = [
  {
    title: "Costs & benefits: 50% of $x_1$ #hash_tag {braces} ~tilde^ back\\slash",
    author: ["Smith, John"],
    year: 2001,
  },
  {
    title: "Über die Lösung: Łukasiewicz, Gödel and Erdős on señor Ørsted's çedilla",
    author: ["Müller, Jürgen", "Łukasiewicz, Jan", "Erdős, Pál"],
    year: 1930,
    "container-title": "Mathematische Annalen",
    volume: "102",
    page: "1–20",
  },
  { title: "Rock and roll and the theory of and-or graphs", author: ["Anderson, Andy"], year: 1999 },
  { title: "Report of the committee", author: [{ literal: "World Health Organization" }], year: 2010 },
  {
    title: "A hundred authors",
    author: Array.from({ length: 100 }, (_, i) => `Author${i}, A.`),
    year: 2020,
    DOI: "10.1000/a_b%c",
    URL: "https://example.org/a_b%c#frag",
  },
  { title: "Unbalanced } brace and { another", author: ["O'Neil, Pat"], year: 2003 },
  { title: "A record with neither authors nor year" },
];

/** Records in scripts LaTeX's default fonts do not set. */
const SCRIPTS = [
  { title: "Greek αβγ, Cyrillic Москва, and 中文 in a title", author: ["Иванов, Иван"], year: 2015 },
];

let store: SqliteStore;
let cleanup: () => Promise<void>;
let bib = "";
let scriptsBib = "";
const dirs: string[] = [];

before(async () => {
  if (skipBibtex && skipBiber) return;
  ({ store, cleanup } = tempStore());
  await store.upsertDocuments(RECORDS.map((r, i) => doc(`r${i}`, r)));
  const ids = (await store.listWorkIds({ afterId: 0, limit: 100, includeCitations: false })).map(Number);
  assert.equal(ids.length, RECORDS.length);
  bib = await exportIds(store, ids, "bibtex");
  await store.upsertDocuments(SCRIPTS.map((r, i) => doc(`s${i}`, r)));
  const more = await store.listWorkIds({ afterId: Math.max(...ids), limit: 100, includeCitations: false });
  scriptsBib = await exportIds(store, more, "bibtex");
});

after(async () => {
  await cleanup?.();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(dir: string, cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", timeout: 120_000, input: "" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function latexDir(tex: string, refs = bib): string {
  const dir = tempDir("citegraph-latex-");
  dirs.push(dir);
  writeFileSync(join(dir, "refs.bib"), refs);
  writeFileSync(join(dir, "main.tex"), tex);
  return dir;
}

const PDFLATEX = ["-interaction=nonstopmode", "-halt-on-error", "main.tex"];
const BIBTEX_DOC = String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\begin{document}
Everything: \nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
`;
const BIBLATEX_DOC = String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
Everything: \nocite{*}
\printbibliography
\end{document}
`;

test("the exported BibTeX compiles with pdflatex and bibtex", { skip: skipBibtex }, () => {
  const dir = latexDir(BIBTEX_DOC);
  assert.equal(run(dir, "pdflatex", PDFLATEX).status, 0);
  const bibtex = run(dir, "bibtex", ["main"]);
  const blg = readFileSync(join(dir, "main.blg"), "utf8");
  assert.doesNotMatch(blg, /error message|I was expecting|I'm skipping/i, blg);
  assert.ok((bibtex.status ?? 2) <= 1, `bibtex exit ${bibtex.status}: ${bibtex.out}`);
  const bbl = readFileSync(join(dir, "main.bbl"), "utf8");
  assert.equal((bbl.match(/\\bibitem/g) ?? []).length, RECORDS.length, "every record is in the bibliography");
  const second = run(dir, "pdflatex", PDFLATEX);
  assert.equal(second.status, 0, second.out.slice(-3000));
  assert.ok(existsSync(join(dir, "main.pdf")));
});

test("the exported BibTeX compiles with biblatex and biber", { skip: skipBiber }, () => {
  const dir = latexDir(BIBLATEX_DOC);
  assert.equal(run(dir, "pdflatex", PDFLATEX).status, 0);
  const biber = run(dir, "biber", ["main"]);
  assert.equal(biber.status, 0, biber.out);
  assert.doesNotMatch(biber.out, /ERROR/, biber.out);
  const second = run(dir, "pdflatex", PDFLATEX);
  assert.equal(second.status, 0, second.out.slice(-3000));
});

test("names and titles in other scripts pass through bibtex and biber intact", {
  skip: skipBibtex || skipBiber,
}, () => {
  assert.match(scriptsBib, /^@misc\{Ivanov2015Greek,$/m, "an ASCII key, romanised");
  const plain = latexDir(BIBTEX_DOC, scriptsBib);
  run(plain, "pdflatex", PDFLATEX);
  const bibtex = run(plain, "bibtex", ["main"]);
  assert.ok((bibtex.status ?? 2) <= 1, bibtex.out);
  const bbl = readFileSync(join(plain, "main.bbl"), "utf8");
  for (const text of ["Иванов", "Москва", "中文"]) assert.ok(bbl.includes(text), `${text} in ${bbl}`);
  const biblatex = latexDir(BIBLATEX_DOC, scriptsBib);
  run(biblatex, "pdflatex", PDFLATEX);
  const biber = run(biblatex, "biber", ["main"]);
  assert.equal(biber.status, 0, biber.out);
  const bbl2 = readFileSync(join(biblatex, "main.bbl"), "utf8");
  for (const text of ["Иванов", "Москва", "中文"])
    assert.ok(bbl2.includes(text), `${text} in biber's output`);
});
