import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_PARTS, MultipartError, multipartBoundary, type PartInfo, readMultipart } from "./multipart.ts";

interface Part extends PartInfo {
  bytes: Buffer;
}

/** Reads a body given in chunks of the given sizes (cycled), collecting every part whole. */
async function parse(body: Buffer, boundary: string, sizes: number[] = [body.length]): Promise<Part[]> {
  async function* chunks() {
    let at = 0;
    for (let i = 0; at < body.length; i++) {
      const n = Math.max(1, sizes[i % sizes.length]);
      yield new Uint8Array(body.subarray(at, at + n));
      at += n;
    }
  }
  const parts: Part[] = [];
  await readMultipart(chunks(), boundary, async (info) => {
    const part: Part = { ...info, bytes: Buffer.alloc(0) };
    parts.push(part);
    return {
      write: async (b) => {
        part.bytes = Buffer.concat([part.bytes, b]);
      },
      end: async () => {},
    };
  });
  return parts;
}

/** The body the platform's own FormData serialisation sends (as a browser or fetch would). */
async function platformBody(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const r = new Response(form);
  const boundary = multipartBoundary(r.headers.get("content-type") ?? undefined);
  assert.ok(boundary, "the platform's content type names a boundary");
  return { body: Buffer.from(await r.arrayBuffer()), boundary };
}

/** A body as a browser writes it, with a boundary of our choosing. */
function formBody(boundary: string, parts: { name: string; filename?: string; bytes: Buffer }[]): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const file = p.filename === undefined ? "" : `; filename="${p.filename}"`;
    out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file}\r\n`));
    if (p.filename !== undefined) out.push(Buffer.from("Content-Type: application/pdf\r\n"));
    out.push(Buffer.from("\r\n"), p.bytes, Buffer.from("\r\n"));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}

test("parts are read whole however the body is cut into chunks, a boundary split anywhere", async () => {
  const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
  // File content that looks like the start of a boundary, again and again.
  const near = `\r\n--${boundary.slice(0, -1)}`;
  const content = Buffer.from(
    `%PDF-1.4\r\n--\r\n${near}x${near}\r\n-${"\r".repeat(5)}-\n--${boundary} after a bare LF\r\n--${boundary.slice(0, 9)}`,
  );
  const sent = [
    { name: "note", bytes: Buffer.from("hello") },
    { name: "files", filename: "paper one.pdf", bytes: content },
    { name: "files", filename: "", bytes: Buffer.alloc(0) },
    { name: "files", filename: "b.pdf", bytes: Buffer.from("second") },
  ];
  const body = formBody(boundary, sent);
  const whole = await parse(body, boundary);
  assert.deepEqual(
    whole.map((p) => [p.name, p.filename, p.bytes.toString("latin1")]),
    sent.map((p) => [p.name, p.filename, p.bytes.toString("latin1")]),
    "every part, boundary look-alikes and all",
  );
  for (let size = 1; size <= boundary.length + 8; size++)
    assert.deepEqual(await parse(body, boundary, [size]), whole, `chunks of ${size}`);
  assert.deepEqual(await parse(body, boundary, [3, 1, 7, 50, 2, 64]), whole, "uneven chunks");
});

test("what the platform's FormData sends is read back the same", async () => {
  const form = new FormData();
  form.append("note", "hello");
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256));
  form.append("files", new Blob([bytes]), "ünïcode paper.pdf");
  const { body, boundary } = await platformBody(form);
  const parts = await parse(body, boundary, [1000]);
  assert.deepEqual(
    parts.map((p) => [p.name, p.filename]),
    [
      ["note", undefined],
      ["files", "ünïcode paper.pdf"],
    ],
  );
  assert.ok(parts[1].bytes.equals(bytes));
});

test("a preamble, an epilogue, transport padding and quoted or encoded names are read as RFC 2046 allows", async () => {
  const b = "AaB03x";
  const body = Buffer.from(
    [
      "This is the preamble, ignored.",
      `--${b}   `,
      'Content-Disposition: form-data; name="files"; filename="a\\"b.pdf"',
      "Content-Type: application/pdf",
      "",
      "one",
      `--${b}`,
      "content-disposition: form-data; name=files; filename=\"x.pdf\"; filename*=UTF-8''%C3%BCber.pdf",
      "",
      "two",
      `--${b}--`,
      "epilogue, never read",
    ].join("\r\n"),
  );
  const parts = await parse(body, b, [5]);
  assert.deepEqual(
    parts.map((p) => [p.name, p.filename, p.bytes.toString()]),
    [
      ["files", 'a"b.pdf', "one"],
      ["files", "über.pdf", "two"],
    ],
  );
});

test("malformed bodies are MultipartErrors, never anything else", async () => {
  const b = "xyz";
  const cases: [string, string][] = [
    [`--${b}\r\nContent-Disposition: form-data; name="f"\r\n\r\nno end`, "closing boundary"],
    [`--${b}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${b}--`, "Content-Disposition"],
    [`--${b}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${b}--`, "no name"],
    [`--${b}garbage\r\n\r\n`, "line end"],
    [`--${b}\r\n${"X-Long: y\r\n".repeat(3000)}`, "too long"],
    [
      `${Array.from({ length: MAX_PARTS + 1 }, () => `--${b}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n`).join("")}--${b}--`,
      "more than",
    ],
    ["", "closing boundary"],
  ];
  for (const [body, message] of cases)
    await assert.rejects(
      parse(Buffer.from(body), b, [7]),
      (e: Error) => e instanceof MultipartError && e.message.includes(message),
      message,
    );
});

test("the boundary comes from a multipart/form-data content type only", () => {
  assert.equal(multipartBoundary("multipart/form-data; boundary=abc"), "abc");
  assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"'), "a b:c");
  assert.equal(multipartBoundary("Multipart/Form-Data;boundary=----x"), "----x");
  assert.equal(multipartBoundary("multipart/form-data"), undefined);
  assert.equal(multipartBoundary("multipart/mixed; boundary=abc"), undefined);
  assert.equal(multipartBoundary("application/x-www-form-urlencoded"), undefined);
  assert.equal(multipartBoundary(`multipart/form-data; boundary=${"a".repeat(71)}`), undefined);
  assert.equal(multipartBoundary(undefined), undefined);
});
