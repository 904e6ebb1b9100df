/**
 * Joining lines into running text. A hyphen at a line end is dropped when the next line goes on in lower
 * case ("distri-" + "butional" → "distributional") unless the document elsewhere writes the word with a
 * hyphen inside a line ("state-of-the-art"), which marks it as a real hyphen.
 */

/** Words written with an inner hyphen somewhere in the document, lower-cased. */
export function hyphenatedWords(lines: string[]): Set<string> {
  const set = new Set<string>();
  for (const line of lines)
    for (const m of line.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) {
      const end = (m.index ?? 0) + m[0].length;
      if (end < line.length) set.add(m[0].toLowerCase());
    }
  return set;
}

/** Appends `next` to `text`, across a line break. */
export function joinLine(text: string, next: string, keep: Set<string>): string {
  if (text === "") return next;
  // A line's end hyphen set apart by justified type reads as a line of its own ("Instru" "-" "ment"): it is
  // the hyphen at the end of the text.
  if (/^[-\u00AD]$/u.test(next) && /\p{L}$/u.test(text)) return `${text}-`;
  // Only the end of the text matters: looking at all of it would make joining a long document quadratic.
  const tail = text.slice(-200);
  const m = /(\p{L}+(?:-\p{L}+)*)-$/u.exec(tail);
  if (m && /^\p{Ll}/u.test(next)) {
    const goesOn = /^\p{L}+/u.exec(next)?.[0] ?? "";
    if (!keep.has(`${m[1]}-${goesOn}`.toLowerCase())) return text.slice(0, -1) + next;
    return text + next;
  }
  // "Franco-" + "Prussian", "12-" + "15": the hyphen is real and the word goes on.
  if (/[\p{L}\p{N}]-$/u.test(tail) && /^[\p{L}\p{N}]/u.test(next)) return text + next;
  return `${text} ${next}`;
}

export function joinLines(lines: string[], keep = hyphenatedWords(lines)): string {
  let text = "";
  for (const line of lines) text = joinLine(text, line.trim(), keep);
  return text;
}
