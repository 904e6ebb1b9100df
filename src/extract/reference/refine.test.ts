import assert from "node:assert/strict";
import { test } from "node:test";
import type { LabelledSpan, ReferenceLabel } from "./labels.ts";
import { refineFields } from "./refine.ts";

/** Spans over `text` from its pieces in order: [label, the piece as printed]. */
function spansOf(text: string, pieces: [ReferenceLabel, string][]): LabelledSpan[] {
  let at = 0;
  return pieces.map(([label, piece]) => {
    const start = text.indexOf(piece, at);
    assert.ok(start >= 0, `"${piece}" is not in the text after ${at}`);
    at = start + piece.length;
    return { label, start, end: at };
  });
}

/** The refined fields as "label: text", the stretches between fields left out. */
function refined(text: string, pieces: [ReferenceLabel, string][]): string[] {
  return refineFields(text, spansOf(text, pieces))
    .filter((s) => s.label !== "other")
    .map((s) => `${s.label}: ${text.slice(s.start, s.end)}`);
}

test("a short title taken for the start of the journal's name is the title", () => {
  const text = "Knuth, D. Literate programming. The Computer Journal 27, 97-111 (1984).";
  assert.deepEqual(
    refined(text, [
      ["author", "Knuth, D."],
      ["container-title", "Literate programming. The Computer Journal"],
      ["volume", "27"],
      ["pages", "97-111"],
      ["date", "1984"],
    ]),
    [
      "author: Knuth, D.",
      "title: Literate programming",
      "container-title: The Computer Journal",
      "volume: 27",
      "pages: 97-111",
      "date: 1984",
    ],
  );
});

test("a container with no title, numbers or 'In' is a book's title; a journal's name is not", () => {
  const book = "Lazarus, S. (1996). Anthropologie du Nom. Paris: Seuil.";
  assert.deepEqual(
    refined(book, [
      ["author", "Lazarus, S."],
      ["date", "1996"],
      ["container-title", "Anthropologie du Nom"],
      ["publisher", "Paris: Seuil"],
    ]),
    [
      "author: Lazarus, S.",
      "date: 1996",
      "title: Anthropologie du Nom",
      "location: Paris",
      "publisher: Seuil",
    ],
  );
  const journal = "M. Cè, L. Giusti, Phys. Rev. D93, 094507 (2016)";
  assert.deepEqual(
    refined(journal, [
      ["author", "M. Cè, L. Giusti"],
      ["container-title", "Phys. Rev. D93, 094507"],
      ["date", "2016"],
    ]),
    ["author: M. Cè, L. Giusti", "container-title: Phys. Rev. D93, 094507", "date: 2016"],
  );
  const chapter = "Smith, J. 2001. In Collected Essays. Oxford.";
  assert.deepEqual(
    refined(chapter, [
      ["author", "Smith, J."],
      ["date", "2001"],
      ["container-title", "In Collected Essays"],
      ["location", "Oxford"],
    ]),
    ["author: Smith, J.", "date: 2001", "container-title: In Collected Essays", "location: Oxford"],
  );
});

test("a second title after the editors or after 'In' is the container", () => {
  const text =
    "Antunes, S. (2000). Self-concept and therapy. In J. Marques & S. Antunes (Eds.), Client-centered psychotherapy (pp. 89-98).";
  assert.deepEqual(
    refined(text, [
      ["author", "Antunes, S."],
      ["date", "2000"],
      ["title", "Self-concept and therapy"],
      ["editor", "J. Marques & S. Antunes"],
      ["title", "Client-centered psychotherapy"],
      ["pages", "89-98"],
    ]),
    [
      "author: Antunes, S.",
      "date: 2000",
      "title: Self-concept and therapy",
      "editor: J. Marques & S. Antunes",
      "container-title: Client-centered psychotherapy",
      "pages: 89-98",
    ],
  );
  const noCue = "Smith, J. First part. Second part. 2001.";
  assert.deepEqual(
    refined(noCue, [
      ["author", "Smith, J."],
      ["title", "First part"],
      ["title", "Second part"],
      ["date", "2001"],
    ]),
    ["author: Smith, J.", "title: First part", "title: Second part", "date: 2001"],
  );
});

test("the subtitle after a question is part of the title, unless numbers make the rest a journal", () => {
  const text = "Ames, A. 2005. Who reads? A study of readers. Boston: Beacon.";
  assert.deepEqual(
    refined(text, [
      ["author", "Ames, A."],
      ["date", "2005"],
      ["title", "Who reads?"],
      ["container-title", "A study of readers"],
      ["location", "Boston"],
      ["publisher", "Beacon"],
    ]),
    [
      "author: Ames, A.",
      "date: 2005",
      "title: Who reads? A study of readers",
      "location: Boston",
      "publisher: Beacon",
    ],
  );
  const article = "Ames, A. 2005. Who reads? Library Quarterly 12, 3-9.";
  assert.deepEqual(
    refined(article, [
      ["author", "Ames, A."],
      ["date", "2005"],
      ["title", "Who reads?"],
      ["container-title", "Library Quarterly"],
      ["volume", "12"],
      ["pages", "3-9"],
    ]),
    [
      "author: Ames, A.",
      "date: 2005",
      "title: Who reads?",
      "container-title: Library Quarterly",
      "volume: 12",
      "pages: 3-9",
    ],
  );
});

