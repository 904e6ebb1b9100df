/**
 * Windows-1252, the encoding of old Windows files and of many PDFs' simple fonts: Latin-1 with typographic
 * characters in 0x80–0x9F. Written out because Node 20's TextDecoder("windows-1252") decodes those bytes as
 * Latin-1 control characters. Used where bytes are known to be Windows-1252: a metadata file's bytes that are
 * not UTF-8, and a font's codes the PDF engine read as Mac Roman.
 */

/** Windows-1252's characters for 0x80–0x9F; the five bytes it leaves undefined stay their Latin-1 code points. */
const HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** The character a byte stands for in Windows-1252. */
export function windows1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80] : String.fromCharCode(byte);
}
