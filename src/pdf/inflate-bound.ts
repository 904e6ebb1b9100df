/**
 * A guard against decompression bombs: a 1 MB PDF whose content stream inflates to 1 GiB drives PDFium's
 * WebAssembly heap to its 2 GiB cap and aborts the engine. Before PDFium sees a file, the Flate streams it would
 * decompress to read text (page contents, fonts, object streams — not images, which text extraction never
 * decodes) are measured against a budget. Deflate cannot expand more than 1032 times, so most papers are
 * cleared from their compressed lengths alone; only the largest streams are inflated, streaming, their output
 * counted and dropped, until what is left cannot reach the budget.
 */
import { constants, createInflate } from "node:zlib";
import { PdfError } from "./types.ts";

/** The most one byte of deflate data can inflate to. */
const DEFLATE_MAX_RATIO = 1032;
/** How far before the `stream` keyword its dictionary is looked for. */
const DICT_WINDOW = 4096;
/** Streams examined at most (a file of more is measured by its bound alone). */
const MAX_STREAMS = 200_000;

interface FlateStream {
  start: number;
  end: number;
  /** Two decompressing filters in a row: the bound of one layer says nothing of the next. */
  nested: boolean;
}

/** The Flate streams of a PDF that text extraction decompresses, found by their `stream` keywords. */
export function flateStreams(pdf: Buffer): FlateStream[] {
  const out: FlateStream[] = [];
  let at = 0;
  while (out.length < MAX_STREAMS) {
    const k = pdf.indexOf("stream", at, "latin1");
    if (k < 0) break;
    at = k + 6;
    if (k >= 3 && pdf.toString("latin1", k - 3, k) === "end") continue;
    let start = k + 6;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] !== 0x0a) {
      if (pdf[start - 1] !== 0x0d) continue; // "stream" inside other text
    } else start++;
    const dict = pdf.toString("latin1", Math.max(0, k - DICT_WINDOW), k);
    const open = dict.lastIndexOf("obj");
    const head = open >= 0 ? dict.slice(open) : dict;
    const filters = head.match(/\/(FlateDecode|Fl|LZWDecode|LZW)\b/g) ?? [];
    if (!filters.some((f) => f === "/FlateDecode" || f === "/Fl")) continue;
    if (/\/Subtype\s*\/Image\b/.test(head)) continue;
    const length = /\/Length\s+(\d{1,12})(?!\s+\d+\s+R)/.exec(head);
    let end = length ? start + Number(length[1]) : -1;
    if (end < 0 || end > pdf.length) {
      end = pdf.indexOf("endstream", start, "latin1");
      if (end < 0) end = pdf.length;
    }
    out.push({ start, end, nested: filters.length > 1 });
    at = Math.max(at, end);
  }
  return out;
}

/** Inflated bytes of one stream, counted as they stream out and dropped; stops once past `cap`. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let size = 0;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(size);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) settle();
    });
    // A damaged stream counts what came out of it: PDFium reads no more of it either.
    inflate.on("error", settle);
    inflate.on("end", settle);
    inflate.end(data);
  });
}

/**
 * Throws PdfError "too-large" when the Flate streams text extraction would decompress hold more than `budget`
 * bytes in all.
 */
export async function checkInflatedSize(pdf: Uint8Array, budget: number): Promise<void> {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  // Nested streams first (their compressed length bounds nothing), then the largest.
  const streams = flateStreams(buf).sort(
    (a, b) => Number(b.nested) - Number(a.nested) || b.end - b.start - (a.end - a.start),
  );
  let bound = 0;
  for (const s of streams) if (!s.nested) bound += (s.end - s.start) * DEFLATE_MAX_RATIO;
  let measured = 0;
  for (const s of streams) {
    if (!s.nested && measured + bound <= budget) return;
    const size = await inflatedSize(buf.subarray(s.start, s.end), budget - measured);
    if (s.nested) {
      // A second deflate layer could expand the first one's output as much again.
      measured += Math.min(size * DEFLATE_MAX_RATIO, budget + 1);
    } else {
      measured += size;
      bound -= (s.end - s.start) * DEFLATE_MAX_RATIO;
    }
    if (measured > budget)
      throw new PdfError(
        "too-large",
        `its content inflates to more than ${Math.round(budget / 2 ** 20)} MiB (a decompression bomb, or a document too large to read)`,
      );
  }
}
