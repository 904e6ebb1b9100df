/** Glyphs and words as the PDF reader gives them, for tests of the stages that read them. */
import type { Glyph } from "../pdf/glyphs.ts";
import type { PdfWord } from "../pdf/types.ts";

/** A glyph from x0 to x1 on a 10-point line at the page's top, in "Times" unless `extra` says otherwise. */
export function glyph(char: string, x0: number, x1: number, extra: Partial<Glyph> = {}): Glyph {
  return {
    char,
    x0,
    x1,
    top: 0,
    bottom: 10,
    baseline: 8,
    fontSize: 10,
    font: "Times",
    bold: false,
    italic: false,
    generated: false,
    ...extra,
  };
}

/** The words of a line of text at (x, top), `size`-point type, half the size a character. */
export function pdfWords(text: string, x: number, top: number, size = 10): PdfWord[] {
  const out: PdfWord[] = [];
  for (const w of text.split(" ")) {
    const x1 = x + w.length * size * 0.5;
    const box = { x0: x, x1, top, bottom: top + size, baseline: top + size * 0.8, fontSize: size };
    out.push({ ...box, text: w, font: "T", bold: false, italic: false, spaceAfter: true });
    x = x1 + size * 0.25;
  }
  return out;
}
