import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateSync } from "node:zlib";
import { inflateBombPdf, NUMBERED_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { checkInflatedSize, flateStreams } from "./inflate-bound.ts";
import { PdfError } from "./types.ts";

test("a PDF whose content inflates past the budget is refused as too large before the engine reads it", async () => {
  const bomb = await inflateBombPdf(64 << 20);
  assert.ok(bomb.length < 200_000, "a small file");
  await assert.rejects(checkInflatedSize(bomb, 32 << 20), (e: unknown) => {
    assert.ok(e instanceof PdfError);
    assert.equal(e.code, "too-large");
    return true;
  });
  await checkInflatedSize(bomb, 128 << 20);
});

test("a real paper passes; its streams are measured, not guessed, once their bound exceeds the budget", async () => {
  const paper = await paperPdf(NUMBERED_PAPER);
  const streams = flateStreams(paper);
  assert.ok(streams.length > 0, "its fonts and contents are Flate streams");
  await checkInflatedSize(paper, 256 << 20);
  // A budget below what the paper truly inflates to refuses it: the streams were inflated and counted.
  await assert.rejects(checkInflatedSize(paper, 1000), /inflates to more than/);
});

test("images are not counted (text extraction never decodes them); two Flate layers are", async () => {
  const zeros = deflateSync(Buffer.alloc(8 << 20));
  const pdf = (dict: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`%PDF-1.4\n1 0 obj\n${dict}\nstream\n`),
      data,
      Buffer.from("\nendstream\nendobj\n"),
    ]);
  await checkInflatedSize(
    pdf(`<< /Subtype /Image /Length ${zeros.length} /Filter /FlateDecode >>`, zeros),
    1 << 20,
  );
  await assert.rejects(
    checkInflatedSize(pdf(`<< /Length ${zeros.length} /Filter /FlateDecode >>`, zeros), 1 << 20),
  );
  const twice = deflateSync(deflateSync(Buffer.alloc(1 << 20)));
  await assert.rejects(
    checkInflatedSize(
      pdf(`<< /Length ${twice.length} /Filter [/FlateDecode /FlateDecode] >>`, twice),
      512 << 10,
    ),
  );
});
