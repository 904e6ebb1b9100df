import assert from "node:assert/strict";
import { test } from "node:test";
import { findContexts, plainContext, splitContext } from "./contexts.ts";

test("numbered markers, lists and ranges find their references", () => {
  const text =
    "Citation indexing was introduced by Garfield [1]. Later systems parsed references [3, 4] and compared against earlier work [2-3].";
  const contexts = findContexts({ text, superscripts: [] }, [
    { label: "1" },
    { label: "2" },
    { label: "3" },
    { label: "4" },
    { label: "5" },
  ]);
  assert.equal(contexts[0].length, 1);
  assert.equal(contexts[1].length, 1, "[2-3] cites 2");
  assert.equal(contexts[2].length, 2, "[3, 4] and [2-3] cite 3");
  assert.equal(contexts[3].length, 1);
  assert.deepEqual(contexts[4], []);
  assert.ok(plainContext(contexts[0][0]).includes("Garfield [1]"));
  assert.deepEqual(splitContext(contexts[0][0]), {
    before: "Citation indexing was introduced by Garfield ",
    marker: "[1]",
    after: ". Later systems parsed references [3, 4] and compared against earlier work [2-3].",
  });
  assert.equal(splitContext(contexts[1][0])?.marker, "[2-3]", "the marker that cites it, not the first one");
});

test("superscript numbers are markers too", () => {
  const text = "as shown before12 and here.";
  const start = text.indexOf("12");
  const contexts = findContexts({ text, superscripts: [{ start, end: start + 2 }] }, [
    { label: "12" },
    { label: "2" },
  ]);
  assert.equal(contexts[0].length, 1);
  assert.equal(contexts[1].length, 0);
});

test("author-year markers: parenthetical, narrative, et al., several in one", () => {
  const text =
    "Networks lower costs (Bauer et al., 2000) and shape settlement (Bartel 1989; Bade 1994). Borjas (1987) argued otherwise, and Smith (2004a) did not. Müller (1999) agrees.";
  const contexts = findContexts({ text, superscripts: [] }, [
    { surname: "Bauer", year: "2000" },
    { surname: "Bartel", year: "1989" },
    { surname: "Bade", year: "1994" },
    { surname: "Borjas", year: "1987" },
    { surname: "Smith", year: "2004a" },
    { surname: "Smith", year: "2004b" },
    { surname: "Muller", year: "1999" },
    { surname: "Bauer", year: "1995" },
  ]);
  assert.deepEqual(
    contexts.map((c) => c.length),
    [1, 1, 1, 1, 1, 0, 1, 0],
  );
});

test("a surname must stand as a word, and before its own year", () => {
  const text = "Lee wrote in 1990 that (Smith 2001) was right; Leeds (2001) disagreed.";
  const contexts = findContexts({ text, superscripts: [] }, [{ surname: "Lee", year: "2001" }]);
  assert.equal(contexts[0].length, 0);
});

test("contexts are cut at word boundaries within the window, at most five a reference", () => {
  const filler = "word ".repeat(100);
  const text = `${filler}see [1] ${filler}`.repeat(8);
  const [contexts] = findContexts({ text, superscripts: [] }, [{ label: "1" }], {
    perReference: 5,
    window: 50,
  });
  assert.equal(contexts.length, 5);
  for (const c of contexts) {
    assert.ok(c.startsWith("...") && c.endsWith("..."));
    assert.ok(plainContext(c).length <= 3 + 50 + 3 + 50 + 3);
    assert.ok(plainContext(c).includes("see [1]"));
  }
});

test("a stray combining mark before a citation does not shift the match (offsets stay the text's)", () => {
  const text = "Germa\u0301n and Jo\u0303se wrote this; see (Andoni and Indyk, 2008) for hashing.";
  const [contexts] = findContexts({ text, superscripts: [] }, [{ surname: "Andoni", year: "2008" }]);
  assert.equal(contexts.length, 1);
  assert.ok(plainContext(contexts[0]).includes("(Andoni and Indyk, 2008)"));
  assert.match(splitContext(contexts[0])?.marker ?? "", /Andoni and Indyk, 2008/);
});

test("private-use characters of the PDF's own text do not pass for marks", () => {
  const text = "Odd \uE000glyphs\uE001 here; as Garfield [1] said.";
  const [[context]] = findContexts({ text, superscripts: [] }, [{ label: "1" }]);
  assert.equal(splitContext(context)?.marker, "[1]");
  assert.equal(plainContext(context), "Odd glyphs here; as Garfield [1] said.");
});

test("an author-year marker is cut where it stands past characters folded apart (surrogate pairs, İ, ß, upper case)", () => {
  // Folding keeps one character for each of the text's (a pair's halves each one): were an offset to slip, the
  // marker would be cut one or two characters off.
  const text = "𝒜lgebraic STRAßE work by İNAN and ÖZTÜRK: see Öztürk (2001) and Straße (1998) for more.";
  const contexts = findContexts({ text, superscripts: [] }, [
    { surname: "Öztürk", year: "2001" },
    { surname: "Straße", year: "1998" },
  ]);
  assert.equal(splitContext(contexts[0][0])?.marker, "Öztürk (2001)");
  assert.equal(splitContext(contexts[1][0])?.marker, "Straße (1998)");
});

test("an author-year marker takes the bracket it opened, not one opened before the name", () => {
  const text = "As shown by Smith (2004a), and by others (Lee et al., 2001), and [Kay 1999].";
  const contexts = findContexts({ text, superscripts: [] }, [
    { surname: "Smith", year: "2004a" },
    { surname: "Lee", year: "2001" },
    { surname: "Kay", year: "1999" },
  ]);
  assert.deepEqual(
    contexts.map((c) => splitContext(c[0])?.marker),
    ["Smith (2004a)", "Lee et al., 2001", "Kay 1999"],
  );
});
