/**
 * One BibTeX entry's text read into its parts: type, key, and its fields in order, each value as LaTeX with
 * `#` concatenation done and @string macros expanded (month macros `jan`…`dec` stay as their names: bibtex and
 * biber each give them their own meaning). Values are whitespace-collapsed LaTeX, decoded later by field.
 */
import { MONTHS } from "./csl-dates.ts";
import { RecordFormatError } from "./record.ts";

export interface BibtexEntry {
  /** Lower-cased, as bibtex compares types. */
  type: string;
  key: string;
  /** Lower-cased field names with their values, in the entry's order; a repeated field keeps its first value. */
  fields: [name: string, value: string][];
}

/** BibTeX's predefined month macros ("jan" … "dec"). */
export const MONTH_MACROS: readonly string[] = MONTHS;

/** @string macros by lower-cased name. */
export type Macros = Map<string, string>;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  peek(): string {
    this.space();
    return this.s[this.i] ?? "";
  }
  fail(what: string): never {
    const at = this.s.slice(this.i, this.i + 20).replace(/\s+/g, " ");
    throw new RecordFormatError(
      `not valid BibTeX: ${what}${at ? ` at "${at}"` : " at the end of the entry"}`,
    );
  }
  /** A name: a field, a macro, a type. */
  name(): string {
    this.space();
    const m = /^[^\s"#%'(),={}]+/.exec(this.s.slice(this.i, this.i + 200));
    if (!m) this.fail("expected a name");
    this.i += m[0].length;
    return m[0];
  }
  /** `{…}` or `"…"`, balanced, without its delimiters. */
  delimited(): string {
    const open = this.s[this.i];
    const start = ++this.i;
    let depth = 0;
    for (; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === "\\") this.i++;
      else if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0 && open === "{") return this.s.slice(start, this.i++);
        depth--;
        if (depth < 0) this.fail("unbalanced braces in a value");
      } else if (c === '"' && open === '"' && depth === 0) return this.s.slice(start, this.i++);
    }
    this.i = start - 1;
    return this.fail(`value not closed (${open === "{" ? "missing }" : 'missing "'})`);
  }
  value(macros: Macros): string {
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === "{" || c === '"') out += this.delimited();
      else if (/[0-9]/.test(c)) out += this.name();
      else if (c && !/[,})=#]/.test(c)) {
        const name = this.name().toLowerCase();
        out += macros.get(name) ?? (MONTH_MACROS.includes(name) ? name : "");
      } else this.fail("expected a value");
      if (this.peek() !== "#") return out;
      this.i++;
    }
  }
}

/** The text of `@type{key, field = value, …}` (or with parentheses) read into an entry. */
export function parseBibtexEntry(text: string, macros: Macros): BibtexEntry {
  const c = new Cursor(text);
  if (c.peek() !== "@") c.fail('expected "@"');
  c.i++;
  const type = c.name().toLowerCase();
  const open = c.peek();
  if (open !== "{" && open !== "(") c.fail('expected "{" after the entry type');
  c.i++;
  const close = open === "{" ? "}" : ")";
  c.space();
  const key = /^[^\s,{}()"]*/.exec(text.slice(c.i, c.i + 1000))?.[0] ?? "";
  c.i += key.length;
  const fields: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    const next = c.peek();
    if (next === close) break;
    if (next !== ",") c.fail(`expected "," or "${close}"`);
    c.i++;
    if (c.peek() === close) break;
    const name = c.name().toLowerCase();
    if (c.peek() !== "=") c.fail(`expected "=" after field "${name}"`);
    c.i++;
    const value = c.value(macros).replace(/\s+/g, " ").trim();
    if (!seen.has(name)) fields.push([name, value]);
    seen.add(name);
  }
  return { type, key, fields };
}

/** An @string entry's macro, added to `macros` (a later definition replaces an earlier one, as in bibtex). */
export function addMacro(text: string, macros: Macros): void {
  const c = new Cursor(text);
  c.i = text.search(/[{(]/) + 1;
  if (c.i <= 0) c.fail('expected "{" after @string');
  const name = c.name().toLowerCase();
  if (c.peek() !== "=") c.fail(`expected "=" after macro "${name}"`);
  c.i++;
  macros.set(name, c.value(macros).replace(/\s+/g, " ").trim());
}
