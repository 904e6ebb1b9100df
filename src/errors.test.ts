import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FAILURE_CODES, failureCode, failureReason } from "./errors.ts";

test("every failure code is documented in the README and docs/limits.md, and nothing else is", () => {
  for (const doc of ["../README.md", "../docs/limits.md"]) {
    const text = readFileSync(new URL(doc, import.meta.url), "utf8");
    const table = text.slice(text.indexOf("| code |"));
    const listed = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), Object.keys(FAILURE_CODES).sort(), doc);
  }
});

test("a reason is read back to its code; reasons without one have none", () => {
  assert.equal(failureCode(failureReason("too-large", "a line of 600 MiB")), "too-large");
  assert.equal(failureCode("could not read the file: ENOENT"), undefined);
  assert.equal(failureCode("bogus: x"), undefined);
});
