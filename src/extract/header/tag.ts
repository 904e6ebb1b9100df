/** Labels a header's text with the header model: spans of fields, each with the model's confidence. */
import type { Tagger } from "../../label/tagger.ts";
import type { Line } from "../../layout/types.ts";
import { featurizeHeader } from "./features.ts";
import type { HeaderLabel, HeaderSpan } from "./labels.ts";

export interface TaggedSpan extends HeaderSpan {
  text: string;
  confidence: number;
}

/** Where each line starts in the header's text: its lines' trimmed texts joined by "\n". */
export function lineStarts(lines: Line[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.text.trim().length + 1;
  }
  return starts;
}

/** How many characters of [from, to) a span covers. */
export function overlap(span: { start: number; end: number }, from: number, to: number): number {
  return Math.max(0, Math.min(span.end, to) - Math.max(span.start, from));
}

/** Runs of tokens with one label become spans; a line break inside a run is kept as a space. */
export function tagHeader(text: string, tagger: Tagger): TaggedSpan[] {
  const { tokens, features } = featurizeHeader(text);
  const { labels, confidence } = tagger.tag(features);
  const spans: TaggedSpan[] = [];
  let open: { label: HeaderLabel; start: number; end: number; conf: number[] } | undefined;
  const close = () => {
    if (open && open.label !== "other") {
      spans.push({
        label: open.label,
        start: open.start,
        end: open.end,
        text: text.slice(open.start, open.end).replace(/\s*\n\s*/g, " "),
        confidence: open.conf.reduce((a, b) => a + b, 0) / open.conf.length,
      });
    }
    open = undefined;
  };
  tokens.forEach((tok, i) => {
    const label = labels[i] as HeaderLabel;
    if (!open || open.label !== label) {
      close();
      open = { label, start: tok.start, end: tok.end, conf: [] };
    }
    open.end = tok.end;
    open.conf.push(confidence[i]);
  });
  close();
  return spans;
}
