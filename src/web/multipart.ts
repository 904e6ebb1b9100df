/**
 * A streaming reader of multipart/form-data (RFC 7578) for uploads: each part's bytes are handed on as they
 * arrive, so a request of any size is read in the memory of a chunk or two. Nothing is kept but the tail of
 * the input that could still be the start of a boundary (a boundary may be split across chunks anywhere) and
 * a part's headers, which are bounded.
 */

/** A malformed form: a 400, never a stack trace. */
export class MultipartError extends Error {}

/** What a part's headers say. `filename` is set for a file (possibly ""), undefined for a plain field. */
export interface PartInfo {
  name: string;
  filename?: string;
}

/** Where one part's bytes go. */
export interface PartSink {
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/** A part's header block at most (browsers send a few hundred bytes). */
const MAX_HEADER_BYTES = 16 * 1024;
/** Parts in one form at most. */
export const MAX_PARTS = 1000;

/** The boundary a Content-Type names, when it is multipart/form-data with a valid one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  return b && /^[0-9A-Za-z'()+_,./:=? -]*[0-9A-Za-z'()+_,./:=?-]$/.test(b) ? b : undefined;
}

/** A Content-Disposition parameter, unquoted; `filename*` (RFC 5987) is decoded. */
function dispositionParam(header: string, name: string): string | undefined {
  const re = /;\s*([\w*.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  let plain: string | undefined;
  for (const m of header.matchAll(re)) {
    const key = m[1].toLowerCase();
    const raw = m[2].trim();
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
    if (key === `${name}*`) {
      const ext = /^[\w-]*'[\w-]*'(.*)$/.exec(value);
      try {
        if (ext) return decodeURIComponent(ext[1]);
      } catch {
        // a malformed extended value: the plain one, if any, stands
      }
    } else if (key === name) plain = value;
  }
  return plain;
}

function partInfo(headerBlock: string): PartInfo {
  let disposition: string | undefined;
  for (const line of headerBlock.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === "content-disposition")
      disposition = line.slice(colon + 1).trim();
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
    throw new MultipartError("a part of the form has no Content-Disposition: form-data");
  const name = dispositionParam(disposition, "name");
  if (name === undefined) throw new MultipartError("a part of the form has no name");
  return { name, filename: dispositionParam(disposition, "filename") };
}

/**
 * Reads a multipart body, calling `onPart` as each part begins; its bytes go to the sink it returns (none:
 * they are skipped). Resolves at the closing boundary; throws MultipartError on a malformed body, and passes
 * on whatever the source or a sink throws.
 */
export async function readMultipart(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
  onPart: (part: PartInfo) => Promise<PartSink | undefined>,
): Promise<void> {
  // Every delimiter is CRLF "--" boundary; the body's first has no CRLF before it, so one is supplied.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  let buf = Buffer.from("\r\n");
  let state = "preamble" as "preamble" | "delimiter" | "headers" | "body" | "done";
  let sink: PartSink | undefined;
  let parts = 0;

  /** Consumes what `buf` allows; returns when more input is needed. */
  const step = async (): Promise<void> => {
    for (;;) {
      if (state === "preamble") {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - keep));
          return;
        }
        buf = buf.subarray(at + delimiter.length);
        state = "delimiter";
      } else if (state === "delimiter") {
        // "--" closes the form; else optional spaces (transport padding) and CRLF begin a part.
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = "done";
          return;
        }
        const eol = buf.indexOf("\r\n");
        if (eol < 0) {
          if (buf.length > 256)
            throw new MultipartError("a boundary of the form is not followed by a line end");
          return;
        }
        if (!/^[ \t]*$/.test(buf.subarray(0, eol).toString("latin1")))
          throw new MultipartError("a boundary of the form is not followed by a line end");
        buf = buf.subarray(eol + 2);
        state = "headers";
      } else if (state === "headers") {
        // A part without headers has its blank line at once; otherwise the block ends at CRLF CRLF.
        const end = buf.subarray(0, 2).toString("latin1") === "\r\n" ? -2 : buf.indexOf("\r\n\r\n");
        if (end === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError("a part's headers are too long");
          return;
        }
        const block = end < 0 ? "" : buf.subarray(0, end).toString("utf8");
        buf = buf.subarray(end < 0 ? 2 : end + 4);
        if (++parts > MAX_PARTS) throw new MultipartError(`the form has more than ${MAX_PARTS} parts`);
        sink = await onPart(partInfo(block));
        state = "body";
      } else if (state === "body") {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const safe = buf.length - keep;
          if (safe > 0) {
            if (sink) await sink.write(buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          return;
        }
        if (sink) {
          if (at > 0) await sink.write(buf.subarray(0, at));
          await sink.end();
          sink = undefined;
        }
        buf = buf.subarray(at + delimiter.length);
        state = "delimiter";
      } else return;
    }
  };

  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    await step();
    if (state === "done") break; // the epilogue is not read
  }
  if (state !== "done") throw new MultipartError("the form ends before its closing boundary");
}
