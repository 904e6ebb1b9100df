/**
 * LaTeX text ↔ Unicode, for BibTeX. Decoding reads accents (`\'{\i}`, `{\"o}`, `\c c`), letters (`\ss`, `\o`),
 * symbols (`\&`, `--`, `~`) and drops the braces that protect case (`{NASA}`), giving NFC text; math (`$x^2$`)
 * and commands it does not know (`\autocap{e}`) are kept as written, so nothing is lost. Formatting commands
 * (`\emph{x}`) are read as their text: the reader keeps the field's LaTeX where that loses something
 * (bibtex-fields.ts).
 *
 * Encoding writes what classic bibtex (8-bit) and biber both read: Latin accents and letters as LaTeX commands
 * in braces (`{\"o}`, `{\'\i}`, `{\ss}` — bibtex sorts and abbreviates names by them correctly, which it does
 * not with UTF-8 bytes), the specials escaped (`\&`, `\%`), and only characters LaTeX has no command for
 * (Greek, Cyrillic, CJK) as UTF-8, each run in braces so that bibtex treats it as one unit. LaTeX the decoder
 * kept (math, unknown commands, braces) is written back as it is.
 */
import {
  ACCENT_COMMANDS,
  ACCENTS,
  CHAR_COMMANDS,
  FORMATTING,
  QUOTING,
  SPACES,
  SYMBOL_CHARS,
} from "./latex-symbols.ts";

type Token =
  | { kind: "text"; text: string }
  | { kind: "command"; name: string; raw: string }
  | { kind: "group"; tokens: Token[]; raw: string }
  | { kind: "math"; raw: string };

/** Deepest brace nesting read as groups; deeper text is read as characters (hostile input). */
const MAX_DEPTH = 64;

