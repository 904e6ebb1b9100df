/**
 * BibTeX and BibLaTeX files. The file is split into entries as it streams in (brace counting, with the line
 * each entry starts on); each entry is then parsed on its own (bibtex-entry.ts) and mapped to CSL-JSON through
 * the two-way table (bibtex-record.ts), so one broken entry costs only itself. @string macros are remembered and
 * expanded in every later entry.
 */
import { addMacro, type BibtexEntry, type Macros, parseBibtexEntry } from "./bibtex-entry.ts";
import { entryToCsl } from "./bibtex-record.ts";
import { readChunks } from "./lines.ts";
import { type ReadItem, RecordFormatError, recordError, recordId, toCslItem } from "./record.ts";

/** Largest entry read; a larger one is reported as malformed instead of parsed. */
const MAX_ENTRY = 1_000_000;

export interface BibtexEntryText {
  /** Lower-cased entry type: "article", "string", "comment"… */
  type: string;
  text: string;
  line: number;
  /** Set when the entry could not be delimited (unbalanced braces, too long). */
  problem?: string;
  /** The problem is the entry's size: it streamed past unkept. */
  tooLarge?: true;
}

/** Splits BibTeX text into entries. Text outside entries is a comment, as BibTeX itself treats it. */
export async function* bibtexEntries(chunks: AsyncIterable<string>): AsyncGenerator<BibtexEntryText> {
  let line = 1;
  let state: "outside" | "type" | "body" = "outside";
  let type = "";
  let depth = 0;
  let close = "}";
  let startLine = 0;
  let buf: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    let from = state === "outside" ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === "\n") line++;
      if (state === "outside") {
        if (c === "@") {
          state = "type";
          type = "";
          from = i;
          startLine = line;
        }
      } else if (state === "type") {
        if (c === "{" || c === "(") {
          state = "body";
          depth = 1;
          close = c === "{" ? "}" : ")";
          type = type.trim().toLowerCase();
        } else if (c === "@" || type.length > 40) {
          // Not an entry after all ("@" in a comment): start again here.
          type = "";
          from = i;
          startLine = line;
        } else type += c;
      } else {
        if (c === "{") depth++;
        else if (c === "}") depth--;
        else if (c === ")" && close === ")" && depth === 1) depth = 0;
        if (depth === 0) {
          buf.push(chunk.slice(from, i + 1));
          const text = buf.join("");
          buf = [];
          size = 0;
          state = "outside";
          from = -1;
          yield { type, text, line: startLine };
        } else if (
          c === "@" &&
          atLineStart(chunk, i) &&
          /^@\s*[a-zA-Z]+\s*[{(]/.test(chunk.slice(i, i + 60))
        ) {
          // "@type{" at the start of a line inside an entry: the entry before it was never closed.
          buf.push(chunk.slice(from, i));
          yield {
            type,
            text: buf.join(""),
            line: startLine,
            problem: "entry is not closed (unbalanced braces)",
          };
          buf = [];
          size = 0;
          state = "type";
          type = "";
          from = i;
          startLine = line;
        }
      }
    }
    if (state !== "outside" && from >= 0) {
      buf.push(chunk.slice(from));
      size += chunk.length - from;
      if (size > MAX_ENTRY) {
        yield {
          type,
          text: "",
          line: startLine,
          problem: `entry is longer than ${MAX_ENTRY} characters`,
          tooLarge: true,
        };
        buf = [];
        size = 0;
        state = "outside";
      }
    }
  }
  if (state !== "outside") {
    yield {
      type,
      text: buf.join(""),
      line: startLine,
      problem: "entry is not closed at the end of the file",
    };
  }
}

/** Most references one entry may list. */
const MAX_ENTRY_REFERENCES = 5000;

/**
 * The printed references an entry lists in a `cited-references` or `references` field (as Web of Science
 * exports them), one a line; the reference parser splits them into fields at import.
 */
export function bibtexReferences(entry: string): string[] {
  const m = /[,{\s](?:cited-references|references)\s*=\s*([{"])/i.exec(entry);
  if (!m) return [];
  const open = m[1];
  let depth = 0;
  let value = "";
  for (let i = m.index + m[0].length - 1; i < entry.length; i++) {
    const c = entry[i];
    if (open === '"' && c === '"' && i > m.index + m[0].length - 1 && depth === 0) break;
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0 && open === "{") break;
    value += c;
  }
  return value
    .slice(1)
    .split(/\r?\n|\\par\b/)
    .map((l) => l.replace(/[{}]/g, "").replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 3)
    .slice(0, MAX_ENTRY_REFERENCES);
}

function atLineStart(chunk: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    if (chunk[j] === "\n") return true;
    if (chunk[j] !== " " && chunk[j] !== "\t" && chunk[j] !== "\r") return false;
  }
  return i === 0;
}

/** The entries of a whole BibTeX text, with its @string macros expanded; entries that do not parse are left out. */
export async function parseBibtexText(text: string): Promise<BibtexEntry[]> {
  const macros: Macros = new Map();
  const out: BibtexEntry[] = [];
  for await (const entry of bibtexEntries(
    (async function* () {
      yield text;
    })(),
  )) {
    try {
      if (entry.type === "string") addMacro(entry.text, macros);
      else if (entry.type !== "comment" && entry.type !== "preamble" && !entry.problem)
        out.push(parseBibtexEntry(entry.text, macros));
    } catch (e) {
      if (!(e instanceof RecordFormatError)) throw e;
    }
  }
  return out;
}

/** Entry types that hold no record of their own: a set only names its members, xdata only lends fields. */
const NOT_RECORDS = new Set(["set", "xdata"]);

export async function* readBibtex(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  const macros: Macros = new Map();
  for await (const entry of bibtexEntries(readChunks(file))) {
    if (entry.type === "comment" || entry.type === "preamble") continue;
    if (entry.type === "string") {
      // A broken macro costs only itself: entries using it get it empty, as bibtex gives them.
      if (!entry.problem) {
        try {
          addMacro(entry.text, macros);
        } catch (e) {
          if (!(e instanceof RecordFormatError)) throw e;
        }
      }
      continue;
    }
    record++;
    const location = { file, line: entry.line, record };
    try {
      if (entry.problem) throw new RecordFormatError(entry.problem, entry.tooLarge ? "too-large" : "syntax");
      const parsed = parseBibtexEntry(entry.text, macros);
      if (NOT_RECORDS.has(parsed.type))
        throw new RecordFormatError(
          `@${parsed.type}{${parsed.key}} is not a work: it ${parsed.type === "set" ? "groups other entries" : "lends fields to other entries"}`,
          "invalid-field",
        );
      const item = toCslItem(entryToCsl(parsed));
      const references = bibtexReferences(entry.text).map((r) => ({ raw: r }));
      yield { record: { id: recordId(parsed.key), item, references, location } };
    } catch (e) {
      yield recordError(e, location);
    }
  }
}
