import assert from "node:assert/strict";
import { test } from "node:test";
import { hyphenatedWords, joinLine, joinLines } from "./dehyphenate.ts";

test("a hyphen at a line end before a lower-case word is dropped", () => {
  assert.equal(joinLines(["Given a distri-", "butional vector"]), "Given a distributional vector");
});

test("a hyphen before a capital, a number or a known compound is kept", () => {
  assert.equal(joinLines(["the Franco-", "Prussian war"]), "the Franco-Prussian war");
  assert.equal(joinLines(["pages 12-", "15"]), "pages 12-15");
  const lines = ["a state-of-the-art method and", "another state-of-the-", "art one"];
  assert.ok(hyphenatedWords(lines).has("state-of-the-art"));
  assert.equal(joinLines(lines), "a state-of-the-art method and another state-of-the-art one");
});

test("lines without hyphens are joined with a space", () => {
  assert.equal(joinLine("one line", "next line", new Set()), "one line next line");
  assert.equal(joinLine("", "first", new Set()), "first");
});

test("a line's end hyphen that justified type set apart as a line of its own still joins the word", () => {
  assert.equal(
    joinLines(["einen wirksamen menschenrechtlichen Instru", "-", "ment machen"]),
    "einen wirksamen menschenrechtlichen Instrument machen",
  );
  assert.equal(joinLines(["pages 12", "-", "15"]), "pages 12 - 15");
});

test("a web address or DOI broken at a line end goes on without a space, its hyphens kept", () => {
  assert.equal(
    joinLines(["R package version 1.1.8, URL https://CRAN.R-project.org/src/", "contrib/Archive/its/."]),
    "R package version 1.1.8, URL https://CRAN.R-project.org/src/contrib/Archive/its/.",
  );
  assert.equal(
    joinLines(["URL https://cran.r-", "project.org/package=zoo."]),
    "URL https://cran.r-project.org/package=zoo.",
  );
  assert.equal(joinLines(["doi:10.1198/", "106186008X319331."]), "doi:10.1198/106186008X319331.");
  // An address that ends where its line ends, before a word of the text: a space.
  assert.equal(
    joinLines(["see http://www.example.org/", "Accessed 2019-05-01."]),
    "see http://www.example.org/ Accessed 2019-05-01.",
  );
  assert.equal(
    joinLines(["URL http://www.example.org.", "Accessed 2019."]),
    "URL http://www.example.org. Accessed 2019.",
  );
});

test("an address broken after a dot before its path, or after its scheme, goes on too", () => {
  assert.equal(
    joinLines(["Druckbares PDF: http://www.", "informatik.uni-freiburg.de/~frank/latex/handout.pdf, sonst"]),
    "Druckbares PDF: http://www.informatik.uni-freiburg.de/~frank/latex/handout.pdf, sonst",
  );
  assert.equal(
    joinLines(["die FAQ auf http:", "//www.tex.ac.uk/faq."]),
    "die FAQ auf http://www.tex.ac.uk/faq.",
  );
  assert.equal(
    joinLines(["URL http://www.dante.", "de/dante/DTK/x.html und"]),
    "URL http://www.dante.de/dante/DTK/x.html und",
  );
  // A sentence's full stop after an address, before a word: a space.
  assert.equal(
    joinLines(["at http://example.org/x.", "tomorrow is/was"]),
    "at http://example.org/x. tomorrow is/was",
  );
});

test("an address is not glued to a number, a label or a word after it; a query's value and a DOI's suffix are", () => {
  assert.equal(
    joinLines(["see http://example.com/", "2.3 shows the results"]),
    "see http://example.com/ 2.3 shows the results",
  );
  assert.equal(joinLines(["http://x.org/", "[12] A. Ibrahim"]), "http://x.org/ [12] A. Ibrahim");
  assert.equal(joinLines(["http://x.org/", "2019 census"]), "http://x.org/ 2019 census");
  assert.equal(
    joinLines(["URL https://CRAN.R-project.org/package=", "rjmcmc."]),
    "URL https://CRAN.R-project.org/package=rjmcmc.",
  );
  assert.equal(
    joinLines(["https://doi.org/10.1016/", "S0140-6736(99)04149-5."]),
    "https://doi.org/10.1016/S0140-6736(99)04149-5.",
  );
});
