/**
 * The one catalogue of reasons a record, file or PDF is refused (Orama's errors.ts habit). Every failure the
 * library records reads `code: detail`, the code from this list, so an operator can count failures by kind
 * (`citegraph failures`) and a script can act on them; the README lists the same codes. This module imports
 * nothing: every layer may use it.
 */
export const FAILURE_CODES = {
  syntax:
    "the file or record is not valid in its format (JSON, BibTeX, RIS, XML): nothing could be read from it",
  "invalid-field":
    "a field has the wrong type or an unusable value (a title that is a number or only control characters)",
  empty: "the file holds no record at all",
  encoding:
    "the bytes are not text in an encoding citegraph reads (UTF-8, UTF-16 with a byte-order mark, Windows-1252)",
  "too-large": "beyond a limit: a file, line, record, field, or a PDF's content once decompressed",
  "not-a-file": "the path is not a regular file (a folder, a FIFO, a device, a broken link)",
  unreadable: "the file could not be read (permission, vanished, I/O error)",
  "not-pdf": "the file has no PDF header",
  corrupt: "a PDF that cannot be read, or a .gz that cannot be unpacked",
  encrypted: "a PDF that needs a password or an unsupported security handler",
  "no-text": "a PDF without a text layer (scanned or image-only)",
  "too-many-pages": "a PDF above the page limit",
  timeout: "a PDF not read within the time limit",
  crash: "the PDF reader failed on the file (the thread is replaced; the batch goes on)",
  "not-stored": "the document was read but the library could not store it",
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

/** `code: detail`, the form of every recorded reason. */
export function failureReason(code: FailureCode, detail: string): string {
  return `${code}: ${detail}`;
}

/** The code a recorded reason starts with, or undefined for a reason written before codes existed. */
export function failureCode(reason: string): FailureCode | undefined {
  const code = /^([a-z-]+): /.exec(reason)?.[1];
  return code && code in FAILURE_CODES ? (code as FailureCode) : undefined;
}
