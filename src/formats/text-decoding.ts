/**
 * The bytes of a metadata file as text, whatever encoding it was saved in. Reference managers and old exports
 * write UTF-8, UTF-16 (Windows tools, with a byte-order mark) and Windows-1252/Latin-1; reading them all as
 * UTF-8 stores "M�ller". The encoding is told by a byte-order mark, else by the bytes: text that is not valid
 * UTF-8 is read byte by byte as Windows-1252 (a superset of Latin-1's printable characters), so a Latin-1
 * file — or a UTF-8 file with a few Latin-1 bytes pasted in — comes out as the characters meant. Bytes that
 * are no text at all (NULs, control characters) are refused with the reason, never stored.
 */
import { windows1252Char } from "../text/windows-1252.ts";
import { RecordFormatError } from "./record.ts";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** How much of the file's head is looked at to tell UTF-16 and binary data. */
export const SNIFF_BYTES = 1 << 16;

/**
 * The encoding of a file from its first bytes, and how many bytes of byte-order mark to skip. Throws
 * RecordFormatError ("encoding") for UTF-32 and for bytes that are not text.
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0) throw encodingError("UTF-32 text (convert it to UTF-8)");
    return { encoding: "utf-16le", bom: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff)
    throw encodingError("UTF-32 text (convert it to UTF-8)");
  // UTF-16 without a mark: ASCII characters leave every other byte zero.
  let evenZeros = 0;
  let oddZeros = 0;
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    } else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) controls++;
  }
  const pairs = head.length / 2;
  if (pairs >= 2 && oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
    return { encoding: "utf-16le", bom: 0 };
  if (pairs >= 2 && evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
    return { encoding: "utf-16be", bom: 0 };
  if (evenZeros + oddZeros > 0)
    throw encodingError("binary data, not text (NUL bytes; UTF-16 needs a byte-order mark)");
  if (controls > Math.max(2, head.length * 0.01))
    throw encodingError("binary data, not text (control bytes)");
  return { encoding: "utf-8", bom: 0 };
}

function encodingError(what: string): RecordFormatError {
  return new RecordFormatError(`the file holds ${what}`, "encoding");
}

/**
 * A streaming decoder: UTF-8 where the bytes are UTF-8, Windows-1252 for each byte that is not part of a valid
 * UTF-8 sequence. The fast path is the platform's strict decoder over whole chunks; a chunk it refuses is
 * decoded sequence by sequence.
 */
export class Utf8OrWindows1252Decoder {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  /** Bytes that were not UTF-8 and were read as Windows-1252. */
  fallbackBytes = 0;

  decode(chunk: Uint8Array, final = false): string {
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    const end = final ? bytes.length : completeEnd(bytes);
    this.carry = bytes.slice(end);
    const body = bytes.subarray(0, end);
    try {
      return this.strict.decode(body);
    } catch {
      return this.decodeMixed(body);
    }
  }

  private decodeMixed(bytes: Uint8Array): string {
    const out: string[] = [];
    let run = 0;
    let i = 0;
    while (i < bytes.length) {
      const n = validSequenceLength(bytes, i);
      if (n > 0) {
        i += n;
        continue;
      }
      if (i > run) out.push(this.strict.decode(bytes.subarray(run, i)));
      out.push(windows1252Char(bytes[i]));
      this.fallbackBytes++;
      i++;
      run = i;
    }
    if (run < bytes.length) out.push(this.strict.decode(bytes.subarray(run)));
    return out.join("");
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Where the last complete UTF-8 sequence ends: a sequence cut at the chunk's end waits for the next chunk. */
function completeEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** The length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
