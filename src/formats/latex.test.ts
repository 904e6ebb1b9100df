import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBibtexNames, parseBibtexNames } from "./bibtex-names.ts";
import { latexToUnicode, unicodeToLatex } from "./latex.ts";

test("LaTeX accents, letters and specials read as Unicode NFC", () => {
  const cases: [string, string][] = [
    [String.raw`G\'{\i}sli`, "Gísli"],
    [String.raw`G\'\i sli`, "Gísli"],
    [String.raw`{\"O}zge B{\"u}y{\"u}kg{\"u}ng{\"o}r`, "Özge Büyükgüngör"],
    [String.raw`{\c{C}}etinkaya \c c \v{s} \H{o} \k{a} \r{u} \u{g} \={a} \.{z}`, "Çetinkaya ç š ő ą ů ğ ā ż"],
    [String.raw`Stra\ss e \o\ \O{} \aa{} \AE{} \l ukasz`, "Straße ø Ø å Æ łukasz"],
    ["pages 1--10, a---b, Donald~E. Knuth", "pages 1–10, a—b, Donald E. Knuth"],
    [String.raw`Artemis \& Winkler, 50\% \$5 \#1 a\_b`, "Artemis & Winkler, 50% $5 #1 a_b"],
    ["The {NASA} {B}ayesian method", "The NASA Bayesian method"],
    [String.raw`\emph{De natura deorum} and \mkbibquote{Intention}`, "De natura deorum and “Intention”"],
    [String.raw`energy $E=mc^2$ and \autocap{e}xcerpt`, "energy $E=mc^2$ and \\autocap{e}xcerpt"],
  ];
  for (const [latex, unicode] of cases) {
    const got = latexToUnicode(latex);
    assert.equal(got, unicode, latex);
    assert.equal(got, got.normalize("NFC"));
  }
  // Not a dotless i with a combining accent (what citation-js made of it).
  assert.notEqual(latexToUnicode(String.raw`G\'{\i}sli`), "G\u0131\u0301sli");
});

test("Unicode written as LaTeX that reads back as the same text", () => {
  assert.equal(unicodeToLatex("Gísli"), String.raw`G{\'{\i}}sli`);
  assert.equal(unicodeToLatex("Müller & Søn 50%"), String.raw`M{\"u}ller \& S{\o}n 50\%`);
  assert.equal(unicodeToLatex("pages 1–10"), "pages 1--10");
  assert.equal(unicodeToLatex("Москва 中文"), "{Москва} {中文}", "other scripts as UTF-8, in braces");
  assert.equal(
    unicodeToLatex("The NASA mission and LaTeX", { protectCase: true }),
    "The {NASA} mission and {LaTeX}",
  );
  // bibtex counts every brace, escaped or not: an unbalanced one is written as a command.
  assert.equal(unicodeToLatex("Unbalanced } brace"), "Unbalanced \\textbraceright{} brace");
  for (const text of [
    "Gísli Sigurðsson",
    "Łukasiewicz, Gödel and Erdős on señor Ørsted's çedilla",
    "ǘ Ŋ þ Þ ð œ Œ ß",
    "Costs & benefits: 50% of $x_1$ #hash_tag",
    "Москва & 中文: Über αβ",
    "$5 and $6",
    "Unbalanced } brace and { another",
  ])
    assert.equal(latexToUnicode(unicodeToLatex(text)), text.normalize("NFC"), text);
});

test("BibTeX names: von, Jr, literal names, accents inside braces; 'and' splits only names", () => {
  const names = parseBibtexNames(
    String.raw`G\'{\i}sli Sigur{\dh}sson and van der Aalst, Wil M. P. and de la Fuente, Jr, Juan and {World Health Organization} and others`,
  );
  assert.deepEqual(names, [
    { family: "Sigurðsson", given: "Gísli" },
    { family: "Aalst", given: "Wil M. P.", "non-dropping-particle": "van der" },
    { family: "Fuente", given: "Juan", "non-dropping-particle": "de la", suffix: "Jr" },
    { literal: "World Health Organization" },
  ]);
  assert.deepEqual(parseBibtexNames(formatBibtexNames(names)), names);
  assert.deepEqual(parseBibtexNames("{Barnes and Noble}"), [{ literal: "Barnes and Noble" }]);
});