function tokenize(s: string): Token[] {
  let i = 0;
  const parse = (depth: number): Token[] => {
    const out: Token[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    while (i < s.length) {
      const c = s[i];
      if (c === "}" && depth > 0) {
        flush();
        return out;
      }
      if (c === "{" && depth < MAX_DEPTH) {
        flush();
        const start = i++;
        const tokens = parse(depth + 1);
        if (s[i] === "}") i++;
        out.push({ kind: "group", tokens, raw: s.slice(start, i) });
      } else if (c === "\\" && i + 1 < s.length) {
        flush();
        const m = /^\\([a-zA-Z]+)\s*|^\\(.)/.exec(s.slice(i, i + 64));
        const raw = m?.[0] ?? "\\";
        out.push({ kind: "command", name: m?.[1] ?? m?.[2] ?? "", raw });
        i += raw.length;
      } else if (c === "$") {
        const end = s.indexOf("$", i + 1);
        if (end < 0) {
          text += c;
          i++;
        } else {
          flush();
          out.push({ kind: "math", raw: s.slice(i, end + 1) });
          i = end + 1;
        }
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const tokens: Token[] = [];
  while (i < s.length) {
    tokens.push(...parse(0));
    // A "}" with no "{" before it: kept as a character.
    if (i < s.length) tokens.push({ kind: "text", text: s[i++] });
  }
  return tokens;
}

/** The ligatures of LaTeX's text fonts. */
function ligatures(text: string): string {
  return text
    .replace(/---/g, "—")
    .replace(/--/g, "–")
    .replace(/``/g, "“")
    .replace(/''/g, "”")
    .replace(/`/g, "‘")
    .replace(/~/g, " ");
}

/** A combining accent on the first character of `arg` (a dotless i or j takes it as i or j). */
function accent(arg: string, mark: string): string {
  if (!arg) return Object.entries(ACCENTS).find(([, m]) => m === mark)?.[0] ?? "";
  const [first, ...rest] = [...arg];
  const base = first === "ı" ? "i" : first === "ȷ" ? "j" : first;
  return (base + mark).normalize("NFC") + rest.join("");
}

function render(tokens: Token[]): string {
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "text") out += ligatures(t.text);
    else if (t.kind === "group") out += render(t.tokens);
    else if (t.kind === "math") out += t.raw;
    else {
      const next = tokens[i + 1];
      const name = t.name;
      if (ACCENTS[name] !== undefined) {
        let arg = "";
        if (next?.kind === "group") {
          arg = render(next.tokens);
          i++;
        } else if (next?.kind === "text") {
          const chars = [...next.text];
          arg = chars[0];
          tokens[i + 1] = { kind: "text", text: chars.slice(1).join("") };
        } else if (next?.kind === "command" && SYMBOL_CHARS.has(next.name)) {
          arg = SYMBOL_CHARS.get(next.name)!;
          i++;
        }
        out += accent(arg, ACCENTS[name]);
      } else if (SYMBOL_CHARS.has(name)) {
        out += SYMBOL_CHARS.get(name);
        if (next?.kind === "group" && !next.tokens.length) i++;
      } else if ((FORMATTING.has(name) || QUOTING.has(name)) && next?.kind === "group") {
        const inner = render(next.tokens);
        out += QUOTING.has(name) ? `“${inner}”` : inner;
        i++;
      } else if (SPACES[name] !== undefined) out += SPACES[name];
      else {
        // Not ours to read: kept as written, with its arguments.
        out += t.raw;
        while (tokens[i + 1]?.kind === "group") out += (tokens[++i] as { raw: string }).raw;
      }
    }
  }
  return out;
}

/** LaTeX text (a BibTeX field's value) as Unicode NFC, whitespace collapsed. */
export function latexToUnicode(latex: string): string {
  return render(tokenize(latex)).replace(/\s+/g, " ").trim().normalize("NFC");
}

/**
 * Braces nest and close, as bibtex counts them (every brace, `\{` too): then they are LaTeX the decoder kept,
 * written back as they are; otherwise none is written as a brace.
 */
export function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** `$…$` that reads as math rather than two dollar signs: it holds TeX, or is one short token. */
function isMath(inner: string): boolean {
  return /[\\^_{}]/.test(inner) || /^[A-Za-z]\w{0,3}$/.test(inner);
}

/** One character outside math as LaTeX. */
function encodeChar(c: string): string {
  switch (c) {
    case "&":
    case "%":
    case "#":
    case "_":
    case "$":
      return `\\${c}`;
    case "~":
      return "\\textasciitilde{}";
    case "^":
      return "\\textasciicircum{}";
    case "\u00a0":
      return "~";
    case "–":
      return "--";
    case "—":
      return "---";
    case "“":
      return "``";
    case "”":
      return "''";
    case "‘":
      return "`";
    case "’":
      return "'";
  }
  if (c.charCodeAt(0) < 0x80) return c;
  const command = CHAR_COMMANDS.get(c);
  if (command) return /^[a-zA-Z]+$/.test(command) ? `{\\${command}}` : `\\${command}`;
  const [base, ...marks] = [...c.normalize("NFD")];
  if (!/^[a-zA-Z]$/.test(base) || !marks.length || !marks.every((m) => ACCENT_COMMANDS.has(m))) return "";
  // Accents above an i or j sit on the dotless letter.
  let out = (base === "i" || base === "j") && marks.some((m) => m < "\u0316") ? `\\${base}` : base;
  for (const m of marks) {
    const cmd = ACCENT_COMMANDS.get(m)!;
    out = /^[a-zA-Z]$/.test(cmd) ? `\\${cmd}{${out}}` : `\\${cmd}${out.length > 1 ? `{${out}}` : out}`;
  }
  return `{${out}}`;
}

/** Unicode text as BibTeX field text. `protectCase`: words with capitals inside (NASA, LaTeX) in braces. */
export function unicodeToLatex(text: string, options: { protectCase?: boolean } = {}): string {
  const s = text.normalize("NFC");
  const keepBraces = balanced(s);
  let out = "";
  let foreign = "";
  const flush = () => {
    if (foreign) out += `{${foreign}}`;
    foreign = "";
  };
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\") {
      flush();
      const m = /^\\(?:[a-zA-Z]+|[\\$&%#_ ,;:!\-@/'`"^~=.]|[{}])/.exec(chars.slice(i, i + 64).join(""));
      if (m && (keepBraces || !/[{}]/.test(m[0]))) {
        out += m[0];
        i += m[0].length - 1;
      } else out += "\\textbackslash{}";
    } else if (c === "{" || c === "}") {
      flush();
      out += keepBraces ? c : c === "{" ? "\\textbraceleft{}" : "\\textbraceright{}";
    } else if (c === "$") {
      flush();
      const end = chars.indexOf("$", i + 1);
      const inner = end > 0 ? chars.slice(i + 1, end).join("") : "";
      if (end > 0 && isMath(inner) && balanced(inner)) {
        out += `$${inner}$`;
        i = end;
      } else out += "\\$";
    } else {
      const e = encodeChar(c);
      if (e) {
        flush();
        out += e;
      } else foreign += c;
    }
  }
  flush();
  if (!options.protectCase || s.includes("$")) return out;
  return protectWords(s, out);
}

/**
 * Braces around each word of `latex` whose Unicode spelling has a capital after its first letter, so that a
 * style's title casing leaves NASA and LaTeX alone. Done word by word on both spellings, which split alike.
 */
function protectWords(unicode: string, latex: string): string {
  const words = unicode.split(" ");
  const encoded = latex.split(" ");
  if (words.length !== encoded.length) return latex;
  return encoded
    .map((w, i) => {
      const letters = words[i].replace(/[^\p{L}]/gu, "");
      return /\p{Lu}/u.test(letters.slice(1)) && !/[\\{}$]/.test(words[i]) ? `{${w}}` : w;
    })
    .join(" ");
}
