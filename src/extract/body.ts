/**
 * The running text of a document's zones (body, headings, footnotes…): lines joined with dehyphenation,
 * blocks on lines of their own, and the ranges of superscript runs kept (citation marks in many styles).
 */
import { hyphenatedWords, joinLine } from "../layout/dehyphenate.ts";
import type { Line } from "../layout/types.ts";
import type { BodyText } from "./contexts/contexts.ts";

/** Full text kept per document at most (characters); the rest is not searchable. */
export const MAX_BODY_CHARS = 2_000_000;

export function bodyText(lines: Line[], keep = hyphenatedWords(lines.map((l) => l.text))): BodyText {
  // Blocks are joined apart: joining looks at the end of the text, which must stay short (a flat string).
  const blocks: string[] = [];
  let done = 0;
  let block = "";
  const superscripts: BodyText["superscripts"] = [];
  for (const line of lines) {
    if (done + block.length >= MAX_BODY_CHARS) break;
    const next = line.text.trim();
    if (!next) continue;
    const lead = line.text.length - line.text.trimStart().length;
    if (line.blockStart && block !== "") {
      blocks.push(block);
      done += block.length + 1;
      block = "";
    }
    block = joinLine(block, next, keep);
    const offset = done + block.length - next.length - lead;
    for (const w of line.words) {
      if (!w.superscript) continue;
      const start = offset + w.start;
      const last = superscripts[superscripts.length - 1];
      if (last && start - last.end <= 1) last.end = start + w.text.length;
      else superscripts.push({ start, end: start + w.text.length });
    }
  }
  if (block) blocks.push(block);
  return { text: blocks.join("\n").slice(0, MAX_BODY_CHARS), superscripts };
}
