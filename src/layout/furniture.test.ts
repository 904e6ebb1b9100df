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

test("a running head in its page number's row, a point or two lower, is furniture", () => {
  // A cropped page (text well inside the page box): the running head is not near the paper's edge, only the first
  // row of the text — and it sits 1.5 pt below the page number beside it.
  const pages: PageGeometry[] = [];
  const lines: Line[] = [];
  for (let p = 1; p <= 8; p++) {
    pages.push({ number: p, width: 595, height: 842, columns: 1 });
    lines.push(line(p, String(98 + p), 200, p % 2 ? 500 : 72));
    if (p % 2 === 0) lines.push(line(p, "Das Portfolio-Konzept in der Lehrerbildung", 201.5, 120));
    for (let i = 0; i < 30; i++)
      lines.push(
        line(
          p,
          `Body text ${WORDS[(p * 31 + i) % WORDS.length]} ${WORDS[(p + i * 7) % WORDS.length]}, long enough to be text.`,
          220 + 14 * i,
        ),
      );
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
