/**
 * The PDFium reader: PDFium compiled to WebAssembly (@embedpdf/pdfium, MIT/BSD). One engine instance per
 * thread, loaded on first use; each document's memory is freed when it has been read, so a long batch does
 * not grow. Glyphs are read with their box, baseline, size, font name and weight, then grouped into words.
 */
import { readFileSync } from "node:fs";
import { init, type WrappedPdfiumModule } from "@embedpdf/pdfium";
import { type Glyph, glyphsToWords } from "./glyphs.ts";
import { checkInflatedSize } from "./inflate-bound.ts";
import {
  DEFAULT_PDF_LIMITS,
  MAX_STAMP,
  type PdfDocument,
  PdfError,
  type PdfLimits,
  type PdfPage,
  type PdfReader,
} from "./types.ts";

let engine: Promise<WrappedPdfiumModule> | undefined;

function pdfium(): Promise<WrappedPdfiumModule> {
  engine ??= (async () => {
    const wasmBinary = readFileSync(new URL(import.meta.resolve("@embedpdf/pdfium/pdfium.wasm")));
    const m = await init({ wasmBinary } as never);
    m.PDFiumExt_Init();
    return m;
  })();
  return engine;
}

/** The size of the engine's WebAssembly memory: it grows when a document is not freed (a leak), never shrinks. */
export async function pdfiumMemoryBytes(): Promise<number> {
  const m = await pdfium();
  return (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.length;
}

/** FPDF_GetLastError's codes. */
const LOAD_ERRORS: Record<number, [PdfError["code"], string]> = {
  1: ["corrupt", "not a readable PDF (unknown error)"],
  2: ["corrupt", "the file could not be read"],
  3: ["corrupt", "not a PDF, or a corrupt one"],
  4: ["encrypted", "a password is needed to read it"],
  5: ["encrypted", "the security handler is not supported"],
  6: ["corrupt", "a page could not be read"],
};

/** Text render mode 3 draws nothing: text under a scanned image (OCR layers excepted) or hidden keywords. */
const RENDER_INVISIBLE = 3;
const FONT_ITALIC_FLAG = 0x40;
/**
 * A bold face by its name: the word (Bold, Black, Heavy, Demi), URW's "Medi" (Nimbus Roman's bold), TeX's bold
 * Computer Modern and EC fonts (CMBX10, CMB10, CMSSBX10, SFBX1000, SFRB0900).
 */
const BOLD_NAME = /bold|black|heavy|semibold|demi|-medi(?:ital)?$|^(?:cm|sf|ec)(?:b|bx|ssbx|rb)\d|-b$|\.b$/i;
/**
 * A name that says which face a font is (a family, perhaps a style): its weight is the name's. PDFium's weight,
 * read from the font's descriptor or stem width, is no guide: 744 for LM Roman Regular, 1340 for Times New Roman,
 * 620 for LM Roman Bold (checked on the first pages of all 237 PDFs: every face over 600 without a bold name is
 * a regular one). Only a name that says nothing ("F1", "T3") leaves the weight to PDFium.
 */
const NAMED_FACE = /\p{L}{3}/u;
const ITALIC_NAME = /italic|oblique|cmti|cmsl|-it$|-i$/i;

export class PdfiumReader implements PdfReader {
  async read(bytes: Uint8Array, limitsIn: Partial<PdfLimits> = {}): Promise<PdfDocument> {
    const limits = { ...DEFAULT_PDF_LIMITS, ...limitsIn };
    if (bytes.length > limits.maxBytes)
      throw new PdfError("too-large", `${bytes.length} bytes, above the limit of ${limits.maxBytes}`);
    await checkInflatedSize(bytes, limits.maxInflatedBytes);
    const m = await pdfium();
    const heap = m.pdfium.wasmExports;
    const data = heap.malloc(bytes.length);
    const scratch = heap.malloc(256);
    let doc = 0;
    try {
      // HEAPU8 is read after malloc: growing the memory replaces the view.
      (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.set(bytes, data);
      doc = m.FPDF_LoadMemDocument(data, bytes.length, "");
      if (!doc) {
        const [code, message] = LOAD_ERRORS[m.FPDF_GetLastError()] ?? LOAD_ERRORS[1];
        throw new PdfError(code, message);
      }
      const pageCount = m.FPDF_GetPageCount(doc);
      if (pageCount > limits.maxPages)
        throw new PdfError("too-many-pages", `${pageCount} pages, above the limit of ${limits.maxPages}`);
      const pages: PdfPage[] = [];
      const glyphIdFonts = new Set<string>();
      for (let p = 0; p < pageCount; p++) pages.push(readPage(m, doc, p, scratch, limits, glyphIdFonts));
      if (!pages.some((page) => page.words.length > 0))
        throw new PdfError("no-text", "no text layer (a scanned or image-only PDF)");
      const declaredTitle = metaText(m, doc, "Title");
      return declaredTitle ? { pages, pageCount, declaredTitle } : { pages, pageCount };
    } finally {
      if (doc) m.FPDF_CloseDocument(doc);
      heap.free(scratch);
      heap.free(data);
    }
  }
}

/** The text layer's functions called once a glyph or more, and views of the engine's memory to read answers. */
interface DirectCalls {
  FPDFText_CountChars(text: number): number;
  FPDFText_GetUnicode(text: number, index: number): number;
  FPDFText_IsGenerated(text: number, index: number): number;
  FPDFText_GetTextObject(text: number, index: number): number;
  FPDFText_GetLooseCharBox(text: number, index: number, rect: number): number;
  FPDFText_GetCharBox(
    text: number,
    index: number,
    left: number,
    right: number,
    bottom: number,
    top: number,
  ): number;
  FPDFText_GetCharOrigin(text: number, index: number, x: number, y: number): number;
  FPDFText_GetCharAngle(text: number, index: number): number;
  FPDFTextObj_GetTextRenderMode(object: number): number;
  FPDFTextObj_GetFont(object: number): number;
  FPDFText_GetFontInfo(text: number, index: number, name: number, length: number, flags: number): number;
  FPDFText_GetFontWeight(text: number, index: number): number;
  FPDFText_GetFontSize(text: number, index: number): number;
  FPDFText_GetMatrix(text: number, index: number, matrix: number): number;
  /** The float (the double, the 32-bit integer) at a byte address, read from the memory as it is now. */
  float(address: number): number;
  double(address: number): number;
  int32(address: number): number;
}

/**
 * The engine's exported functions, called directly. The package's own wrappers go through emscripten's `ccall`
 * with its argument checks, allocating on every call: for the four or five calls a glyph makes, that cost more
 * than PDFium's work, a quarter of the PDF stage and much of its garbage (a CPU profile of reading 60 PDFs).
 * Only functions of numbers are called so (a font's name is read from memory by the package's UTF8ToString);
 * loading documents and pages, with their strings and errors, goes through the wrappers. Made once an engine.
 */
const directCallsOf = new WeakMap<WrappedPdfiumModule, DirectCalls>();

function directCalls(m: WrappedPdfiumModule): DirectCalls {
  let calls = directCallsOf.get(m);
  if (!calls) {
    calls = makeDirectCalls(m);
    directCallsOf.set(m, calls);
  }
  return calls;
}

function makeDirectCalls(m: WrappedPdfiumModule): DirectCalls {
  const exports = m.pdfium.wasmExports as unknown as Record<string, (...args: number[]) => number> & {
    memory: WebAssembly.Memory;
  };
  const fn = (name: string) => {
    const f = exports[name];
    if (typeof f !== "function") throw new Error(`PDFium does not export ${name}`);
    return f;
  };
  // The memory's buffer is replaced when it grows: views are made again from the buffer of the moment.
  const view = <T>(make: (b: ArrayBuffer) => T, cached: { buffer?: ArrayBuffer; view?: T }) => {
    if (cached.buffer !== exports.memory.buffer) {
      cached.buffer = exports.memory.buffer;
      cached.view = make(exports.memory.buffer);
    }
    return cached.view as T;
  };
  const f32: { buffer?: ArrayBuffer; view?: Float32Array } = {};
  const f64: { buffer?: ArrayBuffer; view?: Float64Array } = {};
  const i32: { buffer?: ArrayBuffer; view?: Int32Array } = {};
  return {
    FPDFText_CountChars: fn("FPDFText_CountChars"),
    FPDFText_GetUnicode: fn("FPDFText_GetUnicode"),
    FPDFText_IsGenerated: fn("FPDFText_IsGenerated"),
    FPDFText_GetTextObject: fn("FPDFText_GetTextObject"),
    FPDFText_GetLooseCharBox: fn("FPDFText_GetLooseCharBox"),
    FPDFText_GetCharBox: fn("FPDFText_GetCharBox"),
    FPDFText_GetCharOrigin: fn("FPDFText_GetCharOrigin"),
    FPDFText_GetCharAngle: fn("FPDFText_GetCharAngle"),
    FPDFTextObj_GetTextRenderMode: fn("FPDFTextObj_GetTextRenderMode"),
    FPDFTextObj_GetFont: fn("FPDFTextObj_GetFont"),
    FPDFText_GetFontInfo: fn("FPDFText_GetFontInfo"),
    FPDFText_GetFontWeight: fn("FPDFText_GetFontWeight"),
    FPDFText_GetFontSize: fn("FPDFText_GetFontSize"),
    FPDFText_GetMatrix: fn("FPDFText_GetMatrix"),
    float: (address) => view((b) => new Float32Array(b), f32)[address >> 2],
    double: (address) => view((b) => new Float64Array(b), f64)[address >> 3],
    int32: (address) => view((b) => new Int32Array(b), i32)[address >> 2],
  };
}

/** Bytes of a document information entry read at most: a title is far shorter; a longer entry is not one. */
const MAX_META_BYTES = 4096;

/** An entry of the document information dictionary ("Title"), UTF-16 in PDFium's answer; "" when none. */
function metaText(m: WrappedPdfiumModule, doc: number, tag: string): string {
  const bytes = m.FPDF_GetMetaText(doc, tag, 0, 0);
  if (bytes <= 2 || bytes > MAX_META_BYTES) return "";
  const heap = m.pdfium.wasmExports;
  const buffer = heap.malloc(bytes);
  try {
    m.FPDF_GetMetaText(doc, tag, buffer, bytes);
    const view = (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.slice(buffer, buffer + bytes - 2);
    return new TextDecoder("utf-16le").decode(view).replace(/\s+/g, " ").trim();
  } finally {
    heap.free(buffer);
  }
}

function readPage(
  m: WrappedPdfiumModule,
  doc: number,
  index: number,
  scratch: number,
  limits: PdfLimits,
  glyphIdFonts: Set<string>,
): PdfPage {
  const page = m.FPDF_LoadPage(doc, index);
  if (!page) return { number: index + 1, width: 0, height: 0, words: [] };
  const width = m.FPDF_GetPageWidthF(page);
  const height = m.FPDF_GetPageHeightF(page);
  const text = m.FPDFText_LoadPage(page);
  const glyphs: Glyph[] = [];
  // Which side of the page's box each glyph lies beyond (1 above, -1 below, 0 on the page), and how many glyphs
  // the box's edge cuts through on each side.
  const beyond: number[] = [];
  const cut = { above: 0, below: 0 };
  // Rotated text, kept apart (PdfPage.stamp); `rotatedLast`: the glyph before was rotated.
  let stamp = "";
  let rotatedLast = false;
  const unsized = new UnsizedGlyphs();
  try {
    const call = directCalls(m);
    const n = Math.min(call.FPDFText_CountChars(text), limits.maxGlyphsPerPage);
    let lastObject = -1;
    let font = { name: "", bold: false, italic: false, visible: true, rotated: false, size: 0 };
    for (let i = 0; i < n; i++) {
      const code = call.FPDFText_GetUnicode(text, i);
      if (code === 0 || code === 0xfffe || code === 0xffff) continue;
      const char = code === 2 ? "-" : String.fromCodePoint(code);
      // Only spaces and line breaks are ever generated by the text layer: one call fewer per glyph.
      if (/\s/.test(char)) {
        if (rotatedLast && stamp.length < MAX_STAMP && !stamp.endsWith(" ")) stamp += " ";
        const generated = call.FPDFText_IsGenerated(text, i) === 1;
        glyphs.push(blankGlyph(char === "\n" || char === "\r" ? "\n" : " ", generated));
        beyond.push(0);
        continue;
      }
      const object = call.FPDFText_GetTextObject(text, i);
      if (object !== lastObject) {
        lastObject = object;
        font = fontOf(m, call, text, i, object, scratch);
      }
      rotatedLast = font.rotated;
      if (font.rotated && stamp.length < MAX_STAMP) stamp += char;
      if (!font.visible) continue;
      // The loose box spans the glyph's advance and the font's ascent and descent: gaps between loose boxes
      // are the spaces a reader sees (a tight box makes a gap after a narrow "1").
      if (!call.FPDFText_GetLooseCharBox(text, i, scratch)) continue;
      const left = call.float(scratch);
      const top = call.float(scratch + 4);
      const right = call.float(scratch + 8);
      const bottom = call.float(scratch + 12);
      const baseline = call.FPDFText_GetCharOrigin(text, i, scratch, scratch + 8)
        ? call.double(scratch + 8)
        : bottom;
      const size = font.size;
      if (size < MIN_FONT_SIZE) unsized.note(call, text, i, char, object, glyphs.length, baseline, scratch);
      if (top > height && bottom < height) cut.above++;
      if (bottom < 0 && top > 0) cut.below++;
      beyond.push(bottom > height ? 1 : top < 0 ? -1 : 0);
      glyphs.push({
        char,
        x0: left,
        x1: right,
        top: height - top,
        bottom: height - bottom,
        baseline: height - baseline,
        fontSize: size > 0 ? size : top - bottom,
        font: font.name,
        bold: font.bold,
        italic: font.italic,
        generated: false,
      });
    }
  } finally {
    m.FPDFText_ClosePage(text);
    m.FPDF_ClosePage(page);
  }
  unsized.size(glyphs);
  const words = glyphsToWords(onThePage(glyphs, beyond, cut, height), glyphIdFonts);
  const margin = stamp.trim();
  return margin
    ? { number: index + 1, width, height, words, stamp: margin }
    : { number: index + 1, width, height, words };
}

/** A font size below this (in points) is no size a page is read at: a bitmap font's that PDFium cannot scale. */
const MIN_FONT_SIZE = 1;
/** A font's ascenders (b, d, l) and capitals rise this share of its size above the baseline, about. */
const ASCENDER = 0.7;

/**
 * Glyphs of fonts whose size PDFium gives as nothing like a size: bitmap (Type 3) fonts of old TeX output, which
 * it reports at 0.1 point with boxes 120 points high (their font matrix unread), so that a title's line looked
 * like the smallest type on the page and ran into the byline. Their size is read from the page instead: per font,
 * the highest a letter or digit's tight box rises above its baseline, over an ascender's share of the size (of a
 * font of signs alone, its tallest sign's height); and their boxes from that size.
 */
class UnsizedGlyphs {
  private readonly fonts = new Map<number, { ascent: number; height: number; glyphs: number[] }>();

  /** The glyph about to be pushed at `index` of the page's glyphs, its tight box read. */
  note(
    call: DirectCalls,
    text: number,
    i: number,
    char: string,
    object: number,
    index: number,
    baseline: number,
    scratch: number,
  ): void {
    // Each bitmap font of a TeX page is a font of its own (a face at a size), all without a name.
    const key = object ? call.FPDFTextObj_GetFont(object) : 0;
    let f = this.fonts.get(key);
    if (!f) {
      f = { ascent: 0, height: 0, glyphs: [] };
      this.fonts.set(key, f);
    }
    f.glyphs.push(index);
    if (!call.FPDFText_GetCharBox(text, i, scratch, scratch + 8, scratch + 16, scratch + 24)) return;
    const top = call.double(scratch + 24);
    if (/[\p{L}\p{N}]/u.test(char)) f.ascent = Math.max(f.ascent, top - baseline);
    f.height = Math.max(f.height, top - call.double(scratch + 16));
  }

  /** The noted glyphs given their font's size read from the page, and boxes of that size on their baseline. */
  size(glyphs: Glyph[]): void {
    for (const { ascent, height, glyphs: indices } of this.fonts.values()) {
      // A font of signs alone (brackets, an equals sign): its tallest sign's height, a bracket's about an em.
      const size = Math.round((ascent > 0 ? ascent / ASCENDER : height) * 2) / 2;
      if (size <= 0) continue;
      for (const i of indices) {
        const g = glyphs[i];
        g.fontSize = size;
        g.top = g.baseline - 0.8 * size;
        g.bottom = g.baseline + 0.2 * size;
      }
    }
  }
}

/**
 * The glyphs that are the paper's text. Beyond the page's box stand printers' marks and slugs ("08_053966_Healy(ds)
 * 25/5/05 1:23 pm"), which are not; but where the box cuts through a line of text (a page cropped inside its
 * type area, or its text runs up to the edge), the lines beyond that edge are the paper's too, and are kept — to a
 * quarter of the page's height.
 */
function onThePage(
  glyphs: Glyph[],
  beyond: number[],
  cut: { above: number; below: number },
  height: number,
): Glyph[] {
  // The text on the page reaching to within a fiftieth of the edge says the same (a line just inside it).
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  glyphs.forEach((g, i) => {
    if (beyond[i] !== 0 || g.x1 <= g.x0) return;
    top = Math.min(top, g.top);
    bottom = Math.max(bottom, g.bottom);
  });
  const keepAbove = cut.above >= 3 || top <= height * 0.02;
  const keepBelow = cut.below >= 3 || bottom >= height * 0.98;
  const margin = height * 0.25;
  return glyphs.filter((g, i) => {
    if (beyond[i] === 0) return true;
    if (beyond[i] === 1) return keepAbove && g.top >= -margin;
    return keepBelow && g.bottom <= height + margin;
  });
}

function blankGlyph(char: string, generated: boolean): Glyph {
  return {
    char,
    x0: 0,
    x1: 0,
    top: 0,
    bottom: 0,
    baseline: 0,
    fontSize: 0,
    font: "",
    bold: false,
    italic: false,
    generated,
  };
}

function fontOf(
  m: WrappedPdfiumModule,
  call: DirectCalls,
  text: number,
  i: number,
  object: number,
  scratch: number,
) {
  // Rotated text is margin stamps (arXiv's identifier up the left edge) and figure labels, not the text.
  const upright = Math.abs(Math.sin(call.FPDFText_GetCharAngle(text, i))) < 0.1;
  const visible = upright && (!object || call.FPDFTextObj_GetTextRenderMode(object) !== RENDER_INVISIBLE);
  const length = call.FPDFText_GetFontInfo(text, i, scratch, 200, scratch + 248);
  const name = length > 0 && length <= 200 ? m.pdfium.UTF8ToString(scratch).replace(/^[A-Z]{6}\+/, "") : "";
  const flags = length > 0 ? call.int32(scratch + 248) : 0;
  const weight = call.FPDFText_GetFontWeight(text, i);
  const nominal = call.FPDFText_GetFontSize(text, i);
  let scale = 1;
  if (call.FPDFText_GetMatrix(text, i, scratch)) {
    const [a, b, c, d] = [0, 4, 8, 12].map((o) => call.float(scratch + o));
    const det = Math.sqrt(Math.abs(a * d - b * c));
    if (det > 0.01 && det < 1000) scale = det;
  }
  return {
    name,
    bold: BOLD_NAME.test(name) || (!NAMED_FACE.test(name) && weight >= 600),
    italic: (flags & FONT_ITALIC_FLAG) !== 0 || ITALIC_NAME.test(name),
    visible,
    rotated: !upright,
    // The nominal size times the scale of the text and page matrices: many producers set size 1 and scale.
    // One size a text object (PDFium starts a new object where the size changes).
    size: nominal * scale,
  };
}
