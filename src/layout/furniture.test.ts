import assert from "node:assert/strict";
import { test } from "node:test";
import { textLine } from "../testing/lines.ts";
import { markFurniture } from "./furniture.ts";
import type { Line, PageGeometry } from "./types.ts";

function line(page: number, text: string, top: number, x = 72): Line {
  return textLine(text, { page, top, x });
}

const WORDS =
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega".split(
    " ",
  );

/** A page's body text: 30 lines from `top`, their words varied from page to page. */
function bodyLines(p: number, top: number): Line[] {
  return Array.from({ length: 30 }, (_, i) =>
    line(
      p,
      `Body text ${WORDS[(p * 31 + i) % WORDS.length]} ${WORDS[(p + i * 7) % WORDS.length]}, long enough to be text.`,
      top + 14 * i,
    ),
  );
}

test("a running head in its page number's row, a point or two lower, is furniture", () => {
  // A cropped page (text well inside the page box): the running head is not near the paper's edge, only the first
  // row of the text — and it sits 1.5 pt below the page number beside it.
  const pages: PageGeometry[] = [];
  const lines: Line[] = [];
  for (let p = 1; p <= 8; p++) {
    pages.push({ number: p, width: 595, height: 842, columns: 1 });
    lines.push(line(p, String(98 + p), 200, p % 2 ? 500 : 72));
    if (p % 2 === 0) lines.push(line(p, "Das Portfolio-Konzept in der Lehrerbildung", 201.5, 120));
    lines.push(...bodyLines(p, 220));
  }
  markFurniture(lines, pages);
  const heads = lines.filter((l) => l.text.startsWith("Das Portfolio"));
  assert.equal(heads.length, 4);
  assert.ok(
    heads.every((l) => l.furniture),
    "every running head is furniture",
  );
  assert.ok(
    lines.filter((l) => l.text.startsWith("Body")).every((l) => !l.furniture),
    "no body line is",
  );
});

test("a running head's second row, under a row of furniture, is furniture — not on the first page", () => {
  const pages: PageGeometry[] = [];
  const lines: Line[] = [];
  for (let p = 1; p <= 8; p++) {
    pages.push({ number: p, width: 595, height: 842, columns: 1 });
    lines.push(line(p, String(66 + p), 157, p % 2 ? 500 : 72));
    lines.push(line(p, "[Soziale Probleme]", 157, 300));
    // The second row: the volume and the author, sides swapped from page to page, in a smaller type.
    lines.push(textLine("23. Jahrgang 2012, Heft 1", { page: p, top: 175, x: p % 2 ? 72 : 340, size: 8 }));
    lines.push(textLine("Steffen Zdun", { page: p, top: 175, x: p % 2 ? 340 : 72, size: 8 }));
    lines.push(...bodyLines(p, 196));
  }
  markFurniture(lines, pages);
  const second = lines.filter((l) => l.page > 1 && (l.text.startsWith("23.") || l.text === "Steffen Zdun"));
  assert.equal(second.length, 14);
  assert.ok(
    second.every((l) => l.furniture),
    "every second row after the first page is furniture",
  );
  assert.ok(
    lines.filter((l) => l.page === 1 && l.text === "Steffen Zdun").every((l) => !l.furniture),
    "the first page's is not (a title page's name under its banner)",
  );
  assert.ok(
    lines.filter((l) => l.text.startsWith("Body")).every((l) => !l.furniture),
    "no body line is",
  );
});

test("a recurring line in the second row of a page whose first row is text stays text", () => {
  const pages: PageGeometry[] = [];
  const lines: Line[] = [];
  for (let p = 1; p <= 8; p++) {
    pages.push({ number: p, width: 595, height: 842, columns: 1 });
    lines.push(line(p, `Opening text ${WORDS[p]} of page ${WORDS[p + 3]} reads on.`, 300));
    lines.push(line(p, "Table 1 continued", 314));
    lines.push(...bodyLines(p, 328));
  }
  markFurniture(lines, pages);
  assert.ok(lines.filter((l) => l.text === "Table 1 continued").every((l) => !l.furniture));
});
