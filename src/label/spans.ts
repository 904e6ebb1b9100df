/** Gold spans to per-token labels, and back: how tagged text becomes a training sequence. */

export interface Span<L extends string> {
  label: L;
  start: number;
  end: number;
}

/** Each token (given by its start offset) takes the label of the span it starts in, else `outside`. */
export function labelsFromSpans<L extends string>(spans: Span<L>[], starts: number[], outside: L): L[] {
  let i = 0;
  return starts.map((s) => {
    while (i < spans.length && spans[i].end <= s) i++;
    const span = spans[i];
    return span && span.start <= s && s < span.end ? span.label : outside;
  });
}
