/** Lines and blocks of a document in reading order: what every extract stage reads. */
import type { PdfWord, TextBox } from "../pdf/types.ts";

export interface LayoutWord extends PdfWord {
  /** Raised and smaller than its line: a citation marker or footnote mark in many styles. */
  superscript: boolean;
  /** Where the word starts in its line's text. */
  start: number;
}

export interface Line extends TextBox {
  /** 1-based page number. */
  page: number;
  words: LayoutWord[];
  /** The words joined with the spaces the page shows. */
  text: string;
  /** (Box: the font size most of the line's characters have; bold and italic when most are.) */
  /** The column the line stands in, 0 the leftmost (or only) one; -1 spanning the columns of a page in columns. */
  column: number;
  /** The line starts a block (a paragraph, heading or list item set apart by space or font). */
  blockStart: boolean;
  /** Running header or footer, page number: set aside from the text. */
  furniture: boolean;
}

export interface PageGeometry {
  number: number;
  width: number;
  height: number;
  /** Columns of its widest column zone (1: none). */
  columns: number;
}

export interface FontStats {
  /** The size most characters of the document have: body text. */
  bodySize: number;
  /** The largest size on the first pages, for titles. */
  largestSize: number;
}

export interface LaidOutDocument {
  pages: PageGeometry[];
  /** Every line in reading order, furniture included (flagged). */
  lines: Line[];
  fonts: FontStats;
}
