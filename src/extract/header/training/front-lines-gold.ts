/**
 * Our hand-labelled front lines (eval/header-lines/*.json): for each shared PDF, the lines of its cover page and
 * first page as our layout read them on 2026-12-01, each with its label, corrected by hand from the rules'
 * proposals (how, in each file's `_labelled`). A paper is used only while the layout still reads the same lines:
 * labels are aligned by the lines' texts, so a change of layout that alters a paper's lines leaves it out (and
 * says so) instead of shifting its labels.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { layoutDocument } from "../../../layout/layout.ts";
import type { LaidOutDocument } from "../../../layout/types.ts";
import { PdfiumReader } from "../../../pdf/pdfium.ts";
import { segmentDocument, type Zone } from "../../segmentation/segment.ts";
import { type FrontLineLabel, type FrontLines, frontLines } from "../front-lines.ts";

export interface LabelledFrontLines {
  split: "dev" | "test";
  lines: { text: string; label: FrontLineLabel }[];
}

/** Every labelled paper, keyed by its path under pdfs/; papers a labeller left unchecked are left out. */
export function readFrontLineGold(dir: string): Map<string, LabelledFrontLines> {
  const out = new Map<string, LabelledFrontLines>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>;
    const unchecked = new Set((file._labelled as { unchecked?: string[] } | undefined)?.unchecked ?? []);
    for (const [path, paper] of Object.entries(file))
      if (!path.startsWith("_") && !unchecked.has(path)) out.set(path, paper as LabelledFrontLines);
  }
  return out;
}

/** The gold labels of a paper's lines as read now, or undefined when the layout reads other lines. */
export function alignFrontLines(texts: string[], gold: LabelledFrontLines): FrontLineLabel[] | undefined {
  if (texts.length !== gold.lines.length || texts.some((t, i) => t !== gold.lines[i].text)) return undefined;
  return gold.lines.map((l) => l.label);
}

/** A labelled paper as our layout reads it now: the document, its zones, its front lines and their gold labels. */
export interface LabelledPaper {
  path: string;
  bytes: Uint8Array;
  split: "dev" | "test";
  doc: LaidOutDocument;
  zones: Zone[];
  front: FrontLines;
  labels: FrontLineLabel[];
}

/**
 * Every labelled paper of the shared PDFs (`pdfs`: ../shared/datasets/pdfs) read through PDFium, layout and the
 * segmenter, in path order; a paper whose lines the layout no longer reads as labelled is reported on stderr
 * and left out.
 */
export async function* readLabelledPapers(pdfs: string, goldDir: string): AsyncGenerator<LabelledPaper> {
  const reader = new PdfiumReader();
  for (const [path, gold] of [...readFrontLineGold(goldDir)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const bytes = new Uint8Array(readFileSync(join(pdfs, path)));
    const doc = layoutDocument(await reader.read(bytes));
    const zones = segmentDocument(doc).zones;
    const front = frontLines(doc, zones);
    const labels = alignFrontLines(
      front.facts.map((f) => f.text),
      gold,
    );
    if (!labels) console.error(`${path}: the layout reads other lines than were labelled; left out`);
    else yield { path, bytes, split: gold.split, doc, zones, front, labels };
  }
}
