/** Builds a TaggedHeader from labelled pieces read in order; "\n" pieces are line breaks. */
import type { HeaderLabel, HeaderSpan, TaggedHeader } from "../labels.ts";

export class HeaderBuilder {
  private text = "";
  private spans: HeaderSpan[] = [];

  add(piece: string, label: HeaderLabel): void {
    // Spaces collapse; line breaks are kept (they are features), never two in a row.
    let t = piece.replace(/[^\S\n]+/g, " ").replace(/ *\n[\s]*/g, "\n");
    if (this.text === "" || /[ \n]$/.test(this.text)) t = t.replace(/^[ \n]+/, "");
    if (/\n$/.test(this.text) && t.startsWith("\n")) t = t.slice(1);
    if (!t) return;
    const start = this.text.length;
    this.text += t;
    if (label === "other") return;
    const last = this.spans[this.spans.length - 1];
    if (last && last.label === label && last.end >= start - 1) last.end = this.text.length;
    else this.spans.push({ label, start, end: this.text.length });
  }

  lineBreak(): void {
    if (this.text !== "" && !this.text.endsWith("\n")) this.text = this.text.replace(/ $/, "") + "\n";
  }

  build(source: string): TaggedHeader | undefined {
    const text = this.text.trimEnd();
    if (!text) return undefined;
    const spans = this.spans
      .map((s) => {
        let { start, end } = s;
        end = Math.min(end, text.length);
        while (start < end && /\s/.test(text[start])) start++;
        while (end > start && /\s/.test(text[end - 1])) end--;
        return { label: s.label, start, end };
      })
      .filter((s) => s.end > s.start);
    return { text, spans, source };
  }
}