test("pages printed inside the volume are cut out of it; the issue stays with the volume", () => {
  const chem = "J. P. Collman. J. Am. Chem. Soc. 103, 2450 (1981);";
  assert.deepEqual(
    refined(chem, [
      ["author", "J. P. Collman"],
      ["container-title", "J. Am. Chem. Soc"],
      ["volume", "103, 2450"],
      ["date", "(1981)"],
    ]),
    [
      "author: J. P. Collman",
      "container-title: J. Am. Chem. Soc",
      "volume: 103",
      "pages: 2450",
      "date: (1981)",
    ],
  );
  const withIssue = "G. Froyland. Lyapunov exponents. Physical Review E, 51(4): 2844--2855, 1995.";
  assert.deepEqual(
    refined(withIssue, [
      ["author", "G. Froyland"],
      ["title", "Lyapunov exponents"],
      ["container-title", "Physical Review E"],
      ["volume", "51(4): 2844--2855"],
      ["date", "1995"],
    ]),
    [
      "author: G. Froyland",
      "title: Lyapunov exponents",
      "container-title: Physical Review E",
      "volume: 51(4)",
      "pages: 2844--2855",
      "date: 1995",
    ],
  );
  // Pages already labelled: the volume is left as it is.
  const both = "A. B. Journal 10, 265, pp. 3-4.";
  assert.deepEqual(
    refined(both, [
      ["volume", "10, 265"],
      ["pages", "3-4"],
    ]),
    ["volume: 10, 265", "pages: 3-4"],
  );
});

test("a place before the publisher is the place, but an institution's department is not", () => {
  const text = "Kuhn, T. The Structure. Chicago: University of Chicago Press, 1962.";
  assert.deepEqual(
    refined(text, [
      ["author", "Kuhn, T."],
      ["title", "The Structure"],
      ["publisher", "Chicago: University of Chicago Press"],
      ["date", "1962"],
    ]),
    [
      "author: Kuhn, T.",
      "title: The Structure",
      "location: Chicago",
      "publisher: University of Chicago Press",
      "date: 1962",
    ],
  );
  const report = "M. Holliday. Rings. Technical Report, Computer Science Department, Duke University, 1992.";
  assert.deepEqual(
    refined(report, [
      ["author", "M. Holliday"],
      ["title", "Rings"],
      ["genre", "Technical Report"],
      ["publisher", "Computer Science Department, Duke University"],
      ["date", "1992"],
    ]),
    [
      "author: M. Holliday",
      "title: Rings",
      "genre: Technical Report",
      "publisher: Computer Science Department, Duke University",
      "date: 1992",
    ],
  );
});

test("identifiers the labels missed become their own fields, a DOI's address stays the DOI", () => {
  const text = "H.-W. Hammer, C. Ji, arXiv:1702.08605, 2017.";
  assert.deepEqual(
    refined(text, [
      ["author", "H.-W. Hammer, C. Ji"],
      ["note", "arXiv:1702.08605, 2017."],
    ]),
    ["author: H.-W. Hammer, C. Ji", "arxiv: arXiv:1702.08605", "note: , 2017."],
  );
  const doi = "A. B. Title. J. Chem. 2019. https://doi.org/10.3390/catal9010010.";
  assert.deepEqual(
    refined(doi, [
      ["author", "A. B."],
      ["title", "Title"],
      ["container-title", "J. Chem"],
      ["date", "2019"],
      ["note", "https://doi.org/10.3390/catal9010010."],
    ]),
    [
      "author: A. B.",
      "title: Title",
      "container-title: J. Chem",
      "date: 2019",
      "doi: https://doi.org/10.3390/catal9010010",
    ],
  );
  // The cue in another stretch than the id: the id alone is cut out.
  const apart = "A. B. Title. doi: 10.1000/xyz123 (2001).";
  assert.deepEqual(
    refined(apart, [
      ["author", "A. B."],
      ["title", "Title"],
      ["other", "doi:"],
      ["note", "10.1000/xyz123 (2001)."],
    ]),
    ["author: A. B.", "title: Title", "doi: 10.1000/xyz123", "note:  (2001)."],
  );
  // A bare number is not an arXiv id unless the reference says arXiv.
  const bare = "A. B. Title. 1234.5678.";
  assert.deepEqual(
    refined(bare, [
      ["author", "A. B."],
      ["title", "Title"],
      ["note", "1234.5678."],
    ]),
    ["author: A. B.", "title: Title", "note: 1234.5678."],
  );
});

test("on any labelling, the refined spans stay inside the text, in order and without overlap", () => {
  // Random strings of reference-like pieces, cut into random spans with random labels (fixed seed).
  const pieces = [
    "In",
    "Paris:",
    "Seuil",
    "12,",
    "345",
    "(2)",
    "arXiv:1702.08605",
    "10.1000/x",
    "Who?",
    "J.",
    "Soc.",
  ];
  const labels: ReferenceLabel[] = [
    "title",
    "container-title",
    "volume",
    "publisher",
    "note",
    "other",
    "editor",
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 2000; round++) {
    const words = Array.from({ length: 1 + rand(12) }, () => pieces[rand(pieces.length)]);
    const text = words.join(" ");
    const spans: LabelledSpan[] = [];
    let at = 0;
    for (const w of words) {
      const start = text.indexOf(w, at);
      at = start + w.length;
      const last = spans[spans.length - 1];
      if (last && rand(2) === 0) last.end = at;
      else spans.push({ label: labels[rand(labels.length)], start, end: at });
    }
    const out = refineFields(text, spans);
    let end = 0;
    for (const s of out) {
      assert.ok(s.start >= end && s.start < s.end && s.end <= text.length, `${text}: ${JSON.stringify(out)}`);
      end = s.end;
    }
  }
});
