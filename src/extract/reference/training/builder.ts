/**
 * Builds a TaggedReference from pieces of text read in order, each with its label: whitespace collapsed to
 * single spaces and trimmed, offsets kept exact for the result.
 */
import type { LabelledSpan, ReferenceLabel, TaggedReference } from "../labels.ts";

export class ReferenceBuilder {
  private text = "";
  private spans: LabelledSpan[] = [];

  add(piece: string, label: ReferenceLabel): void {
    let t = piece.replace(/\s+/g, " ");
    if ((this.text === "" || this.text.endsWith(" ")) && t.startsWith(" ")) t = t.slice(1);
    if (!t) return;
    const start = this.text.length;
    this.text += t;
    if (label === "other") return;
    const last = this.spans[this.spans.length - 1];
    // Two pieces of one field in a row (split by a line break or an inline tag) are one span.
    if (last && last.label === label && last.end === start) last.end = this.text.length;
    else this.spans.push({ label, start, end: this.text.length });
  }

  build(source: string): TaggedReference | undefined {
    const end = this.text.trimEnd().length;
    if (end === 0) return undefined;
    const spans = this.spans
      .map((s) => ({ ...s, end: Math.min(s.end, end) }))
      .map((s) => {
        // Spans hold no outer spaces: the field is what is printed.
        let { start, end: e } = s;
        while (start < e && this.text[start] === " ") start++;
        while (e > start && this.text[e - 1] === " ") e--;
        return { label: s.label, start, end: e };
      })
      .filter((s) => s.end > s.start);
    return { text: this.text.slice(0, end), spans, source };
  }
}
